import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll } from 'vitest';
import type { ConversationReference, Person } from '../../src/domain/partnership.js';
import type { OutboundMessage, ProactiveSender, SendTarget } from '../../src/scheduler/outbound.js';
import type { SchedulerDeps } from '../../src/scheduler/scheduler.js';
import type { ServiceDeps } from '../../src/services/deps.js';
import { importPlan } from '../../src/services/import-plan.js';
import { linkChannel } from '../../src/services/link-channel.js';
import { mapRole } from '../../src/services/map-role.js';
import { rememberConversation } from '../../src/services/remember-conversation.js';
import { setMeetings } from '../../src/services/set-meetings.js';
import { startEmbeddedCosmos, type EmbeddedCosmos } from '../../src/store/embedded-cosmos.js';
import { openStore } from '../../src/store/open-store.js';
import { ASBRO, CHAIR, COORDINATOR, CSO, plan, planAction, setUpBodies } from '../store/cosmos-fixture.js';

/**
 * Tuesday 12 September 2017, 09:00 in London. Due then in "test-pcg":
 * - 1.1 (CSO, due 19 Sep): the 7-day prompt;
 * - 1.2 (CSO, due 11 Sep): reminder 1;
 * - 1.3 (ASBRO, due 28 Aug): reminder 3 (escalated to the chair and the
 *   channel only if reminders 1 and 2 reached ASBRO); unless
 *   `asbroReachable`, ASBRO has no chat with the bot, so the chair hears of it;
 * - 2.1 (LO, due 26 Sep): the 14-day prompt; nobody holds LO.
 */
export const TUESDAY = '2017-09-12T08:00:00.000Z';

export const reference = (conversationId: string): ConversationReference => ({
  conversation: { id: conversationId },
  serviceUrl: 'https://smba.trafficmanager.net/uk/',
  channelId: 'msteams',
  user: { id: `29:${conversationId}` },
});

export async function freshDeps(server: EmbeddedCosmos, now = TUESDAY): Promise<{ deps: ServiceDeps; close: () => Promise<void> }> {
  const opened = await openStore({ mode: 'account', endpoint: server.endpoint, auth: { kind: 'key', key: 'test' }, database: `s-${randomUUID()}`, local: true }, { setUp: true });
  let t = Date.parse(now);
  return { deps: { store: opened.store, clock: () => new Date(t++), newId: randomUUID }, close: opened.close };
}

/**
 * A local Cosmos server for a describe block (started before its tests,
 * stopped after), and a fresh database in it per world.
 */
export function cosmosWorlds() {
  let server: EmbeddedCosmos;
  const open: Array<() => Promise<void>> = [];
  beforeAll(async () => {
    server = await startEmbeddedCosmos();
  });
  afterAll(async () => {
    for (const close of open) await close();
    await server?.stop();
  });
  const fresh = async (): Promise<ServiceDeps> => {
    const { deps, close } = await freshDeps(server);
    open.push(close);
    return deps;
  };
  return {
    server: () => server,
    fresh,
    async world(options: Parameters<typeof buildWorld>[1] = {}): Promise<ServiceDeps> {
      const deps = await fresh();
      await buildWorld(deps, options);
      return deps;
    },
  };
}

export async function buildWorld(deps: ServiceDeps, options: { meetings?: string[]; asbroReachable?: boolean } = {}): Promise<void> {
  await setUpBodies(deps);
  await importPlan(deps, {
    bodyId: 'test-pcg',
    plan: plan([
      planAction('1.1', { deadline: '2017-09-19' }),
      planAction('1.2', { deadline: '2017-09-11' }),
      planAction('1.3', { deadline: '2017-08-28', lead: 'ASBRO', support: [] }),
      planAction('2.1', { deadline: '2017-09-26', lead: 'LO', support: [] }),
      planAction('2.2', { deadline: '2018-03-31' }),
    ]),
    fileName: 'plan.csv',
    by: COORDINATOR,
  });
  await mapRole(deps, { bodyId: 'test-pcg', roleKey: 'CSO', person: CSO, by: COORDINATOR });
  await mapRole(deps, { bodyId: 'test-pcg', roleKey: 'ASBRO', person: ASBRO, by: COORDINATOR });
  await rememberConversation(deps, { person: CSO, reference: reference('a:cso') });
  await rememberConversation(deps, { person: CHAIR, reference: reference('a:chair') });
  if (options.asbroReachable) await rememberConversation(deps, { person: ASBRO, reference: reference('a:asbro') });
  await linkChannel(deps, { bodyId: 'test-pcg', name: 'PCG', reference: reference('19:pcg@thread.tacv2'), by: COORDINATOR });
  if (options.meetings) await setMeetings(deps, { bodyId: 'test-pcg', meetings: options.meetings, by: COORDINATOR });
}

/** What reached whom: a digest counts once in `sends`, and each of its actions once in `deliveries` (with `digest`, its id). */
export type Delivery = { conversation: string; id: string; kind: string; at: number; to: string; digest?: string };

/**
 * A clock the tick reads and its sleeps move, and a sender that records what
 * Teams would have been given. `failWith(id)` decides per message whether
 * the send throws (and what).
 */
export function recordingSender(start: string) {
  let now = Date.parse(start);
  const deliveries: Delivery[] = [];
  const attempts: Delivery[] = [];
  const sends: Delivery[] = [];
  const messages: OutboundMessage[] = [];
  let failWith: (message: OutboundMessage, attempt: number) => unknown = () => null;
  const send: ProactiveSender = async (target: SendTarget, message: OutboundMessage) => {
    const delivery = { conversation: target.reference.conversation.id, id: message.id, kind: message.kind, at: now, to: target.kind === 'person' ? target.person.displayName : target.name };
    attempts.push(delivery);
    const failure = failWith(message, attempts.filter((a) => a.id === message.id && a.conversation === delivery.conversation).length);
    if (failure instanceof Promise) return failure as Promise<{ id: string | null }>;
    if (failure !== null) throw failure;
    sends.push(delivery);
    messages.push(message);
    if (message.kind !== 'digest') deliveries.push(delivery);
    for (const entry of message.kind === 'digest' ? message.entries : []) {
      // As the rules name it: a chair's record id adds `@<chair>`, which `to` says.
      const id = entry.item.recordId.slice('sent:'.length).replace(/@.*$/, '');
      deliveries.push({ ...delivery, id, kind: id.split(':')[0]!, digest: message.id });
    }
    return { id: `m-${sends.length}` };
  };
  const deps = (store: ServiceDeps['store']): SchedulerDeps => ({
    store,
    send,
    clock: () => new Date(now),
    sleep: async (ms) => {
      now += ms;
    },
    random: () => 0.5,
  });
  return {
    deliveries,
    attempts,
    sends,
    messages,
    deps,
    set: (iso: string) => {
      now = Date.parse(iso);
    },
    advance: (ms: number) => {
      now += ms;
    },
    now: () => new Date(now),
    failWhen: (f: typeof failWith) => {
      failWith = f;
    },
  };
}

export const CHAIR_PERSON: Person = CHAIR;
