import { DomainError } from '../domain/errors.js';

/**
 * What an OLE compound file (the container of .xls and .doc files) may hold.
 * A workbook or document has a few dozen streams; each stream lies in the
 * file's own sectors, so together they cannot exceed the file unless
 * sectors are shared, which only a crafted file does.
 */
export const OLE_LIMITS = {
  entries: 1_000,
} as const;

/** What an OLE file holds: an old-format workbook or document, or an Office file locked with a password. */
export type OleContent = { kind: 'workbook' } | { kind: 'document'; wordDocument: Uint8Array } | { kind: 'encrypted' };

type CfbEntry = { name: string; type: number; size: number; content?: Uint8Array | number[] };
const STREAM = 2;

/**
 * Opens the container, checks its directory against the limits, and says what
 * it holds. Excel calls its stream Workbook (Book before Excel 97); Word,
 * WordDocument. A password-protected .xlsx or .docx is an OLE file holding
 * an EncryptionInfo stream beside the encrypted package.
 */
export async function readOleContainer(bytes: Uint8Array, fileName: string): Promise<OleContent> {
  // SheetJS bundles the CFB reader it uses itself; it loads only for an OLE file.
  const { CFB } = await import('@e965/xlsx');
  let entries: CfbEntry[];
  try {
    entries = (CFB.read(bytes, { type: 'array' }) as { FileIndex: CfbEntry[] }).FileIndex;
  } catch (error) {
    throw damagedOle(fileName, error);
  }
  if (entries.length > OLE_LIMITS.entries) {
    throw oleRefusal(fileName, `it holds more than ${OLE_LIMITS.entries.toLocaleString('en-GB')} streams`);
  }
  const streams = entries.filter((entry) => entry.type === STREAM);
  const total = streams.reduce((sum, entry) => sum + entry.size, 0);
  if (total > bytes.length) {
    throw oleRefusal(fileName, `its streams add up to ${total.toLocaleString('en-GB')} bytes, more than the file itself holds`);
  }
  const named = (name: string): CfbEntry | undefined => streams.find((entry) => entry.name === name);
  if (named('EncryptionInfo') !== undefined) return { kind: 'encrypted' };
  if (named('Workbook') !== undefined || named('Book') !== undefined) return { kind: 'workbook' };
  const word = named('WordDocument');
  if (word?.content !== undefined) return { kind: 'document', wordDocument: Uint8Array.from(word.content) };
  throw new DomainError(
    'file-unsupported',
    `${fileName} is an old-format Office file, but not an Excel workbook (.xls) or Word document (.doc). ` +
      'Open the action plan in Excel or Word, save it as an Excel Workbook (.xlsx) or Word Document (.docx), and upload that.',
  );
}

/** A password-locked file: the words people see in Excel or Word, and how to remove it. */
export function passwordProtected(fileName: string): DomainError {
  return new DomainError(
    'file-unsupported',
    `${fileName} is protected with a password, so it cannot be read. Open it in Excel or Word, enter the password, ` +
      'remove it (File > Info > Protect > Encrypt with Password, and clear the password), save, and upload the file again.',
  );
}

export function damagedOle(fileName: string, cause: unknown): DomainError {
  return new DomainError(
    'file-unreadable',
    `${fileName} looks like an old-format Excel workbook or Word document (.xls or .doc) but could not be opened: ` +
      'it may be damaged, or only part of it was uploaded. Open it in Excel or Word, use File > Save As to save a new copy ' +
      'as an Excel Workbook (.xlsx) or Word Document (.docx), and upload that.',
    { cause },
  );
}

function oleRefusal(fileName: string, why: string): DomainError {
  return new DomainError(
    'file-too-large',
    `${fileName} is refused: ${why}, which Excel and Word never write. Open it in Excel or Word, save a new copy, and upload that.`,
  );
}
