import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { PlaygroundUser } from '../../src/local/agents-playground.js';
import { actionHistory } from '../../src/services/action-history.js';
import { chairSummary } from '../../src/services/chair-summary.js';
import type { RunningServer } from '../../src/app/start-server.js';
import { VERBS } from '../../src/teams/verbs.js';
import { startEmbeddedApp, type EmbeddedApp } from './embedded-app.js';
import type { BotMessage, PlaygroundClient } from './playground-client.js';

/** The people picker as Teams documents it: a single-choice ChoiceSet searching the organisation's users. */
const PickerSchema = z.object({
  type: z.literal('Input.ChoiceSet'),
  id: z.string().regex(/^(holder|delegate)-\d+$/),
  isMultiSelect: z.literal(false),
  choices: z.array(z.object({ title: z.string().min(1), value: z.string().min(1) })),
  'choices.data': z.object({ type: z.literal('Data.Query'), dataset: z.literal('graph.microsoft.com/users') }),
  value: z.string(),
});
const SaveActionSchema = z.object({
  type: z.literal('Action.Execute'),
  title: z.literal('Save roles'),
  verb: z.literal(VERBS.saveSetup),
  data: z.object({ bodyId: z.string(), shown: z.array(z.object({ key: z.string(), holder: z.string(), delegate: z.string() })) }),
});
const SetupCardSchema = z.looseObject({
  type: z.literal('AdaptiveCard'),
  version: z.literal('1.5'),
  body: z.array(z.looseObject({ type: z.string() })),
  actions: z.array(z.looseObject({ type: z.literal('Action.Execute'), title: z.string(), verb: z.string() })),
});
type SetupCard = z.infer<typeof SetupCardSchema>;

/** Every element of a card, depth first. */
function elements(node: unknown): Array<Record<string, unknown>> {
  if (Array.isArray(node)) return node.flatMap(elements);
  if (typeof node !== 'object' || node === null) return [];
  const record = node as Record<string, unknown>;
  return [record, ...Object.values(record).flatMap(elements)];
}

/**
 * Issue 14 items 2 and 5 through the Agents Playground, as the coordinator
 * (Alex Hale, who also holds CSO): the set-up card with its people pickers,
 * a save read back from the store, refusals that change nothing, typed
 * multi-word roles, and updates entered for a lead.
 */
describe('the coordinator sets up the partnership in Teams', () => {
  let app: EmbeddedApp;
  let server: RunningServer;
  let client: PlaygroundClient;
  let ids: EmbeddedApp['ids'];
  let alex: PlaygroundUser;
  let taylor: PlaygroundUser;
  let priya: PlaygroundUser;
  let morgan: PlaygroundUser;
  const at = '<at>Partnership Actions</at>';

  beforeAll(async () => {
    app = await startEmbeddedApp({ settings: { PLAYGROUND_USER: 'coordinator' } });
    ({ server, client, ids } = app);
    alex = app.me;
    taylor = app.person('Taylor Quinn');
    priya = app.person('Priya Shah');
    morgan = app.person('Morgan Ellis');
  }, 60_000);
  afterAll(async () => {
    await app?.stop();
  });

  const store = () => server.app.deps.store;
  const body = async () => (await store().readBody('purbeck-pcg'))!.value;
  const tag = (u: PlaygroundUser) => ({ type: 'mention', text: `<at>${u.name}</at>`, mentioned: { id: u.id, name: u.name } });

  /** Someone writes in the body's channel (the Playground's PCG channel, linked at start), mentioning the bot (and `people`); the bot's answer. */
  async function inChannel(who: PlaygroundUser, text: string, people: PlaygroundUser[] = []): Promise<BotMessage> {
    await client.customActivity(ids.channelId!, {
      type: 'message',
      text: `${at} ${text}`,
      entities: [{ type: 'mention', text: at, mentioned: { id: ids.botId, name: 'Partnership Actions' } }, ...people.map(tag)],
      from: { id: who.id, name: who.name, aadObjectId: who.aadObjectId },
    });
    return client.waitForBotMessage(ids.channelId!);
  }

  /** The coordinator types in their 1:1 chat. */
  async function say(text: string): Promise<BotMessage> {
    await client.sendMessage(ids.personalChatId, { id: alex.id }, text);
    return client.waitForBotMessage(ids.personalChatId);
  }

  /** Someone else types in the group chat, where everyone is. */
  async function sayInGroup(who: PlaygroundUser, text: string): Promise<BotMessage> {
    await client.customActivity(ids.groupChatId, { type: 'message', text, from: { id: who.id, name: who.name, aadObjectId: who.aadObjectId } });
    return client.waitForBotMessage(ids.groupChatId);
  }

  async function setupCard(): Promise<{ messageId: string; card: SetupCard }> {
    const reply = await say('setup');
    return { messageId: reply.message.messageId, card: SetupCardSchema.parse(reply.message.attachments[0]?.content) };
  }

  const pickers = (card: SetupCard) => elements(card.body).filter((e) => e.type === 'Input.ChoiceSet').map((e) => PickerSchema.parse(e));
  const saveAction = (card: SetupCard) => SaveActionSchema.parse(card.actions.find((a) => a.title === 'Save roles'));
  const roleIndex = (card: SetupCard, key: string) => saveAction(card).data.shown.findIndex((s) => s.key === key);

  /** Presses Save as `who` with picker values by role key. */
  async function save(who: PlaygroundUser, posted: { messageId: string; card: SetupCard }, picks: Record<string, { holder?: string; delegate?: string }>) {
    const inputs: Record<string, string> = {};
    for (const [key, pick] of Object.entries(picks)) {
      const i = roleIndex(posted.card, key);
      expect(i).toBeGreaterThanOrEqual(0);
      if (pick.holder !== undefined) inputs[`holder-${i}`] = pick.holder;
      if (pick.delegate !== undefined) inputs[`delegate-${i}`] = pick.delegate;
    }
    return pressSave(who, posted, { ...saveAction(posted.card).data, ...inputs });
  }

  async function pressSave(who: PlaygroundUser, posted: { messageId: string }, data: Record<string, unknown>) {
    const res = await client.execute(ids.personalChatId, { id: who.id }, posted.messageId, VERBS.saveSetup, data);
    expect(res.body.type).toBe('application/vnd.microsoft.card.adaptive');
    return SetupCardSchema.parse(res.body.value);
  }

  const text = (card: unknown) => JSON.stringify(card);

  it('setup in the 1:1 chat: people, meetings, chase settings, and every role of the plan with a people picker holding its holder', async () => {
    const { card } = await setupCard();
    const shown = text(card);
    expect(shown).toContain('Set up Purbeck PCG (sample)');
    expect(shown).toContain('Cllr Pat Dunmore');
    expect(shown).toContain('How it is chased');
    expect(shown).toContain('Roles of the 2017-18 plan');
    const roles = saveAction(card).data.shown;
    expect(roles.map((r) => r.key)).toEqual(expect.arrayContaining(['ASBRO', 'CSO', 'GM-PHH', 'HO', 'LO', 'TO-ET']));
    const firstHeld = roles.findIndex((r) => r.holder !== '');
    expect(firstHeld).toBeGreaterThan(0);
    expect(roles.slice(firstHeld).every((r) => r.holder !== '')).toBe(true);
    const all = pickers(card);
    expect(all).toHaveLength(roles.length * 2);
    const cso = roleIndex(card, 'CSO');
    expect(all.find((p) => p.id === `holder-${cso}`)).toMatchObject({ value: alex.aadObjectId, choices: [{ title: 'Alex Hale', value: alex.aadObjectId }] });
    expect(all.find((p) => p.id === `delegate-${cso}`)).toMatchObject({ value: priya.aadObjectId, choices: [{ title: 'Priya Shah' }] });
  });

  it('maps a role with the picker’s value, names the person from Teams (not the card), and unmaps another; roles no one holds come first', async () => {
    const posted = await setupCard();
    const after = await save(alex, posted, { HO: { holder: priya.aadObjectId, delegate: morgan.aadObjectId }, LO: { holder: '' } });
    expect(text(after)).toContain('✔ Saved');
    expect(text(after)).toContain('HO: now Priya Shah, with Morgan Ellis as delegate (was Casey Lund)');
    expect(text(after)).toContain('LO: now held by no one (was Riley Brooks)');
    const roles = (await body()).roles;
    expect(roles.find((r) => r.key === 'HO')).toMatchObject({ person: { aadObjectId: priya.aadObjectId, displayName: 'Priya Shah' }, delegate: { aadObjectId: morgan.aadObjectId, displayName: 'Morgan Ellis' } });
    expect(roles.find((r) => r.key === 'LO')).toBeUndefined();
    // LO now has no holder: it is listed among the roles no one holds, before every held one, and marked.
    const shown = saveAction(after).data.shown;
    const lo = shown.findIndex((r) => r.key === 'LO');
    expect(shown[lo]).toEqual({ key: 'LO', holder: '', delegate: '' });
    expect(shown.slice(0, lo).every((r) => r.holder === '')).toBe(true);
    expect(text(after)).toContain('**LO** Licensing Officer · ⚠ no one yet');
  });

  it('refuses someone the store and the team do not know, changing nothing', async () => {
    const before = await body();
    const stranger = '0a0b0c0d-0000-4000-8000-00000000beef';
    const after = await save(alex, await setupCard(), { LO: { holder: stranger } });
    expect(text(after)).toContain('⚠ Nothing was changed');
    expect(text(after)).toContain('not among the members of the team of');
    expect((await body()).roles).toEqual(before.roles);
  });

  it('a lead is refused set-up and its save, with the store unchanged', async () => {
    const before = await body();
    expect((await sayInGroup(taylor, 'setup')).message.text).toContain("Only Purbeck PCG (sample)'s coordinators and chairs can set it up: Alex Hale (coordinator), Cllr Pat Dunmore (chair)");
    // The coordinator's card in the group chat, pressed by the lead.
    await client.customActivity(ids.groupChatId, { type: 'message', text: 'setup', from: { id: alex.id, name: alex.name, aadObjectId: alex.aadObjectId } });
    const reply = await client.waitForBotMessage(ids.groupChatId);
    const posted = { messageId: reply.message.messageId, card: SetupCardSchema.parse(reply.message.attachments[0]?.content) };
    const res = await client.execute(ids.groupChatId, { id: taylor.id }, posted.messageId, VERBS.saveSetup, { ...saveAction(posted.card).data, [`holder-${roleIndex(posted.card, 'TO-ET')}`]: taylor.aadObjectId, [`holder-${roleIndex(posted.card, 'CSO')}`]: taylor.aadObjectId });
    expect(text(res.body.value)).toContain("Only Purbeck PCG (sample)'s coordinators and chairs can map roles to people");
    expect(await body()).toEqual(before);
  });

  it('garbage card data is refused with a clear notice and nothing changes', async () => {
    const before = await body();
    const posted = await setupCard();
    const good = saveAction(posted.card).data;
    const garbage: Array<Record<string, unknown>> = [
      {},
      { bodyId: 'purbeck-pcg', shown: 'everyone' },
      { ...good, 'holder-0': 'Robert"); DROP TABLE roles;--' },
      { ...good, 'holder-0': ['a', 'b'] },
      { ...good, bodyId: '../../etc/passwd' },
      { ...good, shown: Array.from({ length: 201 }, (_, i) => ({ key: `R${i}`, holder: '', delegate: '' })) },
      { ...good, shown: [{ key: 'x'.repeat(201), holder: '', delegate: '' }] },
    ];
    for (const data of garbage) {
      const res = await client.execute(ids.personalChatId, { id: alex.id }, posted.messageId, VERBS.saveSetup, data);
      expect(res.body.type).toBe('application/vnd.microsoft.card.adaptive');
      expect(text(res.body.value)).toContain('Type **setup** for a fresh set-up card');
    }
    // A role the plan does not name (a card from another plan) is refused whole.
    const foreign = await pressSave(alex, posted, { ...good, shown: [...good.shown.slice(1), { key: 'MAYOR', holder: '', delegate: '' }], [`holder-${good.shown.length - 1}`]: priya.aadObjectId });
    expect(text(foreign)).toContain('This set-up card was made for another plan (MAYOR)');
    expect(await body()).toEqual(before);
  });

  it('a stale save: a role someone changed since the card was made is refused; a role only this card changed is merged', async () => {
    const mine = await setupCard();
    const theirs = await setupCard();
    await save(alex, theirs, { ASBRO: { holder: morgan.aadObjectId } });
    const refused = await save(alex, mine, { ASBRO: { holder: priya.aadObjectId }, LO: { holder: priya.aadObjectId } });
    expect(text(refused)).toContain('Someone changed ASBRO after this card was made, so nothing was changed: ASBRO is now Morgan Ellis');
    expect((await body()).roles.find((r) => r.key === 'ASBRO')?.person.aadObjectId).toBe(morgan.aadObjectId);
    expect((await body()).roles.find((r) => r.key === 'LO')).toBeUndefined();
    // The same old card changing only LO: ASBRO keeps the newer holder.
    const merged = await save(alex, mine, { LO: { holder: priya.aadObjectId } });
    expect(text(merged)).toContain('LO: now Priya Shah (was no one)');
    const roles = (await body()).roles;
    expect(roles.find((r) => r.key === 'ASBRO')?.person.aadObjectId).toBe(morgan.aadObjectId);
    expect(roles.find((r) => r.key === 'LO')?.person.aadObjectId).toBe(priya.aadObjectId);
  });

  it('typed role takes the role’s full name in several words, quoted or not; an ambiguous one lists the choices and changes nothing', async () => {
    expect((await inChannel(alex, 'role Housing Manager <at>Morgan Ellis</at>', [morgan])).message.text).toBe(
      'HO in Purbeck PCG (sample) is now Morgan Ellis. The bot writes to them about its actions once they have the app.',
    );
    expect((await inChannel(alex, 'role "licensing officer" <at>Morgan Ellis</at> delegate <at>Priya Shah</at>', [morgan, priya])).message.text).toBe(
      'LO in Purbeck PCG (sample) is now Morgan Ellis, with Priya Shah as delegate. The bot writes to them about its actions once they have the app.',
    );
    expect((await body()).roles.find((r) => r.key === 'LO')).toMatchObject({ person: { aadObjectId: morgan.aadObjectId }, delegate: { aadObjectId: priya.aadObjectId } });
    const before = await body();
    expect((await inChannel(alex, 'role Officer <at>Priya Shah</at>', [priya])).message.text).toBe(
      '"Officer" could be any of 4 roles of the 2017-18 plan: Community Safety Officer (CSO); Anti Social Behaviour Reduction Officer (ASBRO); Licensing Officer (LO); Technical Officer Environment Team (TO-ET). Type its short name or more of its words.',
    );
    expect(await body()).toEqual(before);
  });

  it('update 2.3 for Taylor Quinn: recorded as Taylor’s, entered by the coordinator; history shows both; the summary counts it as Taylor’s report', async () => {
    const recorded = await say('update 2.3 for Taylor Quinn done: trainer booked, as Taylor e-mailed');
    const card = text(recorded.message.attachments[0]?.content);
    expect(card).toContain('✔ Update recorded for action 2.3');
    expect(card).toContain('Taylor Quinn (entered by Alex Hale)');
    expect(card).not.toContain('Undo');
    const latest = (await actionHistory(server.app.deps, { bodyId: 'purbeck-pcg', ref: '2.3' })).action.latest!;
    expect(latest).toMatchObject({
      status: 'completed',
      narrative: 'trainer booked, as Taylor e-mailed',
      author: { aadObjectId: taylor.aadObjectId, displayName: 'Taylor Quinn' },
      enteredBy: { operator: 'Alex Hale', person: { aadObjectId: alex.aadObjectId } },
      source: 'command',
    });
    expect((await say('history 2.3')).message.text).toContain('Taylor Quinn (entered by Alex Hale), by chat: trainer booked, as Taylor e-mailed');
    const summary = (await chairSummary(server.app.deps, { bodyId: 'purbeck-pcg' }))!.summary;
    expect(summary.notReported.flatMap((n) => n.refs)).not.toContain('2.3');

    // In the channel, by mention.
    const mentioned = await inChannel(alex, 'update 2.4 for <at>Taylor Quinn</at> amber - trainer off sick', [taylor]);
    expect(text(mentioned.message.attachments[0]?.content)).toContain('Taylor Quinn (entered by Alex Hale)');
  });

  it('an update for someone is refused for a lead entering it, for someone who does not report on the action, and without a status, recording nothing', async () => {
    const before = (await actionHistory(server.app.deps, { bodyId: 'purbeck-pcg', ref: '2.3' })).updates.length;
    expect((await sayInGroup(taylor, 'update 2.3 for Alex Hale done')).message.text).toContain("Only Purbeck PCG (sample)'s coordinators and chairs can record an update for someone else");
    expect((await say('update 2.3 for Priya Shah done')).message.text).toContain('Priya Shah does not report on action 2.3');
    expect((await say('update 2.3 for Taylor Quinn')).message.text).toContain('Not recorded for Taylor Quinn');
    expect((await actionHistory(server.app.deps, { bodyId: 'purbeck-pcg', ref: '2.3' })).updates.length).toBe(before);
  });

  it('the update card a coordinator opens asks whose update it is; recorded for the lead, it shows both, and a submit for someone who does not report on it is refused', async () => {
    const opened = await say('update 2.4');
    const card = opened.message.attachments[0]!.content as { body: unknown[]; actions: Array<{ title: string; verb: string; data: Record<string, unknown> }> };
    const whose = elements(card.body).find((e) => e.id === 'for') as { value: string; choices: Array<{ title: string; value: string }> };
    // The coordinator does not report on 2.4: the card starts with its lead chosen.
    expect(whose.value).toBe(taylor.aadObjectId);
    expect(whose.choices.map((c) => c.title)).toEqual(['Taylor Quinn (I am entering it for them)']);
    const record = card.actions.find((a) => a.title === 'Record update')!;
    const before = (await actionHistory(server.app.deps, { bodyId: 'purbeck-pcg', ref: '2.4' })).updates.length;
    const refused = await client.execute(ids.personalChatId, { id: alex.id }, opened.message.messageId, record.verb, { ...record.data, for: priya.aadObjectId, status: 'green', narrative: 'On track.' });
    expect(text(refused.body.value)).toContain('does not report on action 2.4');
    expect((await actionHistory(server.app.deps, { bodyId: 'purbeck-pcg', ref: '2.4' })).updates.length).toBe(before);

    const recorded = await client.execute(ids.personalChatId, { id: alex.id }, opened.message.messageId, record.verb, { ...record.data, for: whose.value, status: 'green', narrative: 'Venue confirmed, Taylor phoned.' });
    expect(text(recorded.body.value)).toContain('Taylor Quinn (entered by Alex Hale)');
    expect((await actionHistory(server.app.deps, { bodyId: 'purbeck-pcg', ref: '2.4' })).action.latest).toMatchObject({
      author: { aadObjectId: taylor.aadObjectId },
      enteredBy: { operator: 'Alex Hale', person: { aadObjectId: alex.aadObjectId } },
      source: 'card',
    });
  });
});
