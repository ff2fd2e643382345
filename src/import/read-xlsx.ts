import { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import type { SourceCell, SourceRow } from '../domain/source-row.js';
import { ratingColour } from '../domain/status-colour.js';
import { htmlText } from './html-text.js';
import { shownDate, shownNumber, showsNoDay } from './number-formats.js';
import { type ExcelColour, excelColourHex, type ThemePalette, themePalette } from './office-colours.js';
import { checkCellLength, RowCounter } from './row-limits.js';
import type { CheckedZip } from './zip-guard.js';

type SheetRows = { name: string; rows: SourceRow[] };

/**
 * Every row with something in it (text or a fill colour), from every sheet in
 * tab order. A cell stays at its column (column A at index 0) and reads as the
 * person sees it; trailing empty cells are dropped. The workbook is read as a
 * stream, a row at a time, and reading stops at the row and cell limits.
 * `theme` is the workbook's theme part, for fills given as theme colours.
 */
export async function readXlsx(bytes: Uint8Array, fileName = 'The workbook', zip?: CheckedZip): Promise<SourceRow[]> {
  const palette = themePalette(zip?.texts.get('xl/theme/theme1.xml'));
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const input = zip === undefined ? [buffer] : partsForStreaming(buffer, zip);
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from(input), {
    worksheets: 'emit',
    sharedStrings: 'cache',
    // Styles give number formats (so dates read as dates) and fills.
    styles: 'cache',
    hyperlinks: 'ignore',
    entries: 'ignore',
  });
  const counter = new RowCounter(fileName);
  const sheets: SheetRows[] = [];
  for await (const sheet of reader) {
    const name = (sheet as unknown as { name: string }).name;
    const read: SheetRows = { name, rows: [] };
    sheets.push(read);
    for await (const row of sheet) {
      const source = sourceRow(row, name, palette, fileName);
      if (source === null) continue;
      counter.add(source);
      read.rows.push(source);
    }
  }
  return inTabOrder(sheets, reader).flatMap((sheet) => sheet.rows);
}

/** The parts exceljs needs before any worksheet: with them first, it streams each sheet instead of spooling it to disk. */
const FIRST = ['xl/_rels/workbook.xml.rels', 'xl/workbook.xml', 'xl/sharedStrings.xml', 'xl/styles.xml'];

/**
 * The file's parts, unchanged, in the order exceljs reads best. A workbook
 * without shared strings (only numbers, or inline strings) gets an empty
 * shared-strings part, which means the same and keeps the sheets streaming.
 */
function partsForStreaming(buffer: Buffer, zip: CheckedZip): Buffer[] {
  const { parts, directory } = zip.layout;
  const slice = (part: { start: number; end: number }): Buffer => buffer.subarray(part.start, part.end);
  const first = FIRST.map((name) => parts.find((part) => part.name === name));
  const strings = first[2] === undefined ? [storedPart('xl/sharedStrings.xml', '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"/>')] : [];
  return [
    ...first.slice(0, 2).flatMap((part) => (part ? [slice(part)] : [])),
    ...strings,
    ...first.slice(2).flatMap((part) => (part ? [slice(part)] : [])),
    ...parts.filter((part) => !FIRST.includes(part.name)).map(slice),
    buffer.subarray(directory),
  ];
}

/** A zip local header and data for a small stored (uncompressed) part. */
function storedPart(name: string, text: string): Buffer {
  const data = Buffer.from(text, 'utf8');
  const path = Buffer.from(name, 'utf8');
  const header = Buffer.alloc(30);
  header.writeUInt32LE(0x04034b50, 0);
  header.writeUInt16LE(20, 4);
  // No CRC (bytes 14-17 stay zero): exceljs's unzipper does not check one, and this part never leaves the process.
  header.writeUInt32LE(data.length, 18);
  header.writeUInt32LE(data.length, 22);
  header.writeUInt16LE(path.length, 26);
  return Buffer.concat([header, path, data]);
}

/** The stream gives sheets in the order their parts are stored; people know them in tab order. */
function inTabOrder(sheets: SheetRows[], reader: ExcelJS.stream.xlsx.WorkbookReader): SheetRows[] {
  const model = (reader as unknown as { model?: { sheets?: { name: string }[] } }).model;
  const order = (model?.sheets ?? []).map((sheet) => sheet.name);
  const position = (name: string): number => (order.includes(name) ? order.indexOf(name) : order.length);
  return [...sheets].sort((a, b) => position(a.name) - position(b.name));
}

function sourceRow(row: ExcelJS.Row, sheetName: string, palette: ThemePalette, fileName: string): SourceRow | null {
  const where = `Sheet "${sheetName}" row ${row.number}`;
  const cells: SourceCell[] = [];
  const fills: (string | null)[] = [];
  let filled = false;
  const guard = (length: number): void => checkCellLength(length, fileName, where);
  // Empty cells too: a RAG cell may carry its rating only as a colour.
  row.eachCell({ includeEmpty: true }, (cell, column) => {
    const value = cellValue(cell, guard);
    const fill = fillHex(cell, palette);
    // An empty cell counts only when its colour could be a rating: grey header bands and white fills are no data.
    if (value === '' && (fill === null || ratingColour(fill) === null)) return;
    while (cells.length < column - 1) {
      cells.push('');
      fills.push(null);
    }
    cells[column - 1] = value;
    fills[column - 1] = fill;
    if (fill !== null) filled = true;
  });
  if (cells.length === 0) return null;
  return { kind: 'table', cells, where, exactColumns: true, section: sheetName, ...(filled ? { fills } : {}) };
}

function fillHex(cell: ExcelJS.Cell, palette: ThemePalette): string | null {
  const fill = cell.fill as ExcelJS.Fill | undefined;
  if (fill?.type !== 'pattern' || fill.pattern !== 'solid') return null;
  return excelColourHex(fill.fgColor as ExcelColour | undefined, palette) ?? null;
}

/** `guard` sees a text's length before any work is done on the text. */
function cellValue(cell: ExcelJS.Cell, guard: (length: number) => void): SourceCell {
  // exceljs repeats the value of a merged range in every cell of it; only the top-left cell holds it.
  if (cell.isMerged && cell.master !== cell) return '';
  const value = cell.value;
  switch (cell.type) {
    case ExcelJS.ValueType.Formula:
      return { kind: 'formula', formula: cell.formula };
    case ExcelJS.ValueType.Date:
      // exceljs reads the serial as UTC midnight, so the UTC date is the one the cell shows. Excel shows ##### for
      // a number too large to be a date.
      if (!(value instanceof Date) || Number.isNaN(value.getTime())) return '';
      return { kind: 'date', iso: value.toISOString().slice(0, 10), ...(showsNoDay(cell.numFmt) ? { month: true as const } : {}), ...shownDate(value, cell.numFmt) };
    case ExcelJS.ValueType.Number:
      return typeof value === 'number' ? shownNumber(value, cell.numFmt) : '';
    case ExcelJS.ValueType.Boolean:
      return value ? 'TRUE' : 'FALSE';
    case ExcelJS.ValueType.Error:
      return (value as ExcelJS.CellErrorValue).error;
    case ExcelJS.ValueType.RichText:
      return guarded(richText(value as ExcelJS.CellRichTextValue), guard);
    case ExcelJS.ValueType.Hyperlink: {
      const text = (value as ExcelJS.CellHyperlinkValue).text as string | ExcelJS.CellRichTextValue;
      return guarded(typeof text === 'string' ? text : richText(text), guard);
    }
    case ExcelJS.ValueType.String:
    case ExcelJS.ValueType.SharedString:
      return guarded(String(value), guard);
    default:
      return '';
  }
}

function guarded(text: string, guard: (length: number) => void): string {
  guard(text.length);
  return htmlText(text);
}

function richText(value: ExcelJS.CellRichTextValue): string {
  return value.richText.map((run) => run.text).join('');
}
