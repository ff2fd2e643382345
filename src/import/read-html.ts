import { HTMLElement, type Node, parse } from 'node-html-parser';
import { DomainError } from '../domain/errors.js';
import type { SourceRow } from '../domain/source-row.js';
import { ratingColour } from '../domain/status-colour.js';
import type { TableShading } from './docx-shading.js';
import { htmlCellText, htmlText } from './html-text.js';
import { refusal, ROW_LIMITS, RowCounter } from './row-limits.js';

/**
 * Elements that end the paragraph before them; a list item also holds the
 * items nested in it. Mammoth writes only the first line's; a saved web page
 * wraps its content in the others.
 */
const CONTAINERS = new Set([
  'blockquote', 'div', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'li', 'ol', 'p', 'ul',
  'article', 'aside', 'body', 'center', 'dd', 'details', 'dl', 'dt', 'figure', 'footer', 'form', 'header', 'html', 'main', 'nav', 'section',
]);

/** What a browser never shows as the page's text. */
const UNSHOWN = new Set(['head', 'script', 'style', 'noscript', 'template', 'svg', 'iframe', 'object', 'button', 'select', 'input', 'textarea']);

/**
 * How deep elements may nest. Real pages (and mammoth's Word HTML) stay
 * within a few dozen; reading (and the HTML library's own walks) recurse per
 * level, so a page nested thousands deep is refused before it is walked.
 */
export const HTML_DEPTH_MAX = 256;

/**
 * How many elements a page may hold. Parsing costs tens of microseconds an
 * element, so the count is taken from the text before parsing: 250,000 is a
 * 16,000-row plan exported as an HTML table with room to spare, and far
 * beyond any council page.
 */
export const HTML_ELEMENTS_MAX = 250_000;
const START_TAG = /<(?:(tr)\b|[a-z])/gi;

/**
 * The paragraphs and table rows of a web page (a plan saved from a council's
 * site, or a table a web system exports under an Excel name), read as a Word
 * document is: headings, lists, paragraphs and table grids in page order.
 */
export function readHtml(html: string, fileName = 'The page'): SourceRow[] {
  let elements = 0;
  let rows = 0;
  for (const tag of html.matchAll(START_TAG)) {
    if (++elements > HTML_ELEMENTS_MAX) throw refusal(fileName, `it holds more than ${HTML_ELEMENTS_MAX.toLocaleString('en-GB')} HTML elements`);
    if (tag[1] !== undefined && ++rows > ROW_LIMITS.rows) throw refusal(fileName, `it has more than ${ROW_LIMITS.rows.toLocaleString('en-GB')} table rows`);
  }
  const page = parse(html, { comment: false, blockTextElements: { script: false, style: false, noscript: false, pre: true } });
  return readHtmlBody(page, new RowCounter(fileName), [], fileName);
}

/** Removes what a browser never shows, and refuses a page nested deeper than HTML_DEPTH_MAX; iterative, so any depth is safe. */
function checkPage(root: HTMLElement, fileName: string): void {
  const stack: Array<[HTMLElement, number]> = [[root, 0]];
  while (stack.length > 0) {
    const [element, depth] = stack.pop()!;
    if (depth > HTML_DEPTH_MAX) {
      throw new DomainError(
        'file-unreadable',
        `${fileName} nests its elements more than ${HTML_DEPTH_MAX} deep, which no page showing a plan does. ` +
          'Open the plan in Excel or Word and save it as an Excel Workbook (.xlsx) or Word Document (.docx), then upload that.',
      );
    }
    for (const child of [...element.childNodes]) {
      if (!(child instanceof HTMLElement)) continue;
      if (UNSHOWN.has(child.rawTagName?.toLowerCase() ?? '')) child.remove();
      else stack.push([child, depth + 1]);
    }
  }
}

/** The rows of a parsed body, each table row with its cells' shading where `shading` has it. */
export function readHtmlBody(body: HTMLElement, counter: RowCounter, shading: TableShading, fileName: string): SourceRow[] {
  checkPage(body, fileName);
  const reader = new BodyReader(counter, shading);
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
      cells.push(i === 0 ? htmlCellText(td.innerHTML) : '');
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
