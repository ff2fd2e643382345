import * as XLSX from '@e965/xlsx';
import type { SourceCell, SourceRow } from '../domain/source-row.js';
import { ratingColour } from '../domain/status-colour.js';
import { htmlText } from './html-text.js';
import type { OdsFills } from './ods-content.js';
import { passwordProtected } from './ole-container.js';
import { shownDate, shownNumber, showsNoDay } from './number-formats.js';
import { checkCellLength, refusal, ROW_LIMITS, RowCounter, SHEETS_MAX } from './row-limits.js';

type SheetCell = XLSX.CellObject & { s?: { patternType?: string; fgColor?: { rgb?: string } } };

/**
 * The rows of an old Excel workbook (.xls) or an OpenDocument spreadsheet
 * (.ods), read as `readXlsx` reads an .xlsx: every row with something in it,
 * sheet by sheet in tab order, a cell at its column, a merged range's value
 * in its top-left cell only, dates as dates, numbers as the cell shows them,
 * and fill colours: SheetJS gives them for .xls; for .ods, `odsFills` (read
 * from the file's XML) does. SheetJS stops each sheet one row past the row
 * limit, so a hostile sheet is not parsed whole.
 */
export function readSpreadsheet(bytes: Uint8Array, fileName: string, odsFills: OdsFills = new Map()): { rows: SourceRow[]; title: string | null } {
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
  for (const [index, name] of book.SheetNames.entries()) {
    const sheet = book.Sheets[name];
    if (sheet === undefined) continue;
    // SheetJS keeps the sheet's true extent here when sheetRows cut it short.
    if (sheet['!fullref'] !== undefined && XLSX.utils.decode_range(sheet['!fullref']).e.r > ROW_LIMITS.rows) {
      throw refusal(fileName, `sheet "${name}" has more than ${ROW_LIMITS.rows.toLocaleString('en-GB')} rows`);
    }
    const data = (sheet['!data'] ?? []) as (SheetCell[] | undefined)[];
    const fills = odsFills.get(index) ?? new Map<number, Map<number, string>>();
    const height = Math.max(data.length, ...[...fills.keys()].map((r) => r + 1));
    for (let r = 0; r < height; r++) {
      const row = sourceRow(data[r] ?? [], fills.get(r), `Sheet "${name}" row ${r + 1}`, name, fileName);
      if (row === null) continue;
      counter.add(row);
      rows.push(row);
    }
  }
  const title = typeof book.Props?.Title === 'string' && book.Props.Title.trim() !== '' ? book.Props.Title.trim() : null;
  return { rows, title };
}

function sourceRow(
  sheetCells: (SheetCell | undefined)[],
  painted: Map<number, string> | undefined,
  where: string,
  section: string,
  fileName: string,
): SourceRow | null {
  const cells: SourceCell[] = [];
  const fills: (string | null)[] = [];
  let filled = false;
  const width = Math.max(sheetCells.length, ...[...(painted?.keys() ?? [])].map((c) => c + 1));
  for (let column = 0; column < width; column++) {
    const cell = sheetCells[column];
    const value = cell === undefined ? '' : cellValue(cell, (length) => checkCellLength(length, fileName, where));
    const fill = (cell === undefined ? null : fillHex(cell)) ?? painted?.get(column) ?? null;
    // As in .xlsx: an empty cell counts only when its colour could be a rating.
    if (value === '' && (fill === null || ratingColour(fill) === null)) continue;
    while (cells.length < column) {
      cells.push('');
      fills.push(null);
    }
    cells[column] = value;
    fills[column] = fill;
    if (fill !== null) filled = true;
  }
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
