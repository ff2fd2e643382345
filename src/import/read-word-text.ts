import type { SourceRow } from '../domain/source-row.js';
import { htmlText } from './html-text.js';

/**
 * Rows of text copied out of a Word document: a table row arrives as one line
 * with its cells separated by tabs, anything else (titles, headings) as a line
 * without a tab. Word leaves out merged cells when it copies, so cell
 * positions are not exact; every cell is kept, empty ones included, so what
 * position information there is survives.
 */
export function readWordText(text: string): SourceRow[] {
  const rows: SourceRow[] = [];
  text.split('\n').forEach((line, index) => {
    const kind = line.includes('\t') ? 'table' : 'paragraph';
    const cells = kind === 'table' ? line.split('\t').map(htmlText) : [htmlText(line)];
    if (cells.every((cell) => cell === '')) return;
    rows.push({ kind, cells, where: `Line ${index + 1}`, exactColumns: false });
  });
  return rows;
}
