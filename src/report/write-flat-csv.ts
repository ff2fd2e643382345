import { stringify } from 'csv-stringify/sync';
import { extraHeadings, type ProgressReport } from '../domain/progress-report.js';
import { STATUS_LABELS } from '../domain/status.js';
import { neutraliseCell } from './report-style.js';

const HEADINGS = ['Ref', 'Priority', 'Action', 'Lead', 'Deadline', 'Deadline as written', 'Status', 'Last update', 'Update', 'CSP action'];

/**
 * One row per action, for filtering, pivoting and loading elsewhere (the
 * committee layout is `writeProgressCsv`): no title lines or priority rows,
 * dates as ISO (YYYY-MM-DD, which Excel and every data tool read as dates),
 * the status as its word, and the plan's extra columns after the ten.
 * UTF-8 with a byte order mark, so Excel shows "–" and "’" as they are.
 */
export function writeFlatCsv(report: ProgressReport): Uint8Array {
  const extras = extraHeadings(report);
  const records: string[][] = [[...HEADINGS, ...extras]];
  for (const priority of report.priorities) {
    for (const row of priority.actions) {
      records.push([
        row.ref,
        `${priority.number}. ${priority.title}`.trim(),
        row.action,
        row.lead ?? '',
        row.deadline ?? '',
        row.deadlineText,
        STATUS_LABELS[row.status].word,
        row.lastUpdated ?? '',
        row.update,
        row.cspAction ? 'yes' : '',
        ...extras.map((heading) => row.extra?.[heading] ?? ''),
      ]);
    }
  }
  const text = stringify(records.map((record) => record.map(neutraliseCell)), { bom: true, record_delimiter: 'windows', quoted_match: /[\r\n]/ });
  return new TextEncoder().encode(text);
}
