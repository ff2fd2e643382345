import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { gunzipSync } from 'node:zlib';
import ExcelJS from 'exceljs';
import { planActions, type Plan, type PlanAction } from '../src/domain/plan.js';
import { createBody } from '../src/services/create-body.js';
import type { ServiceDeps } from '../src/services/deps.js';
import { importPlan } from '../src/services/import-plan.js';
import { readPlanFile } from '../src/services/read-plan-file.js';
import { openStore } from '../src/store/open-store.js';
import { startMeasuredCosmos, type Costs } from './measured-cosmos.js';
import { asOdt, asSpreadsheet } from './plan-in-other-formats.js';
import { odfOf, xlsOf } from '../test/import/hostile-legacy.js';
import { billionLaughs, hugeCell, manyRows, zipBomb } from '../test/import/hostile-zip.js';

const run = promisify(execFile);

const HEADINGS = ['ACTION', 'MEASURE OF SUCCESS', 'PLANNED OUTCOME', 'RESOURCES/PARTNERS', 'DEADLINE', 'ACTION UPDATE/RAG'];

/** The rows of a generated plan of `priorities` × `perPriority` actions; a priority row is one cell, merged across the table. */
function planRows(priorities: number, perPriority: number): (string | Date)[][] {
  const rows: (string | Date)[][] = [['Generated Community Safety Delivery Plan 2026-27'], HEADINGS];
  const statuses = ['COMPLETED Done.', 'Amber – waiting on partners', 'Green', '', 'NOT COMPLETED no funding', 'STARTED'];
  const months = ['Sept 2026', 'Dec 2026', 'March 2027', '30/06/2026'];
  for (let p = 1; p <= priorities; p++) {
    rows.push([`${p}. Priority number ${p}`], ['Corporate priority – Enhancing local communities and involvement']);
    for (let a = 1; a <= perPriority; a++) {
      const n = p * perPriority + a;
      rows.push([
        `${p}.${a} Deliver action ${n} with partners${n % 7 === 0 ? ' *CSP action' : ''}`,
        `Measure ${n} met`,
        `Outcome ${n}`,
        `Lead – ${n % 3 === 0 ? 'Community Safety Officer (CSO)' : 'ASBRO'}, Licensing Officer, Dorset Police`,
        n % 11 === 0 ? new Date(Date.UTC(2027, 2, 31)) : months[n % months.length]!,
        statuses[n % statuses.length]!,
      ]);
    }
  }
  return rows;
}

/** Time to import a generated 2,000-action workbook (20 priorities × 100 actions). */
async function workbook(priorities: number, perPriority: number): Promise<Uint8Array> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('Delivery plan');
  for (const cells of planRows(priorities, perPriority)) {
    const row = sheet.addRow(cells);
    if (/^\d+\. Priority/.test(String(cells[0]))) sheet.mergeCells(row.number, 1, row.number, HEADINGS.length);
  }
  return new Uint8Array(await book.xlsx.writeBuffer());
}

/** A plan of `priorities` × `perPriority` actions, a third with a status in the file. */
function bigPlan(priorities: number, perPriority: number, revision = 0): Plan {
  const statuses = ['Green', '', 'Amber', '', 'COMPLETED', ''];
  return {
    title: 'Generated Community Safety Delivery Plan 2026-27',
    roles: [{ key: 'CSO', name: 'Community Safety Officer' }, { key: 'ASBRO', name: 'Anti Social Behaviour Reduction Officer' }],
    priorities: Array.from({ length: priorities }, (_, p) => ({
      number: p + 1,
      title: `Priority number ${p + 1}`,
      corporatePriority: 'Enhancing local communities and involvement',
      actions: Array.from({ length: perPriority }, (_, a): PlanAction => {
        const n = p * perPriority + a;
        const revised = revision > 0 && n % 100 === 0;
        return {
          ref: `${p + 1}.${a + 1}`, action: `Deliver action ${n} with partners${revised ? ' (revised)' : ''}`, measure: `Measure ${n} met`, outcome: `Outcome ${n}`,
          resources: 'Lead – CSO, ASBRO, Dorset Police', lead: n % 3 === 0 ? 'CSO' : 'ASBRO', support: ['ASBRO'], partners: ['Dorset Police'],
          deadline: '2027-03-31', deadlineText: 'March 2027', status: 'not-reported', update: statuses[n % statuses.length]!, cspAction: n % 7 === 0, source: `Row ${n + 3}`,
        };
      }),
    })),
  };
}

function costLine(name: string, c: Costs, ms: number): string {
  return (
    `| ${name} | ${c.requests.toLocaleString('en-GB')} | ${c.writes.toLocaleString('en-GB')} | ${(c.largestWrite / 1024).toFixed(1)} KB | ` +
    `${(c.bytesWritten / 1024 / 1024).toFixed(1)} MB | ${Math.round(c.ru).toLocaleString('en-GB')} | ${(ms / 1000).toFixed(1)} s |`
  );
}

/**
 * A 10,000-action plan (100 priorities × 100) imported into the local
 * Cosmos-compatible server through the real client, then the same file
 * again, then a revision: requests, the largest document written, and an
 * RU-equivalent estimate (see measured-cosmos.ts).
 */
async function storeImport(): Promise<string[]> {
  const server = await startMeasuredCosmos();
  const opened = await openStore({ mode: 'account', endpoint: server.endpoint, auth: { kind: 'key', key: 'bench' }, database: 'bench', local: true }, { setUp: true });
  const coordinator = { tenantId: 'bench-tenant', aadObjectId: 'coord', displayName: 'Coordinator' };
  let now = Date.parse('2026-05-01T09:00:00Z');
  const deps: ServiceDeps = { store: opened.store, clock: () => new Date((now += 1000)), newId: () => `id-${now}` };
  try {
    await createBody(deps, { id: 'bench-csp', kind: 'csp', name: 'Bench CSP', parentId: null, tenantId: 'bench-tenant', chairs: [], coordinators: [coordinator] });
    await createBody(deps, { id: 'bench-pcg', kind: 'pcg', name: 'Bench PCG', parentId: 'bench-csp', tenantId: 'bench-tenant', chairs: [], coordinators: [coordinator] });
    const first = bigPlan(100, 100);
    const wholeVersion = Buffer.byteLength(
      JSON.stringify({ id: 'plan:2026-27:v1', bodyId: 'bench-pcg', year: '2026-27', version: 1, plan: first, fileName: 'big.xlsx', importedBy: coordinator, importedAt: new Date(now).toISOString(), changes: { added: planActions(first).map((a) => a.ref), removed: [], changed: [], statusUpdates: [] }, type: 'plan-version' }),
    );
    const rows: string[] = [
      `store: a 10,000-action plan (100 priorities × 100 actions) in the local Cosmos-compatible server, RU-equivalent estimated from the bytes:`,
      '| import | requests | writes | largest document written | written | RU-equivalent | time |',
      '|---|---|---|---|---|---|---|',
    ];
    server.take();
    for (const [name, plan] of [
      ['first import', first],
      ['the same file again', first],
      ['a revision: 100 actions reworded', bigPlan(100, 100, 1)],
    ] as const) {
      const start = performance.now();
      const result = await importPlan(deps, { bodyId: 'bench-pcg', plan, fileName: 'big.xlsx', by: coordinator });
      rows.push(costLine(`${name} (${result.unchanged ? 'no change' : `version ${result.version}`})`, server.take(), performance.now() - start));
    }
    rows.push(
      `  before (the version written whole): that one document would be ${(wholeVersion / 1024).toFixed(0)} KB ` +
        `(${wholeVersion > 2 * 1024 * 1024 ? 'over' : 'under'} Cosmos DB's 2 MB item limit), about ${Math.round(5 * (wholeVersion / 1024)).toLocaleString('en-GB')} RU to write`,
    );
    return rows;
  } finally {
    await opened.close();
    await server.stop();
  }
}

/** The same workbook through the reader before issue 11 (closed list of headings), on the same 2-core machine, 27 Nov 2026. */
const BEFORE_ISSUE_11_MICROSECONDS_PER_ACTION = 1085;
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
    ['HTML page of 240,000 elements, just under the limit', () => html(`<h1>Plan</h1>${'<p><span>1.1</span> <b>act</b> <i>on</i> <u>time</u> <a>now</a></p>'.repeat(40_000)}`)],
    ['HTML page of 1,000,000 elements', () => html('<p>1.1 act</p>'.repeat(1_000_000))],
    ['HTML page nested 200,000 deep', () => html(`${'<div>'.repeat(200_000)}1.1 act${'</div>'.repeat(200_000)}`)],
    ['XLS of 60,000 rows', () => xlsOf({ Plan: [['ACTION'], ...Array.from({ length: 60_000 }, (_, i) => [`1.${i} act`])] })],
    [
      'ODS of 1,000,000 × 1,000 repeated cells',
      () =>
        odfOf(
          'spreadsheet',
          '<table:table><table:table-row table:number-rows-repeated="1000000"><table:table-cell office:value-type="string" table:number-columns-repeated="1000"><text:p>x</text:p></table:table-cell></table:table-row></table:table>',
        ),
    ],
    ['ODT of 1,000,000 repeated rows', () => odfOf('text', '<table:table><table:table-row table:number-rows-repeated="1000000"><table:table-cell><text:p>1.1 act</text:p></table:table-cell></table:table-row></table:table>')],
  ];
  const lines: string[] = [];
  for (const [name, make] of files) {
    const bytes = await make();
    const { ms, rssMb, outcome } = await readApart(bytes, 'rows');
    lines.push(`${name} (${(bytes.byteLength / 1024 / 1024).toFixed(1)} MB file): ${ms.toFixed(0)} ms, peak RSS ${rssMb.toFixed(0)} MB, ${outcome.slice(0, 110)}…`);
  }
  return lines;
}

const html = (body: string): Uint8Array => new TextEncoder().encode(`<!doctype html><html><body>${body}</body></html>`);

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
  return [...(await twoThousand()), ...(await otherFormats()), ...(await sixteenThousand()), ...(await hostileFiles())];
}

/** Median milliseconds of five reads after a warm-up, and the actions read. */
async function medianRead(bytes: Uint8Array, fileName: string): Promise<{ median: number; actions: number }> {
  await readPlanFile(bytes, fileName);
  const runs: number[] = [];
  let actions = 0;
  for (let i = 0; i < 5; i++) {
    const start = performance.now();
    const reading = await readPlanFile(bytes, fileName);
    runs.push(performance.now() - start);
    actions = reading.plans.reduce((n, plan) => n + planActions(plan).length, 0);
  }
  runs.sort((a, b) => a - b);
  return { median: runs[Math.floor(runs.length / 2)]!, actions };
}

/**
 * The same 2,000-action plan in each format the importer reads besides
 * .xlsx: .xls and .ods written by SheetJS, .odt written here, and .doc as
 * LibreOffice saved that .odt (bench/fixtures, gzipped; Node has no .doc writer).
 */
export async function otherFormats(): Promise<string[]> {
  const rows = planRows(20, 100);
  const files: [string, Uint8Array][] = [
    ['generated.xlsx', await workbook(20, 100)],
    ['generated.xls', asSpreadsheet(rows, 'biff8', HEADINGS.length)],
    ['generated.ods', asSpreadsheet(rows, 'ods', HEADINGS.length)],
    ['generated.odt', await asOdt(rows, HEADINGS.length)],
    ['generated.doc', new Uint8Array(gunzipSync(await readFile(new URL('./fixtures/generated-plan-2000.doc.gz', import.meta.url))))],
  ];
  const lines = ['the same 2,000-action plan in each format, import (read + parse), median of 5:', '| format | file | actions | median | per action |', '|---|---|---|---|---|'];
  for (const [name, bytes] of files) {
    const { median, actions } = await medianRead(bytes, name);
    lines.push(`| ${name.split('.')[1]} | ${(bytes.byteLength / 1024).toFixed(0)} KiB | ${actions} | ${median.toFixed(0)} ms | ${((median * 1000) / actions).toFixed(0)} µs |`);
  }
  return lines;
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
    `import (read + parse), median of 5: ${median.toFixed(0)} ms (${((median * 1000) / actions).toFixed(0)} µs per action; ${BEFORE_ISSUE_11_MICROSECONDS_PER_ACTION} µs before the evidence-based reader of issue 11)`,
    `fastest ${runs[0]!.toFixed(0)} ms, slowest ${runs[runs.length - 1]!.toFixed(0)} ms`,
    ...(await storeImport()),
  ];
}
