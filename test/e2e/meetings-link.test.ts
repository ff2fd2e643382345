import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PlaygroundUser } from '../../src/local/agents-playground.js';
import { VERBS } from '../../src/teams/verbs.js';
import { startEmbeddedApp, type EmbeddedApp } from './embedded-app.js';
import type { BotMessage } from './playground-client.js';

/**
 * Issue 14 items 3, 4 and 6 through the Agents Playground, as the sample's
 * coordinator (PLAYGROUND_USER=coordinator: Alex Hale) on 27 November 2026,
 * when every one of the sample's 2017-18 meetings is long held: meetings as
 * people write them, a link that moves only when confirmed, a new
 * partnership started from a channel, and the welcome on install.
 */
describe('meetings, linking and the welcome in the Agents Playground', () => {
  let app: EmbeddedApp;
  let alex: PlaygroundUser;
  let chair: PlaygroundUser;
  let taylor: PlaygroundUser;
  const now = new Date('2026-11-27T10:00:00Z');
  const at = '<at>Partnership Actions</at>';

  beforeAll(async () => {
    app = await startEmbeddedApp({ settings: { PLAYGROUND_USER: 'coordinator' }, clock: () => now });
    alex = app.me;
    chair = app.person('Cllr Pat Dunmore');
    taylor = app.person('Taylor Quinn');
  }, 60_000);
  afterAll(async () => {
    await app?.stop();
  });

  const body = async (id = 'purbeck-pcg') => (await app.server.app.deps.store.readBody(id))?.value ?? null;
  const card = (m: BotMessage) => m.message.attachments[0]?.content as { body: unknown[]; actions: Array<{ title: string; verb: string; data: Record<string, unknown> }> };

  /** Someone mentions the bot in a channel (the team's General is the team id) and gets its reply there. */
  async function mention(where: string, who: PlaygroundUser, text: string): Promise<BotMessage> {
    await app.client.customActivity(where, {
      type: 'message',
      text: `${at} ${text}`,
      entities: [{ type: 'mention', text: at, mentioned: { id: app.ids.botId, name: 'Partnership Actions' } }],
      from: { id: who.id, name: who.name, aadObjectId: who.aadObjectId },
      // As Teams sends a channel message: the channel and team ids, no names (General's id is the team's).
      channelData: { channel: { id: where }, team: { id: app.ids.teamId }, tenant: { id: app.server.playgroundPeople!.tenantId } },
    });
    return app.client.waitForBotMessage(where);
  }

  /** Presses a button of a card the bot posted (in a channel, the card is in the thread of the message it answers). */
  async function press(who: PlaygroundUser, posted: BotMessage, title: string, inputs: Record<string, unknown> = {}) {
    const action = card(posted).actions.find((a) => a.title.startsWith(title));
    if (action === undefined) throw new Error(`no "${title}" on ${JSON.stringify(card(posted).actions)}`);
    const answer = await app.client.execute(String(posted.message.postConversationId ?? posted.conversationId), { id: who.id }, posted.message.messageId, action.verb, { ...action.data, ...inputs });
    return JSON.stringify(answer.body.value);
  }

  describe('welcome on install', () => {
    it('the coordinator’s install is welcomed once, with what they coordinate and what to type', () => {
      const text = app.welcome!.message.text!;
      expect(text).toMatch(/^Welcome to Partnership Actions, Alex\./);
      expect(text).toContain('You coordinate Purbeck PCG (sample): in the partnership\'s channel, mention me with **meetings**');
      expect(text).not.toMatch(/overdue|reminder/i);
    });

    /** An install as another person sees it: the bot added to their 1:1 chat. */
    async function installFor(who: { id: string; name: string; aadObjectId: string }): Promise<string> {
      await app.client.customActivity(app.ids.personalChatId, {
        type: 'conversationUpdate',
        membersAdded: [{ id: app.ids.botId }],
        from: { id: who.id, name: who.name, aadObjectId: who.aadObjectId },
      });
      return (await app.client.waitForBotMessage(app.ids.personalChatId)).message.text ?? '';
    }

    it('a lead hears how many open actions they have and how to update them', async () => {
      const text = await installFor(taylor);
      expect(text).toMatch(/^Welcome to Partnership Actions, Taylor\./);
      expect(text).toMatch(/You have \d+ open actions? in Purbeck PCG \(sample\)'s plan \(2\.3, 2\.4/);
      expect(text).toContain('**2.3 done**');
      expect(text).not.toContain('You chair');
    });

    it('a chair hears which bodies they chair and about summary', async () => {
      const text = await installFor(chair);
      expect(text).toContain('You chair Purbeck PCG (sample): **summary** here shows');
    });

    it('someone the store does not know hears what the bot is and who set it up', async () => {
      const text = await installFor({ id: 'user-newcomer', name: 'Robin Newcomer', aadObjectId: '30000000-0000-4000-8000-000000000099' });
      expect(text).toMatch(/^Welcome to Partnership Actions, Robin\./);
      expect(text).toContain('You have no actions or role in it yet.');
      expect(text).toContain('It is set up here by Sam Okafor (Dorset Community Safety Partnership (sample)) and Alex Hale (Purbeck PCG (sample))');
    });

    it('the bot added to a team says what it is for and how its coordinator links a channel', async () => {
      await app.client.customActivity(app.ids.teamId, {
        type: 'conversationUpdate',
        membersAdded: [{ id: app.ids.botId }],
        from: { id: alex.id, name: alex.name, aadObjectId: alex.aadObjectId },
      });
      const text = (await app.client.waitForBotMessage(app.ids.teamId)).message.text ?? '';
      expect(text).toMatch(/^Hello, I am Partnership Actions/);
      expect(text).toContain('**link** and its id');
    });
  });

  describe('meetings', () => {
    const pcg = () => app.ids.channelId!;

    it('lists the meetings held as the record when none is to come, with an example near today', async () => {
      const text = (await mention(pcg(), taylor, 'meetings')).message.text!;
      expect(text).toContain('Purbeck PCG (sample) has no meetings to come on its calendar');
      expect(text).toContain('Held (kept as the record): Wed 7 Mar 2018, 14:00; Wed 24 Jan 2018, 14:00; Wed 6 Dec 2017, 14:00, and 4 earlier ones.');
      expect(text).toContain('**meetings add 25 December 2026 2pm**');
      expect(text).not.toMatch(/20(1\d|2[0-5])-\d\d-\d\d/);
    });

    it('adds meetings written as people write them, several at once, keeping the ones held', async () => {
      const held = (await body())!.meetings;
      const text = (await mention(pcg(), alex, 'meetings add 15 January 2027 2pm, 2027-03-10 14:00; 12/05/2027 10.30am')).message.text!;
      expect(text).toContain('Added Fri 15 Jan 2027, 14:00, Wed 10 Mar 2027, 14:00 and Wed 12 May 2027, 10:30 to Purbeck PCG (sample)\'s meetings.');
      expect(text).toContain('Purbeck PCG (sample) meets (Europe/London):\n- Fri 15 Jan 2027, 14:00\n- Wed 10 Mar 2027, 14:00\n- Wed 12 May 2027, 10:30');
      expect((await body())!.meetings).toEqual([...held, '2027-01-15T14:00', '2027-03-10T14:00', '2027-05-12T10:30']);
    });

    it('a date in the past, a second meeting on a day, a date it cannot read: refused in the style typed, nothing stored', async () => {
      const before = (await body())!.meetings;
      expect((await mention(pcg(), alex, 'meetings add 10/11/2026 2pm')).message.text).toBe(
        'Cannot add the meetings: Tue 10 Nov 2026, 14:00 is in the past (it is now Fri 27 Nov 2026, 10:00); use a date to come, e.g. "25/12/2026 2pm"',
      );
      expect((await mention(pcg(), alex, 'meetings add 15 January 2027 10am, 3 February 2027 2pm')).message.text).toBe(
        'Cannot add the meetings: Purbeck PCG (sample) already meets on Fri 15 Jan 2027, 14:00, one meeting a day; to move it, remove it first ("meetings remove 15 January 2027")',
      );
      expect((await mention(pcg(), alex, 'meetings add next tuesday')).message.text).toBe(
        'Cannot add the meetings: "next tuesday" is not a meeting date and time I can read; write it as, e.g. "25 December 2026 2pm"',
      );
      expect((await mention(pcg(), taylor, 'meetings add 3 February 2027 2pm')).message.text).toContain("Only Purbeck PCG (sample)'s coordinators and chairs can add meetings");
      expect((await body())!.meetings).toEqual(before);
    });

    it('removes a meeting to come by its day; a meeting held is kept', async () => {
      const before = (await body())!.meetings;
      expect((await mention(pcg(), alex, 'meetings remove 7 March 2018')).message.text).toBe(
        'Cannot remove the meeting: Wed 7 Mar 2018, 14:00 has been held: past meetings stay on the calendar as the record',
      );
      expect((await body())!.meetings).toEqual(before);
      const text = (await mention(pcg(), chair, 'meetings remove 10/03/2027')).message.text!;
      expect(text).toContain('Removed Wed 10 Mar 2027, 14:00 from Purbeck PCG (sample)\'s meetings.');
      expect((await body())!.meetings).toEqual(before.filter((m) => m !== '2027-03-10T14:00'));
    });
  });

  describe('linking a channel', () => {
    const general = () => app.ids.teamId;
    const pcg = () => app.ids.channelId!;

    it('a body linked elsewhere asks first, naming the channel it leaves; Cancel changes nothing', async () => {
      const linked = (await body())!.channel;
      const asked = await mention(general(), alex, 'link purbeck-pcg');
      expect(JSON.stringify(card(asked))).toContain('Move Purbeck PCG (sample) to this channel?');
      expect(JSON.stringify(card(asked))).toContain('is linked to the channel \\"PCG\\". Linking it here unlinks \\"PCG\\"');
      expect(card(asked).actions.map((a) => [a.title, a.verb])).toEqual([
        ['Confirm: link here', VERBS.confirmLink],
        ['Cancel', VERBS.cancelLink],
      ]);
      expect((await body())!.channel).toEqual(linked);
      expect(await press(alex, asked, 'Cancel')).toContain('Nothing changed');
      expect((await body())!.channel).toEqual(linked);
    });

    it('Confirm moves the link; a confirmation made before the link changed again is refused, changing nothing', async () => {
      const first = await mention(general(), alex, 'link purbeck-pcg');
      expect(await press(alex, first, 'Confirm')).toContain('no longer is');
      expect((await body())!.channel?.reference.conversation.id).toBe(general());

      const back = await mention(pcg(), chair, 'link purbeck-pcg');
      expect(await press(chair, back, 'Confirm')).toContain('Linked to Purbeck PCG (sample)');
      const linked = (await body())!.channel;
      expect(linked?.reference.conversation.id).toBe(pcg());

      // The first card's Confirm, pressed again: the link it named has changed since.
      expect(await press(alex, first, 'Confirm')).toContain("Not changed: Purbeck PCG (sample)'s link changed after this confirmation was sent (it is now linked to \\\"PCG\\\")");
      expect((await body())!.channel).toEqual(linked);
    });

    it('a lead cannot link, nor is offered a confirmation', async () => {
      expect((await mention(general(), taylor, 'link purbeck-pcg')).message.text).toContain("Only Purbeck PCG (sample)'s coordinators and chairs can link a channel");
    });

    it('link to an id no body has offers to start it; Create makes the PCG under its CSP with its creator as coordinator, linked here', async () => {
      const offer = await mention(general(), taylor, 'link wareham-pcg');
      const offered = JSON.stringify(card(offer));
      expect(offered).toContain('There is no partnership body \\"wareham-pcg\\" yet');
      expect(offered).toContain('Dorset Community Safety Partnership (sample)');
      expect(card(offer).actions.map((a) => a.verb)).toEqual([VERBS.createBody, VERBS.cancelLink]);
      expect(await body('wareham-pcg')).toBeNull();

      expect(await press(taylor, offer, 'Create', { name: '  ', kind: 'pcg', parentId: 'dorset-csp' })).toContain('give \\"wareham-pcg\\" a name');
      expect(await body('wareham-pcg')).toBeNull();

      expect(await press(taylor, offer, 'Create', { name: 'Wareham PCG', kind: 'pcg', parentId: 'dorset-csp' })).toContain('Created Wareham PCG');
      const created = (await body('wareham-pcg'))!;
      expect(created).toMatchObject({ kind: 'pcg', name: 'Wareham PCG', parentId: 'dorset-csp', coordinators: [{ aadObjectId: taylor.aadObjectId }], chairs: [] });
      expect(created.channel?.reference.conversation.id).toBe(general());
      expect((await body('dorset-csp'))!.memberIds).toContain('wareham-pcg');

      // A second press creates nothing more.
      expect(await press(taylor, offer, 'Create', { name: 'Wareham PCG', kind: 'pcg', parentId: 'dorset-csp' })).toContain('There is already a body');
      expect((await mention(general(), taylor, 'meetings')).message.text).toContain('Wareham PCG has no meetings to come');
    });
  });
});
