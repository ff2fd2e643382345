import yauzl from 'yauzl';
import { DomainError } from '../domain/errors.js';

/**
 * How much an Office file may unpack to. A real plan's workbook or document
 * unpacks to a few megabytes (a 16,000-row workbook to about 10 MB); a zip
 * bomb to gigabytes from a file of kilobytes.
 */
export const ZIP_LIMITS = {
  /** A worksheet, read as a stream. */
  worksheetBytes: 128 * 1024 * 1024,
  /** Any other part: XML read whole (the document, shared strings, styles), pictures. */
  partBytes: 24 * 1024 * 1024,
  /** All parts together. */
  totalBytes: 160 * 1024 * 1024,
  /** Beyond this size, a part may not unpack to more than `ratio` times its packed size. */
  ratioFloorBytes: 4 * 1024 * 1024,
  ratio: 200,
  entries: 10_000,
} as const;

/** The parts of a checked archive a reader needs as text, besides what its library reads. */
export type CheckedZip = {
  names: string[];
  /** Where each part's local header and data lie in the file, in file order, then the directory's start. */
  layout: { parts: { name: string; start: number; end: number }[]; directory: number };
  /** The text of small XML parts the readers need themselves: themes, Word's document, the core properties, ODF's parts. */
  texts: Map<string, string>;
};

const MEGABYTE = 1024 * 1024;
const WORKSHEET = /^xl\/worksheets\/[^/]+\.xml$/;
const XML_PART = /\.(xml|rels|vml)$/i;
/**
 * Parts whose text the readers use beside the library: theme colours, Word's cell shading, the file's Title, and
 * an OpenDocument file's type, body and properties.
 */
const KEEP_TEXT = /^(?:xl\/theme\/theme1\.xml|word\/theme\/theme1\.xml|word\/document\d*\.xml|docProps\/core\.xml|mimetype|content\.xml|meta\.xml)$/;
/** A DTD in an Office part is never Office's: it is how entity-expansion ("billion laughs") attacks start. */
const DTD = /<!(?:DOCTYPE|ENTITY)/i;

/**
 * Checks an Office file before any library unpacks it: the size of every part
 * as the archive's central directory declares it, then each part unpacked with
 * a running count that stops at the limit (a part that unpacks to more than it
 * declares is refused), no DTD in any XML part, and no data between parts that
 * a streaming reader would see and the directory does not list.
 */
export async function checkZip(bytes: Uint8Array, fileName: string): Promise<CheckedZip> {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const zip = await yauzl.fromBufferPromise(buffer, { lazyEntries: true, validateEntrySizes: true, strictFileNames: false });
  const entries: yauzl.Entry[] = [];
  try {
    for await (const entry of zip.eachEntry()) {
      entries.push(entry);
      if (entries.length > ZIP_LIMITS.entries) {
        throw tooLarge(fileName, `it holds more than ${ZIP_LIMITS.entries.toLocaleString('en-GB')} parts`);
      }
      checkDeclared(entry, fileName);
    }
    const declared = entries.reduce((sum, entry) => sum + entry.uncompressedSize, 0);
    if (declared > ZIP_LIMITS.totalBytes) {
      throw tooLarge(fileName, `it unpacks to ${megabytes(declared)}, and the limit is ${megabytes(ZIP_LIMITS.totalBytes)}`);
    }
    const layout = checkLayout(buffer, entries, fileName);
    const texts = new Map<string, string>();
    let inflated = 0;
    for (const entry of entries) {
      if (entry.fileName.endsWith('/')) continue;
      const { bytes: count, text } = await unpack(zip, entry, fileName, ZIP_LIMITS.totalBytes - inflated);
      inflated += count;
      if (text !== null) texts.set(entry.fileName, text);
    }
    return { names: entries.map((entry) => entry.fileName), layout, texts };
  } finally {
    zip.close();
  }
}

function checkDeclared(entry: yauzl.Entry, fileName: string): void {
  const limit = WORKSHEET.test(entry.fileName) ? ZIP_LIMITS.worksheetBytes : ZIP_LIMITS.partBytes;
  if (entry.uncompressedSize > limit) {
    throw tooLarge(fileName, `its part ${entry.fileName} unpacks to ${megabytes(entry.uncompressedSize)}, and the limit is ${megabytes(limit)}`);
  }
  if (entry.uncompressedSize > ZIP_LIMITS.ratioFloorBytes && entry.uncompressedSize > entry.compressedSize * ZIP_LIMITS.ratio) {
    throw tooLarge(
      fileName,
      `its part ${entry.fileName} unpacks to ${Math.round(entry.uncompressedSize / Math.max(entry.compressedSize, 1))} times its packed size, ` +
        `and the limit is ${ZIP_LIMITS.ratio} times`,
    );
  }
}

/**
 * Streaming readers (exceljs's) walk the archive from its start rather than
 * through its directory, so every byte before the directory must belong to a
 * part the directory lists: a hidden part there would be unpacked unchecked.
 */
function checkLayout(buffer: Buffer, entries: yauzl.Entry[], fileName: string): CheckedZip['layout'] {
  const sorted = [...entries].sort((a, b) => a.relativeOffsetOfLocalHeader - b.relativeOffsetOfLocalHeader);
  let expected = 0;
  for (const entry of sorted) {
    const offset = entry.relativeOffsetOfLocalHeader;
    // A data descriptor after a part's data takes 12 to 24 bytes.
    if (offset < expected || offset - expected > 24 || offset + 30 > buffer.length) throw hidden(fileName);
    const header = offset + 30 + buffer.readUInt16LE(offset + 26) + buffer.readUInt16LE(offset + 28);
    expected = header + entry.compressedSize;
  }
  const directory = centralDirectoryOffset(buffer);
  if (directory === null || directory < expected || directory - expected > 24) throw hidden(fileName);
  const parts = sorted.map((entry, i) => ({
    name: entry.fileName,
    start: entry.relativeOffsetOfLocalHeader,
    end: sorted[i + 1]?.relativeOffsetOfLocalHeader ?? directory,
  }));
  return { parts, directory };
}

function centralDirectoryOffset(buffer: Buffer): number | null {
  for (let i = buffer.length - 22; i >= Math.max(0, buffer.length - 22 - 0xffff); i--) {
    if (buffer.readUInt32LE(i) !== 0x06054b50) continue;
    const offset = buffer.readUInt32LE(i + 16);
    if (offset !== 0xffffffff) return offset;
    // Zip64: the locator just before the end record points at the zip64 end record.
    const locator = i - 20;
    if (locator < 0 || buffer.readUInt32LE(locator) !== 0x07064b50) return null;
    const record = Number(buffer.readBigUInt64LE(locator + 8));
    return record + 56 <= buffer.length ? Number(buffer.readBigUInt64LE(record + 48)) : null;
  }
  return null;
}

async function unpack(
  zip: yauzl.ZipFile,
  entry: yauzl.Entry,
  fileName: string,
  budget: number,
): Promise<{ bytes: number; text: string | null }> {
  const xml = XML_PART.test(entry.fileName);
  const keep = KEEP_TEXT.test(entry.fileName);
  const stream = await zip.openReadStreamPromise(entry);
  const chunks: Buffer[] = [];
  let count = 0;
  let head = '';
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      count += chunk.length;
      if (count > budget) {
        throw tooLarge(fileName, `it unpacks to more than ${megabytes(ZIP_LIMITS.totalBytes)}, the limit`);
      }
      if (xml && head.length < 4096) {
        head += chunk.subarray(0, 4096).toString('latin1');
        if (DTD.test(head)) throw dtd(fileName, entry.fileName);
      }
      if (keep) chunks.push(chunk);
    }
  } catch (error) {
    stream.destroy();
    if (error instanceof DomainError) throw error;
    // yauzl stops a part that unpacks to more bytes than the directory declared.
    throw tooLarge(fileName, `its part ${entry.fileName} unpacks to more than it declares`, error);
  }
  return { bytes: count, text: keep ? Buffer.concat(chunks).toString('utf8') : null };
}

function megabytes(bytes: number): string {
  return `${(bytes / MEGABYTE).toLocaleString('en-GB', { maximumFractionDigits: 1 })} MB`;
}

function tooLarge(fileName: string, why: string, cause?: unknown): DomainError {
  return new DomainError(
    'file-too-large',
    `${fileName} is refused: ${why}. A plan unpacks to a few megabytes; save a copy that holds only the action plan ` +
      '(without pictures or other sheets) and upload that.',
    cause === undefined ? undefined : { cause },
  );
}

function hidden(fileName: string): DomainError {
  return new DomainError(
    'file-unreadable',
    `${fileName} is refused: it holds data its own table of contents does not list, which Excel and Word never write. ` +
      'Open it in Excel or Word, use File > Save As to save a new copy, and upload that.',
  );
}

function dtd(fileName: string, part: string): DomainError {
  return new DomainError(
    'file-unreadable',
    `${fileName} is refused: its part ${part} declares XML entities (a DTD), which Excel and Word never write and which ` +
      'can make a reader expand a few bytes into gigabytes. Open it in Excel or Word, save a new copy, and upload that.',
  );
}
