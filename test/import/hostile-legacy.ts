import * as XLSX from '@e965/xlsx';
import JSZip from 'jszip';

/** Hostile and locked old-format (OLE) and OpenDocument files, generated: nothing large is kept in the repository. */

/** An OLE compound file holding the given streams. */
export function oleWith(streams: Record<string, Uint8Array>): Uint8Array {
  const container = XLSX.CFB.utils.cfb_new();
  for (const [name, content] of Object.entries(streams)) XLSX.CFB.utils.cfb_add(container, `/${name}`, content);
  return new Uint8Array(XLSX.CFB.write(container, { type: 'array' }) as ArrayLike<number>);
}

/** What an .xlsx or .docx locked with a password is: the encrypted package beside its EncryptionInfo. */
export function passwordLocked(): Uint8Array {
  return oleWith({ EncryptionInfo: new Uint8Array(64).fill(4), EncryptedPackage: new Uint8Array(4096).fill(7) });
}

/** An Excel 97-2003 workbook of the given sheets, each a list of rows. */
export function xlsOf(sheets: Record<string, (string | number)[][]>): Uint8Array {
  const book = XLSX.utils.book_new();
  for (const [name, rows] of Object.entries(sheets)) XLSX.utils.book_append_sheet(book, XLSX.utils.aoa_to_sheet(rows), name);
  return new Uint8Array(XLSX.write(book, { type: 'array', bookType: 'biff8' }) as ArrayBuffer);
}

/** An OpenDocument file of the given type whose content.xml body is `body`, after the given automatic styles. */
export async function odfOf(type: 'text' | 'spreadsheet', body: string, styles = ''): Promise<Uint8Array> {
  const zip = new JSZip();
  zip.file('mimetype', `application/vnd.oasis.opendocument.${type}`, { compression: 'STORE' });
  zip.file(
    'content.xml',
    '<?xml version="1.0" encoding="UTF-8"?><office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" ' +
      'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0">' +
      `${styles}<office:body><office:${type}>${body}</office:${type}></office:body></office:document-content>`,
  );
  return zip.generateAsync({ type: 'uint8array', compression: 'DEFLATE' });
}
