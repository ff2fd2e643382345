import * as XLSX from '@e965/xlsx';
import type { SourceCell, SourceRow } from '../domain/source-row.js';
import { ratingColour } from '../domain/status-colour.js';
import { htmlText } from './html-text.js';
import { passwordProtected } from './ole-container.js';
import { shownDate, shownNumber, showsNoDay } from './number-formats.js';
import { checkCellLength, refusal, ROW_LIMITS, RowCounter } from './row-limits.js';

/** More sheets than any plan has; each sheet costs a parse even when empty. */
export const SHEETS_MAX = 100;

type SheetCell = XLSX.CellObject & { s?: { patternType?: string; fgColor?: { rgb?: string } } };

/**
 * The rows of an old Excel workbook (.xls) or an OpenDocument spreadsheet
 * (.ods), read as `readXlsx` reads an .xlsx: every row with something in it,
 * sheet by sheet in tab order, a cell at its column, a merged range's value
 * in its top-left cell only, dates as dates, numbers as the cell shows them,
 * and fill colours where the format gives them to SheetJS (.xls does; .ods
 * does not). SheetJS stops each sheet one row past the row limit, so a
 * hostile sheet is not parsed whole.
 */
export function readSpreadsheet(bytes: Uint8Array, fileName: string): { rows: SourceRow[]; title: string | null } {
  let book: XLSX.WorkBook;
  try {
    book = XLSX.read(bytes, {
      type: 'array',
      dense: true,
      cellDates: true,
      cellNF: true,
      cellStyles: true,
      cellHTML: false,
      sheetRows: ROW_LIMITS.rows + 1,
    });
  } catch (error) {
    // SheetJS says so in words when an .xls is locked with a password (its FILEPASS record).
    if (error instanceof Error && /password/i.test(error.message)) throw passwordProtected(fileName);
    throw error;
  }
  if (book.SheetNames.length > SHEETS_MAX) throw refusal(fileName, `it has more than ${SHEETS_MAX} sheets`);
  const counter = new RowCounter(fileName);
  const rows: SourceRow[] = [];
  for (const name of book.SheetNames) {
    const sheet = book.Sheets[name];
    if (sheet === undefined) continue;
    // SheetJS keeps the sheet's true extent here when sheetRows cut it short.
    if (sheet['!fullref'] !== undefined && XLSX.utils.decode_range(sheet['!fullref']).e.r > ROW_LIMITS.rows) {
      throw refusal(fileName, `sheet "${name}" has more than ${ROW_LIMITS.rows.toLocaleString('en-GB')} rows`);
    }
    const data = (sheet['!data'] ?? []) as (SheetCell[] | undefined)[];
    data.forEach((cells, index) => {
      const row = sourceRow(cells ?? [], `Sheet "${name}" row ${index + 1}`, name, fileName);
      if (row === null) return;
      counter.add(row);
      rows.push(row);
    });
  }
  const title = typeof book.Props?.Title === 'string' && book.Props.Title.trim() !== '' ? book.Props.Title.trim() : null;
  return { rows, title };
}

function sourceRow(sheetCells: (SheetCell | undefined)[], where: string, section: string, fileName: string): SourceRow | null {
  const cells: SourceCell[] = [];
  const fills: (string | null)[] = [];
  let filled = false;
  sheetCells.forEach((cell, column) => {
    if (cell === undefined) return;
    const value = cellValue(cell, (length) => checkCellLength(length, fileName, where));
    const fill = fillHex(cell);
    // As in .xlsx: an empty cell counts only when its colour could be a rating.
    if (value === '' && (fill === null || ratingColour(fill) === null)) return;
    while (cells.length < column) {
      cells.push('');
      fills.push(null);
    }
    cells[column] = value;
    fills[column] = fill;
    if (fill !== null) filled = true;
  });
  if (cells.length === 0) return null;
  return { kind: 'table', cells, where, exactColumns: true, section, ...(filled ? { fills } : {}) };
}

function fillHex(cell: SheetCell): string | null {
  const rgb = cell.s?.patternType === 'solid' ? cell.s.fgColor?.rgb : undefined;
  return typeof rgb === 'string' && /^[0-9A-F]{6}$/i.test(rgb) ? rgb.toUpperCase() : null;
}

/** `guard` sees a text's length before any work is done on the text. */
function cellValue(cell: SheetCell, guard: (length: number) => void): SourceCell {
  if (typeof cell.f === 'string' && cell.f !== '') return { kind: 'formula', formula: cell.f };
  switch (cell.t) {
    case 'd': {
      const value = cell.v instanceof Date ? cell.v : new Date(Number.NaN);
      if (Number.isNaN(value.getTime())) return '';
      const format = typeof cell.z === 'string' ? cell.z : undefined;
      return { kind: 'date', iso: value.toISOString().slice(0, 10), ...(showsNoDay(format) ? { month: true as const } : {}), ...shownDate(value, format) };
    }
    case 'n':
      if (typeof cell.v !== 'number') return '';
      // SheetJS formats the number as the cell shows it; without a text of its own, Excel's General format.
      return typeof cell.w === 'string' ? cell.w.trim() : shownNumber(cell.v, typeof cell.z === 'string' ? cell.z : undefined);
    case 'b':
      return cell.v ? 'TRUE' : 'FALSE';
    case 'e':
      return cell.w ?? '';
    case 's': {
      const text = String(cell.v ?? '');
      guard(text.length);
      return htmlText(text);
    }
    default:
      return '';
  }
}
