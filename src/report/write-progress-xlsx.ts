import ExcelJS from 'exceljs';
import { format as formatNumber } from 'numfmt';
import { extraHeadings, type ProgressReport, type ProgressRow } from '../domain/progress-report.js';
import { STATUS_LABELS, StatusSchema } from '../domain/status.js';
import { deadlineCellText, neutraliseCell, PROGRESS_HEADINGS, STATUS_FILLS, STATUS_WORDS, statusLabel, updateCellText, type ProgressHeading } from './report-style.js';
import { dateInWords } from '../domain/in-words.js';

/** Column widths in Excel's units (characters of the default font). */
const WIDTHS: Record<ProgressHeading, number> = { ACTION: 45, 'MEASURE OF SUCCESS': 35, 'PLANNED OUTCOME': 30, 'RESOURCES/PARTNERS': 28, DEADLINE: 14, 'ACTION UPDATE/RAG': 50 };
const COLUMNS: ReadonlyArray<{ heading: string; width: number }> = [
  { heading: 'REF', width: 6 },
  ...PROGRESS_HEADINGS.map((heading) => ({ heading, width: WIDTHS[heading] })),
];
const UPDATE_COLUMN = COLUMNS.length;
const DEADLINE_COLUMN = COLUMNS.findIndex((c) => c.heading === 'DEADLINE') + 1;
const EXTRA_WIDTH = 25;
/** Characters of 11 pt Calibri prose per unit of column width, and points per line: for estimating row heights. */
const CHARS_PER_WIDTH = 1.1;
const LINE_HEIGHT = 15;
const HEADER_FILL = '1F3864';
const PRIORITY_FILL = 'E7E6E6';

/**
 * The progress table as a workbook the plan importer reads back: title and
 * date above one header row, priority rows across the table, the status
 * word starting each update cell. The status symbol is the update cell's
 * number format, so it shows beside the word without being part of the
 * value. The status key and abbreviations are on a sheet of their own.
 */
export async function writeProgressXlsx(report: ProgressReport): Promise<Uint8Array> {
  const book = new ExcelJS.Workbook();
  book.creator = 'Partnership Actions';
  book.title = report.title;
  const sheet = book.addWorksheet('Progress', {
    pageSetup: { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0, printTitlesRow: '3:3' },
    views: [{ state: 'frozen', ySplit: 3 }],
  });
  // The plan's extra columns follow the seven, under their own headings, so a re-import keeps them.
  const extras = extraHeadings(report);
  sheet.columns = [...COLUMNS.map((c) => ({ width: c.width })), ...extras.map(() => ({ width: EXTRA_WIDTH }))];
  book.views = [{ activeTab: 0, firstSheet: 0, visibility: 'visible', x: 0, y: 0, width: 20000, height: 12000 }];

  sheet.addRow([neutraliseCell(report.title)]).font = { bold: true, size: 14 };
  sheet.addRow([`Progress as at ${dateInWords(report.asAt)}`]);
  const header = sheet.addRow([...COLUMNS.map((c) => c.heading), ...extras.map(neutraliseCell)]);
  header.eachCell((cell) => {
    cell.font = { bold: true, color: { argb: 'FFFFFFFF' } };
    cell.fill = solid(HEADER_FILL);
    cell.alignment = { vertical: 'top', wrapText: true };
  });

  for (const priority of report.priorities) {
    fullWidthRow(sheet, `${priority.number}. ${priority.title}`.trim(), true);
    if (priority.corporatePriority) fullWidthRow(sheet, `Corporate priority – ${priority.corporatePriority}`, false);
    for (const row of priority.actions) actionRow(sheet, row, extras);
  }
  keySheet(book, report);

  return new Uint8Array(await book.xlsx.writeBuffer());
}

/**
 * The key is the last tab, so the workbook opens on the table; the importer
 * starts afresh at each sheet, so its lines are not read as more of the last
 * action. "Full Name (ABBR)" is how the importer learns a role, so a
 * re-imported table keeps its leads.
 */
function keySheet(book: ExcelJS.Workbook, report: ProgressReport): void {
  const key = book.addWorksheet('Key', { pageSetup: { paperSize: 9, orientation: 'portrait' } });
  key.columns = [{ width: 70 }];
  key.addRow(['Status key']).font = { bold: true };
  for (const status of StatusSchema.options) {
    // A plan leaves the update cell empty for an action not reported on, and the importer reads it so.
    const label = STATUS_WORDS[status] === '' ? `${statusLabel(status)}: update cell left blank` : statusLabel(status);
    const cell = key.addRow([label]).getCell(1);
    const fill = STATUS_FILLS[status];
    if (fill) cell.fill = solid(fill);
  }
  if (report.roles.length === 0) return;
  key.addRow([]);
  key.addRow(['Abbreviations']).font = { bold: true };
  for (const role of [...report.roles].sort((a, b) => a.key.localeCompare(b.key))) key.addRow([neutraliseCell(`${role.name} (${role.key})`)]);
}

function fullWidthRow(sheet: ExcelJS.Worksheet, text: string, bold: boolean): void {
  const row = sheet.addRow([neutraliseCell(text)]);
  sheet.mergeCells(row.number, 1, row.number, COLUMNS.length);
  const cell = row.getCell(1);
  cell.font = { bold };
  cell.fill = solid(PRIORITY_FILL);
  cell.alignment = { vertical: 'top', wrapText: true };
}

function actionRow(sheet: ExcelJS.Worksheet, row: ProgressRow, extras: readonly string[]): void {
  const action = row.cspAction ? `${row.action}\n*CSP action` : row.action;
  const values = [
    row.ref, action, row.measure, row.outcome, row.resources, deadlineCellText(row), updateCellText(row.status, row.update),
    ...extras.map((heading) => row.extra?.[heading] ?? ''),
  ];
  const added = sheet.addRow(values.map((text) => (text === '' ? null : neutraliseCell(text))));
  added.eachCell({ includeEmpty: true }, (cell) => {
    cell.alignment = { vertical: 'top', wrapText: true };
  });
  dateCell(added.getCell(DEADLINE_COLUMN), row);
  const update = added.getCell(UPDATE_COLUMN);
  const fill = STATUS_FILLS[row.status];
  if (fill) update.fill = solid(fill);
  // The text section of a number format: the symbol shows before the word but is not in the value.
  if (STATUS_WORDS[row.status] !== '') update.numFmt = `;;;"${STATUS_LABELS[row.status].symbol} "@`;
  added.height = rowHeight(values);
}

/**
 * A deadline with a date is a date cell, so the table sorts and filters by
 * it: a month the plan names ("Sept 2016", due on its last day) shows as
 * "Sep 2016", a day as the plan wrote it (30/09/2016) or as "30 Sep 2016".
 * Words a date format cannot show ("Quarter 2", "revised to …") go in the
 * cell's note, so nothing the plan said is lost.
 */
function dateCell(cell: ExcelJS.Cell, row: ProgressRow): void {
  if (row.deadline === null) return;
  const format = deadlineFormat(row.deadlineText, row.deadline);
  cell.value = new Date(`${row.deadline}T00:00:00Z`);
  cell.numFmt = format;
  if (row.deadlineText !== '' && sameWords(row.deadlineText) !== sameWords(formatDate(format, row.deadline))) cell.note = `As the plan writes it: ${row.deadlineText}`;
}

/**
 * Excel and LibreOffice do not grow a row to fit wrapped text written by a
 * program, so the height is estimated from the text and the column widths.
 */
function rowHeight(values: string[]): number {
  const lines = values.map((text, i) =>
    text.split('\n').reduce((n, paragraph) => n + Math.max(1, Math.ceil(paragraph.length / ((COLUMNS[i]?.width ?? EXTRA_WIDTH) * CHARS_PER_WIDTH))), 0),
  );
  return Math.max(...lines) * LINE_HEIGHT + 3;
}

function deadlineFormat(text: string, iso: string): string {
  if (/^\d{1,2}\/\d{1,2}\/\d{2,4}$/.test(text.trim())) return 'dd/mm/yyyy';
  const day = Number(iso.slice(8, 10));
  const lastOfMonth = new Date(Date.UTC(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)), 0)).getUTCDate();
  const namesDay = new RegExp(`(^|\\D)0?${day}(?!\\d)`).test(text);
  return text !== '' && day === lastOfMonth && !namesDay ? 'mmm yyyy' : 'd mmm yyyy';
}

function formatDate(format: string, iso: string): string {
  return formatNumber(format, new Date(`${iso}T00:00:00Z`));
}

/** "Sept 2016" and "Sep 2016" say the same: month names to three letters, case and punctuation aside. */
function sameWords(text: string): string {
  return text.toLowerCase().replace(/([a-z]{3})[a-z]*/g, '$1').replace(/[^a-z0-9]/g, '');
}

function solid(rgb: string): ExcelJS.Fill {
  return { type: 'pattern', pattern: 'solid', fgColor: { argb: `FF${rgb}` } };
}
