import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { DomainError, type DomainErrorCode } from '../../src/domain/errors.js';
import { readSourceRows } from '../../src/import/read-source-rows.js';

/** Deterministic noise, so a run can never start with a zip or PDF signature by chance. */
function randomBytes(length: number): Uint8Array {
  const bytes = new Uint8Array(length);
  let state = 0x2545f491;
  for (let i = 0; i < length; i++) {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    bytes[i] = state & 0xff;
  }
  return bytes;
}

async function zip(files: Record<string, string>): Promise<Uint8Array> {
  const archive = new JSZip();
  for (const [path, content] of Object.entries(files)) archive.file(path, content);
  return archive.generateAsync({ type: 'uint8array' });
}

async function workbook(fill: (sheet: ExcelJS.Worksheet) => void): Promise<Uint8Array> {
  const book = new ExcelJS.Workbook();
  fill(book.addWorksheet('Plan'));
  return new Uint8Array(await book.xlsx.writeBuffer());
}

const text = (s: string): Uint8Array => new TextEncoder().encode(s);

async function rejection(bytes: Uint8Array, fileName: string, code: DomainErrorCode): Promise<DomainError> {
  const reading = readSourceRows(bytes, fileName);
  await expect(reading).rejects.toBeInstanceOf(DomainError);
  await expect(reading).rejects.toMatchObject({ code });
  return reading.then(
    () => {
      throw new Error('unreachable: the reading was rejected');
    },
    (error: DomainError) => error,
  );
}

describe('readSourceRows on files that are not a plan', () => {
  it('says an empty file is empty', async () => {
    const error = await rejection(new Uint8Array(0), 'plan.xlsx', 'file-empty');
    expect(error.message).toMatch(/^plan\.xlsx has no text in it\. Check that you picked the right file/);
    await expect(readSourceRows(text(' \r\n\t\n'), 'plan.txt')).rejects.toMatchObject({ code: 'file-empty' });
    await expect(readSourceRows(text('\uFEFF,,,\n,,,\n'), 'plan.csv')).rejects.toMatchObject({ code: 'file-empty' });
    await expect(readSourceRows(await workbook(() => {}), 'plan.xlsx')).rejects.toMatchObject({ code: 'file-empty' });
  });

  it.each(['plan.csv', 'plan.txt'])('turns down 5 MB of random bytes named %s', async (fileName) => {
    const error = await rejection(randomBytes(5 * 1024 * 1024), fileName, 'file-unreadable');
    expect(error.message).toContain(`${fileName} is not a spreadsheet, CSV or Word file`);
    expect(error.message).toContain(
      'Upload the action plan as an Excel workbook (.xlsx or .xls), a Word document (.docx or .doc), an OpenDocument file (.ods or .odt)',
    );
  });

  it.each(['plan.csv', 'plan.txt'])('decides %s is not text from its first 64 KB, without reading the rest', async (fileName) => {
    // 64 KB of noise then 5 MB of good plan rows: read whole, the noise would be too small a share to
    // turn it down; turned down, only the start was looked at, so noise costs the same at any size.
    const rows = '1.1 Hold two events,Events held,Less ASB,Lead – CSO,Sept 2017,\n'.repeat(80_000);
    const plan = text(rows);
    const noiseThenPlan = new Uint8Array(64 * 1024 + plan.length);
    noiseThenPlan.set(randomBytes(64 * 1024));
    noiseThenPlan.set(plan, 64 * 1024);
    expect(noiseThenPlan.length).toBeGreaterThan(5 * 1024 * 1024);
    await rejection(noiseThenPlan, fileName, 'file-unreadable');
  });

  it('turns down a file over 20 MB, naming the limit', async () => {
    const error = await rejection(new Uint8Array(21 * 1024 * 1024), 'plan.xlsx', 'file-too-large');
    expect(error.message).toMatch(/^plan\.xlsx is 21\.0 MB, and the limit is 20 MB\. Save a copy/);
  });

  it('turns down a zip that is neither a workbook nor a document', async () => {
    const error = await rejection(await zip({ 'notes.txt': 'hello' }), 'plan.xlsx', 'file-unsupported');
    expect(error.message).toMatch(/^plan\.xlsx is a zip file, but not an Excel workbook/);
    expect(error.message).toContain('save or download it as .xlsx or .docx');
  });

  it('turns down a truncated workbook as damaged, keeping the library error as the cause', async () => {
    const bytes = await workbook((sheet) => sheet.addRow(['ACTION', 'DEADLINE']));
    const error = await rejection(bytes.subarray(0, Math.floor(bytes.length / 2)), 'plan.xlsx', 'file-unreadable');
    expect(error.message).toMatch(/^plan\.xlsx looks like an Excel workbook \(\.xlsx\) but could not be opened/);
    expect(error.message).toContain('use File > Save As to save a new copy as an Excel Workbook (.xlsx)');
    expect(error.cause).toBeInstanceOf(Error);
  });

  it('turns down a workbook or document whose content is broken', async () => {
    const workbookError = await rejection(
      await zip({ '[Content_Types].xml': '<Types', 'xl/workbook.xml': 'not xml' }),
      'plan.xlsx',
      'file-unreadable',
    );
    expect(workbookError.message).toMatch(/^plan\.xlsx looks like an Excel workbook \(\.xlsx\) but could not be opened/);
    expect(workbookError.cause).toBeInstanceOf(Error);

    const documentError = await rejection(await zip({ 'word/document.xml': '<w:document' }), 'plan.docx', 'file-unreadable');
    expect(documentError.message).toMatch(/^plan\.docx looks like a Word document \(\.docx\) but could not be opened/);
    expect(documentError.message).toContain('Open it in Word');
    expect(documentError.cause).toBeInstanceOf(Error);
  });

  it('says a damaged old .xls/.doc (OLE) file is damaged, with the re-save advice', async () => {
    const ole = new Uint8Array(4096);
    ole.set([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
    const error = await rejection(ole, 'plan.xls', 'file-unreadable');
    expect(error.message).toMatch(/^plan\.xls looks like an old-format Excel workbook or Word document \(\.xls or \.doc\) but could not be opened/);
    expect(error.message).toContain('save a new copy as an Excel Workbook (.xlsx) or Word Document (.docx)');
  });

  it('asks for the table itself instead of a PDF', async () => {
    const error = await rejection(text('%PDF-1.7\n1 0 obj\n<< /Type /Catalog >>\nendobj\n'), 'plan.pdf', 'file-unsupported');
    expect(error.message).toMatch(/^plan\.pdf is a PDF/);
    expect(error.message).toContain('export the table as .xlsx or .csv');
    expect(error.message).toContain('save it as a text file (.txt)');
  });

  it('asks for a real workbook when a text file that is not a web page is named like one', async () => {
    const error = await rejection(text('ACTION\tLEAD\n1.1 Update guidance\tCSO\n'), 'export.xls', 'file-unsupported');
    expect(error.message).toMatch(/^export\.xls is named like an Excel or Word file but holds plain text/);
  });

  it('says which row of a CSV has an unclosed quote', async () => {
    const csv = text('ACTION,LEAD,DEADLINE\n1.1 Update guidance,"Lead – CSO,March 2017\n1.2 Run campaign,ASBRO,Sept 2016\n');
    const error = await rejection(csv, 'plan.csv', 'file-unreadable');
    expect(error.message).toMatch(/^Row 2: the cell in column B starts with a quote mark \("\) that is never closed/);
    expect(error.message).toContain('Add the closing " at the end of that cell');
    expect(error.cause).toBeInstanceOf(Error);
  });
});
