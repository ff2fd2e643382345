import mammoth from 'mammoth';
import { HTMLElement, type Node, parse } from 'node-html-parser';
import type { SourceRow } from '../domain/source-row.js';
import { ratingColour } from '../domain/status-colour.js';
import { readTableShading, type TableShading } from './docx-shading.js';
import { htmlText } from './html-text.js';
import { RowCounter } from './row-limits.js';

/** Elements that end the paragraph before them; a list item also holds the items nested in it. */
const CONTAINERS = new Set(['blockquote', 'div', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'li', 'ol', 'p', 'ul']);

/**
 * The paragraphs and table rows of a Word document, in document order. Table
 * cells keep their grid positions: a cell merged across k columns is its text
 * followed by k-1 empty cells, and a cell merged down several rows is empty in
 * the rows below it. A table inside a cell is read as that cell's text.
 * Given the document's XML (and theme), each table row also carries its
 * cells' shading.
 */
export async function readDocx(
  bytes: Uint8Array,
  fileName = 'The document',
  parts: { document?: string | undefined; theme?: string | undefined } = {},
): Promise<SourceRow[]> {
  const { value: html } = await mammoth.convertToHtml(
    { buffer: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) },
    // The default inlines every picture as base64, which costs time and memory for no text.
    { convertImage: mammoth.images.imgElement(async () => ({ src: '' })) },
  );
  const body = parse(html);
  // The ↑ links mammoth adds after each footnote are not part of the text.
  for (const link of body.querySelectorAll('a[href^="#footnote-ref"], a[href^="#endnote-ref"]')) link.remove();
  const reader = new BodyReader(new RowCounter(fileName), parts.document === undefined ? [] : readTableShading(parts.document, parts.theme));
  reader.readBlock(body);
  return reader.rows;
}

class BodyReader {
  readonly rows: SourceRow[] = [];
  private paragraphs = 0;
  private tables = 0;

  constructor(
    private readonly counter: RowCounter,
    private readonly shading: TableShading,
  ) {}

  private add(row: SourceRow): void {
    this.counter.add(row);
    this.rows.push(row);
  }

  readBlock(block: HTMLElement, listItem = false): void {
    let inline: Node[] = [];
    const flush = (): void => {
      this.paragraph(inline.map((node) => node.toString()).join(''), listItem);
      inline = [];
    };
    for (const child of block.childNodes) {
      const tag = child instanceof HTMLElement ? child.rawTagName.toLowerCase() : '';
      if (tag === 'table') {
        flush();
        this.table(child as HTMLElement);
      } else if (CONTAINERS.has(tag)) {
        // A list item's own text comes before the items nested in it.
        flush();
        // A paragraph inside a list item is that item's text; the items of a list nested in it are items of their own.
        this.readBlock(child as HTMLElement, tag === 'li' || (tag === 'p' && listItem));
      } else {
        inline.push(child);
      }
    }
    flush();
  }

  private paragraph(html: string, listItem: boolean): void {
    const text = htmlText(html);
    if (text === '') return;
    this.paragraphs += 1;
    const row: SourceRow = { kind: 'paragraph', cells: [text], where: `Paragraph ${this.paragraphs}`, exactColumns: true };
    if (listItem) row.listItem = true;
    this.add(row);
  }

  private table(table: HTMLElement): void {
    this.tables += 1;
    const section = `Table ${this.tables}`;
    // mammoth drops the cells a vertical merge covers and gives the first one a rowspan; per column, rows still covered.
    const coveredBelow: number[] = [];
    const trs = tableRows(table);
    const shading = this.shading[this.tables - 1];
    // The shading is read from the XML apart from mammoth; it is used only when the two agree on the table's rows.
    const rowFills = shading?.length === trs.length ? shading : undefined;
    trs.forEach((tr, index) => {
      const cells = gridCells(tr, coveredBelow);
      const fills = rowFills?.[index]?.slice(0, Math.max(cells.length, rowFills[index]!.length));
      const filled = fills?.some((fill) => fill !== null) ?? false;
      // A shaded spacer row holds nothing; a row of colour-only rating cells does.
      if (cells.every((cell) => cell === '') && !fills?.some((fill) => fill !== null && ratingColour(fill) !== null)) return;
      while (filled && cells.length < fills!.length) cells.push('');
      const row: SourceRow = { kind: 'table', cells, where: `${section} row ${index + 1}`, exactColumns: true, section };
      this.add(filled ? { ...row, fills: cells.map((_, i) => fills![i] ?? null) } : row);
    });
  }
}

/** The row's cells at their grid positions, with '' where a cell merged down from above covers the column. */
function gridCells(tr: HTMLElement, coveredBelow: number[]): string[] {
  const cells: string[] = [];
  const coverColumn = (): void => {
    coveredBelow[cells.length] = (coveredBelow[cells.length] ?? 0) - 1;
    cells.push('');
  };
  for (const td of tr.children) {
    if (!['td', 'th'].includes(td.rawTagName.toLowerCase())) continue;
    while ((coveredBelow[cells.length] ?? 0) > 0) coverColumn();
    const colspan = span(td, 'colspan');
    const rowspan = span(td, 'rowspan');
    for (let i = 0; i < colspan; i++) {
      coveredBelow[cells.length] = rowspan - 1;
      cells.push(i === 0 ? htmlText(td.innerHTML) : '');
    }
  }
  while (coveredBelow.slice(cells.length).some((rows) => rows > 0)) {
    if ((coveredBelow[cells.length] ?? 0) > 0) coverColumn();
    else cells.push('');
  }
  return cells;
}

/** The rows of this table, not of tables nested in its cells. */
function tableRows(table: HTMLElement): HTMLElement[] {
  return table.children.flatMap((child) => {
    const tag = child.rawTagName.toLowerCase();
    if (tag === 'tr') return [child];
    if (!['thead', 'tbody', 'tfoot'].includes(tag)) return [];
    return child.children.filter((tr) => tr.rawTagName.toLowerCase() === 'tr');
  });
}

function span(cell: HTMLElement, attribute: 'colspan' | 'rowspan'): number {
  const value = Number.parseInt(cell.getAttribute(attribute) ?? '1', 10);
  return Number.isInteger(value) && value > 1 ? value : 1;
}
