import { SaxesParser } from 'saxes';
import { themePalette, wordShadingHex } from './office-colours.js';

/** Per table of the document body, per row, each grid column's cell shading as RGB hex, or null. */
export type TableShading = (string | null)[][][];

/**
 * The shading of every table cell in a Word document's body, read from its
 * XML because mammoth's HTML drops it. Tables nested in a cell are skipped,
 * as the text reader reads them as that cell's text. A cell merged across
 * columns gives its shading to its first column; one merged down from above
 * has none of its own.
 */
export function readTableShading(documentXml: string, themeXml: string | undefined): TableShading {
  const palette = themePalette(themeXml);
  const tables: TableShading = [];
  let depth = 0;
  let row: (string | null)[] | null = null;
  let cell: { column: number; span: number; fill: string | null; continued: boolean } | null = null;
  const parser = new SaxesParser();
  parser.on('opentag', (node) => {
    const attributes = node.attributes as Record<string, string>;
    if (node.name === 'w:tbl') {
      depth += 1;
      if (depth === 1) tables.push([]);
      return;
    }
    if (depth !== 1) return;
    if (node.name === 'w:tr') row = [];
    else if (node.name === 'w:tc' && row) cell = { column: row.length, span: 1, fill: null, continued: false };
    else if (cell && node.name === 'w:gridSpan') cell.span = Math.max(1, Number.parseInt(attributes['w:val'] ?? '1', 10) || 1);
    else if (cell && node.name === 'w:vMerge') cell.continued = (attributes['w:val'] ?? 'continue') === 'continue';
    else if (cell && node.name === 'w:shd') cell.fill = wordShadingHex(attributes, palette) ?? null;
  });
  parser.on('closetag', (node) => {
    if (node.name === 'w:tbl') {
      depth -= 1;
      return;
    }
    if (depth !== 1) return;
    if (node.name === 'w:tc' && row && cell) {
      for (let i = 0; i < cell.span; i++) row.push(i === 0 && !cell.continued ? cell.fill : null);
      cell = null;
    } else if (node.name === 'w:tr' && row) {
      tables.at(-1)!.push(row);
      row = null;
    }
  });
  parser.write(documentXml).close();
  return tables;
}
