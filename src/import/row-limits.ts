import { DomainError } from '../domain/errors.js';
import { cellText, type SourceRow } from '../domain/source-row.js';

/**
 * How much of a plan the importer reads. The largest real plan is a few
 * hundred actions; the importer is measured at 16,000 rows. A cell holds at
 * most what an Excel cell can (32,767 characters).
 */
export const ROW_LIMITS = {
  rows: 50_000,
  cells: 1_000_000,
  cellCharacters: 32_767,
} as const;

/** More sheets than any plan has (.xls, .ods): each sheet costs a parse even when empty. */
export const SHEETS_MAX = 100;

/** Counts rows and cells as a reader produces them, refusing the file at a limit, naming it. */
export class RowCounter {
  private rows = 0;
  private cells = 0;

  constructor(private readonly fileName: string) {}

  add(row: SourceRow): void {
    this.rows += 1;
    this.cells += row.cells.length;
    if (this.rows > ROW_LIMITS.rows) {
      throw refusal(this.fileName, `it has more than ${ROW_LIMITS.rows.toLocaleString('en-GB')} rows with something in them (${row.where})`);
    }
    if (this.cells > ROW_LIMITS.cells) {
      throw refusal(this.fileName, `it has more than ${ROW_LIMITS.cells.toLocaleString('en-GB')} cells (${row.where})`);
    }
    for (const cell of row.cells) checkCellLength(cellText(cell).length, this.fileName, row.where);
  }
}

export function checkCellLength(length: number, fileName: string, where: string): void {
  if (length > ROW_LIMITS.cellCharacters) {
    throw refusal(
      fileName,
      `${where} has a cell of ${length.toLocaleString('en-GB')} characters, and the most a cell may hold is ` +
        `${ROW_LIMITS.cellCharacters.toLocaleString('en-GB')} (Excel's own limit)`,
    );
  }
}

/** Applies the limits to rows a reader has already produced. */
export function checkRows(rows: readonly SourceRow[], fileName: string): readonly SourceRow[] {
  const counter = new RowCounter(fileName);
  for (const row of rows) counter.add(row);
  return rows;
}

/** A file refused at a limit: what it holds beyond it, and what to upload instead. */
export function refusal(fileName: string, why: string): DomainError {
  return new DomainError(
    'file-too-large',
    `${fileName} is refused: ${why}. Save a copy that holds only the action plan and upload that.`,
  );
}
