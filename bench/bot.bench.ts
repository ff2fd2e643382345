import { randomUUID } from 'node:crypto';
import type { Response as BotResponse, TurnContext } from 'botbuilder';
import { botUseCases } from '../src/app/bot-wiring.js';
import { createBody } from '../src/services/create-body.js';
import type { ServiceDeps } from '../src/services/deps.js';
import { importPlan } from '../src/services/import-plan.js';
import { mapRole } from '../src/services/map-role.js';
import { startEmbeddedCosmos } from '../src/store/embedded-cosmos.js';
import { openStore } from '../src/store/open-store.js';
import { createBot, type BotOptions } from '../src/teams/create-bot.js';
import { startBot } from '../src/teams/start-bot.js';
import { VERBS } from '../src/teams/verbs.js';
import { UPDATE_RECORDED } from '../test/teams/sample-views.js';

/**
 * The bot's own share of a card submit: an `adaptiveCard/action` invoke for
 * `recordUpdate` through the adapter (tenant check, teams-ai routing, zod,
 * template fill), against an echo logic on the same adapter that answers
 * the same invoke with a fixed card. The use case answers at once, so the
 * store is not in these numbers. These two go without HTTP: the adapter gets
 * the parsed body, as the HTTP endpoint hands it over. They alternate which
 * goes first, and the HTTP row runs after them: a turn right after an HTTP
 * round trip (fetch, server, the other bot instance) runs ~0.2 ms slower at
 * the median, whichever logic it is, and the old fixed order (bot, echo, HTTP)
 * charged that to the bot alone. CPU time per turn (`process.cpuUsage`, blocks
 * of 100 turns, alternating) is the steadier figure on a shared machine. A
 * third row is the same submit POSTed to the running endpoint on loopback, for
 * the whole trip.
 * A last row runs the real use case against the in-process Cosmos-compatible
 * server and counts the store requests of each submit.
 */
const TENANT = '7c0f3d0e-5a1b-4c7e-9a34-2f3f9e1c0001';
const WARMUP = 200;
const RUNS = 2000;

function submit(i: number) {
  return {
    type: 'invoke',
    name: 'adaptiveCard/action',
    id: `f:${i}`,
    channelId: 'msteams',
    serviceUrl: 'https://smba.trafficmanager.net/uk/',
    from: { id: '29:lead', aadObjectId: '00000000-0000-4000-8000-000000000001', name: 'Laura Hughes' },
    recipient: { id: '28:bot', name: 'Partnership Actions' },
    conversation: { id: 'a:personal', conversationType: 'personal', tenantId: TENANT },
    channelData: { tenant: { id: TENANT } },
    value: {
      action: {
        type: 'Action.Execute',
        verb: VERBS.recordUpdate,
        data: { action: { bodyId: 'purbeck-pcg', year: '2017-18', ref: '3.2' }, basedOn: '', status: 'green', narrative: 'Launched in Swanage and Wareham.', revisedDeadline: '' },
      },
      trigger: 'manual',
    },
  };
}

function response(done: (status: number) => void): BotResponse {
  let status = 200;
  return { socket: null, status: (s: number) => void (status = s), header: () => {}, send: () => {}, end: () => done(status) };
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

export default async function bench(): Promise<string[]> {
  const fail = async () => {
    throw new Error('not used');
  };
  const options: BotOptions = {
    tenantId: TENANT,
    timeZone: 'Europe/London',
    auth: { kind: 'none' },
    useCases: { listMyActions: fail, openUpdate: fail, actionRefsOf: fail, findActionToUpdate: fail, summary: fail, linkChannel: fail, meetings: fail, mapRole: fail, chase: fail, recordUpdate: async () => UPDATE_RECORDED, recordTypedUpdate: fail, undoUpdate: fail, history: fail, watchList: fail, chairedBodies: fail, personalChat: fail, yearEnd: fail, closeAtYearEnd: fail, openDigest: fail, confirmLink: fail, createAndLink: fail, welcome: fail, setup: fail, saveSetup: fail, recordFor: fail, previewPlanUpload: fail, previewPlanUploadFor: fail, rereadPlanUpload: fail, importPlanUpload: fail, importMeetingsUpload: fail },
    conversations: { saveConversationReference: async () => {}, reportConversationLost: async () => {} },
    log: { info: () => {}, warn: () => {}, error: (m, f) => process.stderr.write(`${m} ${JSON.stringify(f)}\n`) },
  };
  const bot = createBot(options);
  const echoCard = { type: 'AdaptiveCard', version: '1.5', body: [{ type: 'TextBlock', text: 'ok' }] };
  const echo = async (context: TurnContext) => {
    await context.sendActivity({ type: 'invokeResponse', value: { status: 200, body: { statusCode: 200, type: 'application/vnd.microsoft.card.adaptive', value: echoCard } } });
  };

  const once = async (i: number, logic: (context: TurnContext) => Promise<void>): Promise<number> => {
    const start = process.hrtime.bigint();
    const status = await new Promise<number>((resolve, reject) => {
      bot.adapter.process({ body: submit(i), headers: {}, method: 'POST' }, response(resolve), logic).catch(reject);
    });
    if (status !== 200) throw new Error(`invoke answered ${status}`);
    return Number(process.hrtime.bigint() - start) / 1e6;
  };

  const running = await startBot({ ...options, port: 0, health: { store: 'none', version: 'bench' } });
  const overHttp = async (i: number): Promise<number> => {
    const start = process.hrtime.bigint();
    const res = await fetch(`${running.url}/api/messages`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(submit(i)) });
    await res.text();
    if (res.status !== 200) throw new Error(`invoke answered ${res.status}`);
    return Number(process.hrtime.bigint() - start) / 1e6;
  };

  const times = { bot: [] as number[], echo: [] as number[], http: [] as number[] };
  for (let i = 0; i < WARMUP; i++) {
    await once(i, bot.logic);
    await once(i, echo);
  }
  // Interleaved, so both see the same machine load; each goes first every other time.
  for (let i = 0; i < RUNS; i++) {
    const first = i % 2 === 0 ? 'bot' : 'echo';
    times[first].push(await once(i, first === 'bot' ? bot.logic : echo));
    const second = first === 'bot' ? 'echo' : 'bot';
    times[second].push(await once(i, second === 'bot' ? bot.logic : echo));
  }
  const cpu = { bot: 0, echo: 0 };
  for (let block = 0; block < RUNS / 100; block++) {
    for (const key of block % 2 === 0 ? (['bot', 'echo'] as const) : (['echo', 'bot'] as const)) {
      const start = process.cpuUsage();
      for (let i = 0; i < 100; i++) await once(i, key === 'bot' ? bot.logic : echo);
      const used = process.cpuUsage(start);
      cpu[key] += used.user + used.system;
    }
  }
  // Warmed up just before: a kept-alive connection left idle through the loops above would be closed under it.
  for (let i = 0; i < WARMUP; i++) await overHttp(i);
  for (let i = 0; i < RUNS; i++) times.http.push(await overHttp(i));
  await running.stop();
  const lines: string[] = [`card submit (recordUpdate invoke) through the adapter, ${RUNS} each, interleaved (each first every other time), after ${WARMUP} warm-up:`];
  const p = {} as Record<'bot' | 'echo' | 'http', { p50: number; p95: number }>;
  const names = { bot: 'bot (recordUpdate)      ', echo: 'echo handler            ', http: 'bot over HTTP (loopback)' };
  for (const key of ['bot', 'echo', 'http'] as const) {
    const sorted = [...times[key]].sort((a, b) => a - b);
    p[key] = { p50: percentile(sorted, 50), p95: percentile(sorted, 95) };
    lines.push(`  ${names[key]}: p50 ${p[key].p50.toFixed(3)} ms, p95 ${p[key].p95.toFixed(3)} ms`);
  }
  lines.push(`  bot / echo: p50 ×${(p.bot.p50 / p.echo.p50).toFixed(2)}, p95 ×${(p.bot.p95 / p.echo.p95).toFixed(2)}`);
  lines.push(`  CPU per turn (${RUNS} each, blocks of 100): bot ${(cpu.bot / RUNS).toFixed(0)} µs, echo ${(cpu.echo / RUNS).toFixed(0)} µs, ×${(cpu.bot / cpu.echo).toFixed(2)}`);
  lines.push(...(await withStore(options)));
  return lines;
}

/**
 * A submit by someone who saw the earlier updates and records theirs anyway, as "Record mine anyway" does. Each says
 * something new: the same words pressed again are "already recorded" (one read), which would measure nothing.
 */
function afterEarlier(i: number) {
  const base = submit(i);
  const data = { ...base.value.action.data, narrative: `Launched in Swanage and Wareham; week ${i + 1}.`, confirmStale: true };
  return { ...base, id: `s:${i}`, value: { ...base.value, action: { ...base.value.action, data } } };
}

/** The same submit with the real recordUpdate against the local store: requests per submit, without contention. */
async function withStore(options: BotOptions): Promise<string[]> {
  const SUBMITS = 300;
  const server = await startEmbeddedCosmos();
  const opened = await openStore({ mode: 'account', endpoint: server.endpoint, auth: { kind: 'key', key: 'bench' }, database: 'bench', local: true }, { setUp: true });
  try {
    const deps: ServiceDeps = { store: opened.store, clock: () => new Date(), newId: randomUUID };
    const coordinator = { tenantId: TENANT, aadObjectId: 'coord', displayName: 'Coordinator' };
    const lead = { tenantId: TENANT, aadObjectId: submit(0).from.aadObjectId, displayName: submit(0).from.name };
    await createBody(deps, { id: 'dorset-csp', kind: 'csp', name: 'Dorset CSP', parentId: null, tenantId: TENANT, chairs: [], coordinators: [coordinator] });
    await createBody(deps, { id: 'purbeck-pcg', kind: 'pcg', name: 'Purbeck PCG', parentId: 'dorset-csp', tenantId: TENANT, chairs: [], coordinators: [coordinator] });
    const action = { ref: '3.2', action: 'Launch the scheme', measure: '', outcome: '', resources: 'Lead – CSO', lead: 'CSO', support: [], partners: [], deadline: '2030-03-31', deadlineText: 'March 2030', status: 'not-reported' as const, update: '', cspAction: false, source: 'Row 1' };
    await importPlan(deps, { bodyId: 'purbeck-pcg', year: '2017-18', plan: { title: 'Plan 2017-18', priorities: [{ number: 3, title: 'Three', corporatePriority: null, actions: [action] }], roles: [{ key: 'CSO', name: 'Community Safety Officer' }] }, fileName: 'plan.csv', by: coordinator });
    await mapRole(deps, { bodyId: 'purbeck-pcg', roleKey: 'CSO', person: lead, by: coordinator });
    const bot = createBot({ ...options, useCases: botUseCases(deps) });
    const times: number[] = [];
    const requests: number[] = [];
    for (let i = 0; i < SUBMITS; i++) {
      const before = server.requests();
      const start = process.hrtime.bigint();
      const status = await new Promise<number>((resolve, reject) => {
        bot.adapter.process({ body: afterEarlier(i), headers: {}, method: 'POST' }, response(resolve), bot.logic).catch(reject);
      });
      if (status !== 200) throw new Error(`invoke answered ${status}`);
      times.push(Number(process.hrtime.bigint() - start) / 1e6);
      requests.push(server.requests() - before);
    }
    const sorted = [...times].sort((a, b) => a - b);
    const counts = new Map<number, number>();
    for (const r of requests) counts.set(r, (counts.get(r) ?? 0) + 1);
    const spread = [...counts].sort(([a], [b]) => a - b).map(([r, n]) => `${n} × ${r}`).join(', ');
    return [
      `with the store (real recordUpdate, in-process Cosmos-compatible server), ${SUBMITS} submits one after another:`,
      `  store requests per submit: ${spread} (before: 5, a body read twice); p50 ${percentile(sorted, 50).toFixed(1)} ms, p95 ${percentile(sorted, 95).toFixed(1)} ms`,
    ];
  } finally {
    await opened.close();
    await server.stop();
  }
}
