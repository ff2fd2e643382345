import type { StoredAction } from '../src/domain/action-record.js';
import { personKey, type Body } from '../src/domain/partnership.js';
import type { PlanAction } from '../src/domain/plan.js';
import { createScheduler, type TickReport } from '../src/scheduler/scheduler.js';
import { startEmbeddedCosmos } from '../src/store/embedded-cosmos.js';
import { openStore } from '../src/store/open-store.js';

/**
 * One scheduler tick over 100 bodies × 100 actions (10,000 actions held) in
 * the in-process Cosmos-compatible server, through the real @azure/cosmos
 * client: its time and its store requests (counted at the server), beside
 * the messages it sent. Due dates run from 4 months past to 6 months ahead,
 * each body meets every 6 weeks (staggered), every role is held by someone
 * the bot can reach; the sender only records. Rate-limit waits move a fake
 * clock, so the time is the store's and the rules', not Teams' pacing.
 * The data is written straight through the store port: the services'
 * set-up queries would take minutes on a server that scans every document.
 */
const tenantId = 'bench-tenant';
const coordinator = { tenantId, aadObjectId: 'coord', displayName: 'Coordinator' };
const chair = { tenantId, aadObjectId: 'chair', displayName: 'Chair' };
const ROLES = ['CSO', 'ASBRO', 'LO', 'TO'];
const DAY = 86_400_000;
const BASE = Date.parse('2017-09-12T08:00:00Z');

function action(b: number, a: number): PlanAction {
  const n = b * 100 + a;
  const deadline = new Date(BASE + (((n * 37) % 300) - 120) * DAY).toISOString().slice(0, 10);
  return {
    ref: `${Math.floor(a / 10) + 1}.${(a % 10) + 1}`, action: `Action ${n}`, measure: 'Measured', outcome: '', resources: '', lead: ROLES[n % 4]!, support: [], partners: [],
    deadline, deadlineText: deadline, status: 'not-reported', update: '', cspAction: false, source: String(n),
  };
}

export default async function tickBench(): Promise<string[]> {
  const server = await startEmbeddedCosmos();
  const opened = await openStore({ mode: 'account', endpoint: server.endpoint, auth: { kind: 'key', key: 'bench' }, database: 'bench', local: true }, { setUp: true });
  const store = opened.store;
  const out: string[] = [];
  try {
    const setupStart = performance.now();
    const people = ROLES.map((r) => ({ tenantId, aadObjectId: r.toLowerCase(), displayName: r }));
    const bodyIds = Array.from({ length: 100 }, (_, b) => `pcg-${b}`);
    for (const p of [...people, chair]) {
      await store.savePerson({ ...p, id: personKey(p), bodies: bodyIds, conversation: { conversation: { id: `a:${p.aadObjectId}` }, serviceUrl: 'https://smba.example/' } }, null);
    }
    for (const [b, id] of bodyIds.entries()) {
      const first = BASE - 40 * DAY + (b % 42) * DAY;
      const body: Body = {
        id, kind: 'pcg', name: `PCG ${b}`, parentId: null, memberIds: [], tenantId, timeZone: 'Europe/London', chairs: [chair], coordinators: [coordinator],
        roles: ROLES.map((key, i) => ({ key, name: key, person: people[i]!, delegate: null })),
        channel: { name: `PCG ${b}`, reference: { conversation: { id: `19:pcg-${b}` }, serviceUrl: 'https://smba.example/' }, linkedBy: coordinator, linkedAt: '2017-06-01T09:00:00Z' },
        meetings: Array.from({ length: 4 }, (_, i) => `${new Date(first + i * 42 * DAY).toISOString().slice(0, 10)}T14:00`),
        currentPlanYear: '2017-18',
        chase: null,
      };
      await store.createBody(body);
      const actions: StoredAction[] = Array.from({ length: 100 }, (_, a) => {
        const plan = action(b, a);
        return {
          id: `action:2017-18:${plan.ref}`, bodyId: id, year: '2017-18', ref: plan.ref, priority: { number: Math.floor(a / 10) + 1, title: 'Priority', corporatePriority: null },
          plan, addedInVersion: 1, removedInVersion: null, latest: null, revisedDeadline: null,
        };
      });
      await Promise.all(actions.map((x) => store.saveAction(x, null)));
    }
    out.push(`set-up: 100 bodies × 100 actions (10,000 held), ${server.requests()} requests, ${((performance.now() - setupStart) / 1000).toFixed(1)} s`);
    process.stderr.write(`${out[0]!}\n`);

    let clock = BASE;
    let sends = 0;
    const scheduler = createScheduler({
      store: opened.store,
      clock: () => new Date(clock),
      sleep: async (ms) => {
        clock += ms;
      },
      send: async () => ({ id: `m-${++sends}` }),
    });
    const rows: Array<[string, number]> = [
      ['Tue 12 Sep 09:00, first tick of the day', BASE],
      ['Tue 12 Sep 09:01, the same minute again', BASE + 60_000],
      ['Tue 12 Sep 15:00, nothing new since morning', BASE + 6 * 3_600_000],
      ['Wed 13 Sep 09:00', BASE + DAY],
      ['Sat 16 Sep 09:00, not a working day', BASE + 4 * DAY],
      ['Mon 18 Sep 09:00', BASE + 6 * DAY],
      ['Thu 21 Sep 11:00, back after Tue and Wed down', BASE + 9 * DAY + 2 * 3_600_000],
    ];
    // Records sent: each action's, and each digest's own; Teams messages: what the sender was given (a digest per person and day).
    out.push('| tick | records sent | Teams messages | unreachable/failed | store requests | requests per record | time |', '|---|---|---|---|---|---|---|');
    for (const [name, at] of rows) {
      clock = at;
      const requests = server.requests();
      const sendsBefore = sends;
      const start = performance.now();
      const report: TickReport = await scheduler.tick(new Date(at));
      const ms = performance.now() - start;
      const used = server.requests() - requests;
      const n = report.sent.length;
      out.push(`| ${name} | ${n} | ${sends - sendsBefore} | ${report.unreachable.length + report.failed.length} | ${used} | ${n === 0 ? '—' : (used / n).toFixed(1)} | ${ms.toFixed(0)} ms |`);
      // Each row as it is measured too: the whole table takes minutes.
      process.stderr.write(`${out[out.length - 1]!}\n`);
    }
    return out;
  } finally {
    await opened.close();
    await server.stop();
  }
}
