import { afterEach, describe, expect, it } from 'vitest';
import { createBot } from '../../src/teams/create-bot.js';
import { startConnectorStandIn, type ConnectorStandIn } from './connector-stand-in.js';

const post = (c: ConnectorStandIn, path: string, body: unknown = { type: 'message', text: 'hello' }) =>
  fetch(new URL(path, c.url), { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

describe('the Bot Connector stand-in', () => {
  let c: ConnectorStandIn | undefined;
  afterEach(async () => c?.close());

  it('lets 7 sends a second into one conversation through and answers the 8th 429 with a Retry-After', async () => {
    c = await startConnectorStandIn();
    const answers = [];
    for (let i = 0; i < 8; i++) answers.push(await post(c, '/v3/conversations/a%3Alead/activities'));
    expect(answers.map((a) => a.status)).toEqual([201, 201, 201, 201, 201, 201, 201, 429]);
    expect(answers[7]!.headers.get('retry-after')).toBe('1');
    // Another conversation is not held back by this one's window.
    expect((await post(c, '/v3/conversations/a%3Aother/activities')).status).toBe(201);
    expect(c.counts()).toEqual({ requests: 9, throttled: 1, throttledTenant: 0, throttledConversation: 1, accepted: 8 });
    expect(c.accepted[0]).toMatchObject({ conversation: 'a:lead', activity: { text: 'hello' } });
    expect(c.peaks()).toEqual({ tenantPerSecond: 8, conversationPerSecond: 7 });
  });

  it('keeps the whole bot to the tenant rate, whatever the conversations', async () => {
    c = await startConnectorStandIn({ tenantPerSecond: 5 });
    const statuses = [];
    for (let i = 0; i < 6; i++) statuses.push((await post(c, `/v3/conversations/a%3A${i}/activities`)).status);
    expect(statuses).toEqual([201, 201, 201, 201, 201, 429]);
    expect(c.counts()).toMatchObject({ throttledTenant: 1, throttledConversation: 0 });
  });

  it('creates conversations, answers replies and member reads, and refuses what the bot never calls', async () => {
    c = await startConnectorStandIn();
    expect(await (await post(c, '/v3/conversations', { isGroup: false, members: [{ id: '29:x' }] })).json()).toMatchObject({ id: 'a:created-1' });
    expect((await post(c, '/v3/conversations/a%3A1/activities/m-0')).status).toBe(201);
    expect((await fetch(new URL('/v3/conversations/a%3A1/members', c.url))).status).toBe(200);
    expect((await post(c, '/v3/attachments')).status).toBe(404);
    expect((await post(c, '/v3/conversations/a%3A1/activities', 'not json{')).status).toBe(201);
    expect((await fetch(new URL('/v3/conversations/a%3A1/activities', c.url), { method: 'POST', body: 'not json{' })).status).toBe(400);
  });

  it('takes the bot’s own proactive send, as botbuilder’s connector client makes it', async () => {
    c = await startConnectorStandIn();
    const unused = async () => {
      throw new Error('not used');
    };
    const bot = createBot({
      tenantId: 'tenant', timeZone: 'Europe/London', auth: { kind: 'none' },
      useCases: { listMyActions: unused, openUpdate: unused, actionRefsOf: unused, findActionToUpdate: unused, recordUpdate: unused, recordTypedUpdate: unused, undoUpdate: unused, history: unused, watchList: unused, chairedBodies: unused, personalChat: unused, summary: unused, linkChannel: unused, meetings: unused, mapRole: unused, chase: unused, yearEnd: unused, closeAtYearEnd: unused, openDigest: unused, confirmLink: unused, createAndLink: unused, welcome: unused, setup: unused, saveSetup: unused, recordFor: unused, previewPlanUpload: unused, previewPlanUploadFor: unused, rereadPlanUpload: unused, importPlanUpload: unused, importMeetingsUpload: unused },
      conversations: { saveConversationReference: async () => {}, reportConversationLost: async () => {} },
      log: { info: () => {}, warn: () => {}, error: () => {} },
    });
    await bot.sendProactive({ conversation: { id: 'a:lead' }, serviceUrl: c.url, channelId: 'msteams' }, { type: 'message', text: 'Due in 7 days' });
    expect(c.accepted).toMatchObject([{ conversation: 'a:lead', activity: { type: 'message', text: 'Due in 7 days' } }]);
    expect(c.counts()).toMatchObject({ requests: 1, throttled: 0 });
  });
});
