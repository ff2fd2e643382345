import { randomUUID } from 'node:crypto';
import type { StoredAction } from '../src/domain/action-record.js';
import { personKey, type Body } from '../src/domain/partnership.js';
import { createScheduler } from '../src/scheduler/scheduler.js';
import { startEmbeddedCosmos } from '../src/store/embedded-cosmos.js';
import { openStore } from '../src/store/open-store.js';
import type { PartnershipStore } from '../src/store/store.port.js';

/**
 * What the scheduler costs the store in a month of a 1-minute timer, for 5
 * bodies × 60 actions (issue 16: today ~43,000 ticks a month, each scanning
 * and rewriting the tick mark, ~1.75M RU). Every store call is counted at
 * the port by kind (point reads, writes, queries: the due scan is three),
 * over one working day (Tue 12 Sep 2017, 1,440 ticks, after Monday's
 * working hours ticked every 15 minutes) and one weekend day (Sat 16 Sep,
 * 1,440 ticks); a 30-day month is 22 such working days and 8 weekend days.
 * RU-equivalent: a point read of a small document 1 RU, a write 6 RU, a
 * query 3 RU (its least); the sender only records.
 */
const DAY = 86_400_000;
const MINUTE = 60_000;
const RU = { read: 1, write: 6, query: 3 } as const;
type Counts = { read: number; write: number; query: number };

function counting(store: PartnershipStore): { store: PartnershipStore; counts: Counts } {
  const counts: Counts = { read: 0, write: 0, query: 0 };
  const kind = (name: string): keyof Counts => (name.startsWith('read') ? 'read' : name.startsWith('list') || name === 'scanDue' ? 'query' : 'write');
  const wrapped = new Proxy(store, {
    get(target, name, receiver) {
      const value = Reflect.get(target, name, receiver) as unknown;
      if (typeof value !== 'function' || typeof name !== 'string') return value;
      return (...args: unknown[]) => {
        counts[kind(name)] += name === 'scanDue' ? 3 : 1;
        return (value as (...a: unknown[]) => unknown).apply(target, args);
      };
    },
  });
  return { store: wrapped, counts };
}

const ru = (c: Counts) => c.read * RU.read + c.write * RU.write + c.query * RU.query;

export default async function idleCostBench(): Promise<string[]> {
  const server = await startEmbeddedCosmos();
  const opened = await openStore({ mode: 'account', endpoint: server.endpoint, auth: { kind: 'key', key: 'bench' }, database: `idle-${randomUUID()}`, local: true }, { setUp: true });
  try {
    const tenantId = 'bench-tenant';
    const chair = { tenantId, aadObjectId: 'chair', displayName: 'Chair' };
    const roles = ['CSO', 'ASBRO', 'LO', 'TO'];
    const people = roles.map((r) => ({ tenantId, aadObjectId: r.toLowerCase(), displayName: r }));
    const base = Date.parse('2017-09-11T00:00:00Z');
    for (const p of [...people, chair]) {
      await opened.store.savePerson({ ...p, id: personKey(p), bodies: [], conversation: { conversation: { id: `a:${p.aadObjectId}` }, serviceUrl: 'https://smba.example/' } }, null);
    }
    for (let b = 0; b < 5; b++) {
      const id = `pcg-${b}`;
      const body: Body = {
        id, kind: 'pcg', name: `PCG ${b}`, parentId: null, memberIds: [], tenantId, timeZone: 'Europe/London', chairs: [chair], coordinators: [chair],
        roles: roles.map((key, i) => ({ key, name: key, person: people[i]!, delegate: null })),
        channel: { name: `PCG ${b}`, reference: { conversation: { id: `19:pcg-${b}` }, serviceUrl: 'https://smba.example/' }, linkedBy: chair, linkedAt: '2017-06-01T09:00:00Z' },
        meetings: Array.from({ length: 3 }, (_, i) => `${new Date(base + (b * 8 + i * 42 - 10) * DAY).toISOString().slice(0, 10)}T14:00`),
        currentPlanYear: '2017-18', chase: null,
      };
      await opened.store.createBody(body);
      const actions: StoredAction[] = Array.from({ length: 60 }, (_, a) => {
        const ref = `${Math.floor(a / 10) + 1}.${(a % 10) + 1}`;
        const deadline = new Date(base + ((((b * 60 + a) * 37) % 240) - 90) * DAY).toISOString().slice(0, 10);
        return {
          id: `action:2017-18:${ref}`, bodyId: id, year: '2017-18', ref, priority: { number: Math.floor(a / 10) + 1, title: 'Priority', corporatePriority: null },
          plan: { ref, action: `Action ${ref}`, measure: '', outcome: '', resources: '', lead: roles[a % 4]!, support: [], partners: [], deadline, deadlineText: deadline, status: 'not-reported', update: '', cspAction: false, source: ref },
          addedInVersion: 1, removedInVersion: null, latest: null, revisedDeadline: null,
        };
      });
      await Promise.all(actions.map((x) => opened.store.saveAction(x, null)));
    }

    const { store, counts } = counting(opened.store);
    let clock = base;
    let sent = 0;
    const scheduler = createScheduler({ store, clock: () => new Date(clock), sleep: async (ms) => void (clock += ms), send: async () => ({ id: `m-${++sent}` }) });
    const run = async (from: number, ticks: number, every: number) => {
      const before = { ...counts };
      const sentBefore = sent;
      let quiet = 0;
      for (let i = 0; i < ticks; i++) {
        clock = from + i * every;
        if ((await scheduler.tick(new Date(clock))).skipped !== null) quiet++;
      }
      return { counts: { read: counts.read - before.read, write: counts.write - before.write, query: counts.query - before.query }, quiet, sent: sent - sentBefore };
    };
    // Monday's working hours, every 15 minutes: the records and tick mark of a bot already running.
    await run(base + 8 * 60 * MINUTE, 32, 15 * MINUTE);
    const start = performance.now();
    const working = await run(base + DAY, 1_440, MINUTE);
    const weekend = await run(base + 5 * DAY, 1_440, MINUTE);
    const seconds = (performance.now() - start) / 1000;
    const month = (k: keyof Counts) => 22 * working.counts[k] + 8 * weekend.counts[k];
    const monthly: Counts = { read: month('read'), write: month('write'), query: month('query') };
    // Today's tick (issue 16) on every one of the month's 43,200 ticks: the overrides query, the three scan queries, the mark's read and write.
    const today: Counts = { read: 43_200, write: 43_200, query: 4 * 43_200 };
    const row = (name: string, d: { counts: Counts; quiet: number; sent: number }) =>
      `| ${name} | 1,440 | ${d.quiet} | ${d.sent} | ${d.counts.read} | ${d.counts.write} | ${d.counts.query} | ${ru(d.counts).toLocaleString('en-GB')} |`;
    return [
      `5 bodies × 60 actions, a tick a minute; counted at the store port (${seconds.toFixed(0)} s for 2,880 ticks here).`,
      '| day | ticks | quiet (no scan, no write) | messages sent | point reads | writes | queries | RU-equivalent |',
      '|---|---|---|---|---|---|---|---|',
      row('Tue 12 Sep, a working day', working),
      row('Sat 16 Sep, a weekend day', weekend),
      `| a 30-day month (22 working days, 8 weekend) | 43,200 | ${22 * working.quiet + 8 * weekend.quiet} | ${22 * working.sent} | ${monthly.read} | ${monthly.write} | ${monthly.query} | ${ru(monthly).toLocaleString('en-GB')} |`,
      `| today's tick on each of those 43,200 (issue 16 measured ~1.75M RU) | 43,200 | 0 | — | ${today.read} | ${today.write} | ${today.query} | ${ru(today).toLocaleString('en-GB')} (at least) |`,
      `Ratio, month against today's ticks at the same unit charges: ${(ru(monthly) / ru(today)).toFixed(3)}; at $0.25 per million RU (serverless list price), ${((ru(monthly) / 1e6) * 0.25).toFixed(2)} USD a month against ${((ru(today) / 1e6) * 0.25).toFixed(2)}.`,
    ];
  } finally {
    await opened.close();
    await server.stop();
  }
}
