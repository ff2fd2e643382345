import { SaxesParser } from 'saxes';
import { ratingColour } from '../domain/status-colour.js';
import { refusal, ROW_LIMITS, SHEETS_MAX } from './row-limits.js';

/** Per sheet (in order), per row index, per column index: a cell's background colour when it could be a rating. */
export type OdsFills = Map<number, Map<number, Map<number, string>>>;

/** Columns a fill is recorded for: far beyond any plan's table, and short of a whole painted row of 16,384. */
const FILL_COLUMNS_MAX = 1_024;

/**
 * One pass over an OpenDocument spreadsheet's `content.xml`, before SheetJS
 * reads it. It refuses a file whose cells, once its repeat counts are applied,
 * go beyond the limits: a cell or row may be written once with a count
 * (`number-columns-repeated`, `number-rows-repeated`), so a few bytes could
 * stand for billions of cells. Only cells with a value count; LibreOffice
 * repeats empty cells to the sheet's edge, and those cost nothing to read.
 * It also gives the cells' background colours that could be ratings, which
 * SheetJS does not read from .ods: a RAG column may be painted without words.
 */
export function readOdsContent(contentXml: string, fileName: string): OdsFills {
  const colours = new Map<string, string>();
  const fills: OdsFills = new Map();
  let style: string | null = null;
  let sheet = -1;
  let tableDepth = 0;
  let row = 0;
  let rowRepeat = 1;
  let column = 0;
  let cells = 0;
  const paint = (hex: string, columns: number): void => {
    const sheetFills = fills.get(sheet) ?? new Map<number, Map<number, string>>();
    fills.set(sheet, sheetFills);
    for (let r = row; r < Math.min(row + rowRepeat, ROW_LIMITS.rows + 1); r++) {
      const rowFills = sheetFills.get(r) ?? new Map<number, string>();
      sheetFills.set(r, rowFills);
      for (let c = column; c < Math.min(column + columns, FILL_COLUMNS_MAX); c++) rowFills.set(c, hex);
    }
  };
  const parser = new SaxesParser();
  parser.on('opentag', (node) => {
    const attributes = node.attributes as Record<string, string>;
    switch (node.name) {
      case 'style:style':
        style = attributes['style:family'] === 'table-cell' ? (attributes['style:name'] ?? null) : null;
        return;
      case 'style:table-cell-properties': {
        const hex = /^#([0-9a-f]{6})$/i.exec(attributes['fo:background-color'] ?? '')?.[1]?.toUpperCase();
        if (style !== null && hex !== undefined && ratingColour(hex) !== null) colours.set(style, hex);
        return;
      }
      case 'table:table':
        tableDepth += 1;
        if (tableDepth > 1) return;
        if (++sheet >= SHEETS_MAX) throw refusal(fileName, `it has more than ${SHEETS_MAX} sheets`);
        row = 0;
        return;
      case 'table:table-row':
        if (tableDepth !== 1) return;
        rowRepeat = Math.min(count(attributes['table:number-rows-repeated']), ROW_LIMITS.rows + 1);
        column = 0;
        return;
      case 'table:table-cell':
      case 'table:covered-table-cell': {
        if (tableDepth !== 1) return;
        const columns = count(attributes['table:number-columns-repeated']);
        if (attributes['office:value-type'] !== undefined) {
          cells += rowRepeat * columns;
          if (cells > ROW_LIMITS.cells) {
            throw refusal(fileName, `it has more than ${ROW_LIMITS.cells.toLocaleString('en-GB')} cells once its repeated cells are counted`);
          }
        }
        const hex = colours.get(attributes['table:style-name'] ?? '');
        if (hex !== undefined && row <= ROW_LIMITS.rows && column < FILL_COLUMNS_MAX) {
          // A painted cell is read as a cell (it may be a rating), so it counts toward the limit before it is recorded.
          cells += Math.min(rowRepeat, ROW_LIMITS.rows + 1 - row) * Math.min(columns, FILL_COLUMNS_MAX - column);
          if (cells > ROW_LIMITS.cells) {
            throw refusal(fileName, `it has more than ${ROW_LIMITS.cells.toLocaleString('en-GB')} cells once its repeated cells are counted`);
          }
          paint(hex, columns);
        }
        column += columns;
        return;
      }
    }
  });
  parser.on('closetag', (node) => {
    if (node.name === 'table:table') tableDepth -= 1;
    else if (node.name === 'table:table-row' && tableDepth === 1) {
      row += rowRepeat;
      rowRepeat = 1;
    }
  });
  parser.write(contentXml).close();
  return fills;
}

function count(value: string | undefined): number {
  const n = Number.parseInt(value ?? '1', 10);
  return Number.isInteger(n) && n > 1 ? n : 1;
}
