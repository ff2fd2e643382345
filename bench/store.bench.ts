import { randomUUID } from 'node:crypto';
import { createBody } from '../src/services/create-body.js';
import type { ServiceDeps } from '../src/services/deps.js';
import { importPlan } from '../src/services/import-plan.js';
import { mapRole } from '../src/services/map-role.js';
import { recordUpdate } from '../src/services/record-update.js';
import { startEmbeddedCosmos } from '../src/store/embedded-cosmos.js';
import { openStore } from '../src/store/open-store.js';
import type { PlanAction } from '../src/domain/plan.js';

/**
 * recordUpdate against the real @azure/cosmos client and the in-process
 * Cosmos-compatible server (one process, 127.0.0.1, http, keep-alive):
 * store requests per update (counted at the server) and updates per second,
 * 1,000 sequential and 1,000 concurrent. The server scans in memory, so the
 * rates are this machine's, not Azure's; the request counts carry over.
 */
const tenantId = 'bench-tenant';
const lead = { tenantId, aadObjectId: 'lead-1', displayName: 'Bench Lead' };
const coordinator = { tenantId, aadObjectId: 'coord-1', displayName: 'Bench Coordinator' };

function action(ref: string): PlanAction {
  return {
    ref, action: `Action ${ref}`, measure: '', outcome: '', resources: 'Lead – CSO', lead: 'CSO', support: [], partners: [],
    deadline: '2027-03-31', deadlineText: 'March 2027', status: 'not-reported', update: '', cspAction: false, source: ref,
  };
}

export default async function storeBench(): Promise<string[]> {
  const server = await startEmbeddedCosmos();
  const opened = await openStore({ mode: 'account', endpoint: server.endpoint, auth: { kind: 'key', key: 'bench' }, database: 'bench', local: true }, { setUp: true });
  let now = Date.parse('2026-06-01T09:00:00Z');
  const deps: ServiceDeps = { store: opened.store, clock: () => new Date(now++), newId: randomUUID };
  const out: string[] = [];
  try {
    await createBody(deps, { id: 'bench-csp', kind: 'csp', name: 'Bench CSP', parentId: null, tenantId, chairs: [], coordinators: [coordinator] });
    await createBody(deps, { id: 'bench-pcg', kind: 'pcg', name: 'Bench PCG', parentId: 'bench-csp', tenantId, chairs: [], coordinators: [coordinator] });
    const actions = Array.from({ length: 50 }, (_, i) => action(`1.${i + 1}`));
    await importPlan(deps, {
      bodyId: 'bench-pcg',
      plan: { title: 'Bench plan 2026-2027', priorities: [{ number: 1, title: 'Everything', corporatePriority: null, actions }], roles: [{ key: 'CSO', name: 'Community Safety Officer' }] },
      fileName: 'bench',
      by: coordinator,
    });
    await mapRole(deps, { bodyId: 'bench-pcg', roleKey: 'CSO', person: lead, by: coordinator });
    const update = (ref: string, i: number) =>
      recordUpdate(deps, { bodyId: 'bench-pcg', ref, status: i % 3 === 0 ? 'amber' : 'green', narrative: `Update ${i}: progress as planned.`, author: lead, source: 'command' });
    await update('1.50', -1); // warm-up

    const runs: Array<[string, (i: number) => string, boolean]> = [
      ['1,000 sequential, one action', () => '1.1', false],
      ['1,000 concurrent, one action', () => '1.2', true],
      ['1,000 concurrent, over 50 actions', (i) => `1.${(i % 50) + 1}`, true],
    ];
    for (const [name, ref, concurrent] of runs) {
      const requests = server.requests();
      const conflicts = server.responses(412);
      const start = performance.now();
      if (concurrent) await Promise.all(Array.from({ length: 1000 }, (_, i) => update(ref(i), i)));
      else for (let i = 0; i < 1000; i++) await update(ref(i), i);
      const seconds = (performance.now() - start) / 1000;
      const perUpdate = (server.requests() - requests) / 1000;
      out.push(
        `${name}: ${(1000 / seconds).toFixed(0)} updates/s (${seconds.toFixed(2)} s), ` +
          `${perUpdate.toFixed(2)} store requests per recordUpdate, ${server.responses(412) - conflicts} etag conflicts (412) retried`,
      );
      if (name.includes('concurrent, one action')) {
        const h = await opened.store.readAction('bench-pcg', 'action:2026-27:1.2');
        const stored = await opened.store.listUpdates('bench-pcg', 'action:2026-27:1.2');
        out.push(`  check: action 1.2 holds ${stored.length} updates; its pointer is on the newest: ${h?.value.latest?.id === stored.at(-1)?.id}`);
      }
    }
  } finally {
    await opened.close();
    await server.stop();
  }
  return out;
}
