import ExcelJS from 'exceljs';
import { planActions } from '../src/domain/plan.js';
import { readPlanFile } from '../src/services/read-plan-file.js';

/** Time to import a generated 2,000-action workbook (20 priorities × 100 actions). */
async function workbook(priorities: number, perPriority: number): Promise<Uint8Array> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('Delivery plan');
  sheet.addRow(['Generated Community Safety Delivery Plan 2026-27']);
  sheet.addRow(['ACTION', 'MEASURE OF SUCCESS', 'PLANNED OUTCOME', 'RESOURCES/PARTNERS', 'DEADLINE', 'ACTION UPDATE/RAG']);
  const statuses = ['COMPLETED Done.', 'Amber – waiting on partners', 'Green', '', 'NOT COMPLETED no funding', 'STARTED'];
  const months = ['Sept 2026', 'Dec 2026', 'March 2027', '30/06/2026'];
  for (let p = 1; p <= priorities; p++) {
    const row = sheet.addRow([`${p}. Priority number ${p}`]);
    sheet.mergeCells(row.number, 1, row.number, 6);
    sheet.addRow(['Corporate priority – Enhancing local communities and involvement']);
    for (let a = 1; a <= perPriority; a++) {
      const n = p * perPriority + a;
      sheet.addRow([
        `${p}.${a} Deliver action ${n} with partners${n % 7 === 0 ? ' *CSP action' : ''}`,
        `Measure ${n} met`,
        `Outcome ${n}`,
        `Lead – ${n % 3 === 0 ? 'Community Safety Officer (CSO)' : 'ASBRO'}, Licensing Officer, Dorset Police`,
        n % 11 === 0 ? new Date(Date.UTC(2027, 2, 31)) : months[n % months.length],
        statuses[n % statuses.length],
      ]);
    }
  }
  return new Uint8Array(await book.xlsx.writeBuffer());
}

/** The same workbook through the reader before issue 11 (closed list of headings), on the same 2-core machine, 27 Nov 2026. */
const BEFORE_ISSUE_11_MICROSECONDS_PER_ACTION = 1085;

export default async function importBench(): Promise<string[]> {
  const bytes = await workbook(20, 100);
  await readPlanFile(bytes, 'warm-up.xlsx');
  const runs: number[] = [];
  let actions = 0;
  for (let i = 0; i < 5; i++) {
    const start = performance.now();
    const reading = await readPlanFile(bytes, 'generated.xlsx');
    runs.push(performance.now() - start);
    actions = reading.plans.reduce((n, plan) => n + planActions(plan).length, 0);
  }
  runs.sort((a, b) => a - b);
  const median = runs[Math.floor(runs.length / 2)]!;
  return [
    `workbook: ${actions} actions, ${(bytes.byteLength / 1024).toFixed(0)} KiB`,
    `import (read + parse), median of 5: ${median.toFixed(0)} ms (${((median * 1000) / actions).toFixed(0)} µs per action; ${BEFORE_ISSUE_11_MICROSECONDS_PER_ACTION} µs before the evidence-based reader of issue 11)`,
    `fastest ${runs[0]!.toFixed(0)} ms, slowest ${runs[runs.length - 1]!.toFixed(0)} ms`,
  ];
}
