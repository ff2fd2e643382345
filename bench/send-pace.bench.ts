import { randomUUID } from 'node:crypto';
import { schedulerSender } from '../src/app/bot-wiring.js';
import type { StoredAction } from '../src/domain/action-record.js';
import { personKey, type Body } from '../src/domain/partnership.js';
import { createScheduler, type Scheduler, type TickReport } from '../src/scheduler/scheduler.js';
import { TenantPacer } from '../src/scheduler/rate-limit.js';
import { startSchedulerTimer } from '../src/scheduler/triggers.js';
import { TEAMS_TENANT_LIMIT } from '../src/scheduler/teams-rate-limits.js';
import { startEmbeddedCosmos, type EmbeddedCosmos } from '../src/store/embedded-cosmos.js';
import { openStore } from '../src/store/open-store.js';
import type { PartnershipStore } from '../src/store/store.port.js';
import { createBot } from '../src/teams/create-bot.js';
import { startConnectorStandIn, type ConnectorStandIn } from '../test/teams/connector-stand-in.js';

/**
 * The scheduler's first tick of a busy morning, sent through the bot's own
 * Teams layer (botbuilder's connector client, no app id) to a Bot Connector
 * stand-in on loopback that enforces Teams' published limits
 * (test/teams/connector-stand-in.ts: 50 requests a second for the tenant,
 * each conversation's windows) and answers 429 past them. Each row is a
 * fresh store with one prompt due to each of N people, each in their own
 * chat (N/100 bodies of 100 actions, each action led by its own role). The
 * clock runs at real speed from Tue 12 Sep 2017 09:00 London, so the pace is
 * Teams', not a fake clock's. Rows: the achieved rate as a share of the
 * tenant limit (goal ≥ 90%), the 429s (goal 0), the most into one chat in a
 * second (≤ 7), and the tick's CPU (issue 16: today's first tick of 50 × 100
 * took 65.6 s of CPU, 78% of it the O(queued²) limiter). The last row runs
 * two scheduler instances on one store, each ticking every second: one holds
 * the tick lease and sends, the other skips. `BENCH_SMALL=1` runs 100 and
 * 200 messages instead of 1,000 and 4,000.
 */
const TENANT = 'bench-tenant';
const BASE = Date.parse('2017-09-12T08:00:00Z');
const DAY = 86_400_000;
const SMALL = process.env.BENCH_SMALL === '1';

type World = { store: PartnershipStore; close: () => Promise<void> };

async function world(server: EmbeddedCosmos, connector: ConnectorStandIn, messages: number): Promise<World> {
  const opened = await openStore({ mode: 'account', endpoint: server.endpoint, auth: { kind: 'key', key: 'bench' }, database: `pace-${randomUUID()}`, local: true }, { setUp: true });
  const store = opened.store;
  const chair = { tenantId: TENANT, aadObjectId: 'chair', displayName: 'Chair' };
  const deadline = new Date(BASE + 7 * DAY).toISOString().slice(0, 10);
  for (let b = 0; b < messages / 100; b++) {
    const people = Array.from({ length: 100 }, (_, r) => ({ tenantId: TENANT, aadObjectId: `p-${b}-${r}`, displayName: `Lead ${b}.${r}` }));
    const id = `pcg-${b}`;
    await Promise.all(
      people.map((p) => store.savePerson({ ...p, id: personKey(p), bodies: [id], conversation: { conversation: { id: `a:${p.aadObjectId}` }, serviceUrl: connector.url, channelId: 'msteams' } }, null)),
    );
    const body: Body = {
      id, kind: 'pcg', name: `PCG ${b}`, parentId: null, memberIds: [], tenantId: TENANT, timeZone: 'Europe/London', chairs: [chair], coordinators: [chair],
      roles: people.map((person, r) => ({ key: `R${r}`, name: `Role ${r}`, person, delegate: null })),
      channel: null, meetings: [], currentPlanYear: '2017-18', chase: null,
    };
    await store.createBody(body);
    const actions: StoredAction[] = people.map((_, r) => {
      const ref = `${Math.floor(r / 10) + 1}.${(r % 10) + 1}`;
      return {
        id: `action:2017-18:${ref}`, bodyId: id, year: '2017-18', ref, priority: { number: Math.floor(r / 10) + 1, title: 'Priority', corporatePriority: null },
        plan: { ref, action: `Action ${ref}`, measure: '', outcome: '', resources: '', lead: `R${r}`, support: [], partners: [], deadline, deadlineText: deadline, status: 'not-reported', update: '', cspAction: false, source: ref },
        addedInVersion: 1, removedInVersion: null, latest: null, revisedDeadline: null,
      };
    });
    await Promise.all(actions.map((a) => store.saveAction(a, null)));
  }
  return { store, close: opened.close };
}

function schedulerFor(store: PartnershipStore, started: number, instanceId: string, onSend: () => void = () => {}): Scheduler {
  const clock = () => new Date(BASE + (Date.now() - started));
  const unused = async () => {
    throw new Error('not used');
  };
  const bot = createBot({
    tenantId: TENANT, timeZone: 'Europe/London', auth: { kind: 'none' },
    useCases: { listMyActions: unused, openUpdate: unused, actionRefsOf: unused, findActionToUpdate: unused, recordUpdate: unused, recordTypedUpdate: unused, undoUpdate: unused, history: unused, watchList: unused, chairedBodies: unused, personalChat: unused, summary: unused, linkChannel: unused, meetings: unused, mapRole: unused, chase: unused, yearEnd: unused, closeAtYearEnd: unused, openDigest: unused, confirmLink: unused, createAndLink: unused, welcome: unused, setup: unused, saveSetup: unused, recordFor: unused, previewPlanUpload: unused, previewPlanUploadFor: unused, rereadPlanUpload: unused, importPlanUpload: unused, importMeetingsUpload: unused },
    conversations: { saveConversationReference: async () => {}, reportConversationLost: async () => {} },
    log: { info: () => {}, warn: () => {}, error: () => {} },
  });
  const send = schedulerSender({ store, clock, newId: randomUUID }, { send: () => bot.sendView, reports: null });
  return createScheduler({
    store, clock, instanceId,
    send: (target, message) => {
      onSend();
      return send(target, message);
    },
  });
}

function rateRow(name: string, connector: ConnectorStandIn, sent: number, extra: string): string {
  const times = connector.accepted.map((a) => a.at);
  const seconds = (Math.max(...times) - Math.min(...times)) / 1000;
  const rate = (times.length - 1) / seconds;
  const { throttled, requests } = connector.counts();
  const peaks = connector.peaks();
  const duplicates = times.length - new Set(connector.accepted.map((a) => a.conversation)).size;
  return `| ${name} | ${sent} | ${rate.toFixed(1)}/s (${((100 * rate) / TEAMS_TENANT_LIMIT.max).toFixed(0)}%) | ${throttled} of ${requests} | ${peaks.tenantPerSecond} | ${peaks.conversationPerSecond} | ${duplicates} | ${extra} |`;
}

async function oneInstance(server: EmbeddedCosmos, messages: number): Promise<string> {
  const connector = await startConnectorStandIn();
  const w = await world(server, connector, messages);
  try {
    const scheduler = schedulerFor(w.store, Date.now(), 'bench-a');
    const cpu = process.cpuUsage();
    const start = performance.now();
    const report: TickReport = await scheduler.tick();
    const used = process.cpuUsage(cpu);
    const wall = (performance.now() - start) / 1000;
    const cpuSeconds = (used.user + used.system) / 1e6;
    return rateRow(
      `${messages.toLocaleString('en-GB')} prompts to ${messages.toLocaleString('en-GB')} chats, one instance`,
      connector,
      report.sent.length,
      `tick ${wall.toFixed(1)} s, CPU ${cpuSeconds.toFixed(1)} s (${((1000 * cpuSeconds) / Math.max(1, report.sent.length)).toFixed(1)} ms a message; the process had ${((100 * cpuSeconds) / wall).toFixed(0)}% of a core), ${report.failed.length} failed, ${report.deferred.length} left for later`,
    );
  } finally {
    await w.close();
    await connector.close();
  }
}

async function twoInstances(server: EmbeddedCosmos, messages: number): Promise<string> {
  const connector = await startConnectorStandIn();
  const w = await world(server, connector, messages);
  const started = Date.now();
  const spans: Array<{ instance: string; sent: number }> = [];
  const sends: string[] = [];
  const timers = ['bench-a', 'bench-b'].map((instance) => {
    const scheduler = schedulerFor(w.store, started, instance, () => sends.push(instance));
    const timed = {
      tick: async (now?: Date) => {
            const report = await scheduler.tick(now);
        if (report.skipped === null) spans.push({ instance, sent: report.sent.length });
        return report;
      },
    };
    return startSchedulerTimer(timed, { everyMs: 1000, log: { info: () => {}, warn: () => {}, error: () => {} }, clock: () => new Date(BASE + (Date.now() - started)) });
  });
  try {
    while (connector.accepted.length < messages && Date.now() - started < 4 * (messages / 40) * 1000 + 30_000) await new Promise((resolve) => setTimeout(resolve, 500));
    // A few ticks more on each, to see that nothing goes twice.
    await new Promise((resolve) => setTimeout(resolve, 3000));
  } finally {
    await Promise.all(timers.map((t) => t.stop()));
  }
  try {
    // One sender at a time: the sends, in order, change hands only when one instance's tick gives the lease to the other's.
    const handovers = sends.filter((s, i) => i > 0 && s !== sends[i - 1]).length;
    const byInstance = ['bench-a', 'bench-b'].map((i) => `${i} ${spans.filter((s) => s.instance === i).reduce((n, s) => n + s.sent, 0)} sent in ${spans.filter((s) => s.instance === i).length} ticks`).join(', ');
    const sent = spans.reduce((n, s) => n + s.sent, 0);
    return rateRow(`${messages.toLocaleString('en-GB')} prompts to ${messages.toLocaleString('en-GB')} chats, two instances ticking every second`, connector, sent, `${byInstance}; sends changing hands between instances: ${handovers}`);
  } finally {
    await w.close();
    await connector.close();
  }
}

/**
 * The tenant pacer alone on the same loopback: sends of a small activity
 * straight to the stand-in at its pace, up to 16 at once, with no store and
 * no bot: what the pacing achieves when the machine is not the limit.
 */
async function pacerAlone(messages: number): Promise<string> {
  const connector = await startConnectorStandIn();
  try {
    const pacer = new TenantPacer();
    const inFlight = new Set<Promise<void>>();
    const cpu = process.cpuUsage();
    for (let i = 0; i < messages; i++) {
      for (let wait = pacer.waitMs(Date.now()); wait > 0; wait = pacer.waitMs(Date.now())) await new Promise((resolve) => setTimeout(resolve, wait));
      pacer.record(Date.now());
      const sending: Promise<void> = fetch(new URL(`/v3/conversations/a%3A${i}/activities`, connector.url), { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"type":"message","text":"due"}' })
        .then((r) => r.arrayBuffer())
        .then(() => void inFlight.delete(sending));
      inFlight.add(sending);
      if (inFlight.size >= 16) await Promise.race(inFlight);
    }
    await Promise.all(inFlight);
    const used = process.cpuUsage(cpu);
    return rateRow(`${messages.toLocaleString('en-GB')} sends, the tenant pacer alone (no store, no bot)`, connector, messages, `CPU ${((used.user + used.system) / 1e6).toFixed(1)} s`);
  } finally {
    await connector.close();
  }
}

export default async function sendPaceBench(): Promise<string[]> {
  const server = await startEmbeddedCosmos();
  const [small, big] = SMALL ? [100, 200] : [1000, 4000];
  const out = [
    `Teams' tenant limit ${TEAMS_TENANT_LIMIT.max}/s; the scheduler keeps to 47 in any second, at least 1/50 s apart. Rate: accepted sends over the time from the first to the last.`,
    '| run | sent | rate (share of the tenant limit) | 429s of requests | most in any second | most into one chat in a second | duplicates | tick |',
    '|---|---|---|---|---|---|---|---|',
  ];
  try {
    out.push(await pacerAlone(small));
    out.push(await oneInstance(server, small));
    out.push(await oneInstance(server, big));
    out.push(await twoInstances(server, small));
    return out;
  } finally {
    await server.stop();
  }
}
