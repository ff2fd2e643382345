import { extname } from 'node:path';
import { DomainError } from '../domain/errors.js';
import type { SourceRow } from '../domain/source-row.js';
import { decodeText } from './decode-text.js';
import { readDocumentTitle } from './document-title.js';
import { readDelimited } from './read-delimited.js';
import { readHtml } from './read-html.js';
import { readWordText } from './read-word-text.js';
import { checkRows } from './row-limits.js';
import { type CheckedZip, checkZip } from './zip-guard.js';

const MAX_MEGABYTES = 20;
/** The largest plan file the importer reads, whichever way it arrives. */
export const MAX_PLAN_FILE_BYTES = MAX_MEGABYTES * 1024 * 1024;
/** Binary files decode to text too; a plan never holds more than a stray control character. */
const MAX_CONTROL_SHARE = 0.01;
const BINARY_SNIFF_BYTES = 64 * 1024;
/** A web page's start: a doctype, its root element, or a table saved alone (comments and an XML declaration may come first). */
const HTML_START = /^\uFEFF?\s*(?:<\?xml[^>]*>\s*)?(?:<!--[\s\S]*?-->\s*)*<(?:!doctype\s+html|html|head|body|table|meta)\b/i;

const ZIP = [0x50, 0x4b, 0x03, 0x04];
/** The container of .xls and .doc files, and of password-protected .xlsx and .docx files. */
const OLE = [0xd0, 0xcf, 0x11, 0xe0];
const PDF = [0x25, 0x50, 0x44, 0x46];

interface OfficeKind {
  what: string;
  app: string;
  saveAs: string;
}
const WORKBOOK: OfficeKind = { what: 'an Excel workbook (.xlsx)', app: 'Excel', saveAs: 'an Excel Workbook (.xlsx)' };
const DOCUMENT: OfficeKind = { what: 'a Word document (.docx)', app: 'Word', saveAs: 'a Word Document (.docx)' };
const OLD_WORKBOOK: OfficeKind = { what: 'an Excel 97-2003 workbook (.xls)', app: 'Excel', saveAs: 'an Excel Workbook (.xlsx)' };
const OLD_DOCUMENT: OfficeKind = { what: 'a Word 97-2003 document (.doc)', app: 'Word', saveAs: 'a Word Document (.docx)' };
const ODF_SPREADSHEET: OfficeKind = {
  what: 'an OpenDocument spreadsheet (.ods)',
  app: 'LibreOffice Calc or Excel',
  saveAs: 'an ODF Spreadsheet (.ods) or Excel Workbook (.xlsx)',
};
const ODF_TEXT: OfficeKind = {
  what: 'an OpenDocument text document (.odt)',
  app: 'LibreOffice Writer or Word',
  saveAs: 'an ODF Text Document (.odt) or Word Document (.docx)',
};
const ODF_TYPES = { text: 'application/vnd.oasis.opendocument.text', spreadsheet: 'application/vnd.oasis.opendocument.spreadsheet' };
const OFFICE_FILE: OfficeKind = {
  what: 'an Excel workbook or Word document (it is a zip file)',
  app: 'Excel or Word',
  saveAs: 'an Excel Workbook (.xlsx) or Word Document (.docx)',
};
const WHAT_TO_UPLOAD =
  'Upload the action plan as an Excel workbook (.xlsx or .xls), a Word document (.docx or .doc), an OpenDocument file ' +
  '(.ods or .odt), a CSV file, or the plan copied out of Word into a text file (.txt).';

/** A plan file as read: its rows, and the Title its properties give (Excel, Word and OpenDocument files only). */
export type SourceFile = { rows: SourceRow[]; title: string | null };

/**
 * The rows of a coordinator's plan file, read as they are. The content decides
 * the format, since files are often renamed; for text, the extension tells CSV
 * and TSV from text copied out of Word.
 */
export async function readSourceRows(bytes: Uint8Array, fileName: string): Promise<SourceRow[]> {
  return (await readSourceFile(bytes, fileName)).rows;
}

/** The rows of a plan file and its Title property. */
export async function readSourceFile(bytes: Uint8Array, fileName: string): Promise<SourceFile> {
  if (bytes.length === 0) throw emptyFile(fileName);
  if (bytes.length > MAX_PLAN_FILE_BYTES) {
    throw new DomainError(
      'file-too-large',
      `${fileName} is ${(bytes.length / 1024 / 1024).toFixed(1)} MB, and the limit is ${MAX_MEGABYTES} MB. ` +
        'Save a copy that holds only the action plan (without pictures or other sheets) and upload that.',
    );
  }
  if (startsWith(bytes, ZIP)) return readOfficeFile(bytes, fileName);
  if (startsWith(bytes, OLE)) return readOleFile(bytes, fileName);
  if (startsWith(bytes, PDF)) {
    throw new DomainError(
      'file-unsupported',
      `${fileName} is a PDF, which does not keep the plan's table in a form that can be read reliably. ` +
        'Upload the Excel or Word file the PDF was made from, export the table as .xlsx or .csv, ' +
        'or copy the table out of the document and save it as a text file (.txt).',
    );
  }
  return { rows: readTextFile(bytes, fileName), title: null };
}

async function readOfficeFile(bytes: Uint8Array, fileName: string): Promise<SourceFile> {
  const extension = extname(fileName).toLowerCase();
  let zip: CheckedZip;
  try {
    zip = await checkZip(bytes, fileName);
  } catch (error) {
    if (error instanceof DomainError) throw error;
    const kind = extension === '.docx' ? DOCUMENT : extension.startsWith('.xls') ? WORKBOOK : OFFICE_FILE;
    throw damaged(fileName, kind, error);
  }
  const title = readDocumentTitle(zip.texts.get('docProps/core.xml'));
  // Word names the main part document2.xml (and so on) in some saved copies; mammoth follows the package's own links.
  const documentPart = zip.names.find((path) => /^word\/document\d*\.xml$/.test(path));
  if (documentPart !== undefined) {
    const shading = { document: zip.texts.get(documentPart), theme: zip.texts.get('word/theme/theme1.xml') };
    // The document libraries load only for their kind of file: a text plan, and every other command, start without them.
    const rows = await readWith(async () => (await import('./read-docx.js')).readDocx(bytes, fileName, shading), fileName, DOCUMENT);
    return { rows, title };
  }
  if (zip.names.includes('xl/workbook.xml')) {
    const rows = await readWith(async () => (await import('./read-xlsx.js')).readXlsx(bytes, fileName, zip), fileName, WORKBOOK);
    return { rows, title };
  }
  const odfType = zip.texts.get('mimetype')?.trim();
  const content = zip.texts.get('content.xml');
  if (odfType === ODF_TYPES.text && content !== undefined) {
    const rows = await readWith(async () => (await import('./read-odt.js')).readOdt(content, fileName), fileName, ODF_TEXT);
    return { rows, title: readDocumentTitle(zip.texts.get('meta.xml')) };
  }
  if (odfType === ODF_TYPES.spreadsheet && content !== undefined) {
    const file = await readSpreadsheetWith(async () => {
      const fills = (await import('./ods-content.js')).readOdsContent(content, fileName);
      return (await import('./read-spreadsheet.js')).readSpreadsheet(bytes, fileName, fills);
    }, fileName, ODF_SPREADSHEET);
    // SheetJS reads no properties from .ods; its Title is in meta.xml, as an .odt's is.
    return { rows: file.rows, title: file.title ?? readDocumentTitle(zip.texts.get('meta.xml')) };
  }
  throw new DomainError(
    'file-unsupported',
    `${fileName} is a zip file, but not an Excel workbook (.xlsx), Word document (.docx) or OpenDocument file (.ods, .odt). ` +
      'If the plan was made in another program (Numbers, Google Sheets), save or download it as .xlsx or .docx and upload that.',
  );
}

/** An old-format (.xls, .doc) file, or an .xlsx or .docx locked with a password: all are OLE containers. */
async function readOleFile(bytes: Uint8Array, fileName: string): Promise<SourceFile> {
  const { readOleContainer, passwordProtected } = await import('./ole-container.js');
  const content = await readOleContainer(bytes, fileName);
  if (content.kind === 'encrypted') throw passwordProtected(fileName);
  if (content.kind === 'workbook') {
    return readSpreadsheetWith(async () => (await import('./read-spreadsheet.js')).readSpreadsheet(bytes, fileName), fileName, OLD_WORKBOOK);
  }
  const rows = await readWith(async () => (await import('./read-doc.js')).readDoc(bytes, content.wordDocument, fileName), fileName, OLD_DOCUMENT);
  return { rows, title: null };
}

/** A spreadsheet read by SheetJS, which gives the rows and the Title together. */
async function readSpreadsheetWith(read: () => Promise<SourceFile>, fileName: string, kind: OfficeKind): Promise<SourceFile> {
  let title: string | null = null;
  const rows = await readWith(
    async () => {
      const file = await read();
      title = file.title;
      return file.rows;
    },
    fileName,
    kind,
  );
  return { rows, title };
}

async function readWith(read: () => Promise<SourceRow[]>, fileName: string, kind: OfficeKind): Promise<SourceRow[]> {
  let rows: SourceRow[];
  try {
    rows = await read();
  } catch (error) {
    // A limit reached while reading is the reason to give, not damage.
    if (error instanceof DomainError) throw error;
    throw damaged(fileName, kind, error);
  }
  if (rows.length === 0) throw emptyFile(fileName);
  return rows;
}

function readTextFile(bytes: Uint8Array, fileName: string): SourceRow[] {
  // The start of a binary file already shows it, so 20 MB of noise is turned down without decoding it all.
  if (looksBinary(decodeText(bytes.subarray(0, BINARY_SNIFF_BYTES)))) throw notText(fileName);
  const text = decodeText(bytes);
  if (text.trim() === '') throw emptyFile(fileName);
  if (looksBinary(text)) throw notText(fileName);
  const extension = extname(fileName).toLowerCase();
  // A saved web page, or the HTML table web systems export under an Excel name (Excel opens it as a sheet).
  if (extension === '.htm' || extension === '.html' || HTML_START.test(text.slice(0, BINARY_SNIFF_BYTES))) {
    return [...checkRows(readHtml(text, fileName), fileName)];
  }
  // Other text under an Excel or Word name would read as nonsense rows.
  if (['.xls', '.xlsx', '.xlsm', '.doc', '.docx', '.pdf'].includes(extension)) {
    throw new DomainError(
      'file-unsupported',
      `${fileName} is named like ${extension === '.pdf' ? 'a PDF' : 'an Excel or Word file'} but holds plain text. ` +
        'Open it in Excel or Word and use File > Save As to save it as an Excel Workbook (.xlsx) or Word Document ' +
        '(.docx), then upload the new file.',
    );
  }
  const rows =
    extension === '.csv' || extension === '.tsv' ? readDelimited(text, extension === '.csv' ? 'csv' : 'tsv') : readWordText(text);
  if (rows.length === 0) throw emptyFile(fileName);
  return [...checkRows(rows, fileName)];
}

function looksBinary(text: string): boolean {
  let control = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === 0) return true;
    // Tab, line feed, vertical tab (Word's line break) and form feed are text; other C0/C1 controls and U+FFFD are not.
    if ((code < 0x20 && (code < 0x09 || code > 0x0c)) || (code >= 0x7f && code <= 0x9f) || code === 0xfffd) control++;
  }
  return control > text.length * MAX_CONTROL_SHARE;
}

function startsWith(bytes: Uint8Array, magic: readonly number[]): boolean {
  return magic.every((byte, i) => bytes[i] === byte);
}

function notText(fileName: string): DomainError {
  return new DomainError('file-unreadable', `${fileName} is not a spreadsheet, CSV or Word file: its content is not text. ${WHAT_TO_UPLOAD}`);
}

function emptyFile(fileName: string): DomainError {
  return new DomainError(
    'file-empty',
    `${fileName} has no text in it. Check that you picked the right file and that the action plan was saved in it, ` +
      'then upload it again.',
  );
}

function damaged(fileName: string, kind: OfficeKind, cause: unknown): DomainError {
  return new DomainError(
    'file-unreadable',
    `${fileName} looks like ${kind.what} but could not be opened: it may be damaged, or only part of it was uploaded. ` +
      `Open it in ${kind.app}, use File > Save As to save a new copy as ${kind.saveAs}, and upload that.`,
    { cause },
  );
}
