import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { progressReportFromPlan, type ProgressReport } from '../../src/domain/progress-report.js';
import { parse } from 'csv-parse/sync';
import { writeFlatCsv } from '../../src/report/write-flat-csv.js';
import { writeProgressCsv } from '../../src/report/write-progress-csv.js';
import { writeProgressXlsx } from '../../src/report/write-progress-xlsx.js';
import { SEED_AS_AT, seedPlans } from './seed-report.js';

let report: ProgressReport;
beforeAll(async () => {
  report = progressReportFromPlan((await seedPlans())[0]!, SEED_AS_AT);
});

describe('the progress workbook', () => {
  let sheet: ExcelJS.Worksheet;
  let book: ExcelJS.Workbook;
  beforeAll(async () => {
    book = new ExcelJS.Workbook();
    await book.xlsx.load((await writeProgressXlsx(report)) as unknown as ArrayBuffer);
    sheet = book.getWorksheet('Progress')!;
  });

  it('opens on the table, with the key and abbreviations on the last tab', () => {
    expect(book.worksheets.map((s) => s.name)).toEqual(['Progress', 'Key']);
    expect(book.views[0]).toMatchObject({ activeTab: 0 });
    expect(book.getWorksheet('Key')!.getColumn(1).values).toContain('Anti Social Behaviour Reduction Officer (ASBRO)');
  });

  it('writes each dated deadline as a date cell with a date format, and keeps words a date cannot show in a note', () => {
    const deadlines = new Map<string, ExcelJS.Cell>();
    sheet.eachRow((row) => {
      const ref = row.getCell(1).value;
      if (typeof ref === 'string' && /^\d+\.\d+$/.test(ref)) deadlines.set(ref, row.getCell(6));
    });
    const rows = report.priorities.flatMap((p) => p.actions);
    const dated = rows.filter((r) => r.deadline !== null);
    expect(dated.length).toBeGreaterThan(10);
    for (const row of dated) {
      const cell = deadlines.get(row.ref)!;
      expect(cell.type).toBe(ExcelJS.ValueType.Date);
      expect((cell.value as Date).toISOString().slice(0, 10)).toBe(row.deadline);
      expect(cell.numFmt).toMatch(/^(mmm yyyy|d mmm yyyy|dd\/mm\/yyyy)$/);
    }
    const sept = dated.find((r) => /^Sept? 2016$/.test(r.deadlineText))!;
    expect(deadlines.get(sept.ref)!.numFmt).toBe('mmm yyyy');
    expect(deadlines.get(sept.ref)!.note).toBeUndefined();
    for (const row of rows.filter((r) => r.deadline === null && r.deadlineText !== '')) {
      expect(deadlines.get(row.ref)!.value).toBe(row.deadlineText);
    }
  });

  it('keeps its header row in view and on every printed page', () => {
    expect(sheet.getRow(3).values).toEqual([undefined, 'REF', 'ACTION', 'MEASURE OF SUCCESS', 'PLANNED OUTCOME', 'RESOURCES/PARTNERS', 'DEADLINE', 'ACTION UPDATE/RAG']);
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 3 });
    expect(sheet.pageSetup).toMatchObject({ orientation: 'landscape', printTitlesRow: '3:3', fitToWidth: 1 });
  });

  it('shows each status in words, coloured, with its symbol in the number format', () => {
    const updates = new Map<string, ExcelJS.Cell>();
    sheet.eachRow((row) => {
      const ref = row.getCell(1).value;
      if (typeof ref === 'string' && /^\d+\.\d+$/.test(ref)) updates.set(ref, row.getCell(7));
    });
    expect(updates.size).toBe(27);
    expect(updates.get('3.1')!.value).toMatch(/^NOT COMPLETED\nWhilst 2 events/);
    expect(updates.get('3.1')!.numFmt).toBe(';;;"✘ "@');
    expect(updates.get('3.1')!.fill).toMatchObject({ fgColor: { argb: 'FFBFBFBF' } });
    expect(updates.get('4.5')!.value).toBe('GREEN\nWill go to Policy Group in July 2017');
    expect(updates.get('4.5')!.fill).toMatchObject({ fgColor: { argb: 'FFA9D08E' } });
    expect(updates.get('2.2')!.value).toBeNull();
  });
});

describe('the flat CSV', () => {
  it('has one header and one row per action: ref, priority, lead, ISO deadline, status word, last update date', async () => {
    const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(writeFlatCsv(report));
    expect(text.startsWith('\uFEFFRef,Priority,Action,Lead,Deadline,Deadline as written,Status,Last update,Update,CSP action\r\n')).toBe(true);
    const records = parse(text, { bom: true }) as string[][];
    expect(records).toHaveLength(1 + 27);
    const byRef = new Map(records.slice(1).map((r) => [r[0]!, r]));
    expect(byRef.get('3.1')!.slice(0, 6)).toEqual(['3.1', '3. Antisocial behaviour', 'Promote dog watch and hold two dog chipping events.', 'TO Environment Team', '2016-09-30', 'Sept 2016']);
    expect(byRef.get('3.1')![6]).toBe('Not completed');
    expect(byRef.get('3.1')![8]).toMatch(/^Whilst 2 events/);
    expect(byRef.get('3.1')![7]).toBe('');
    for (const record of records.slice(1)) expect(record[4]).toMatch(/^(\d{4}-\d{2}-\d{2})?$/);
  });

  it('writes each ref exactly as the plan has it: no ="3.10" formula, no quote or tab to coax Excel (docs/exports.md)', () => {
    const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(writeFlatCsv(report));
    expect(text).toMatch(/\r\n3\.10,3\. Antisocial behaviour,/);
    expect(text).not.toMatch(/(^|,)="/m);
    const refs = (parse(text, { bom: true }) as string[][]).slice(1).map((r) => r[0]!);
    expect(refs).toContain('3.10');
    for (const ref of refs) expect(ref).toMatch(/^\d+\.\d+$/);
  });
});

describe('the progress CSV', () => {
  it('opens in Excel as UTF-8, one record a line, with the title just above the header', () => {
    const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(writeProgressCsv(report));
    expect(text.startsWith('\uFEFFAbbreviations\r\n')).toBe(true);
    expect(text).toContain(
      '\r\nPurbeck Crime and Disorder Reduction Plan 2016-2017\r\nProgress as at 19 Jul 2017\r\nACTION,MEASURE OF SUCCESS,PLANNED OUTCOME,RESOURCES/PARTNERS,DEADLINE,ACTION UPDATE/RAG\r\n',
    );
    expect(text).toContain('"3.8 Continue to monitor the use of the ASB Tools and Powers and share good practice between local authorities\n*CSP action"');
  });
});
