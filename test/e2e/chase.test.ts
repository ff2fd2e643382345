import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PlaygroundUser } from '../../src/local/agents-playground.js';
import { actionHistory } from '../../src/services/action-history.js';
import { TICK_SECRET_HEADER } from '../../src/scheduler/triggers.js';
import type { RunningServer } from '../../src/app/start-server.js';
import { runCli } from '../cli/run-cli.js';
import { startEmbeddedApp, type EmbeddedApp } from './embedded-app.js';
import type { BotMessage, PlaygroundClient } from './playground-client.js';

/**
 * Issue 6's journey through the real local Teams client: `npm start`'s own
 * composition with the sample's 2017-18 plan, its chase run by `POST
 * /api/tick` at chosen instants (local mode lets a tick pick its instant;
 * the server's clock follows, so updates are dated as they would have been).
 * Taylor Quinn leads 2.3 and 2.4, both due Saturday 31 March 2018; the PCG
 * meets on 7 March 2018 at 14:00.
 */
describe('the chase in the Agents Playground', () => {
  let server: RunningServer;
  let client: PlaygroundClient;
  let taylor: PlaygroundUser;
  let ids: NonNullable<RunningServer['playground']>['ids'];
  let now = new Date('2018-02-01T12:00:00Z');
  let app: EmbeddedApp;
  const TICK_SECRET = 'chase-e2e-tick-secret-0123456789abcdef';

  beforeAll(async () => {
    app = await startEmbeddedApp({ settings: { TICK_SECRET }, clock: () => now });
    ({ server, client, ids } = app);
    taylor = app.me;
    await client.sendMessage(ids.personalChatId, { id: taylor.id }, 'help');
    await client.waitForBotMessage(ids.personalChatId);
  }, 60_000);
  afterAll(async () => {
    await app?.stop();
  });

  /** An external cron's tick at `at`, over HTTP with the shared secret. */
  async function tick(at: string): Promise<{ sent: string[]; failed: string[]; unreachable: string[] }> {
    now = new Date(at);
    const res = await fetch(`${server.bot.url}/api/tick`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', [TICK_SECRET_HEADER]: TICK_SECRET },
      body: JSON.stringify({ at }),
    });
    expect(res.status).toBe(200);
    return (await res.json()) as { sent: string[]; failed: string[]; unreachable: string[] };
  }

  /** The line above a card: Teams shows it with the card; the Playground shows (and streams) it as a message of its own just before. */
  const line = async (conversationId: string, starts: string) => (await client.waitForBotMessage(conversationId, (m) => (m.message.text ?? '').startsWith(starts))).message.text;
  const card = (m: BotMessage) => m.message.attachments[0]!.content as { body: unknown[]; actions?: Array<{ title: string; verb: string; data: Record<string, unknown> }> };
  const about = (ref: string) => (m: BotMessage) => m.message.attachments.length > 0 && JSON.stringify(card(m)).includes(`"Update action ${ref}"`);
  const history = (ref: string) => actionHistory(server.app.deps, { bodyId: 'purbeck-pcg', ref });
  const mine = (report: { sent: string[] }) => report.sent.filter((id) => /:2\.[34]:/.test(id)).sort();
  type Button = { title: string; verb: string; data: Record<string, unknown> };
  /** Every Action.Execute on a card, wherever it sits (a digest's are beside each action). */
  const buttons = (content: unknown): Button[] => {
    if (Array.isArray(content)) return content.flatMap(buttons);
    if (typeof content !== 'object' || content === null) return [];
    const here = (content as { type?: string }).type === 'Action.Execute' ? [content as Button] : [];
    return [...here, ...Object.entries(content).filter(([key]) => key !== 'refresh').flatMap(([, v]) => buttons(v))];
  };
  /** The day's digest card in a conversation, by its title ("For you to update: Fri 23 Mar 2018"). */
  const digest = (conversationId: string, title: string) =>
    client.waitForBotMessage(conversationId, (m) => m.message.attachments.length > 0 && (card(m).body[0] as { text?: string }).text === title);
  /** Nothing more arrives in the conversation: the digest was the one message. */
  const nothingMore = (conversationId: string) => expect(client.waitForBotMessage(conversationId, () => true, 1500)).rejects.toThrow('no bot message');

  it('refuses a tick without the secret, and sends nothing', async () => {
    const res = await fetch(`${server.bot.url}/api/tick`, { method: 'POST', headers: { [TICK_SECRET_HEADER]: 'wrong' } });
    expect(res.status).toBe(401);
    expect(((await (await fetch(`${server.bot.url}/healthz`)).json()) as { scheduler: unknown }).scheduler).toEqual({ timer: 'off', lastTick: null });
  });

  it('10 days before the meeting, the update round brings Taylor one digest listing each action', async () => {
    const report = await tick('2018-02-23T09:00:00Z');
    expect(mine(report)).toEqual(['sent:round:action:2017-18:2.3:2018-03-07', 'sent:round:action:2017-18:2.4:2018-03-07']);
    const round = await digest(ids.personalChatId, 'For you to update: Fri 23 Feb 2018');
    const text = JSON.stringify(card(round));
    expect(text).toContain('For the Purbeck PCG (sample) meeting on Wed 7 Mar 2018.');
    expect(buttons(card(round)).map((b) => b.title)).toEqual(['Update 2.3', 'Update 2.4']);
    await nothingMore(ids.personalChatId);
  });

  it('2 working days before the meeting, the summary card goes to the PCG channel', async () => {
    const report = await tick('2018-03-05T09:00:00Z');
    expect(report.sent).toContain('sent:summary:body:2018-03-07');
    const summary = await client.waitForBotMessage(ids.channelId!, (m) => m.message.attachments.length > 0);
    expect(await line(ids.channelId!, "The chair's summary")).toBe("The chair's summary before the meeting: Purbeck PCG (sample): 2017-18 plan.");
    const text = JSON.stringify(card(summary));
    expect(text).toContain('Next meeting: Wed 7 Mar 2018, 14:00');
    expect(text).toContain('Download the progress table (Word)');
  });

  it('the 7-day prompt comes as one digest; updating 2.3 from it shows the digest again with 2.3 done and stops its reminders, while 2.4 is reminded and then escalated', async () => {
    const prompts = await tick('2018-03-23T09:00:00Z');
    expect(mine(prompts)).toEqual(['sent:prompt:action:2017-18:2.3:2018-03-31-d7', 'sent:prompt:action:2017-18:2.4:2018-03-31-d7']);
    const prompt = await digest(ids.personalChatId, 'For you to update: Fri 23 Mar 2018');
    expect(JSON.stringify(card(prompt))).toContain('Due in 8 days, Sat 31 Mar 2018.');
    await nothingMore(ids.personalChatId);

    // Update 2.3: the digest gives way to 2.3's update card, in place.
    const open = buttons(card(prompt)).find((b) => b.title === 'Update 2.3')!;
    const form = await client.execute(ids.personalChatId, { id: taylor.id }, prompt.message.messageId, open.verb, open.data);
    expect(JSON.stringify(form.body.value)).toContain('Update action 2.3');
    const record = buttons(form.body.value).find((b) => b.title === 'Record update')!;
    now = new Date('2018-03-23T10:15:00Z');
    const answer = await client.execute(ids.personalChatId, { id: taylor.id }, prompt.message.messageId, record.verb, {
      ...record.data,
      status: 'completed',
      narrative: 'All Public Health and Housing staff trained on 21 March.',
      revisedDeadline: '',
    });
    // Recorded: the digest is back, 2.3 marked done, 2.4 still to do.
    const back = JSON.stringify(answer.body.value);
    expect(back).toContain('✔ Recorded your update on 2.3: ✔ Completed.');
    expect(back).toContain('1 action needs an update (1 done).');
    expect(back).toContain('✔ Updated: ✔ Completed');
    expect(buttons(answer.body.value).map((b) => b.title)).toEqual(['Undo (until 10:25)', 'Update 2.3 again', 'Update 2.4']);
    expect((await history('2.3')).action.latest).toMatchObject({ status: 'completed', source: 'card' });

    await undoFromTheDigest(prompt, answer.body.value);

    // Easter Monday is 2 April: the first reminders go on Tuesday 3 April, then weekly.
    expect(mine(await tick('2018-04-03T08:00:00Z'))).toEqual(['sent:reminder:action:2017-18:2.4:2018-03-31-r1']);
    expect(JSON.stringify(card(await digest(ids.personalChatId, 'For you to update: Tue 3 Apr 2018')))).toContain('Overdue by 3 days, 1st reminder.');
    expect(mine(await tick('2018-04-10T08:00:00Z'))).toEqual(['sent:reminder:action:2017-18:2.4:2018-03-31-r2']);
    await digest(ids.personalChatId, 'For you to update: Tue 10 Apr 2018');

    // The chair writes to the bot once, so it can reach them in their own chat.
    const chair = app.person('Cllr Pat Dunmore');
    await client.customActivity(ids.personalChatId, { type: 'message', text: 'hi', from: { id: chair.id, name: chair.name, aadObjectId: chair.aadObjectId } });
    await client.waitForBotMessage(ids.personalChatId);

    const third = await tick('2018-04-17T08:00:00Z');
    // The health probe tells IT whether the chase runs: this instance's last tick, with no store read.
    expect(((await (await fetch(`${server.bot.url}/healthz`)).json()) as { scheduler: unknown }).scheduler).toEqual({
      timer: 'off',
      lastTick: { at: '2018-04-17T08:00:00.000Z', finishedAt: '2018-04-17T08:00:00.000Z', sent: third.sent.length, failed: 0 },
    });
    expect(mine(third).filter((id) => !id.includes('-chair@'))).toEqual([
      'sent:escalation:action:2017-18:2.4:2018-03-31-r3-channel',
      'sent:reminder:action:2017-18:2.4:2018-03-31-r3',
    ]);
    // The chair's escalations of the day: one card, in their chat, the overdue actions of the body they chair.
    expect(JSON.stringify(card(await digest(ids.personalChatId, 'For you to update: Tue 17 Apr 2018')))).toContain('Overdue by 17 days, 3rd reminder.');
    const chairs = await digest(ids.personalChatId, 'Overdue in Purbeck PCG (sample): Tue 17 Apr 2018');
    const toChair = JSON.stringify(card(chairs));
    expect(toChair).toContain('Overdue in Purbeck PCG (sample) (you chair it)');
    expect(toChair).toContain('Overdue by 17 days; 2 reminders unanswered.');
    expect(toChair).toContain('Lead TO-ET (Taylor Quinn)');
    // The channel's: one post for the body.
    const escalation = await digest(ids.channelId!, 'Overdue in Purbeck PCG (sample): Tue 17 Apr 2018');
    const text = JSON.stringify(card(escalation));
    expect(text).toContain('TO-ET (Taylor Quinn)');
    expect(text).toContain('○ Not reported');

    // Update 2.4 on the channel's card: the update card goes to Taylor's own chat; the channel's card stays as it was for everyone.
    const privately = buttons(card(escalation)).find((a) => a.title === 'Update 2.4')!;
    // A channel post is its own thread: the Playground finds the card by the thread's conversation id.
    const pressed = await client.execute(String(escalation.message.postConversationId), { id: taylor.id }, escalation.message.messageId, privately.verb, privately.data);
    expect(pressed.body).toMatchObject({ type: 'application/vnd.microsoft.activity.message', value: expect.stringContaining("I sent action 2.4's update card to your chat") });
    await client.waitForBotMessage(ids.personalChatId, about('2.4'));
    await expect(client.waitForBotMessage(ids.channelId!, (m) => m.message.messageId === escalation.message.messageId, 1500)).rejects.toThrow('no bot message');
    // 2.3 was completed from the prompt card: never reminded.
    expect(third.sent.concat((await tick('2018-04-24T08:00:00Z')).sent).filter((id) => id.includes(':2.3:'))).toEqual([]);
  });

  /**
   * Issue 15: an update recorded from the digest has the recorded card's
   * Undo, with its rules (ten minutes, the author's, a correcting update,
   * pressed twice writes once). Taylor records 2.4 from the digest and takes
   * it back; the digest shows 2.4 to do again. An Undo too late is refused
   * on the digest, which stays.
   */
  async function undoFromTheDigest(prompt: BotMessage, digestCard: unknown) {
    const press = async (content: unknown, title: string, inputs: Record<string, unknown> = {}) => {
      const b = buttons(content).find((x) => x.title.startsWith(title));
      if (b === undefined) throw new Error(`no "${title}" on ${JSON.stringify(content)}`);
      return (await client.execute(ids.personalChatId, { id: taylor.id }, prompt.message.messageId, b.verb, { ...b.data, ...inputs })).body.value as unknown;
    };
    const form = await press(digestCard, 'Update 2.4');
    now = new Date('2018-03-23T10:16:00Z');
    const recorded = await press(form, 'Record update', { status: 'amber', narrative: 'Venue not yet confirmed.', revisedDeadline: '' });
    expect(JSON.stringify(recorded)).toContain('✔ Recorded your update on 2.4: ▲ Amber.');
    const amber = (await history('2.4')).updates;
    expect(amber.at(-1)).toMatchObject({ status: 'amber', source: 'card' });

    now = new Date('2018-03-23T10:20:00Z');
    const undone = await press(recorded, 'Undo');
    const text = JSON.stringify(undone);
    expect(text).toContain('↶ Undone: your update on 2.4 is taken back; it is back to ○ Not reported.');
    expect(text).toContain('1 action needs an update (1 done).');
    expect(buttons(undone).map((b) => b.title)).toEqual(['Update 2.3 again', 'Update 2.4']);
    const after = await history('2.4');
    expect(after.updates.slice(0, amber.length)).toEqual(amber);
    expect(after.action.latest).toMatchObject({ status: 'not-reported', source: 'undo', basedOn: amber.at(-1)!.id });
    // Pressed again (a double click, a retried invoke): the same correction, nothing more written.
    expect(JSON.stringify(await press(recorded, 'Undo'))).toContain('↶ Undone: your update on 2.4');
    expect((await history('2.4')).updates).toHaveLength(after.updates.length);

    // Too late: 2.3 recorded again at 10:22 and its Undo pressed at 10:33 is refused on the digest, which stays.
    now = new Date('2018-03-23T10:22:00Z');
    const again = await press(await press(undone, 'Update 2.3 again'), 'Record update', { status: 'completed', narrative: 'Attendance list filed.', revisedDeadline: '' });
    const before = (await history('2.3')).updates;
    now = new Date('2018-03-23T10:33:00Z');
    const refused = JSON.stringify(await press(again, 'Undo'));
    expect(refused).toContain('⚠ The update to action 2.3 can be undone for 10 minutes only; record a new update instead');
    expect(refused).toContain('For you to update: Fri 23 Mar 2018');
    expect((await history('2.3')).updates).toEqual(before);
  }

  it('partnership-actions tick is a trigger too: run against the running store, it sends into the local Teams client and records it', async () => {
    const env = { COSMOS_ENDPOINT: server.app.store.endpoint, COSMOS_DATABASE: server.app.store.database, PORT: new URL(server.bot.url).port };
    const preview = await runCli(env, 'tick', '--at', '2018-05-01T08:00:00Z', '--dry-run', '--json');
    expect(preview.code).toBe(0);
    expect((JSON.parse(preview.stdout) as { wouldSend: Array<{ id: string }> }).wouldSend.map((p) => p.id)).toContain('sent:reminder:action:2017-18:2.4:2018-03-31-r5');

    const run = await runCli(env, 'tick', '--at', '2018-05-01T08:00:00Z');
    expect(run.stdout).toContain('Tick at 2018-05-01T08:00:00.000Z:');
    expect(run.stdout).toContain('  sent:reminder:action:2017-18:2.4:2018-03-31-r5');
    expect(JSON.stringify(card(await digest(ids.personalChatId, 'For you to update: Tue 1 May 2018')))).toContain('Overdue by 31 days, 5th reminder.');
    // The bot's own tick at the same instant finds it sent.
    expect((await tick('2018-05-01T08:00:00Z')).sent.filter((id) => id.includes(':2.4:'))).toEqual([]);
    // Two CLI runs, each starting Node and the Teams libraries: as the CLI tests allow.
  }, 120_000);
});
