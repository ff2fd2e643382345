import mammoth from 'mammoth';
import { parse } from 'node-html-parser';
import type { SourceRow } from '../domain/source-row.js';
import { readTableShading } from './docx-shading.js';
import { readHtmlBody } from './read-html.js';
import { RowCounter } from './row-limits.js';

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
  return readHtmlBody(body, new RowCounter(fileName), parts.document === undefined ? [] : readTableShading(parts.document, parts.theme), fileName);
}
