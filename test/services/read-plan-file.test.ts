import { randomBytes } from 'node:crypto';
import { stringify } from 'csv-stringify/sync';
import { Document, Packer, Paragraph, Table, TableCell, TableRow } from 'docx';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { DomainError } from '../../src/domain/errors.js';
import type { Plan, PlanReading } from '../../src/domain/plan.js';
import type { Status } from '../../src/domain/status.js';
import { readPlanFile } from '../../src/services/read-plan-file.js';
import { readSeed000 } from '../fixtures/seed-000.js';

const HEADER = ['ACTION', 'MEASURE OF SUCCESS', 'PLANNED OUTCOME', 'RESOURCES/PARTNERS', 'DEADLINE', 'ACTION UPDATE/RAG'];
const STATUS_WORD: Record<Status, string> = {
  completed: 'COMPLETED',
  'not-completed': 'NOT COMPLETED',
  green: 'Green',
  amber: 'Amber',
  red: 'Red',
  'in-progress': 'STARTED',
  'not-reported': '',
};

/** A plan written back as the rows of its table: the same rows go into every file format below. */
function planRows(plan: Plan): string[][] {
  const rows: string[][] = [[plan.title], HEADER];
  for (const p of plan.priorities) {
    rows.push([`${p.number}. ${p.title}`]);
    if (p.corporatePriority) rows.push([`Corporate priority – ${p.corporatePriority}`]);
    for (const a of p.actions) {
      rows.push([
        `${a.ref} ${a.action}${a.cspAction ? ' *CSP action' : ''}`,
        a.measure,
        a.outcome,
        a.resources,
        a.deadlineText,
        [STATUS_WORD[a.status], a.update].filter((t) => t).join(' '),
      ]);
    }
  }
  return rows;
}

const withoutSource = (reading: PlanReading) =>
  reading.plans.map((plan) => ({
    ...plan,
    priorities: plan.priorities.map((p) => ({ ...p, actions: p.actions.map(({ source: _source, ...rest }) => rest) })),
  }));

async function xlsx(plans: Plan[]): Promise<Uint8Array> {
  const book = new ExcelJS.Workbook();
  plans.forEach((plan, i) => {
    const sheet = book.addWorksheet(`Plan ${i + 1}`);
    for (const cells of planRows(plan)) {
      const row = sheet.addRow(cells);
      if (cells.length === 1 && row.number > 2) sheet.mergeCells(row.number, 1, row.number, HEADER.length);
    }
  });
  return new Uint8Array(await book.xlsx.writeBuffer());
}

function csv(plans: Plan[]): Uint8Array {
  return new TextEncoder().encode(stringify(plans.flatMap((plan) => [...planRows(plan), []])));
}

async function docx(plans: Plan[]): Promise<Uint8Array> {
  const cell = (text: string, columnSpan?: number) =>
    new TableCell({ children: text.split('\n').map((line) => new Paragraph(line)), ...(columnSpan ? { columnSpan } : {}) });
  const children = plans.flatMap((plan) => {
    const [title, ...rows] = planRows(plan);
    return [
      new Paragraph(title![0]!),
      new Table({
        rows: rows.map((cells) => new TableRow({ children: cells.length === 1 ? [cell(cells[0]!, HEADER.length)] : cells.map((c) => cell(c)) })),
      }),
    ];
  });
  return new Uint8Array(await Packer.toBuffer(new Document({ sections: [{ children }] })));
}

async function problems(bytes: Uint8Array, name: string): Promise<readonly string[]> {
  const error = await readPlanFile(bytes, name).then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(DomainError);
  return (error as DomainError).problems;
}

describe('readPlanFile', () => {
  let seed: PlanReading;
  beforeAll(async () => {
    seed = await readPlanFile(await readSeed000(), 'seed.txt');
  });

  it.each([
    ['xlsx', (plans: Plan[]) => xlsx(plans)],
    ['csv', (plans: Plan[]) => Promise.resolve(csv(plans))],
    ['docx', (plans: Plan[]) => docx(plans)],
  ])('reads the seed’s two plans written as .%s back identically', async (format, write) => {
    const bytes = await write(seed.plans);
    const again = await readPlanFile(bytes, `plans.${format}`);
    expect(withoutSource(again)).toEqual(withoutSource(seed));
    expect(again.warnings).toEqual(seed.warnings);
  });

  it('says a workbook whose sheet holds no plan has none', async () => {
    const book = new ExcelJS.Workbook();
    book.addWorksheet('Sheet1').addRows([['Minutes of the PCG meeting'], ['Present:', 'Chair, CSO, ASBRO']]);
    const list = await problems(new Uint8Array(await book.xlsx.writeBuffer()), 'minutes.xlsx');
    expect(list).toHaveLength(1);
    expect(list[0]).toMatch(/^minutes: no action table found; the plan needs a header row naming its columns \(ACTION, MEASURE OF SUCCESS/);
  });

  it('lists a formula cell, a mistyped year and a duplicated number, each with its sheet and row', async () => {
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet('Plan');
    sheet.addRows([
      HEADER,
      ['1. Anti-social behaviour'],
      ['1.1 Hold two events', 'Two events', 'Less ASB', 'Lead – CSO', 'Sept 20166', ''],
      ['1.2 Map services', 'List made', 'More referrals', 'Lead – CSO', null, ''],
      ['1.1 Hold two more events', 'Two events', 'Less ASB', 'Lead – CSO', 'Dec 2016', ''],
    ]);
    sheet.getCell('E4').value = { formula: 'EOMONTH(DATE(2017,3,1),0)', result: new Date(Date.UTC(2017, 2, 31)) };
    expect(await problems(new Uint8Array(await book.xlsx.writeBuffer()), 'plan.xlsx')).toEqual([
      'Sheet "Plan" row 4: the DEADLINE cell holds a formula (=EOMONTH(DATE(2017,3,1),0)); replace it with its value (copy the cells, then Paste Special → Values)',
      'Sheet "Plan" row 5: action 1.1 appears twice (first at Sheet "Plan" row 3); give each action its own number',
      'Sheet "Plan" row 3: deadline "Sept 20166" is not a date; use e.g. "Sept 2016" or "30/09/2016"',
    ]);
  });

  it('turns down 5 MB of noise, whatever it is called', async () => {
    const noise = new Uint8Array(randomBytes(5 * 1024 * 1024));
    for (const name of ['plan.csv', 'plan.txt', 'plan.xlsx', 'plan']) {
      const list = await problems(noise, name);
      expect(list[0]).toMatch(new RegExp(`^${name.replace('.', '\\.')}`));
    }
  });

  it('says an empty file is empty', async () => {
    expect((await problems(new Uint8Array(), 'plan.xlsx'))[0]).toMatch(/^plan\.xlsx has no text in it/);
    expect((await problems(new TextEncoder().encode('\n \n'), 'plan.csv'))[0]).toMatch(/^plan\.csv has no text in it/);
  });
});
