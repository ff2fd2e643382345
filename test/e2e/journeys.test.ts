import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { personKey } from '../../src/domain/partnership.js';
import type { PlaygroundUser } from '../../src/local/agents-playground.js';
import { actionHistory } from '../../src/services/action-history.js';
import { readPlanFile } from '../../src/services/read-plan-file.js';
import { signReportLink } from '../../src/services/report-link.js';
import type { RunningServer } from '../../src/app/start-server.js';
import { VERBS } from '../../src/teams/verbs.js';
import { startEmbeddedApp, type EmbeddedApp } from './embedded-app.js';
import type { BotMessage, PlaygroundClient } from './playground-client.js';

/**
 * The journeys of issue 5 through the real local Teams client: `npm start`'s
 * own composition (embedded store with the sample partnership, the bot, the
 * Agents Playground with the sample's people), driven over the Playground's
 * HTTP API, and every outcome read back from the store through the services.
 */
describe('Partnership Actions in the Agents Playground', () => {
  let server: RunningServer;
  let client: PlaygroundClient;
  let app: EmbeddedApp;
  let ids: RunningServer['playground'] extends infer P ? (P extends { ids: infer I } ? I : never) : never;
  let taylor: PlaygroundUser; // TO-ET: leads 2.3 and 2.4
  let chair: PlaygroundUser; // Cllr Pat Dunmore chairs Purbeck PCG
  let alex: PlaygroundUser; // the coordinator, CSO: not a lead or support of 2.3
  const SECRET = 'journeys-report-link-secret-0123456789';

  beforeAll(async () => {
    app = await startEmbeddedApp({ settings: { REPORT_LINK_SECRET: SECRET }, install: false });
    ({ server, client, ids } = app);
    taylor = app.me;
    chair = app.person('Cllr Pat Dunmore');
    alex = app.person('Alex Hale');
  }, 60_000);
  afterAll(async () => {
    await app?.stop();
  });

  const history = (ref: string) => actionHistory(server.app.deps, { bodyId: 'purbeck-pcg', ref });
  const at = '<at>Partnership Actions</at>';
  const mention = () => [{ type: 'mention', text: at, mentioned: { id: ids.botId, name: 'Partnership Actions' } }];
  const hasCard = (m: BotMessage) => m.message.attachments.length > 0;
  const cardText = (m: BotMessage) => JSON.stringify(m.message.attachments[0]?.content);

  /** The person types in their 1:1 chat (the Playground's current user) and gets the bot's next card or text. */
  async function say(text: string, match: (m: BotMessage) => boolean = () => true): Promise<BotMessage> {
    await client.sendMessage(ids.personalChatId, { id: taylor.id }, text);
    return client.waitForBotMessage(ids.personalChatId, match);
  }

  /**
   * Someone else writes to the bot in the group chat, where all six are
   * members. The Playground sends typed messages only as its current user,
   * so another person's message goes in as a raw activity from them.
   */
  async function sayInGroup(who: PlaygroundUser, text: string): Promise<BotMessage> {
    await client.customActivity(ids.groupChatId, { type: 'message', text, from: { id: who.id, name: who.name, aadObjectId: who.aadObjectId } });
    return client.waitForBotMessage(ids.groupChatId);
  }

  /** Presses the card's action titled `title` as `who` (the Playground honours the presser), with the inputs merged into its data as Teams does. */
  async function press(conversationId: string, who: PlaygroundUser, posted: { messageId: string; card: any }, title: string, inputs: Record<string, unknown> = {}) {
    const action = (posted.card.actions as Array<{ title: string; verb: string; data: Record<string, unknown> }>).find((a) => a.title === title);
    if (action === undefined) throw new Error(`no "${title}" on the card: ${JSON.stringify(posted.card.actions)}`);
    const res = await client.execute(conversationId, { id: who.id }, posted.messageId, action.verb, { ...action.data, ...inputs });
    expect(res.body.type).toBe('application/vnd.microsoft.card.adaptive');
    return res.body.value as any;
  }

  const posted = (m: BotMessage) => ({ messageId: m.message.messageId, card: m.message.attachments[0]!.content });

  it('answers help, and anything else with a pointer to help', async () => {
    expect((await say('help')).message.text).toContain('**update 2.3**');
    expect((await say('what is this')).message.text).toContain('Type **help**');
  });

  it('my actions: the lead’s open actions with deadline, status as word and symbol, last update and an Update button each', async () => {
    const reply = await say('my actions', hasCard);
    const text = cardText(reply);
    expect(text).toContain('Taylor Quinn: 2 open actions');
    expect(text).toContain('**2.3** Provide training');
    expect(text).toContain('31 Mar 2018');
    expect(text).toContain('○ Not reported');
    expect(text).toContain('"title":"Update 2.3"');
    expect(text).toContain('"title":"Update 2.4"');
  });

  it('update 9.9 names the plan and the person’s own actions', async () => {
    const reply = await say('update 9.9');
    expect(reply.message.text).toBe("There is no action 9.9 in Purbeck PCG (sample)'s 2017-18 plan; your actions are 2.3 and 2.4.");
  });

  it('update 2.3 and submit: the update is in Cosmos and the card is replaced by what was recorded, with Update again', async () => {
    const form = await say('update 2.3', hasCard);
    const text = cardText(form);
    expect(text).toContain('Update action 2.3');
    expect(text).toContain('Training completed');
    expect(text).toContain('No update recorded yet.');
    // Teams refreshes the card by itself for those who may update it and have a chat with the bot: here only Taylor has one.
    expect(form.message.attachments[0]!.content.refresh.userIds).toEqual([taylor.id]);
    const before = (await history('2.3')).updates.length;

    const recorded = await press(ids.personalChatId, taylor, posted(form), 'Record update', { status: 'amber', narrative: 'Trainer booked for February; venue not yet confirmed.', revisedDeadline: '' });
    expect(JSON.stringify(recorded)).toContain('✔ Update recorded for action 2.3');
    expect(JSON.stringify(recorded)).toContain('Taylor Quinn');
    // Undo first, for its ten minutes; then Update again.
    expect(recorded.actions.map((a: { title: string; verb: string }) => [a.title, a.verb])).toEqual([
      [expect.stringMatching(/^Undo \(until \d\d:\d\d\)$/), VERBS.undoUpdate],
      ['Update again', VERBS.openUpdate],
    ]);

    const h = await history('2.3');
    expect(h.updates).toHaveLength(before + 1);
    expect(h.updates.at(-1)).toMatchObject({ status: 'amber', narrative: 'Trainer booked for February; venue not yet confirmed.', source: 'card', basedOn: null, author: { aadObjectId: taylor.aadObjectId } });
    expect(h.action.latest?.id).toBe(h.updates.at(-1)!.id);

    // Update again opens the form showing what was just recorded.
    const again = await press(ids.personalChatId, taylor, { messageId: form.message.messageId, card: recorded }, 'Update again');
    expect(JSON.stringify(again)).toContain('Last update: Taylor Quinn');
    expect(JSON.stringify(again)).toContain('▲ Amber. Trainer booked for February');
  });

  it('a stale card is refused, showing the newer update, and changes nothing; Record mine anyway then records it', async () => {
    const form = posted(await say('update 2.4', hasCard));
    const first = await press(ids.personalChatId, taylor, form, 'Record update', { status: 'green', narrative: 'Camera ordered.' });
    expect(JSON.stringify(first)).toContain('✔ Update recorded');
    const after = (await history('2.4')).updates;

    // The same card again: its basedOn is the update before the one just recorded.
    const refused = await press(ids.personalChatId, taylor, form, 'Record update', { status: 'red', narrative: 'Supplier cancelled.' });
    const text = JSON.stringify(refused);
    expect(text).toContain('⚠ Not recorded: someone recorded a newer update (shown above) after you opened this card.');
    expect(text).toContain('Last update: Taylor Quinn');
    expect(text).toContain('● Green. Camera ordered.');
    expect(text).toContain('Supplier cancelled.');
    expect(refused.actions.map((a: { title: string }) => a.title)).toEqual(['Record mine anyway']);
    expect((await history('2.4')).updates).toEqual(after);

    const confirmed = await press(ids.personalChatId, taylor, { messageId: form.messageId, card: refused }, 'Record mine anyway', { status: 'red', narrative: 'Supplier cancelled.' });
    expect(JSON.stringify(confirmed)).toContain('✔ Update recorded for action 2.4');
    const h = await history('2.4');
    expect(h.updates).toHaveLength(after.length + 1);
    expect(h.action.latest).toMatchObject({ status: 'red', narrative: 'Supplier cancelled.', basedOn: after.at(-1)!.id });
  });

  it('a 4,001-character narrative is refused on the card with the inputs kept, and nothing is written', async () => {
    const form = posted(await say('update 2.3', hasCard));
    const before = (await history('2.3')).updates;
    const long = 'x'.repeat(4001);
    const refused = await press(ids.personalChatId, taylor, form, 'Record update', { status: 'red', narrative: long, revisedDeadline: '2031-06-30' });
    const text = JSON.stringify(refused);
    expect(text).toContain('⚠ Not recorded: the narrative is 4,001 characters; the most is 4,000');
    expect(text).toContain(long);
    expect(text).toContain('2031-06-30');
    expect(refused.actions.map((a: { title: string }) => a.title)).toEqual(['Record update']);
    expect((await history('2.3')).updates).toEqual(before);
  });

  it('a revised deadline that is not a date is refused on the card, and nothing is written', async () => {
    const form = posted(await say('update 2.3', hasCard));
    const before = (await history('2.3')).updates;
    const refused = await press(ids.personalChatId, taylor, form, 'Record update', { status: 'green', narrative: 'On track.', revisedDeadline: '31/02/2031' });
    expect(JSON.stringify(refused)).toContain('revised deadline \\"31/02/2031\\" is not a real date');
    expect((await history('2.3')).updates).toEqual(before);
  });

  it('someone who may not update 2.3 is told who may, and a submit from them changes nothing; the chair may', async () => {
    const jordan = app.person('Jordan Reeves'); // ASBRO: no role in 2.3, and not a coordinator (who may record for its lead)
    const told = await sayInGroup(jordan, 'update 2.3');
    expect(told.message.text).toContain('You cannot update action 2.3: only its lead (TO-ET: Taylor Quinn)');
    expect(told.message.text).toContain('a chair (Cllr Pat Dunmore)');

    const form = await sayInGroup(chair, 'update 2.3');
    expect(cardText(form)).toContain('Update action 2.3');
    const before = (await history('2.3')).updates;

    const refused = await press(ids.groupChatId, jordan, posted(form), 'Record update', { status: 'completed', narrative: 'Done, I think.' });
    expect(JSON.stringify(refused)).toContain('You cannot update action 2.3');
    expect((await history('2.3')).updates).toEqual(before);

    const recorded = await press(ids.groupChatId, chair, posted(form), 'Record update', { status: 'green', narrative: 'Chair: confirmed with the trainer.' });
    expect(JSON.stringify(recorded)).toContain('✔ Update recorded for action 2.3');
    const h = await history('2.3');
    expect(h.updates).toHaveLength(before.length + 1);
    expect(h.action.latest).toMatchObject({ author: { displayName: 'Cllr Pat Dunmore' }, status: 'green' });
  });

  it('@bot summary in the linked channel answers with totals, counts per priority, overdue, not reported, changes and download links; an unlinked channel is told how to link', async () => {
    await client.sendMessage(ids.channelId!, { id: chair.id }, `${at} summary`, mention());
    const summary = await client.waitForBotMessage(ids.channelId!, hasCard);
    const text = cardText(summary);
    expect(text).toContain('Purbeck PCG (sample): 2017-18 plan');
    expect(text).toContain('Priority 2: Anti-social behaviour');
    expect(text).toContain('{"title":"■ Red","value":"1"}');
    expect(text).toMatch(/Overdue \(\d+\)/);
    // The longest-overdue ten, then a count of the rest, keep the card within Teams' size limit.
    expect(text).toContain('**5.5** Manage the Dorset Rural Crime Project');
    expect(text).toMatch(/…and \d+ more/);
    // The sample's meetings are all past (2017-18), so there is no next one; the last is 7 March 2018.
    expect(text).toContain('No meeting ahead on the calendar');
    expect(text).toMatch(/All priorities: \d+ actions/);
    expect(text).toMatch(/days overdue · [^"]+ · Lead /);
    expect(text).toMatch(/Not reported since the last meeting \(\d+\)/);
    // 2.3 was updated by the journeys above, after the last meeting.
    expect(text).toMatch(/Changed since the last meeting \([1-9]\d*\)/);
    expect(text).toContain('**2.3**');
    expect(text).not.toContain('Due before the meeting');
    const actions = (summary.message.attachments[0]?.content as { actions: Array<{ type: string; title: string; url: string }> }).actions;
    // The 2017-18 plan year ended on 31 March 2018, so the sign-off report is offered too.
    expect(actions.map((a) => `${a.type} ${a.title}`)).toEqual([
      'Action.OpenUrl Download the progress table (Word)',
      'Action.OpenUrl Download the progress table (Excel)',
      'Action.OpenUrl Sign-off report 2017-18 (Word)',
    ]);
    expect(actions[0]!.url.startsWith(`${server.bot.url.replace('://0.0.0.0:', '://127.0.0.1:')}/api/reports/`)).toBe(true);

    // General: the team's own id, a channel nobody linked.
    await client.sendMessage(ids.teamId, { id: chair.id }, `${at} summary`, mention());
    const unlinked = await client.waitForBotMessage(ids.teamId);
    expect(unlinked.message.text).toContain('This channel is not linked to a PCG or CSP');
    expect(unlinked.message.text).toContain('**link purbeck-pcg**');
  });

  it('the summary card’s Word link downloads the progress table, which reads back as the plan; a tampered or expired link gets 403 and no data', async () => {
    await client.sendMessage(ids.channelId!, { id: chair.id }, `${at} summary`, mention());
    const card = (await client.waitForBotMessage(ids.channelId!, hasCard)).message.attachments[0]?.content as { actions: Array<{ url: string }> };
    const word = card.actions[0]!.url;
    const response = await fetch(word);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
    expect(response.headers.get('content-disposition')).toMatch(/^attachment; filename="[^"]+\.docx"/);
    const reading = await readPlanFile(new Uint8Array(await response.arrayBuffer()), 'progress.docx');
    const stored = (await server.app.deps.store.listActions('purbeck-pcg', '2017-18')).map((a) => a.value).filter((a) => a.removedInVersion === null);
    expect(reading.plans.flatMap((p) => p.priorities.flatMap((q) => q.actions.map((a) => a.ref))).sort()).toEqual(stored.map((a) => a.ref).sort());

    const base = word.slice(0, word.lastIndexOf('/') + 1);
    const token = word.slice(base.length);
    const [payload, mac] = token.split('.') as [string, string];
    const otherBody = Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(payload, 'base64url').toString()), body: 'dorset-csp' })).toString('base64url');
    const expired = signReportLink(SECRET, { body: 'purbeck-pcg', format: 'docx', year: '2017-18' }, new Date(Date.now() - 25 * 3600_000));
    for (const [bad, says] of [
      [`${otherBody}.${mac}`, 'not valid'],
      [`${payload}.${mac.slice(0, -2)}xx`, 'not valid'],
      ['garbage', 'not valid'],
      [expired, 'expired'],
    ] as const) {
      const refused = await fetch(base + bad);
      expect(refused.status).toBe(403);
      expect(refused.headers.get('content-type')).toBe('text/plain; charset=utf-8');
      expect(refused.headers.get('content-disposition')).toBeNull();
      const body = await refused.text();
      expect(body).toContain(says);
      expect(body.length).toBeLessThan(100);
    }
  });

  it('link <body> in a channel: a lead is refused, the coordinator confirms the move from the PCG channel, and summary there then answers', async () => {
    const linkAs = async (where: string, who: PlaygroundUser) => {
      await client.customActivity(where, {
        type: 'message',
        text: `${at} link purbeck-pcg`,
        entities: mention(),
        from: { id: who.id, name: who.name, aadObjectId: who.aadObjectId },
      });
      return client.waitForBotMessage(where);
    };
    const confirm = async (asked: BotMessage, who: PlaygroundUser) => {
      expect(cardText(asked)).toContain('Move Purbeck PCG (sample) to this channel?');
      return press(String(asked.message.postConversationId ?? asked.conversationId), who, posted(asked), 'Confirm: link here');
    };
    expect((await linkAs(ids.teamId, taylor)).message.text).toContain("Only Purbeck PCG (sample)'s coordinators and chairs can link a channel: Alex Hale (coordinator), Cllr Pat Dunmore (chair)");
    expect(JSON.stringify(await confirm(await linkAs(ids.teamId, alex), alex))).toContain('This channel is now linked to Purbeck PCG (sample)');
    const body = await server.app.deps.store.readBody('purbeck-pcg');
    expect(body?.value.channel).toMatchObject({ reference: { conversation: { id: ids.teamId } }, linkedBy: { aadObjectId: alex.aadObjectId } });

    await client.sendMessage(ids.teamId, { id: taylor.id }, `${at} summary`, mention());
    expect(cardText(await client.waitForBotMessage(ids.teamId, hasCard))).toContain('Purbeck PCG (sample): 2017-18 plan');
    // Linked back where the later journeys expect it, as the chair.
    expect(JSON.stringify(await confirm(await linkAs(ids.channelId!, chair), chair))).toContain('This channel is now linked to Purbeck PCG (sample)');
  });

  it('chase in the linked channel: anyone reads how the body is chased; the chair changes it and returns to the defaults; a lead, bad values and unknown words change nothing', async () => {
    const say = async (who: PlaygroundUser, text: string) => {
      await client.customActivity(ids.channelId!, { type: 'message', text: `${at} ${text}`, entities: mention(), from: { id: who.id, name: who.name, aadObjectId: who.aadObjectId } });
      return (await client.waitForBotMessage(ids.channelId!)).message.text ?? '';
    };
    const chase = async () => (await server.app.deps.store.readBody('purbeck-pcg'))!.value.chase;
    const shown = await say(taylor, 'chase');
    expect(shown).toContain('How Purbeck PCG (sample) is chased (Europe/London):');
    expect(shown).toContain('- overdue reminders: every 7 days\n');
    expect(shown).toContain('**chase defaults** returns to the defaults');

    expect(await say(taylor, 'chase reminders 14')).toContain("Only Purbeck PCG (sample)'s coordinators and chairs can change how it is chased");
    expect(await say(chair, 'chase reminders 3')).toContain('Not changed: **reminders** "3": must be at least 5 days.');
    expect(await say(chair, 'chase send 18:00')).toContain('Not changed: **send** "18:00": messages must be scheduled within working hours (09:00-17:00).');
    expect(await say(chair, 'chase reminders weekly')).toContain('**reminders** "weekly" is not a whole number: write e.g. **reminders** 7.');
    expect(await say(chair, 'chase weekly please')).toContain('I did not understand "weekly please". Name each setting and its value');
    expect(await chase()).toBeNull();

    const changed = await say(chair, 'chase reminders 14 prompts 10, 3 hours 08:30-16:30 send 8:30');
    expect(changed).toContain('Changed how Purbeck PCG (sample) is chased (Europe/London):');
    expect(changed).toContain('- overdue reminders: every 14 days (its own)');
    expect(changed).toContain('- escalation: after 2 unanswered reminders in a row\n');
    expect(await chase()).toEqual({ reminderEveryDays: 14, promptDaysBefore: [10, 3], workdayStart: '08:30', workdayEnd: '16:30', sendAt: '08:30' });

    expect(await say(chair, 'chase defaults')).toContain('- overdue reminders: every 7 days\n');
    expect(await chase()).toBeNull();
    await client.sendMessage(ids.personalChatId, { id: taylor.id }, 'chase');
    expect((await client.waitForBotMessage(ids.personalChatId)).message.text).toContain('How a partnership is chased belongs to its channel');
  });

  it('role in the linked channel: the chair maps a role to a mentioned member and their delegate; a lead, an unknown role and no mention are refused with nothing changed', async () => {
    const named = (name: string) => server.playgroundPeople!.users.find((u) => u.name === name)!;
    const priya = named('Priya Shah');
    const morgan = named('Morgan Ellis');
    const tag = (u: PlaygroundUser) => ({ type: 'mention', text: `<at>${u.name}</at>`, mentioned: { id: u.id, name: u.name } });
    const roleAs = async (who: PlaygroundUser, text: string, people: PlaygroundUser[]) => {
      await client.customActivity(ids.channelId!, { type: 'message', text: `${at} ${text}`, entities: [...mention(), ...people.map(tag)], from: { id: who.id, name: who.name, aadObjectId: who.aadObjectId } });
      return (await client.waitForBotMessage(ids.channelId!)).message.text ?? '';
    };
    const roles = async () => (await server.app.deps.store.readBody('purbeck-pcg'))!.value.roles;
    const before = await roles();

    expect(await roleAs(taylor, 'role HO <at>Priya Shah</at>', [priya])).toContain("Only Purbeck PCG (sample)'s coordinators and chairs can map roles to people");
    expect(await roleAs(chair, 'role XYZ <at>Priya Shah</at>', [priya])).toContain('The 2017-18 plan names no role "XYZ"; its roles are:');
    expect(await roleAs(chair, 'role HO Priya', [])).toContain('Name the role and mention the person, e.g. **role CSO @Alex Hale**');
    expect(await roles()).toEqual(before);

    expect(await roleAs(chair, 'role ho <at>Priya Shah</at> delegate <at>Morgan Ellis</at>', [priya, morgan])).toBe(
      'HO in Purbeck PCG (sample) is now Priya Shah, with Morgan Ellis as delegate. The bot writes to them about its actions once they have the app.',
    );
    expect((await roles()).find((r) => r.key === 'HO')).toMatchObject({ person: { aadObjectId: priya.aadObjectId, displayName: 'Priya Shah' }, delegate: { aadObjectId: morgan.aadObjectId } });
  });

  it('keeps the 1:1 conversation on install; a member who leaves is marked unreachable and the chair is told in the channel', async () => {
    await client.install(ids.personalChatId);
    expect((await client.waitForBotMessage(ids.personalChatId)).message.text).toMatch(/^Welcome to Partnership Actions, Taylor\./);
    await expect
      .poll(async () => (await server.app.deps.store.readPerson(personKey({ tenantId: server.playgroundPeople!.tenantId, aadObjectId: taylor.aadObjectId })))?.value.conversation?.conversation.id)
      .toBe(ids.personalChatId);

    const jordan = server.playgroundPeople!.users.find((u) => u.name === 'Jordan Reeves')!;
    await client.customActivity(ids.teamId, {
      type: 'conversationUpdate',
      membersRemoved: [{ id: jordan.id, aadObjectId: jordan.aadObjectId, name: jordan.name }],
      channelData: { eventType: 'teamMemberRemoved', team: { id: ids.teamId }, tenant: { id: server.playgroundPeople!.tenantId } },
    });
    const told = await client.waitForBotMessage(ids.channelId!, (m) => (m.message.text ?? '').includes('Jordan Reeves'));
    // One notice for the person, naming every open action they lead, the chair @mentioned.
    expect(told.message.text).toMatch(
      /^<at>Cllr Pat Dunmore<\/at>: the bot cannot reach Jordan Reeves for \d+ actions of Purbeck PCG \(sample\) \(role ASBRO\): (\d\.\d, )+\d\.\d and \d\.\d\. They left the team: map the role to someone else, or ask them to open the app again\.$/,
    );
    const entry = await server.app.deps.store.readPerson(personKey({ tenantId: server.playgroundPeople!.tenantId, aadObjectId: jordan.aadObjectId }));
    expect(entry?.value.unreachable).toMatchObject({ reason: 'member-removed' });
  });

  it('an uninstall marks the person unreachable; their next message makes them reachable again', async () => {
    const key = personKey({ tenantId: server.playgroundPeople!.tenantId, aadObjectId: taylor.aadObjectId });
    await client.customActivity(ids.personalChatId, { type: 'installationUpdate', action: 'remove' });
    await expect.poll(async () => (await server.app.deps.store.readPerson(key))?.value.unreachable?.reason).toBe('app-uninstalled');
    await client.waitForBotMessage(ids.channelId!, (m) => (m.message.text ?? '').includes('cannot reach Taylor Quinn'));
    await say('help');
    expect((await server.app.deps.store.readPerson(key))?.value.unreachable).toBeNull();
  });

  it('answers GET /healthz with the store and the version', async () => {
    const res = await fetch(`${server.bot.url}/healthz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ok', store: 'embedded', version: '0.1.0', scheduler: { timer: 'off', lastTick: null } });
  });
});
