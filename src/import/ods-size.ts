import { SaxesParser } from 'saxes';
import { refusal, ROW_LIMITS } from './row-limits.js';
import { SHEETS_MAX } from './read-spreadsheet.js';

/**
 * Refuses an OpenDocument spreadsheet whose cells, once its repeat counts are
 * applied, go beyond the limits, before SheetJS expands them. A cell or row
 * may be written once with a count (`number-columns-repeated`,
 * `number-rows-repeated`): a few bytes could stand for billions of cells.
 * Only cells with a value count; LibreOffice repeats empty cells to the
 * sheet's edge, and those cost nothing to read.
 */
export function checkOdsSize(contentXml: string, fileName: string): void {
  let sheets = 0;
  let tableDepth = 0;
  let rowRepeat = 1;
  let cells = 0;
  const parser = new SaxesParser();
  parser.on('opentag', (node) => {
    const attributes = node.attributes as Record<string, string>;
    if (node.name === 'table:table') {
      tableDepth += 1;
      if (tableDepth === 1 && ++sheets > SHEETS_MAX) throw refusal(fileName, `it has more than ${SHEETS_MAX} sheets`);
    } else if (node.name === 'table:table-row') {
      rowRepeat = Math.min(count(attributes['table:number-rows-repeated']), ROW_LIMITS.rows + 1);
    } else if (node.name === 'table:table-cell' && attributes['office:value-type'] !== undefined) {
      cells += rowRepeat * count(attributes['table:number-columns-repeated']);
      if (cells > ROW_LIMITS.cells) {
        throw refusal(fileName, `it has more than ${ROW_LIMITS.cells.toLocaleString('en-GB')} cells once its repeated cells are counted`);
      }
    }
  });
  parser.on('closetag', (node) => {
    if (node.name === 'table:table') tableDepth -= 1;
    else if (node.name === 'table:table-row') rowRepeat = 1;
  });
  parser.write(contentXml).close();
}

function count(value: string | undefined): number {
  const n = Number.parseInt(value ?? '1', 10);
  return Number.isInteger(n) && n > 1 ? n : 1;
}
