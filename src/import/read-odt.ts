import { parse } from 'node-html-parser';
import { SaxesParser, type SaxesTagPlain } from 'saxes';
import type { SourceRow } from '../domain/source-row.js';
import type { TableShading } from './docx-shading.js';
import { HTML_ELEMENTS_MAX, readHtmlBody } from './read-html.js';
import { refusal, RowCounter } from './row-limits.js';

/** Elements whose content is not the document's running text: comments, footnotes, tracked deletions, drawings, forms. */
const SKIPPED = new Set([
  'office:annotation', 'text:note', 'text:tracked-changes', 'text:sequence-decls', 'office:forms',
  'draw:frame', 'draw:custom-shape', 'draw:g', 'draw:a', 'text:bookmark-ref', 'svg:desc', 'svg:title',
]);
/** ODF's elements and the HTML the body reader knows them by. */
const AS_HTML: Record<string, string> = {
  'text:p': 'p', 'text:list': 'ul', 'text:list-item': 'li', 'text:list-header': 'li', 'text:section': 'div',
  'text:index-body': 'div', 'table:table': 'table', 'table:table-row': 'tr',
};

/**
 * The paragraphs and table rows of an OpenDocument text (.odt), read from its
 * `content.xml` as a Word document is: the body turned into the HTML the
 * .docx reader gets from mammoth (headings, paragraphs, lists, tables with
 * their column and row spans), each table cell's background colour beside it.
 */
export function readOdt(contentXml: string, fileName: string): SourceRow[] {
  const { html, shading } = odtAsHtml(contentXml, fileName);
  return readHtmlBody(parse(html), new RowCounter(fileName), shading, fileName);
}

type OpenCell = { span: number; fill: string | null };

/** The body as HTML, and every top-level table's cell colours by row and grid column. */
export function odtAsHtml(contentXml: string, fileName: string): { html: string; shading: TableShading } {
  const fills = new Map<string, string>();
  const out: string[] = [];
  /** Per open element, what closes it in the HTML ('' for elements that have no HTML of their own). */
  const closers: string[] = [];
  /** Per open table row, where its HTML starts and how many times the file repeats it. */
  const rows: { start: number; elements: number; repeat: number }[] = [];
  const shading: TableShading = [];
  let styleName: string | null = null;
  let inBody = false;
  let skipping = 0;
  let tableDepth = 0;
  let elements = 0;
  let row: (string | null)[] | null = null;
  let cell: OpenCell | null = null;

  const count = (n: number): void => {
    elements += n;
    if (elements > HTML_ELEMENTS_MAX) throw refusal(fileName, `it holds more than ${HTML_ELEMENTS_MAX.toLocaleString('en-GB')} paragraphs, rows and cells`);
  };
  const open = (tag: string, attributes = ''): void => {
    count(1);
    out.push(`<${tag}${attributes}>`);
    closers.push(`</${tag}>`);
  };
  const gridColumns = (fill: string | null, span: number): void => {
    if (tableDepth === 1 && row !== null) row.push(fill, ...new Array<null>(span - 1).fill(null));
  };

  const parser = new SaxesParser();
  parser.on('opentag', (node: SaxesTagPlain) => {
    const name = node.name;
    const attributes = node.attributes as Record<string, string>;
    if (name === 'style:style') styleName = attributes['style:family'] === 'table-cell' ? (attributes['style:name'] ?? null) : null;
    if (name === 'style:table-cell-properties' && styleName !== null) {
      const colour = /^#([0-9a-f]{6})$/i.exec(attributes['fo:background-color'] ?? '')?.[1];
      if (colour !== undefined) fills.set(styleName, colour.toUpperCase());
    }
    if (name === 'office:text') inBody = true;
    if (!inBody || name === 'office:text') return;
    if (skipping > 0 || SKIPPED.has(name)) {
      skipping += 1;
      return;
    }
    switch (name) {
      case 'text:s':
        out.push(' '.repeat(Math.min(Number.parseInt(attributes['text:c'] ?? '1', 10) || 1, 100)));
        closers.push('');
        return;
      case 'text:tab':
        out.push(' ');
        closers.push('');
        return;
      case 'text:line-break':
        out.push('<br>');
        closers.push('');
        return;
      case 'table:covered-table-cell':
        // A cell a span covers: no cell in the HTML, no colour of its own, and nothing shown.
        for (let i = repeat(attributes, 'table:number-columns-repeated'); i > 0; i--) gridColumns(null, 1);
        skipping += 1;
        return;
      case 'table:table-cell':
        cellStart(attributes);
        return;
      case 'text:h':
        open(`h${Math.min(Math.max(Number.parseInt(attributes['text:outline-level'] ?? '1', 10) || 1, 1), 6)}`);
        return;
      case 'table:table':
        tableDepth += 1;
        if (tableDepth === 1) shading.push([]);
        open('table');
        return;
      case 'table:table-row':
        if (tableDepth === 1) row = [];
        rows.push({ start: out.length, elements, repeat: repeat(attributes, 'table:number-rows-repeated') });
        open('tr');
        return;
      default:
        if (AS_HTML[name] !== undefined) open(AS_HTML[name]);
        else closers.push('');
    }
  });
  parser.on('closetag', (node: SaxesTagPlain) => {
    const name = node.name;
    if (name === 'office:text') inBody = false;
    if (!inBody) return;
    if (skipping > 0) {
      skipping -= 1;
      return;
    }
    out.push(closers.pop() ?? '');
    if (name === 'table:table-cell' && cell !== null) {
      gridColumns(cell.fill, cell.span);
      cell = null;
    } else if (name === 'table:table-row') rowEnd();
    else if (name === 'table:table') tableDepth -= 1;
  });
  parser.on('text', (text) => {
    if (inBody && skipping === 0) out.push(escape(text));
  });

  function cellStart(attributes: Record<string, string>): void {
    const span = repeat(attributes, 'table:number-columns-spanned');
    const down = repeat(attributes, 'table:number-rows-spanned');
    const times = repeat(attributes, 'table:number-columns-repeated');
    const fill = fills.get(attributes['table:style-name'] ?? '') ?? null;
    const spans = `${span > 1 ? ` colspan="${span}"` : ''}${down > 1 ? ` rowspan="${down}"` : ''}`;
    if (times > 1) {
      // LibreOffice writes a run of identical (empty) cells once, with a count.
      count(times);
      out.push(`<td${spans}></td>`.repeat(times));
      for (let i = 0; i < times; i++) gridColumns(fill, span);
      skipping += 1;
      return;
    }
    open('td', spans);
    if (tableDepth === 1) cell = { span, fill };
  }

  function rowEnd(): void {
    const { start, elements: before, repeat: times } = rows.pop()!;
    // A row written once with a repeat count stands for that many identical rows, each counted before it is copied.
    if (times > 1) {
      count((elements - before) * (times - 1));
      out.push(out.slice(start).join('').repeat(times - 1));
    }
    if (tableDepth === 1 && row !== null) {
      for (let i = 0; i < times; i++) shading.at(-1)!.push([...row]);
      row = null;
    }
  }

  parser.write(contentXml).close();
  return { html: out.join(''), shading };
}

/** A repeat or span count: at least one, and never more than the element limit allows. */
function repeat(attributes: Record<string, string>, name: string): number {
  const value = Number.parseInt(attributes[name] ?? '1', 10);
  return Number.isInteger(value) && value > 1 ? Math.min(value, HTML_ELEMENTS_MAX + 1) : 1;
}

function escape(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
