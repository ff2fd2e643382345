import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DomainError } from '../../src/domain/errors.js';
import type { BotUseCases, ConversationLost, ConversationSeen } from '../../src/teams/bot-ports.js';
import { CARDS_DIR, CARD_NAMES } from '../../src/teams/render-card.js';
import { startBot, type RunningBot } from '../../src/teams/start-bot.js';
import { VERBS, type VerbName } from '../../src/teams/verbs.js';
import { MY_ACTIONS, UPDATE_FORM, UPDATE_RECORDED } from './sample-views.js';

const TENANT = '7c0f3d0e-5a1b-4c7e-9a34-2f3f9e1c0001';
const quiet = { info: () => {}, warn: () => {}, error: () => {} };

/** A Teams `adaptiveCard/action` invoke as the connector posts it. */
function invoke(verb: string, data: unknown, tenantId = TENANT) {
  return {
    type: 'invoke',
    name: 'adaptiveCard/action',
    id: `f:${Math.random().toString(36).slice(2)}`,
    channelId: 'msteams',
    serviceUrl: 'https://smba.trafficmanager.net/uk/',
    timestamp: '2026-11-24T10:00:00.000Z',
    from: { id: '29:1lead', aadObjectId: '00000000-0000-4000-8000-000000000001', name: 'Laura Hughes' },
    recipient: { id: '28:bot', name: 'Partnership Actions' },
    conversation: { id: 'a:1personal', conversationType: 'personal', tenantId },
    channelData: { tenant: { id: tenantId } },
    value: { action: { type: 'Action.Execute', verb, data }, trigger: 'manual' },
  };
}

/** A use case the tests here never reach. */
async function unused(): Promise<never> {
  throw new DomainError('not-allowed', 'unused');
}

describe('the bot endpoint', () => {
  let bot: RunningBot;
  const calls: string[] = [];
  const seen: ConversationSeen[] = [];
  const lost: ConversationLost[] = [];
  const useCases: BotUseCases = {
    listMyActions: async () => MY_ACTIONS,
    openUpdate: async (_person, key) => {
      calls.push(`open ${key.ref}`);
      return UPDATE_FORM;
    },
    actionRefsOf: async () => [],
    findActionToUpdate: async () => UPDATE_FORM,
    recordUpdate: async (_person, submission) => {
      calls.push(`record ${submission.action.ref} ${submission.status}`);
      if (submission.narrative === '') throw new DomainError('narrative-required', 'Cannot record the update: a Red update needs a narrative');
      return UPDATE_RECORDED;
    },
    summary: unused,
    linkChannel: unused,
    confirmLink: unused,
    createAndLink: unused,
    welcome: async () => ({ firstName: null, openActions: [], chairs: [], coordinates: [], runBy: [] }),
    previewPlanUpload: unused,
    previewPlanUploadFor: unused,
    rereadPlanUpload: unused,
    importPlanUpload: unused,
    importMeetingsUpload: unused,
    meetings: unused,
    mapRole: unused,
    chase: unused,
    setup: unused,
    saveSetup: unused,
    recordFor: unused,
    recordTypedUpdate: async (_person, typed) => {
      calls.push(`typed ${typed.ref} ${typed.status}`);
      return UPDATE_RECORDED;
    },
    undoUpdate: unused,
    history: unused,
    watchList: unused,
    chairedBodies: async () => [],
    personalChat: async () => null,
    yearEnd: async () => [],
    closeAtYearEnd: unused,
    openDigest: async () => {
      throw new Error('no digest here');
    },
  };

  beforeAll(async () => {
    bot = await startBot({
      port: 0,
      tenantId: TENANT,
      timeZone: 'Europe/London',
      auth: { kind: 'none' },
      useCases,
      conversations: { saveConversationReference: async (s) => void seen.push(s), reportConversationLost: async (l) => void lost.push(l) },
      log: quiet,
      health: { store: 'embedded', version: '0.1.0' },
    });
  });
  afterAll(async () => {
    await bot.stop();
  });

  async function post(body: unknown, headers: Record<string, string> = { 'Content-Type': 'application/json' }) {
    const res = await fetch(`${bot.url}/api/messages`, { method: 'POST', headers, body: JSON.stringify(body) });
    const text = await res.text();
    return { status: res.status, body: text === '' ? null : JSON.parse(text) };
  }

  it('answers GET /healthz with the store kind and version', async () => {
    const res = await fetch(`${bot.url}/healthz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ok', store: 'embedded', version: '0.1.0' });
  });

  it('listens on loopback by default and refuses what is not an activity', async () => {
    expect(bot.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect((await fetch(`${bot.url}/api/messages`)).status).toBe(405);
    expect((await post('x', { 'Content-Type': 'text/plain' })).status).toBe(415);
    expect((await fetch(`${bot.url}/api/messages`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{' })).status).toBe(400);
    expect((await fetch(`${bot.url}/nowhere`)).status).toBe(404);
  });

  it('says which port is taken when it cannot listen', async () => {
    const port = Number(new URL(bot.url).port);
    await expect(startBot({ port, tenantId: TENANT, timeZone: 'Europe/London', auth: { kind: 'none' }, useCases, conversations: { saveConversationReference: async () => {}, reportConversationLost: async () => {} }, log: quiet, health: { store: 'embedded', version: '0' } })).rejects.toThrow(`127.0.0.1:${port} is already in use`);
  });

  it('has a route for every verb a card in cards/ uses, and each answers with a card (or, for a shared card’s Update, a line of text)', async () => {
    const used = new Set<string>();
    for (const name of CARD_NAMES) {
      for (const m of readFileSync(`${CARDS_DIR}${name}.card.json`, 'utf8').matchAll(/\$root\.verbs\.(\w+)/g)) used.add(m[1]!);
    }
    expect([...used].sort()).toEqual(Object.keys(VERBS).sort());
    for (const verb of used) {
      expect(bot.bot.routedVerbs.has(verb as VerbName)).toBe(true);
      const res = await post(invoke(VERBS[verb as VerbName], { bodyId: 'purbeck-pcg', year: '2017-18', ref: '3.2' }));
      expect(res.status).toBe(200);
      // An Update button on a shared card answers with a line of text, leaving the card as it was.
      if (verb === 'sendUpdateCard') expect(res.body).toMatchObject({ statusCode: 200, type: 'application/vnd.microsoft.activity.message', value: expect.any(String) });
      else expect(res.body).toMatchObject({ statusCode: 200, type: 'application/vnd.microsoft.card.adaptive', value: { type: 'AdaptiveCard' } });
    }
  });

  it('records an update and answers with what was recorded', async () => {
    const res = await post(invoke(VERBS.recordUpdate, { action: { bodyId: 'purbeck-pcg', year: '2017-18', ref: '3.2' }, basedOn: 'update:2017-18:3.2:abc', status: 'green', narrative: 'Launched.' }));
    expect(JSON.stringify(res.body.value)).toContain('Update recorded for action 3.2');
    expect(JSON.stringify(res.body.value)).toContain('Update again');
  });

  it('shows a refusal on the update card with the inputs kept', async () => {
    const res = await post(invoke(VERBS.recordUpdate, { action: { bodyId: 'purbeck-pcg', year: '2017-18', ref: '3.2' }, basedOn: '', status: 'red', narrative: '', revisedDeadline: '2018-06-30' }));
    const card = res.body.value;
    expect(JSON.stringify(card)).toContain('Not recorded: a Red update needs a narrative');
    expect(card.body.find((e: { id?: string }) => e.id === 'status').value).toBe('red');
    expect(card.body.find((e: { id?: string }) => e.id === 'revisedDeadline').value).toBe('2018-06-30');
  });

  it('answers a card whose data does not fit its verb with a card, not an error', async () => {
    const res = await post(invoke(VERBS.recordUpdate, { nonsense: true }));
    expect(res.status).toBe(200);
    expect(JSON.stringify(res.body.value)).toContain('This card is out of date');
  });

  it('refuses a card action from another tenant with a card, calling nothing', async () => {
    const before = calls.length;
    const res = await post(invoke(VERBS.recordUpdate, { action: { bodyId: 'purbeck-pcg', year: '2017-18', ref: '3.2' }, status: 'green', narrative: 'x' }, '11111111-2222-3333-4444-555555555555'));
    expect(res.status).toBe(200);
    expect(JSON.stringify(res.body.value)).toContain('belongs to another one');
    expect(calls.length).toBe(before);
  });

  it('refuses an activity that names no tenant, and one whose two tenant fields disagree', async () => {
    const none = invoke(VERBS.openUpdate, { bodyId: 'b', year: '2017-18', ref: '1.1' }) as Record<string, any>;
    delete none.conversation.tenantId;
    delete none.channelData;
    expect(JSON.stringify((await post(none)).body.value)).toContain('belongs to another one');
    const mixed = invoke(VERBS.openUpdate, { bodyId: 'b', year: '2017-18', ref: '1.1' }) as Record<string, any>;
    mixed.channelData.tenant.id = '11111111-2222-3333-4444-555555555555';
    expect(JSON.stringify((await post(mixed)).body.value)).toContain('belongs to another one');
  });
});
