import type { ProgressRow } from '../domain/progress-report.js';
import { STATUS_LABELS, type Status } from '../domain/status.js';
import { dateInWords } from '../domain/in-words.js';

/**
 * The progress paper's columns, headed as the councils' papers head them (and
 * as the importer reads them back). Every format writes these six in this
 * order; each sizes them its own way.
 */
export const PROGRESS_HEADINGS = ['ACTION', 'MEASURE OF SUCCESS', 'PLANNED OUTCOME', 'RESOURCES/PARTNERS', 'DEADLINE', 'ACTION UPDATE/RAG'] as const;
export type ProgressHeading = (typeof PROGRESS_HEADINGS)[number];

/**
 * How a status looks in every format. The importer reads an update cell by
 * the status words at its start, so these are words it recognises; an empty
 * cell is how a plan says "not reported", so that status has no word to write.
 */
export const STATUS_WORDS: Record<Status, string> = {
  completed: 'COMPLETED',
  'not-completed': 'NOT COMPLETED',
  green: 'GREEN',
  amber: 'AMBER',
  red: 'RED',
  'in-progress': 'IN PROGRESS',
  'not-reported': '',
};

/** The label a reader sees: symbol and word, never colour alone. */
export function statusLabel(status: Status): string {
  const { symbol, word } = STATUS_LABELS[status];
  return `${symbol} ${word.toUpperCase()}`;
}

/**
 * Cell fills (RGB hex). RAG in light tints so black text stays readable;
 * completed in blue as in the usual BRAG scheme, not completed in grey.
 */
export const STATUS_FILLS: Record<Status, string | null> = {
  completed: '9DC3E6',
  'not-completed': 'BFBFBF',
  green: 'A9D08E',
  amber: 'FFD966',
  red: 'F4B6B6',
  'in-progress': null,
  'not-reported': null,
};

/** The update cell's text: status word, then the narrative on the lines below. */
export function updateCellText(status: Status, update: string): string {
  return [STATUS_WORDS[status], update].filter((t) => t !== '').join('\n');
}

/** The DEADLINE cell: as the plan wrote it, or the date in words the importer reads back to the same day. */
export function deadlineCellText(row: ProgressRow): string {
  if (row.deadlineText !== '' || row.deadline === null) return row.deadlineText;
  return dateInWords(row.deadline);
}

/**
 * A spreadsheet runs a cell starting with = + - @ (or a tab or carriage
 * return before one) as a formula when the file is opened or re-saved, so
 * such a cell gets a leading quote (OWASP "CSV injection"). An update cell
 * starts with its status word, so a narrative such as "- two events held"
 * needs no quote there and reads as written.
 */
export function neutraliseCell(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}
