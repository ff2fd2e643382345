import type { StatusUpdate, StoredAction } from '../src/domain/action-record.js';
import { meetingSummary } from '../src/domain/meeting-summary.js';
import type { UpdateStatus } from '../src/domain/action-record.js';
import type { Body } from '../src/domain/partnership.js';
import { chairSummary } from '../src/services/chair-summary.js';
import { startEmbeddedCosmos } from '../src/store/embedded-cosmos.js';
import { openStore } from '../src/store/open-store.js';
import type { PartnershipStore } from '../src/store/store.port.js';

/** The chair's summary for a 300-action plan holding 10,000 updates. */
function generated(actionCount: number, updateCount: number): { actions: StoredAction[]; updates: StatusUpdate[] } {
  const statuses: UpdateStatus[] = ['green', 'amber', 'red', 'completed', 'not-completed'];
  const actions: StoredAction[] = [];
  for (let i = 0; i < actionCount; i++) {
    const ref = `${Math.floor(i / 30) + 1}.${(i % 30) + 1}`;
    actions.push({
      id: `action:2026-27:${ref}`,
      bodyId: 'bench-pcg',
      year: '2026-27',
      ref,
      priority: { number: Math.floor(i / 30) + 1, title: `Priority ${Math.floor(i / 30) + 1}`, corporatePriority: null },
      plan: {
        ref, action: `Action ${ref}`, measure: '', outcome: '', resources: '', lead: `ROLE${i % 12}`, support: [], partners: [],
        deadline: `2026-${String((i % 12) + 1).padStart(2, '0')}-28`, deadlineText: '', status: 'not-reported', update: '', cspAction: false, source: '',
      },
      addedInVersion: 1, removedInVersion: null, latest: null, revisedDeadline: null,
    });
  }
  const start = Date.parse('2026-04-01T09:00:00Z');
  const updates: StatusUpdate[] = [];
  for (let u = 0; u < updateCount; u++) {
    const action = actions[(u * 7919) % actionCount]!;
    const update: StatusUpdate = {
      id: `update:2026-27:${action.ref}:${String(u).padStart(6, '0')}`, bodyId: action.bodyId, actionId: action.id, year: '2026-27', ref: action.ref,
      status: statuses[u % statuses.length]!, narrative: 'progress', revisedDeadline: u % 50 === 0 ? '2027-03-31' : null,
      author: { tenantId: 't', aadObjectId: `p${u % 40}`, displayName: `Person ${u % 40}` },
      at: new Date(start + u * 45 * 60_000).toISOString(), source: 'card', basedOn: null, planVersion: null,
    };
    updates.push(update);
    action.latest = update;
    if (update.revisedDeadline) action.revisedDeadline = update.revisedDeadline;
  }
  return { actions, updates };
}

/** The store with its calls counted. */
function counted(store: PartnershipStore): { store: PartnershipStore; calls: () => number } {
  let calls = 0;
  const proxy = new Proxy(store, {
    get(target, name, receiver) {
      const value = Reflect.get(target, name, receiver) as unknown;
      if (typeof value !== 'function') return value;
      return (...args: unknown[]) => {
        calls += 1;
        return (value as (...a: unknown[]) => unknown).apply(target, args);
      };
    },
  });
  return { store: proxy, calls: () => calls };
}

/**
 * The same summary read from the store (the real @azure/cosmos client and the
 * in-process Cosmos-compatible server): today's reads (the body's updates in
 * two queries on its partition) beside the earlier one query per action.
 */
async function fromStore(actions: StoredAction[], updates: StatusUpdate[]): Promise<string[]> {
  const server = await startEmbeddedCosmos();
  const opened = await openStore({ mode: 'account', endpoint: server.endpoint, auth: { kind: 'key', key: 'bench' }, database: 'bench', local: true }, { setUp: true });
  try {
    const person = { tenantId: 't', aadObjectId: 'chair', displayName: 'Chair' };
    const body: Body = {
      id: 'bench-pcg', kind: 'pcg', name: 'Bench PCG', parentId: null, memberIds: [], tenantId: 't', timeZone: 'Europe/London', chairs: [person], coordinators: [person],
      roles: [], channel: null, meetings: ['2026-10-21T10:00', '2026-12-02T10:00'], currentPlanYear: '2026-27', chase: null,
    };
    await opened.store.createBody(body);
    await Promise.all(actions.map((a) => opened.store.saveAction(a, null)));
    for (let i = 0; i < updates.length; i += 200) await Promise.all(updates.slice(i, i + 200).map((u) => opened.store.createUpdate(u)));
    const deps = (store: PartnershipStore) => ({ store, clock: () => new Date('2026-11-24T09:00:00Z'), newId: () => 'x' });

    const before = counted(opened.store);
    let requests = server.requests();
    let start = performance.now();
    await before.store.readBody(body.id);
    const listed = await before.store.listActions(body.id, '2026-27');
    for (const { value } of listed) await before.store.listUpdates(value.bodyId, value.id);
    const beforeMs = performance.now() - start;
    const beforeRequests = server.requests() - requests;

    const now = counted(opened.store);
    requests = server.requests();
    start = performance.now();
    const found = await chairSummary(deps(now.store), { bodyId: body.id });
    const nowMs = performance.now() - start;
    return [
      `from the store, ${actions.length} actions × ${updates.length} updates in one body (the server holds ${actions.length + updates.length + 1} documents):`,
      `  before (one query per action): ${before.calls()} store calls, ${beforeRequests} HTTP requests, ${(beforeMs / 1000).toFixed(2)} s (reads only)`,
      `  now (two queries per body):    ${now.calls()} store calls, ${server.requests() - requests} HTTP requests, ${(nowMs / 1000).toFixed(2)} s (the whole summary); ` +
        `${found?.summary.changes.length ?? 0} changed since the last meeting`,
    ];
  } finally {
    await opened.close();
    await server.stop();
  }
}

export default async function summaryBench(): Promise<string[]> {
  const { actions, updates } = generated(300, 10_000);
  const input = {
    now: new Date('2026-11-24T09:00:00Z'), timeZone: 'Europe/London', meeting: '2026-12-02T10:00', previousMeeting: '2026-10-21T10:00',
    roundOpenedAt: '2026-11-22T09:00:00Z', actions, updates,
  };
  meetingSummary(input);
  const runs: number[] = [];
  let summary = meetingSummary(input);
  for (let i = 0; i < 5; i++) {
    const t = performance.now();
    summary = meetingSummary(input);
    runs.push(performance.now() - t);
  }
  runs.sort((a, b) => a - b);
  return [
    `${actions.length} actions, ${updates.length} updates: summary median of 5 ${runs[2]!.toFixed(1)} ms (fastest ${runs[0]!.toFixed(1)}, slowest ${runs[4]!.toFixed(1)})`,
    `  ${summary.overdue.length} overdue, ${summary.changes.length} changed since the last meeting, ${summary.notReported.length} leads not reported`,
    ...(await fromStore(actions, updates)),
  ];
}
