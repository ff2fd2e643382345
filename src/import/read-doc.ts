import WordExtractor from 'word-extractor';
import type { SourceRow } from '../domain/source-row.js';
import { htmlText } from './html-text.js';
import { passwordProtected } from './ole-container.js';
import { RowCounter } from './row-limits.js';

/** The end of a table row as word-extractor gives it: the last cell's mark (a tab), then the row's own mark (a line break). */
const ROW_END = '\t\n';
/** Word's fEncrypted flag in the File Information Block. */
const ENCRYPTED = 0x0100;

/**
 * The paragraphs and table rows of an old Word document (.doc). word-extractor
 * reads the text through the file's piece table and marks each table cell's
 * end with a tab and each row's end with a line break after it; a paragraph
 * inside a cell ends with a line break too. Rows are read back from those
 * marks. Word keeps no grid positions in the text (a cell merged across
 * columns is one cell), so, as for text copied out of Word, cell positions
 * are not exact.
 */
export async function readDoc(bytes: Uint8Array, wordDocument: Uint8Array, fileName: string): Promise<SourceRow[]> {
  if (wordDocument.length > 0x0c && ((wordDocument[0x0a]! | (wordDocument[0x0b]! << 8)) & ENCRYPTED) !== 0) throw passwordProtected(fileName);
  const document = await new WordExtractor().extract(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
  // Unfiltered: the filter turns dashes and curly quotes into ASCII, and "Lead –" is how plans name a lead.
  // The published types leave out the option the library takes.
  const body = (document.getBody as (options: { filterUnicode: boolean }) => string).call(document, { filterUnicode: false });
  const counter = new RowCounter(fileName);
  const rows: SourceRow[] = [];
  let paragraphs = 0;
  let tableRows = 0;
  let previousCells = 0;
  const paragraph = (line: string): void => {
    const text = htmlText(line);
    if (text === '') return;
    paragraphs += 1;
    push({ kind: 'paragraph', cells: [text], where: `Paragraph ${paragraphs}`, exactColumns: true });
  };
  const push = (row: SourceRow): void => {
    counter.add(row);
    rows.push(row);
  };
  const segments = body.split(ROW_END);
  const rest = segments.pop() ?? '';
  let afterRow = false;
  for (const segment of segments) {
    let cells = segment.split('\t');
    const first = cells[0]!;
    const lineBreak = first.lastIndexOf('\n');
    // Text before a row that does not follow another row, or that makes a row of another width, is paragraphs
    // above a new table: only the last line before the first cell mark belongs to the row.
    if (lineBreak >= 0 && (!afterRow || cells.length !== previousCells)) {
      first.slice(0, lineBreak).split('\n').forEach(paragraph);
      cells = [first.slice(lineBreak + 1), ...cells.slice(1)];
    }
    afterRow = true;
    previousCells = cells.length;
    const texts = cells.map(htmlText);
    if (texts.every((text) => text === '')) continue;
    tableRows += 1;
    push({ kind: 'table', cells: texts, where: `Table row ${tableRows}`, exactColumns: false });
  }
  rest.split('\n').forEach((line) => {
    // A table whose row marks the reader could not tell apart still has its cells tab-separated.
    if (line.includes('\t')) {
      tableRows += 1;
      push({ kind: 'table', cells: line.split('\t').map(htmlText), where: `Table row ${tableRows}`, exactColumns: false });
    } else paragraph(line);
  });
  return rows;
}
