import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PlaygroundUser } from '../../src/local/agents-playground.js';
import { actionHistory } from '../../src/services/action-history.js';
import type { RunningServer } from '../../src/app/start-server.js';
import { startEmbeddedApp, type EmbeddedApp } from './embedded-app.js';
import type { BotMessage, PlaygroundClient } from './playground-client.js';

/**
 * Issue 15 through the local Teams client: a lead tells the bot how an
 * action stands in their own words, undoes it, opens cards beside a list;
 * a chair asks for their own summary in their chat. `npm start`'s own
 * composition with the sample partnership, its clock set to 20 March 2018
 * (Taylor Quinn's 2.3 and 2.4 are due on Saturday 31 March 2018).
 */
describe('plain words in the Agents Playground', () => {
  let server: RunningServer;
  let client: PlaygroundClient;
  let taylor: PlaygroundUser;
  let chair: PlaygroundUser;
  let ids: NonNullable<RunningServer['playground']>['ids'];
  let now = new Date('2018-03-20T10:00:00Z');
  let app: EmbeddedApp;

  beforeAll(async () => {
    app = await startEmbeddedApp({ clock: () => now });
    ({ server, client, ids } = app);
    taylor = app.me;
    chair = app.person('Cllr Pat Dunmore');
  }, 60_000);
  afterAll(async () => {
    await app?.stop();
  });

  const history = (ref: string) => actionHistory(server.app.deps, { bodyId: 'purbeck-pcg', ref });
  const card = (m: BotMessage) => m.message.attachments[0]!.content as { body: unknown[]; actions?: Array<{ title: string; verb: string; data: Record<string, unknown> }> };
  const hasCard = (m: BotMessage) => m.message.attachments.length > 0;
  const cardWith = (text: string) => (m: BotMessage) => hasCard(m) && JSON.stringify(card(m)).includes(text);

  async function say(text: string, match: (m: BotMessage) => boolean = () => true): Promise<BotMessage> {
    await client.sendMessage(ids.personalChatId, { id: taylor.id }, text);
    return client.waitForBotMessage(ids.personalChatId, match);
  }

  async function press(posted: BotMessage | { messageId: string; card: ReturnType<typeof card> }, title: string) {
    const { messageId, content } = 'message' in posted ? { messageId: posted.message.messageId, content: card(posted) } : { messageId: posted.messageId, content: posted.card };
    // Buttons are the card's actions or sit in an ActionSet in its body (`my actions`).
    const all = JSON.stringify(content).match(/\{"type":"Action\.Execute"[^{}]*"data":\{[^{}]*(\{[^{}]*\})?[^{}]*\}[^{}]*\}/g) ?? [];
    const action = all.map((a) => JSON.parse(a) as { title: string; verb: string; data: Record<string, unknown> }).find((a) => a.title.startsWith(title));
    if (action === undefined) throw new Error(`no "${title}" on the card: ${JSON.stringify(content.actions)}`);
    return (await client.execute(ids.personalChatId, { id: taylor.id }, messageId, action.verb, action.data)).body as { type: string; value: any };
  }

  it.each([
    ['2.3 done', '2.3', 'completed', ''],
    ['2.3 complete: training delivered to 40 staff', '2.3', 'completed', 'training delivered to 40 staff'],
    ['2.4 amber - trainer off sick, new date May', '2.4', 'amber', 'trainer off sick, new date May'],
    ['update 2.3 red no budget', '2.3', 'red', 'no budget'],
  ])('"%s" is recorded as typed and confirmed with the recorded card and its Undo', async (typed, ref, status, narrative) => {
    const before = (await history(ref)).updates.length;
    now = new Date(now.getTime() + 60_000);
    const reply = await say(typed, cardWith(`Update recorded for action ${ref}`));
    const text = JSON.stringify(card(reply));
    expect(text).toContain(narrative === '' ? '(none)' : narrative);
    expect(card(reply).actions!.map((a) => a.title)).toEqual([expect.stringMatching(/^Undo \(until \d\d:\d\d\)$/), 'Update again']);
    const h = await history(ref);
    expect(h.updates).toHaveLength(before + 1);
    expect(h.action.latest).toMatchObject({ status, narrative, source: 'command', author: { aadObjectId: taylor.aadObjectId } });
  });

  it('an ambiguous message opens the update card filled in with what was read, and records nothing', async () => {
    const before = (await history('2.4')).updates;
    const reply = await say('2.4 trainer booked for 12 April', cardWith('Update action 2.4'));
    const content = card(reply) as { body: Array<{ id?: string; value?: string }> };
    expect(JSON.stringify(content)).toContain('I could not tell the status from \\"trainer booked for 12 April\\", so I have not recorded it.');
    expect(content.body.find((e) => e.id === 'narrative')?.value).toBe('trainer booked for 12 April');
    expect((await history('2.4')).updates).toEqual(before);
  });

  it('Undo records a correcting update that restores what was there; nothing is deleted; a second press writes nothing more', async () => {
    now = new Date(now.getTime() + 60_000);
    const recorded = await say('2.4 red - venue withdrawn', cardWith('Update recorded for action 2.4'));
    const before = (await history('2.4')).updates;
    expect(before.at(-1)).toMatchObject({ status: 'red', narrative: 'venue withdrawn' });

    now = new Date(now.getTime() + 5 * 60_000);
    const undone = await press(recorded, 'Undo');
    expect(undone.type).toBe('application/vnd.microsoft.card.adaptive');
    expect(JSON.stringify(undone.value)).toContain('↶ Undone: action 2.4 is back to ▲ Amber');
    const after = await history('2.4');
    expect(after.updates).toHaveLength(before.length + 1);
    expect(after.updates.slice(0, before.length)).toEqual(before);
    expect(after.action.latest).toMatchObject({ status: 'amber', narrative: 'trainer off sick, new date May', source: 'undo', basedOn: before.at(-1)!.id });

    await press(recorded, 'Undo');
    expect((await history('2.4')).updates).toHaveLength(after.updates.length);
  });

  it('Undo after its ten minutes is refused with what to do instead, and changes nothing', async () => {
    const recorded = await say('2.3 green - venue confirmed', cardWith('Update recorded for action 2.3'));
    const before = (await history('2.3')).updates;
    now = new Date(now.getTime() + 11 * 60_000);
    const refused = await press(recorded, 'Undo');
    expect(JSON.stringify(refused.value)).toContain('can be undone for 10 minutes only; record a new update instead');
    expect((await history('2.3')).updates).toEqual(before);
  });

  it('a narrative over 4,000 characters is refused with the count, not cut, and nothing is written', async () => {
    const before = (await history('2.3')).updates;
    const reply = await say(`2.3 amber ${'x'.repeat(4500)}`);
    expect(reply.message.text).toBe('Cannot record the update: the narrative is 4,500 characters; the most is 4,000');
    expect((await history('2.3')).updates).toEqual(before);
  });

  it('update alone lists the person’s actions as buttons; a button opens the card as a new message, keeping the list', async () => {
    const list = await say('update', cardWith('Update an action'));
    expect(card(list).actions!.map((a) => a.title)).toEqual([expect.stringMatching(/^2\.3 Provide training/), expect.stringMatching(/^2\.4 /)]);
    const answer = await press(list, '2.4');
    expect(answer).toMatchObject({ type: 'application/vnd.microsoft.activity.message', value: "Action 2.4's update card is below." });
    await client.waitForBotMessage(ids.personalChatId, cardWith('Update action 2.4'));
  });

  it('my actions stays a list: Update opens the card below it, and the list refreshes to the latest status', async () => {
    const list = await say('my actions', cardWith('Your open actions'));
    const answer = await press(list, 'Update 2.3');
    expect(answer.type).toBe('application/vnd.microsoft.activity.message');
    await client.waitForBotMessage(ids.personalChatId, cardWith('Update action 2.3'));
    const content = card(list) as unknown as { refresh: { action: { verb: string }; userIds: string[] } };
    expect(content.refresh.userIds).toEqual([taylor.id]);
    await say('2.3 done', cardWith('Update recorded for action 2.3'));
    const refreshed = await client.execute(ids.personalChatId, { id: taylor.id }, list.message.messageId, content.refresh.action.verb, {});
    expect(JSON.stringify(refreshed.body.value)).not.toContain('**2.3**');
    expect(JSON.stringify(refreshed.body.value)).toContain('Taylor Quinn: 1 open action');
  });

  it('history, overdue, due, a greeting and a near miss answer usefully', async () => {
    const h = (await say('history 2.3')).message.text ?? '';
    expect(h).toContain('**2.3** Provide training');
    expect(h).toMatch(/- 20 Mar 2018, \d\d:\d\d · ✔ Completed · Taylor Quinn, by chat/);
    expect((await say('history 2.4')).message.text).toMatch(/· ▲ Amber · Taylor Quinn, by undo: trainer off sick, new date May$/m);
    expect((await say('due')).message.text).toContain('**2.4** ');
    expect((await say("what's overdue?")).message.text).toContain('Your actions in Purbeck PCG (sample)**: nothing overdue.');
    expect((await say('hi')).message.text).toContain('Hello Taylor.');
    expect((await say('my acions')).message.text).toContain('Did you mean **my actions**?');
  });

  it('the chair in their chat: summary of the body they chair, my actions with its overview, overdue across it', async () => {
    const asChair = async (text: string, match: (m: BotMessage) => boolean = () => true) => {
      await client.customActivity(ids.personalChatId, { type: 'message', text, from: { id: chair.id, name: chair.name, aadObjectId: chair.aadObjectId } });
      return client.waitForBotMessage(ids.personalChatId, match);
    };
    const summary = await asChair('summary', cardWith('Purbeck PCG (sample): 2017-18 plan'));
    const text = JSON.stringify(card(summary));
    expect(text).toContain('No meeting ahead on the calendar');
    expect(text).toContain('As of 20 Mar 2018');
    const mine = await asChair('my actions', cardWith('You chair Purbeck PCG (sample)'));
    expect(JSON.stringify(card(mine))).toMatch(/\d+ actions: /);
    expect((await asChair('overdue')).message.text).toContain('Purbeck PCG (sample) (you chair it)');
  });

  it('the same message re-delivered by Teams, or pasted again, is recorded once and answered "already recorded"; after another update the same words are new', async () => {
    now = new Date(now.getTime() + 60_000);
    const before = (await history('2.3')).updates.length;
    const from = { id: taylor.id, name: taylor.name, aadObjectId: taylor.aadObjectId };
    const recordedNew = (m: BotMessage) => cardWith('Update recorded for action 2.3')(m) && !cardWith('Already recorded')(m);
    // Teams re-sends an activity, with the same id, when the bot answers slowly.
    const delivery = { type: 'message', id: 'redelivered-2-3', text: '2.3 green - trainer booked for 12 April', from };
    await client.customActivity(ids.personalChatId, delivery);
    await client.waitForBotMessage(ids.personalChatId, recordedNew);
    const first = (await history('2.3')).action.latest!;
    expect(first).toMatchObject({ status: 'green', narrative: 'trainer booked for 12 April', id: expect.stringMatching(/:redelivered-2-3$/) });

    await client.customActivity(ids.personalChatId, delivery);
    const again = await client.waitForBotMessage(ids.personalChatId, cardWith('Already recorded for action 2.3'));
    expect(JSON.stringify(card(again))).toContain('trainer booked for 12 April');
    now = new Date(now.getTime() + 60_000);
    await say('2.3 green - trainer booked for 12 April', cardWith('Already recorded for action 2.3'));
    expect((await history('2.3')).updates).toHaveLength(before + 1);

    // The clock stands still here: each later update a minute on, as people's messages are.
    now = new Date(now.getTime() + 60_000);
    await say('2.3 amber - trainer off sick', recordedNew);
    now = new Date(now.getTime() + 60_000);
    await say('2.3 green - trainer booked for 12 April', recordedNew);
    const h = await history('2.3');
    expect(h.updates.slice(before).map((u) => `${u.status}: ${u.narrative}`)).toEqual(['green: trainer booked for 12 April', 'amber: trainer off sick', 'green: trainer booked for 12 April']);
  });
});
