import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { DomainError } from '../../src/domain/errors.js';
import { OLE_LIMITS } from '../../src/import/ole-container.js';
import { readSourceRows } from '../../src/import/read-source-rows.js';
import { HTML_ELEMENTS_MAX } from '../../src/import/read-html.js';
import { ROW_LIMITS, SHEETS_MAX } from '../../src/import/row-limits.js';
import { ZIP_LIMITS } from '../../src/import/zip-guard.js';
import { odfOf, oleWith, passwordLocked, xlsOf } from './hostile-legacy.js';
import { billionLaughs, hugeCell, manyRows, zipBomb } from './hostile-zip.js';

/*
 * Every hostile file is generated here. The time and memory each takes are measured by
 * `npm run bench -- import`, not asserted: these tests assert the refusal, its message, and that
 * nothing beyond the limit was unpacked.
 */

async function refusal(bytes: Uint8Array, fileName: string): Promise<DomainError> {
  try {
    await readSourceRows(bytes, fileName);
  } catch (error) {
    expect(error).toBeInstanceOf(DomainError);
    return error as DomainError;
  }
  throw new Error(`${fileName} was read, not refused`);
}

const text = (s: string): Uint8Array => new TextEncoder().encode(s);

describe('zip bombs', () => {
  it.each([
    ['docx', 480],
    ['docx', 1024],
    ['xlsx', 480],
    ['xlsx', 1024],
  ] as const)('refuses a %s that unpacks to %i MB from its directory, before unpacking anything', async (kind, megabytes) => {
    const bytes = zipBomb(kind, megabytes);
    expect(bytes.length).toBeLessThan(2 * 1024 * 1024);
    const error = await refusal(bytes, `bomb.${kind}`);
    expect(error.code).toBe('file-too-large');
    const part = kind === 'docx' ? 'word/document.xml' : 'xl/worksheets/sheet1.xml';
    expect(error.message).toMatch(new RegExp(`^bomb\\.${kind} is refused: its part ${part.replace(/\./g, '\\.')} unpacks to [\\d,.]+ MB, and the limit is \\d+ MB`));
    expect(error.cause).toBeUndefined();
  });

  it.each(['docx', 'xlsx'] as const)('stops unpacking a %s whose directory understates its size at the size it declared', async (kind) => {
    const error = await refusal(zipBomb(kind, 1024, 2), `liar.${kind}`);
    expect(error.code).toBe('file-too-large');
    expect(error.message).toContain('unpacks to more than it declares');
    // yauzl counts the bytes it inflates and stops at the declared 2 MB.
    expect(String((error.cause as Error).message)).toMatch(/too many bytes in the stream/);
  });

  it('refuses a part that unpacks to more than the ratio allows', async () => {
    const error = await refusal(zipBomb('docx', 20), 'dense.docx');
    expect(error.message).toContain(`times its packed size, and the limit is ${ZIP_LIMITS.ratio} times`);
  });
});

describe('entity expansion', () => {
  it.each(['docx', 'xlsx'] as const)('refuses a %s whose XML declares entities (billion laughs)', async (kind) => {
    const error = await refusal(billionLaughs(kind), `lol.${kind}`);
    expect(error.code).toBe('file-unreadable');
    expect(error.message).toMatch(/declares XML entities \(a DTD\), which Excel and Word never write/);
  });
});

describe('rows and cells', () => {
  it('stops reading a workbook of 1,000,000 rows at the row limit, naming it', async () => {
    const error = await refusal(await manyRows(1_000_000), 'million.xlsx');
    expect(error.code).toBe('file-too-large');
    expect(error.message).toBe(
      `million.xlsx is refused: it has more than 50,000 rows with something in them (Sheet "Plan" row ${ROW_LIMITS.rows + 1}). ` +
        'Save a copy that holds only the action plan and upload that.',
    );
  }, 120_000);

  it('refuses a workbook cell of 100 MB, which can only fit in 20 MB packed by repeating itself', async () => {
    const error = await refusal(await hugeCell(100), 'cell.xlsx');
    expect(error.code).toBe('file-too-large');
    expect(error.message).toMatch(/^cell\.xlsx is refused: its part xl\/worksheets\/sheet1\.xml unpacks to \d+ times its packed size/);
  }, 120_000);

  it('refuses a workbook cell beyond the cell limit, naming it', async () => {
    const error = await refusal(await hugeCell(1), 'cell.xlsx');
    expect(error.message).toContain('Sheet "Plan" row 2 has a cell of 1,048,576 characters, and the most a cell may hold is 32,767');
  });

  it('refuses a CSV cell beyond the cell limit, and a CSV of more rows than the limit', async () => {
    const cell = await refusal(text(`ACTION,DEADLINE\n"${'x'.repeat(ROW_LIMITS.cellCharacters + 1)}",March 2025\n`), 'plan.csv');
    expect(cell.message).toContain('Row 2 has a cell of 32,768 characters, and the most a cell may hold is 32,767');
    const rows = await refusal(text(`ACTION\n${'1.1 act\n'.repeat(ROW_LIMITS.rows + 1)}`), 'plan.csv');
    expect(rows.message).toContain('it has more than 50,000 rows with something in them (Row 50001)');
  });
});

describe('web pages', () => {
  it('refuses a page of more elements than the limit before parsing it, and one nested deeper than any page is', async () => {
    const many = await refusal(text(`<table><tr><th>Action</th></tr></table>${'<p>1.1 act</p>'.repeat(HTML_ELEMENTS_MAX)}`), 'plan.html');
    expect(many.code).toBe('file-too-large');
    expect(many.message).toBe(`plan.html is refused: it holds more than 250,000 HTML elements. Save a copy that holds only the action plan and upload that.`);
    const depth = 100_000;
    const deep = await refusal(text(`<html><body>${'<div>'.repeat(depth)}1.1 act${'</div>'.repeat(depth)}</body></html>`), 'deep.html');
    expect(deep.message).toMatch(/^deep\.html nests its elements more than 256 deep/);
  });

  it('refuses a page of more table rows than the row limit before parsing it', async () => {
    const rows = await refusal(text(`<table><tr><th>Action</th></tr>${'<TR><td>1.1 act</td></TR>'.repeat(ROW_LIMITS.rows)}</table>`), 'plan.htm');
    expect(rows.message).toBe('plan.htm is refused: it has more than 50,000 table rows. Save a copy that holds only the action plan and upload that.');
  });
});

describe('text that is not quite text', () => {
  it('reads UTF-16 without a byte order mark', async () => {
    const csv = 'ACTION,LEAD,DEADLINE\n1.1 Café outreach – week 1,Lead – CSO,Q3 2024/25\n';
    const le = Buffer.from(csv, 'utf16le');
    const be = Buffer.from(le).swap16();
    for (const bytes of [le, be]) {
      const rows = await readSourceRows(new Uint8Array(bytes), 'plan.csv');
      expect(rows.map((row) => row.cells)).toEqual([
        ['ACTION', 'LEAD', 'DEADLINE'],
        ['1.1 Café outreach – week 1', 'Lead – CSO', 'Q3 2024/25'],
      ]);
    }
  });

  it('reads a file padded with NUL bytes, and refuses one with NUL bytes inside its text', async () => {
    const padded = new Uint8Array([...text('ACTION,DEADLINE\n1.1 act,March 2025\n'), ...new Uint8Array(4096)]);
    expect((await readSourceRows(padded, 'plan.csv')).map((row) => row.cells)).toEqual([['ACTION', 'DEADLINE'], ['1.1 act', 'March 2025']]);
    const inside = text('ACTION,DEADLINE\n1.1 a\0ct,March 2025\n');
    const error = await refusal(inside, 'plan.csv');
    expect(error.message).toContain('plan.csv is not a spreadsheet, CSV or Word file: its content is not text');
  });
});

describe('old Office and OpenDocument files', () => {
  it('asks for the password to be removed from a locked .xlsx or .docx (an OLE file with EncryptionInfo)', async () => {
    const error = await refusal(passwordLocked(), 'plan.xlsx');
    expect(error.code).toBe('file-unsupported');
    expect(error.message).toMatch(/^plan\.xlsx is protected with a password, so it cannot be read\. .*remove it/);
  });

  it('asks for the password to be removed from a .doc Word marks as encrypted', async () => {
    const fib = new Uint8Array(1024);
    fib.set([0xec, 0xa5], 0);
    // The File Information Block's fEncrypted flag.
    fib.set([0x00, 0x01], 0x0a);
    const error = await refusal(oleWith({ WordDocument: fib, '1Table': new Uint8Array(1024) }), 'plan.doc');
    expect(error.message).toMatch(/^plan\.doc is protected with a password, so it cannot be read/);
  });

  it('refuses an OLE file of more streams than the limit, before reading any of them', async () => {
    const streams = Object.fromEntries(Array.from({ length: OLE_LIMITS.entries + 1 }, (_, i) => [`s${i}`, new Uint8Array(8)]));
    const error = await refusal(oleWith(streams), 'plan.doc');
    expect(error.code).toBe('file-too-large');
    expect(error.message).toMatch(/^plan\.doc is refused: it holds more than 1,000 streams/);
  });

  it('stops each .xls sheet one row past the row limit, naming the sheet', async () => {
    const rows = Array.from({ length: ROW_LIMITS.rows + 10 }, (_, i) => [`1.${i} act`]);
    const error = await refusal(xlsOf({ Plan: [['ACTION'], ...rows] }), 'big.xls');
    expect(error.code).toBe('file-too-large');
    expect(error.message).toBe('big.xls is refused: sheet "Plan" has more than 50,000 rows. Save a copy that holds only the action plan and upload that.');
  }, 120_000);

  it('refuses an .xls of more sheets than the limit', async () => {
    const sheets = Object.fromEntries(Array.from({ length: SHEETS_MAX + 1 }, (_, i) => [`S${i}`, [['ACTION'], ['1.1 act']]]));
    const error = await refusal(xlsOf(sheets), 'sheets.xls');
    expect(error.message).toBe(`sheets.xls is refused: it has more than ${SHEETS_MAX} sheets. Save a copy that holds only the action plan and upload that.`);
  });

  it('refuses an .ods whose repeat counts stand for more cells than the limit, before expanding them', async () => {
    const cell = '<table:table-cell office:value-type="string" table:number-columns-repeated="1000"><text:p>x</text:p></table:table-cell>';
    const body = `<table:table table:name="Plan"><table:table-row table:number-rows-repeated="1000000">${cell}</table:table-row></table:table>`;
    const error = await refusal(await odfOf('spreadsheet', body), 'bomb.ods');
    expect(error.code).toBe('file-too-large');
    expect(error.message).toMatch(/^bomb\.ods is refused: it has more than 1,000,000 cells once its repeated cells are counted/);
  });

  it('counts painted .ods cells toward the cell limit before recording their colours', async () => {
    const styles = '<office:automatic-styles><style:style style:name="g" style:family="table-cell"><style:table-cell-properties fo:background-color="#00b050"/></style:style></office:automatic-styles>';
    const row = '<table:table-row table:number-rows-repeated="50000"><table:table-cell table:style-name="g" table:number-columns-repeated="1000"/></table:table-row>';
    const error = await refusal(await odfOf('spreadsheet', `<table:table table:name="Plan">${row}</table:table>`, styles), 'painted.ods');
    expect(error.message).toMatch(/^painted\.ods is refused: it has more than 1,000,000 cells once its repeated cells are counted/);
  });

  it('refuses an .odt whose repeated rows stand for more elements than a page may hold, before copying them', async () => {
    const row = `<table:table-row table:number-rows-repeated="1000000"><table:table-cell><text:p>1.1 act</text:p></table:table-cell></table:table-row>`;
    const error = await refusal(await odfOf('text', `<table:table>${row}</table:table>`), 'bomb.odt');
    expect(error.code).toBe('file-too-large');
    expect(error.message).toMatch(/^bomb\.odt is refused: it holds more than 250,000 paragraphs, rows and cells/);
  });

  it('refuses an .ods or .odt whose XML declares entities, as for .xlsx and .docx', async () => {
    const zip = new JSZip();
    zip.file('mimetype', 'application/vnd.oasis.opendocument.text');
    zip.file('content.xml', '<?xml version="1.0"?><!DOCTYPE lol [<!ENTITY lol "lol">]><office:document-content/>');
    const error = await refusal(await zip.generateAsync({ type: 'uint8array' }), 'lol.odt');
    expect(error.message).toMatch(/declares XML entities \(a DTD\)/);
  });
});
