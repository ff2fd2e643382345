import { deflateRawSync, constants } from 'node:zlib';
import JSZip from 'jszip';

/**
 * Hostile Office files, generated: nothing large is kept in the repository.
 */

const MEGABYTE = 1024 * 1024;

/**
 * A deflate stream of `megabytes` MB of spaces (XML whitespace), built from
 * one compressed megabyte repeated: after a full flush a deflate block does
 * not refer back, so the same bytes can follow each other.
 */
function deflatedSpaces(megabytes: number): Buffer {
  const block = deflateRawSync(Buffer.alloc(MEGABYTE, 0x20), { level: 9, finishFlush: constants.Z_FULL_FLUSH });
  const blocks = Array.from({ length: megabytes }, () => block);
  // A final, empty stored block ends the stream.
  return Buffer.concat([...blocks, Buffer.from([0x01, 0x00, 0x00, 0xff, 0xff])]);
}

type Part = { name: string; data: Buffer; method: 0 | 8; declaredSize: number };

/** A zip of the given parts, written by hand so a part may declare any unpacked size. */
export function zipOf(parts: Part[]): Uint8Array {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const part of parts) {
    const name = Buffer.from(part.name, 'utf8');
    const sizes = { method: part.method, packed: part.data.length, unpacked: part.declaredSize, name: name.length };
    const local = record(30, [[0, 4, 0x04034b50], [4, 2, 20], [8, 2, sizes.method], [18, 4, sizes.packed], [22, 4, sizes.unpacked], [26, 2, sizes.name]]);
    const central = record(46, [
      [0, 4, 0x02014b50], [4, 2, 20], [6, 2, 20], [10, 2, sizes.method], [20, 4, sizes.packed], [24, 4, sizes.unpacked], [28, 2, sizes.name], [42, 4, offset],
    ]);
    locals.push(local, name, part.data);
    centrals.push(central, name);
    offset += local.length + name.length + part.data.length;
  }
  const directory = Buffer.concat(centrals);
  const end = record(22, [[0, 4, 0x06054b50], [8, 2, parts.length], [10, 2, parts.length], [12, 4, directory.length], [16, 4, offset]]);
  return new Uint8Array(Buffer.concat([...locals, directory, end]));
}

/** A zip record of `size` bytes with little-endian fields at [offset, width, value]; the rest zero. */
function record(size: number, fields: [number, 2 | 4, number][]): Buffer {
  const buffer = Buffer.alloc(size);
  for (const [at, width, value] of fields) {
    if (width === 2) buffer.writeUInt16LE(value, at);
    else buffer.writeUInt32LE(value, at);
  }
  return buffer;
}

const stored = (name: string, text: string): Part => {
  const data = Buffer.from(text, 'utf8');
  return { name, data, method: 0, declaredSize: data.length };
};

/** The parts around the bomb that make a file a document or a workbook. */
function frame(kind: 'docx' | 'xlsx'): Part[] {
  return kind === 'docx'
    ? [stored('[Content_Types].xml', '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>')]
    : [
        stored('[Content_Types].xml', '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>'),
        stored('xl/workbook.xml', WORKBOOK_XML),
        stored('xl/_rels/workbook.xml.rels', WORKBOOK_RELS),
      ];
}

/**
 * A document or workbook whose main part unpacks to `megabytes` MB of spaces.
 * `declaredMegabytes` is what the archive's directory says it unpacks to: the
 * truth, or a lie.
 */
export function zipBomb(kind: 'docx' | 'xlsx', megabytes: number, declaredMegabytes = megabytes): Uint8Array {
  const name = kind === 'docx' ? 'word/document.xml' : 'xl/worksheets/sheet1.xml';
  const declaredSize = Math.min(declaredMegabytes * MEGABYTE, 0xffffffff);
  return zipOf([...frame(kind), { name, data: deflatedSpaces(megabytes), method: 8, declaredSize }]);
}

/** The billion laughs: ten levels of ten entity references, 10^9 "lol"s from a kilobyte. */
export function billionLaughs(kind: 'docx' | 'xlsx'): Uint8Array {
  const entities = ['<!ENTITY lol0 "lol">'];
  for (let i = 1; i <= 9; i++) entities.push(`<!ENTITY lol${i} "${`&lol${i - 1};`.repeat(10)}">`);
  const dtd = `<?xml version="1.0"?><!DOCTYPE lolz [${entities.join('')}]>`;
  const part =
    kind === 'docx'
      ? stored('word/document.xml', `${dtd}<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>&lol9;</w:t></w:r></w:p></w:body></w:document>`)
      : stored('xl/sharedStrings.xml', `${dtd}<sst xmlns="${MAIN}" count="1" uniqueCount="1"><si><t>&lol9;</t></si></sst>`);
  const sheet = kind === 'xlsx' ? [stored('xl/worksheets/sheet1.xml', sheetXml('<row r="1"><c r="A1" t="s"><v>0</v></c></row>'))] : [];
  return zipOf([...frame(kind), ...sheet, part]);
}

const MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const WORKBOOK_XML =
  `<?xml version="1.0"?><workbook xmlns="${MAIN}" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">` +
  '<sheets><sheet name="Plan" sheetId="1" r:id="rId1"/></sheets></workbook>';
const WORKBOOK_RELS =
  '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
  '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>' +
  '</Relationships>';

function sheetXml(rows: string): string {
  return `<?xml version="1.0"?><worksheet xmlns="${MAIN}"><sheetData>${rows}</sheetData></worksheet>`;
}

/** A workbook of one sheet whose XML is given row by row, deflated by JSZip. */
async function workbookOf(sheet: string | Buffer): Promise<Uint8Array> {
  const zip = new JSZip();
  zip.file('[Content_Types].xml', '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>');
  zip.file('xl/workbook.xml', WORKBOOK_XML);
  zip.file('xl/_rels/workbook.xml.rels', WORKBOOK_RELS);
  zip.file('xl/worksheets/sheet1.xml', sheet);
  return zip.generateAsync({ type: 'uint8array', compression: 'DEFLATE', compressionOptions: { level: 1 } });
}

/** A workbook of `count` rows, each one short text cell. */
export function manyRows(count: number): Promise<Uint8Array> {
  const rows: string[] = [];
  for (let r = 1; r <= count; r++) rows.push(`<row r="${r}"><c r="A${r}" t="inlineStr"><is><t>${r}.1 act</t></is></c></row>`);
  return workbookOf(sheetXml(rows.join('')));
}

/** A workbook whose cell A2 holds `megabytes` MB of the letter x, or the text given. */
export function hugeCell(megabytes: number, content = Buffer.alloc(megabytes * MEGABYTE, 0x78)): Promise<Uint8Array> {
  const head = Buffer.from(sheetXml('<row r="1"><c r="A1" t="inlineStr"><is><t>ACTION</t></is></c></row><row r="2"><c r="A2" t="inlineStr"><is><t>').replace('</sheetData></worksheet>', ''));
  const tail = Buffer.from('</t></is></c></row></sheetData></worksheet>');
  return workbookOf(Buffer.concat([head, content, tail]));
}
