import { expect } from 'vitest';
import { OutboundRecordSchema } from '../../src/domain/outbound-record.js';
import { personKey } from '../../src/domain/partnership.js';
import { loadSampleFiles } from '../../src/app/sample-files.js';
import { actionHistory } from '../../src/services/action-history.js';
import { loadSamplePartnership } from '../../src/services/load-sample-partnership.js';
import { takeBackup, type Backup } from '../../src/store/backup.js';
import { startEmbeddedApp, type EmbeddedApp } from '../e2e/embedded-app.js';
import type { BotMessage } from '../e2e/playground-client.js';
import { startFixture, type Fixture } from '../store/cosmos-fixture.js';
import { startFaultProxy, type Fault, type FaultProxy } from './fault-proxy.js';

/** The sample's first prompts fall due at this instant (23 March 2018, 09:00). */
export const PROMPT_AT = '2018-03-23T09:00:00Z';

/** The faults a client cannot see through: the request never arrived, its answer was lost after the store acted, or it was refused. */
export const BLIND_FAULTS: Array<[string, Fault]> = [
  ['reset', { kind: 'reset' }],
  ['drop', { kind: 'drop' }],
  ['503', { kind: '503' }],
];

export const STORE_FAULTS: Array<[string, Fault]> = [
  ['reset', { kind: 'reset' }],
  ['drop', { kind: 'drop' }],
  ['503', { kind: '503' }],
  ['429', { kind: '429', retryAfterMs: 20 }],
  ['delay', { kind: 'delay', ms: 300 }],
];

/**
 * The app as `npm start` runs it in local mode, but with its store a
 * Cosmos-compatible server reached through our fault proxy, and a clock the
 * test sets (`clock.now`), as a timer's tick would see it. Everything is read
 * back past the proxy, through the services, on a client of its own.
 */
export type FaultedApp = {
  store: Fixture;
  proxy: FaultProxy;
  app: EmbeddedApp;
  clock: { now: number };
  /** What the store holds of a sample action, read past the proxy. */
  history(ref: string): ReturnType<typeof actionHistory>;
  /** The update card for `ref` in the person's chat, and its "Record update" action. */
  updateCard(ref: string): Promise<{ messageId: string; action: CardAction }>;
  /** Submits a card action's data with `fields` as the person's inputs: the answer's JSON. */
  submit(messageId: string, action: CardAction, fields: Record<string, unknown>): Promise<unknown>;
  /** The store as it is once the Playground user's chat is saved (installing saves it a moment later). */
  baseline(): Promise<Backup>;
  /** Every Teams message the bot sent since the last call, keyed by chat and words, sorted. */
  settle(): Promise<string[]>;
  /** The sent-message records: which are sent, and how many sent digests carry each action record. */
  records(): Promise<{ sent: Set<string>; carried: Map<string, number> }>;
  /**
   * The tick a minute after a faulted one, as the timer would run it; then what both sent and the records, against a
   * clean tick's (`expected`, `expectedRecords`): none twice, none lost, each action carried by exactly one sent digest.
   */
  nextTickFinishes(clean: { expected: readonly string[]; expectedRecords: Awaited<ReturnType<FaultedApp['records']>> }, tally: TickTally, label: string): Promise<void>;
  stop(): Promise<void>;
};

export type TickTally = { ticks: number; sent: number; duplicates: number; lost: number; recordsLost: number; recordsDuplicated: number };
export const emptyTickTally = (): TickTally => ({ ticks: 0, sent: 0, duplicates: 0, lost: 0, recordsLost: 0, recordsDuplicated: 0 });

export type CardAction = { title: string; verb: string; data: Record<string, unknown> };

export async function startFaultedApp(): Promise<FaultedApp> {
  const store = await startFixture();
  await loadSamplePartnership(store.deps, await loadSampleFiles());
  const proxy = await startFaultProxy(store.server.endpoint);
  const clock = { now: Date.parse(PROMPT_AT) };
  const app = await startEmbeddedApp({ settings: { COSMOS_ENDPOINT: proxy.endpoint, COSMOS_DATABASE: store.opened.database }, clock: () => new Date(clock.now) });
  const world: FaultedApp = {
    store,
    proxy,
    app,
    clock,
    history: (ref) => actionHistory(store.deps, { bodyId: 'purbeck-pcg', ref }),
    async updateCard(ref) {
      await app.client.sendMessage(app.ids.personalChatId, { id: app.me.id }, `update ${ref}`);
      const form = await app.client.waitForBotMessage(app.ids.personalChatId, (m) => m.message.attachments.length > 0);
      const card = form.message.attachments[0]!.content as { actions: CardAction[] };
      return { messageId: form.message.messageId, action: card.actions.find((a) => a.title === 'Record update')! };
    },
    async submit(messageId, action, fields) {
      return (await app.client.execute(app.ids.personalChatId, { id: app.me.id }, messageId, action.verb, { ...action.data, ...fields })).body;
    },
    async baseline() {
      const key = personKey({ tenantId: app.server.playgroundPeople!.tenantId, aadObjectId: app.me.aadObjectId });
      for (let i = 0; (await store.opened.store.readPerson(key))?.value.conversation == null; i++) {
        if (i > 100) throw new Error("the Playground user's chat was never saved");
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      return takeBackup(store.opened.containers, store.opened.database, new Date());
    },
    async settle() {
      // The Playground relays each accepted send over its socket a moment later.
      let seen: BotMessage[] = [];
      for (let quiet = 0; quiet < 3; ) {
        await new Promise((resolve) => setTimeout(resolve, 150));
        const more = app.client.takeAll();
        seen = [...seen, ...more];
        quiet = more.length === 0 ? quiet + 1 : 0;
      }
      return seen.filter((m) => m.event === 'createMessage').map(messageKey).sort();
    },
    async records() {
      const backup = await takeBackup(store.opened.containers, store.opened.database, new Date());
      const all = backup.containers.partnership.filter((doc) => doc['type'] === 'sent').map((doc) => OutboundRecordSchema.parse(doc));
      const carried = new Map<string, number>();
      for (const digest of all.filter((r) => r.kind === 'digest' && r.state === 'sent')) {
        for (const item of digest.items ?? []) carried.set(item.recordId, (carried.get(item.recordId) ?? 0) + 1);
      }
      return { sent: new Set(all.filter((r) => r.state === 'sent').map((r) => r.id)), carried };
    },
    async nextTickFinishes({ expected, expectedRecords }, tally, label) {
      clock.now = Date.parse(PROMPT_AT) + 60_000;
      await app.server.scheduler.tick();
      tally.ticks += 2;
      const got = await world.settle();
      tally.sent += got.length;
      const compared = compareSent(expected, got);
      tally.duplicates += compared.duplicates;
      tally.lost += compared.lost;
      expect(compared, label).toEqual({ duplicates: 0, lost: 0, missing: [], unexpected: [] });
      const recordCheck = compareRecords(expectedRecords, await world.records());
      tally.recordsLost += recordCheck.recordsLost.length;
      tally.recordsDuplicated += recordCheck.recordsDuplicated.length;
      expect(recordCheck, `${label}: records`).toEqual({ recordsLost: [], recordsDuplicated: [], uncarried: [] });
    },
    async stop() {
      await app.stop().catch((error: unknown) => {
        throw new Error(`after the faults: ${String(error)}`);
      });
      await proxy.close();
      await store.stop();
    },
  };
  return world;
}

/** A notice that someone cannot be reached is said once per person, naming whichever of their actions came first. */
function messageKey(m: BotMessage): string {
  return `${m.conversationId.split(';')[0]} ${(m.message.text ?? JSON.stringify(m.message.attachments.map((a) => a.content.body))).replace(/ about action [\d.]+ \(\w+\)/, ' about an action')}`;
}

/** Duplicates and losses of `got` against `expected` (message keys). */
function compareSent(expected: readonly string[], got: readonly string[]): { duplicates: number; lost: number; missing: string[]; unexpected: string[] } {
  const counts = new Map<string, number>();
  for (const key of got) counts.set(key, (counts.get(key) ?? 0) + 1);
  return {
    duplicates: [...counts.values()].reduce((sum, c) => sum + c - 1, 0),
    lost: expected.filter((key) => !counts.has(key)).length,
    missing: expected.filter((key) => !counts.has(key)),
    unexpected: got.filter((key) => !expected.includes(key)),
  };
}

/** Records lost or carried twice against a clean tick's: every record sent, each action record carried by exactly one sent digest. */
function compareRecords(expected: { sent: Set<string>; carried: Map<string, number> }, stored: { sent: Set<string>; carried: Map<string, number> }) {
  return {
    recordsLost: [...expected.sent].filter((id) => !stored.sent.has(id)),
    recordsDuplicated: [...stored.carried].filter(([, times]) => times > 1).map(([id]) => id),
    uncarried: [...expected.carried.keys()].filter((id) => stored.carried.get(id) !== 1),
  };
}
