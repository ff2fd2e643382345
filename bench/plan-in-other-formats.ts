import * as XLSX from '@e965/xlsx';
import JSZip from 'jszip';

/**
 * A generated plan's rows written as .xls, .ods and .odt, for the import
 * benchmark's per-format rows. A row of one cell (a priority heading) spans
 * the table, as in the .xlsx the benchmark writes.
 */
export function asSpreadsheet(rows: (string | Date)[][], bookType: 'biff8' | 'ods', columns: number): Uint8Array {
  const sheet = XLSX.utils.aoa_to_sheet(rows, { cellDates: true });
  sheet['!merges'] = rows.flatMap((cells, r) => (cells.length === 1 && r > 0 ? [{ s: { r, c: 0 }, e: { r, c: columns - 1 } }] : []));
  const book = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(book, sheet, 'Delivery plan');
  return new Uint8Array(XLSX.write(book, { type: 'array', bookType }) as ArrayBuffer);
}

export async function asOdt(rows: (string | Date)[][], columns: number): Promise<Uint8Array> {
  const escape = (text: string): string => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  const cell = (value: string | Date, span = 1): string =>
    `<table:table-cell${span > 1 ? ` table:number-columns-spanned="${span}"` : ''}><text:p>${escape(value instanceof Date ? value.toISOString().slice(0, 10) : value)}</text:p></table:table-cell>` +
    '<table:covered-table-cell/>'.repeat(span - 1);
  const [title, ...table] = rows;
  const body =
    `<text:h text:outline-level="1">${escape(String(title![0]))}</text:h><table:table><table:table-column table:number-columns-repeated="${columns}"/>` +
    table.map((cells) => `<table:table-row>${cells.length === 1 ? cell(cells[0]!, columns) : cells.map((value) => cell(value)).join('')}</table:table-row>`).join('') +
    '</table:table>';
  const zip = new JSZip();
  zip.file('mimetype', 'application/vnd.oasis.opendocument.text', { compression: 'STORE' });
  zip.file(
    'content.xml',
    '<?xml version="1.0" encoding="UTF-8"?><office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" ' +
      'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.3">' +
      `<office:body><office:text>${body}</office:text></office:body></office:document-content>`,
  );
  zip.file(
    'META-INF/manifest.xml',
    '<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.3">' +
      '<manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.text"/>' +
      '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/></manifest:manifest>',
  );
  return zip.generateAsync({ type: 'uint8array', compression: 'DEFLATE' });
}
