import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import type { ConversationLost } from '../../src/teams/bot-ports.js';
import { createBot, ProactiveSendError } from '../../src/teams/create-bot.js';
import { classifySendError } from '../../src/scheduler/outbound.js';
import { MY_ACTIONS, UPDATE_FORM } from './sample-views.js';

/** A stand-in Bot Connector on loopback that answers every call with the given statuses in turn. */
async function connector(statuses: number[]): Promise<{ url: string; calls: () => number; server: Server }> {
  let calls = 0;
  const server = createServer((req, res) => {
    req.resume();
    const status = statuses[Math.min(calls, statuses.length - 1)]!;
    calls++;
    res.writeHead(status, { 'Content-Type': 'application/json', ...(status === 429 ? { 'Retry-After': '0' } : {}) });
    res.end(JSON.stringify(status < 300 ? { id: 'sent-1' } : { error: { code: 'BotDisabledByAdmin', message: 'blocked' } }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`, calls: () => calls, server };
}

function botWith(lost: ConversationLost[]) {
  const unused = async () => MY_ACTIONS as never;
  return createBot({
    tenantId: 'tenant',
    timeZone: 'Europe/London',
    auth: { kind: 'none' },
    useCases: { listMyActions: unused, openUpdate: unused, actionRefsOf: unused, findActionToUpdate: unused, recordUpdate: unused, summary: unused, linkChannel: unused, meetings: unused, mapRole: unused, chase: unused, recordTypedUpdate: unused, undoUpdate: unused, history: unused, watchList: unused, chairedBodies: unused, personalChat: unused, yearEnd: unused, closeAtYearEnd: unused, openDigest: unused, confirmLink: unused, createAndLink: unused, welcome: unused, setup: unused, saveSetup: unused, recordFor: unused, previewPlanUpload: unused, previewPlanUploadFor: unused, rereadPlanUpload: unused, importPlanUpload: unused, importMeetingsUpload: unused },
    conversations: { saveConversationReference: async () => {}, reportConversationLost: async (l) => void lost.push(l) },
    log: { info: () => {}, warn: () => {}, error: () => {} },
  });
}

const reference = (serviceUrl: string) => ({ conversation: { id: 'a:1personal' }, serviceUrl, channelId: 'msteams', bot: { id: '28:bot', name: 'bot' } });

describe('sendProactive', () => {
  let server: Server | undefined;
  afterEach(() => server?.close());

  it('sends and returns the id the connector gave', async () => {
    const c = await connector([200]);
    server = c.server;
    expect(await botWith([]).sendProactive(reference(c.url), { type: 'message', text: 'Due in 7 days' })).toEqual({ id: 'sent-1' });
  });

  // Microsoft asks for retries on 429 (after Retry-After) and 5xx: botbuilder's connector client does both itself.
  it('retries 429 and 503, then sends', async () => {
    const c = await connector([429, 503, 200]);
    server = c.server;
    expect(await botWith([]).sendProactive(reference(c.url), { type: 'message', text: 'x' })).toEqual({ id: 'sent-1' });
    expect(c.calls()).toBe(3);
  });

  it('reports a 403 as a lost conversation and fails with a stable code, without retrying', async () => {
    const c = await connector([403]);
    server = c.server;
    const lost: ConversationLost[] = [];
    const sending = botWith(lost).sendProactive(reference(c.url), { type: 'message', text: 'x' });
    await expect(sending).rejects.toBeInstanceOf(ProactiveSendError);
    await expect(sending).rejects.toMatchObject({ code: 'send-forbidden', status: 403 });
    expect(c.calls()).toBe(1);
    expect(lost).toMatchObject([{ reason: 'send-forbidden', place: { conversationId: 'a:1personal' } }]);
  });

  it('passes on the Retry-After of a 429 that outlasts the client’s own retries, for the scheduler to wait it out', async () => {
    const c = await connector([429]);
    server = c.server;
    const error = await botWith([]).sendProactive(reference(c.url), { type: 'message', text: 'x' }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'send-failed', status: 429, retryAfterMs: 0, reported: false });
    expect(classifySendError(error)).toMatchObject({ reason: 'throttled', retryAfterMs: 0, reported: false });
  });

  it('sends a chase view as its activity: the line saying why and the card', async () => {
    const c = await connector([200]);
    server = c.server;
    const bodies: unknown[] = [];
    c.server.prependListener('request', (req) => {
      const chunks: Buffer[] = [];
      req.on('data', (d: Buffer) => chunks.push(d));
      req.on('end', () => bodies.push(JSON.parse(Buffer.concat(chunks).toString('utf8'))));
    });
    const entry = { key: { bodyId: UPDATE_FORM.bodyId, year: UPDATE_FORM.year, ref: UPDATE_FORM.ref }, bodyName: 'Purbeck PCG', text: UPDATE_FORM.text, reason: 'due in 8 days, Sat 31 Mar 2018', section: 'yours' as const, status: UPDATE_FORM.status, deadline: UPDATE_FORM.deadline, deadlineText: UPDATE_FORM.deadlineText, lead: null, done: false };
    const digest = { timeZone: 'Europe/London', ref: { bodyId: UPDATE_FORM.bodyId, id: 'sent:digest:t:p:2018-03-23' }, audience: 'person' as const, date: '2018-03-23', entries: [entry] };
    await botWith([]).sendView(reference(c.url), { kind: 'digest', digest, viewerId: '29:lead' });
    await new Promise((resolve) => setImmediate(resolve));
    expect(bodies[0]).toMatchObject({ type: 'message', attachments: [{ contentType: 'application/vnd.microsoft.card.adaptive' }] });
    expect(JSON.stringify(bodies[0])).toContain('Due in 8 days, Sat 31 Mar 2018.');
  });
});
