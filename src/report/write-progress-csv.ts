import { stringify } from 'csv-stringify/sync';
import { extraHeadings, type ProgressReport } from '../domain/progress-report.js';
import { deadlineCellText, neutraliseCell, PROGRESS_HEADINGS, updateCellText } from './report-style.js';
import { dateInWords } from '../domain/in-words.js';

/**
 * The progress table as CSV the plan importer reads back. Each action's
 * number starts its ACTION cell, as in the plans, rather than standing in a
 * column of its own: Excel opens a lone "3.10" as the number 3.1, which is
 * another action. Abbreviations come first, because the importer takes the
 * plan's title from the lines just above the header row. UTF-8 with a byte
 * order mark, so Excel shows "–" and "’" as they are.
 */
export function writeProgressCsv(report: ProgressReport): Uint8Array {
  const records: string[][] = [];
  if (report.roles.length > 0) {
    records.push(['Abbreviations']);
    for (const role of [...report.roles].sort((a, b) => a.key.localeCompare(b.key))) records.push([`${role.name} (${role.key})`]);
    records.push([]);
  }
  // The plan's extra columns follow the six, under their own headings, so a re-import keeps them.
  const extras = extraHeadings(report);
  records.push([report.title], [`Progress as at ${dateInWords(report.asAt)}`], [...PROGRESS_HEADINGS, ...extras]);
  for (const priority of report.priorities) {
    records.push([`${priority.number}. ${priority.title}`.trim()]);
    if (priority.corporatePriority) records.push([`Corporate priority – ${priority.corporatePriority}`]);
    for (const row of priority.actions) {
      records.push([
        `${row.ref} ${row.action}${row.cspAction ? '\n*CSP action' : ''}`,
        row.measure,
        row.outcome,
        row.resources,
        deadlineCellText(row),
        updateCellText(row.status, row.update),
        ...extras.map((heading) => row.extra?.[heading] ?? ''),
      ]);
    }
  }
  const text = stringify(records.map((record) => record.map(neutraliseCell)), {
    bom: true,
    record_delimiter: 'windows',
    // csv-stringify quotes only cells holding the record delimiter; a lone line feed inside a cell needs quotes too.
    quoted_match: /[\r\n]/,
  });
  return new TextEncoder().encode(text);
}
