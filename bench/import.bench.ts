import ExcelJS from 'exceljs';
import { planActions } from '../src/domain/plan.js';
import { readSourceRows } from '../src/import/read-source-rows.js';
import { readPlanFile } from '../src/services/read-plan-file.js';
import { billionLaughs, hugeCell, manyRows, zipBomb } from '../test/import/hostile-zip.js';

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

/** Time and peak memory for each hostile file, refused or read; peak RSS is the process's so far. */
async function hostileFiles(): Promise<string[]> {
  const files: [string, () => Promise<Uint8Array> | Uint8Array][] = [
    ['DOCX zip bomb, 480 MB unpacked', () => zipBomb('docx', 480)],
    ['DOCX zip bomb, 1 GiB unpacked', () => zipBomb('docx', 1024)],
    ['XLSX zip bomb, 480 MB unpacked', () => zipBomb('xlsx', 480)],
    ['XLSX zip bomb, 1 GiB unpacked', () => zipBomb('xlsx', 1024)],
    ['XLSX zip bomb, 1 GiB declared as 20 MB', () => zipBomb('xlsx', 1024, 20)],
    ['DOCX billion laughs', () => billionLaughs('docx')],
    ['XLSX billion laughs', () => billionLaughs('xlsx')],
    ['XLSX 100 MB cell', () => hugeCell(100)],
    ['XLSX 100 MB cell of two letters (packs 8:1)', () => varied(100)],
    ['XLSX 1,000,000 rows', () => manyRows(1_000_000)],
  ];
  const lines: string[] = [];
  for (const [name, make] of files) {
    const bytes = await make();
    const start = performance.now();
    let outcome = 'read';
    try {
      await readSourceRows(bytes, 'hostile');
    } catch (error) {
      outcome = `refused: ${(error as Error).message.slice(0, 90)}…`;
    }
    const ms = performance.now() - start;
    const peak = process.resourceUsage().maxRSS / 1024;
    lines.push(`${name} (${(bytes.byteLength / 1024 / 1024).toFixed(1)} MB file): ${ms.toFixed(0)} ms, peak RSS ${peak.toFixed(0)} MB, ${outcome}`);
  }
  return lines;
}

/** A 100 MB cell that packs only about 8:1, under the ratio limit: random a/b text. */
async function varied(megabytes: number): Promise<Uint8Array> {
  const text = Buffer.alloc(megabytes * 1024 * 1024);
  let state = 0x2545f491;
  for (let i = 0; i < text.length; i++) {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    text[i] = state & 1 ? 0x61 : 0x62;
  }
  return hugeCell(0, text);
}

/** The 16,000-action import the issue timed at 14.5 s. */
async function sixteenThousand(): Promise<string[]> {
  const bytes = await workbook(160, 100);
  const start = performance.now();
  const reading = await readPlanFile(bytes, 'sixteen-thousand.xlsx');
  const ms = performance.now() - start;
  const actions = reading.plans.reduce((n, plan) => n + planActions(plan).length, 0);
  return [
    `16,000-row workbook: ${actions} actions, ${(bytes.byteLength / 1024).toFixed(0)} KiB; import ${ms.toFixed(0)} ms ` +
      `(issue 13 measured 14,500 ms before the stream reader), peak RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`,
  ];
}

export default async function importBench(): Promise<string[]> {
  const bounded = await hostileFiles();
  const large = await sixteenThousand();
  return [...(await twoThousand()), ...large, ...bounded];
}

async function twoThousand(): Promise<string[]> {
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
    `import (read + parse), median of 5: ${median.toFixed(0)} ms (${((median * 1000) / actions).toFixed(0)} µs per action)`,
    `fastest ${runs[0]!.toFixed(0)} ms, slowest ${runs[runs.length - 1]!.toFixed(0)} ms`,
  ];
}
