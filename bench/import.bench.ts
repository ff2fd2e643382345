import ExcelJS from 'exceljs';
import { planActions, type Plan, type PlanAction } from '../src/domain/plan.js';
import { createBody } from '../src/services/create-body.js';
import type { ServiceDeps } from '../src/services/deps.js';
import { importPlan } from '../src/services/import-plan.js';
import { readPlanFile } from '../src/services/read-plan-file.js';
import { openStore } from '../src/store/open-store.js';
import { startMeasuredCosmos, type Costs } from './measured-cosmos.js';

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
    ...(await storeImport()),
  ];
}
