import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DomainError } from '../../src/domain/errors.js';
import type { BotUseCases } from '../../src/teams/bot-ports.js';
import { VERBS } from '../../src/teams/verbs.js';
import { MY_ACTIONS } from '../teams/sample-views.js';
import { startLocalTeams, type LocalTeams } from './local-teams.js';
import { PEOPLE, TENANT_ID } from './people.js';

/**
 * The harness itself, through the real local Teams client: messages in, the
 * bot's replies out of the Playground's stream, a card action round trip,
 * and the conversation references the bot keeps. The journeys build on it.
 */
describe('local Teams harness (Agents Playground)', () => {
  let teams: LocalTeams;
  const asked: string[] = [];
  const noService = (what: string) => async () => {
    throw new DomainError('action-unknown', `No ${what} in this harness test.`);
  };
  const useCases: BotUseCases = {
    listMyActions: async (person) => {
      asked.push(person.aadObjectId);
      return { ...MY_ACTIONS, person };
    },
    openUpdate: noService('action to open'),
    actionRefsOf: async () => [],
    findActionToUpdate: noService('action to find'),
    recordUpdate: noService('action to record'),
    summary: noService('summary'),
    linkChannel: noService('body to link'),
    confirmLink: noService('link to confirm'),
    createAndLink: noService('body to create'),
    welcome: async () => ({ firstName: null, openActions: [], chairs: [], coordinates: [], runBy: [] }),
    previewPlanUpload: noService('plan to preview'),
    previewPlanUploadFor: noService('plan to preview'),
    rereadPlanUpload: noService('plan to read again'),
    importPlanUpload: noService('plan to import'),
    importMeetingsUpload: noService('meetings to add'),
    meetings: noService('meetings'),
    mapRole: noService('role to map'),
    chase: noService('chase settings'),
    setup: noService('set-up'),
    saveSetup: noService('set-up'),
    recordFor: noService('update for someone'),
    recordTypedUpdate: noService('action to record'),
    undoUpdate: noService('update to undo'),
    history: noService('history'),
    watchList: noService('list'),
    chairedBodies: async () => [],
    personalChat: async () => null,
    yearEnd: async () => [],
    closeAtYearEnd: noService('action to close'),
    openDigest: noService('digest'),
  };

  beforeAll(async () => {
    teams = await startLocalTeams(useCases, process.env);
  }, 60_000);
  afterAll(async () => {
    await teams?.stop();
  });

  const lead = { id: PEOPLE.lead.id };

  it('answers help in the personal chat', async () => {
    const chat = teams.playground.ids.personalChatId;
    await teams.client.sendMessage(chat, lead, 'help');
    const reply = await teams.client.waitForBotMessage(chat);
    expect(reply.message.text).toContain('**my actions**');
  });

  it('answers my actions with the card of the sender’s actions', async () => {
    const chat = teams.playground.ids.personalChatId;
    await teams.client.sendMessage(chat, lead, 'my actions');
    const reply = await teams.client.waitForBotMessage(chat, (m) => m.message.attachments.length > 0);
    expect(asked).toContain(PEOPLE.lead.aadObjectId);
    const card = reply.message.attachments[0]!;
    expect(card.contentType).toBe('application/vnd.microsoft.card.adaptive');
    expect(JSON.stringify(card.content)).toContain('Laura Hughes: 2 open actions');
    expect(JSON.stringify(card.content)).toContain('▲ Amber');
  });

  it('answers a card action on a posted card with a card, carrying the service’s refusal', async () => {
    const chat = teams.playground.ids.personalChatId;
    await teams.client.sendMessage(chat, lead, 'my actions');
    const posted = await teams.client.waitForBotMessage(chat, (m) => m.message.attachments.length > 0);
    const res = await teams.client.execute(chat, lead, posted.message.messageId, VERBS.openUpdate, { bodyId: 'purbeck-pcg', year: '2017-18', ref: '3.2' });
    // The Playground passes on the invoke response's type and card, not its statusCode.
    expect(res.body).toMatchObject({ type: 'application/vnd.microsoft.card.adaptive', value: { type: 'AdaptiveCard' } });
    expect(JSON.stringify(res.body.value)).toContain('No action to open in this harness test.');
  });

  it('keeps the conversation reference of every message, with the sender', async () => {
    const fromMessages = teams.seen.filter((s) => s.reason === 'message');
    expect(fromMessages.length).toBeGreaterThanOrEqual(3);
    expect(fromMessages[0]).toMatchObject({
      place: { scope: 'personal', conversationId: teams.playground.ids.personalChatId },
      person: { aadObjectId: PEOPLE.lead.aadObjectId, displayName: 'Laura Hughes' },
      reference: { conversation: { id: teams.playground.ids.personalChatId }, serviceUrl: expect.stringMatching(/^http:\/\/localhost:\d+\/_connector$/) },
    });
  });

  it('answers an @mention in a channel and keeps the channel, not the thread', async () => {
    const { channelId, botId } = teams.playground.ids;
    const at = '<at>Partnership Actions</at>';
    await teams.client.sendMessage(channelId!, lead, `${at} help`, [{ type: 'mention', text: at, mentioned: { id: botId, name: 'Partnership Actions' } }]);
    const reply = await teams.client.waitForBotMessage(channelId!, (m) => (m.message.text ?? '').includes('**my actions**'));
    expect(reply.message.text).toContain('**summary**');
    const kept = teams.seen.find((s) => s.place.scope === 'channel');
    expect(kept?.reference.conversation.id).toBe(channelId);
    expect(kept?.place).toMatchObject({ scope: 'channel', conversationId: channelId });
    await teams.bot.sendProactive(kept!.reference, { type: 'message', text: 'The summary for Tuesday’s meeting is ready.' }, 'channel');
    const post = await teams.client.waitForBotMessage(channelId!, (m) => m.message.text === 'The summary for Tuesday’s meeting is ready.');
    expect(post.conversationId).not.toBe(reply.conversationId);
  });

  it('keeps the reference when the app is installed', async () => {
    await teams.client.install(teams.playground.ids.personalChatId);
    await expect.poll(() => teams.seen.filter((s) => s.reason === 'install').length, { timeout: 5000 }).toBeGreaterThan(0);
  });

  it('sends proactively to a kept reference', async () => {
    const chat = teams.playground.ids.personalChatId;
    const reference = teams.seen.find((s) => s.reason === 'message')!.reference;
    const sent = await teams.bot.sendProactive(reference, { type: 'message', text: 'Action 3.2 is due in 7 days.' });
    expect(sent.id).not.toBeNull();
    const got = await teams.client.waitForBotMessage(chat, (m) => m.message.text === 'Action 3.2 is due in 7 days.');
    expect(got.message.messageId).toBe(sent.id);
  });

  it('refuses a message from another tenant with a clear reply', async () => {
    const chat = teams.playground.ids.personalChatId;
    const other = '11111111-2222-3333-4444-555555555555';
    const before = asked.length;
    await teams.client.customActivity(chat, { type: 'message', text: 'my actions', conversation: { id: chat, conversationType: 'personal', tenantId: other }, channelData: { tenant: { id: other } } });
    const reply = await teams.client.waitForBotMessage(chat, (m) => (m.message.text ?? '').includes('another one'));
    expect(reply.message.text).toContain('nothing was read or changed');
    expect(asked.length).toBe(before);
  });

  it('reports a member who leaves the team and an uninstall', async () => {
    const { teamId, personalChatId } = teams.playground.ids;
    await teams.client.customActivity(teamId, {
      type: 'conversationUpdate',
      membersRemoved: [{ id: PEOPLE.officer.id, aadObjectId: PEOPLE.officer.aadObjectId, name: PEOPLE.officer.name }],
      channelData: { eventType: 'teamMemberRemoved', team: { id: teamId }, tenant: { id: TENANT_ID } },
    });
    await teams.client.customActivity(personalChatId, { type: 'installationUpdate', action: 'remove' });
    await expect.poll(() => teams.lost.map((l) => l.reason), { timeout: 5000 }).toEqual(['member-removed', 'app-uninstalled']);
    expect(teams.lost[0]).toMatchObject({ place: { scope: 'channel', teamId }, person: { aadObjectId: PEOPLE.officer.aadObjectId, displayName: 'Omar Shah' } });
    expect(teams.lost[1]).toMatchObject({ place: { scope: 'personal', conversationId: personalChatId }, person: null });
  });
});
