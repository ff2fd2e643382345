import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import ExcelJS from 'exceljs';
import { planActions } from '../src/domain/plan.js';
import { readPlanFile } from '../src/services/read-plan-file.js';
import { billionLaughs, hugeCell, manyRows, zipBomb } from '../test/import/hostile-zip.js';

const run = promisify(execFile);

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

/** Reads a file in a child process (its own peak memory) and gives its time, peak RSS and outcome. */
async function readApart(bytes: Uint8Array, mode: 'rows' | 'plan'): Promise<{ ms: number; rssMb: number; outcome: string }> {
  const dir = await mkdtemp(join(tmpdir(), 'bench-import-'));
  try {
    const path = join(dir, 'file');
    await writeFile(path, bytes);
    const script = fileURLToPath(new URL('./read-one.ts', import.meta.url));
    const { stdout } = await run(process.execPath, ['--import', 'tsx', script, path, mode], { maxBuffer: 1024 * 1024 });
    return JSON.parse(stdout) as { ms: number; rssMb: number; outcome: string };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** Each hostile file, refused or read, with its time and peak RSS (limits: 30 s, 500 MB). */
async function hostileFiles(): Promise<string[]> {
  const files: [string, () => Promise<Uint8Array> | Uint8Array][] = [
    ['DOCX zip bomb, 480 MB unpacked', () => zipBomb('docx', 480)],
    ['DOCX zip bomb, 1 GiB unpacked', () => zipBomb('docx', 1024)],
    ['XLSX zip bomb, 480 MB unpacked', () => zipBomb('xlsx', 480)],
    ['XLSX zip bomb, 1 GiB unpacked', () => zipBomb('xlsx', 1024)],
    ['DOCX zip bomb, 1 GiB declared as 20 MB', () => zipBomb('docx', 1024, 20)],
    ['XLSX zip bomb, 1 GiB declared as 20 MB', () => zipBomb('xlsx', 1024, 20)],
    ['DOCX billion laughs', () => billionLaughs('docx')],
    ['XLSX billion laughs', () => billionLaughs('xlsx')],
    ['XLSX 100 MB cell of one letter', () => hugeCell(100)],
    ['XLSX 100 MB cell of varied words', () => variedCell(100)],
    ['XLSX 1,000,000 rows', () => manyRows(1_000_000)],
  ];
  const lines: string[] = [];
  for (const [name, make] of files) {
    const bytes = await make();
    const { ms, rssMb, outcome } = await readApart(bytes, 'rows');
    lines.push(`${name} (${(bytes.byteLength / 1024 / 1024).toFixed(1)} MB file): ${ms.toFixed(0)} ms, peak RSS ${rssMb.toFixed(0)} MB, ${outcome.slice(0, 110)}…`);
  }
  return lines;
}

/** A 100 MB cell that packs to under 20 MB and under the ratio limit: random words from a small list. */
function variedCell(megabytes: number): Promise<Uint8Array> {
  const words = ['partner ', 'deliver ', 'council ', 'safety ', 'review ', 'action ', 'police ', 'support ', 'funding ', 'victims ', 'housing ', 'health ', 'youth ', 'report ', 'meeting ', 'training '];
  const text = Buffer.alloc(megabytes * 1024 * 1024);
  let state = 0x2545f491;
  for (let at = 0; at < text.length; ) {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    at += text.write(words[state & 15]!, at);
  }
  return hugeCell(0, text);
}

/** The 16,000-action import the issue timed at 14.5 s, read as `import` reads it, in a process of its own. */
async function sixteenThousand(): Promise<string[]> {
  const bytes = await workbook(160, 100);
  const rows = await readApart(bytes, 'rows');
  const plan = await readApart(bytes, 'plan');
  return [
    `16,000-action workbook (${(bytes.byteLength / 1024).toFixed(0)} KiB): rows read in ${rows.ms.toFixed(0)} ms (peak RSS ${rows.rssMb.toFixed(0)} MB); ` +
      `whole import ${plan.ms.toFixed(0)} ms (peak RSS ${plan.rssMb.toFixed(0)} MB), ${plan.outcome}; issue 13 measured 14,500 ms before`,
  ];
}

export default async function importBench(): Promise<string[]> {
  return [...(await twoThousand()), ...(await sixteenThousand()), ...(await hostileFiles())];
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
