import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PlaygroundUser } from '../../src/local/agents-playground.js';
import { actionHistory } from '../../src/services/action-history.js';
import { recordUpdate } from '../../src/services/record-update.js';
import type { RunningServer } from '../../src/app/start-server.js';
import { VERBS } from '../../src/teams/verbs.js';
import { startEmbeddedApp, type EmbeddedApp } from './embedded-app.js';
import { importNextYearPlan } from './next-year-plan.js';
import type { BotMessage, PlaygroundClient } from './playground-client.js';

const SECRET = 'year-end-report-link-secret-0123456789';

type Card = { body: unknown[]; actions?: Array<{ type: string; title: string; url?: string }> };

/**
 * Issue 19 in Teams: the sample partnership's 2017-18 plan is in, a lead has
 * reported on 2.3; on 1 May 2018 its coordinator imports the 2018-19 plan
 * (priority 2 only, so 2.x carry forward and the rest of 2017-18 is left
 * open). The coordinator lists and closes what is left, the chair's summary
 * offers the sign-off report, and 2.3's card says what it continues.
 */
describe('the year end in the Agents Playground', () => {
  let server: RunningServer;
  let client: PlaygroundClient;
  let ids: NonNullable<RunningServer['playground']>['ids'];
  let app: EmbeddedApp;
  let lead: PlaygroundUser;
  let coordinator: PlaygroundUser;
  let chair: PlaygroundUser;
  let now = new Date('2018-03-20T10:00:00Z');

  const card = (m: BotMessage) => m.message.attachments[0]!.content as Card;
  const cardWith = (text: string) => (m: BotMessage) => m.message.attachments.length > 0 && JSON.stringify(card(m)).includes(text);
  const as = async (who: PlaygroundUser, text: string, match: (m: BotMessage) => boolean = () => true) => {
    await client.customActivity(ids.personalChatId, { type: 'message', text, from: { id: who.id, name: who.name, aadObjectId: who.aadObjectId } });
    return client.waitForBotMessage(ids.personalChatId, match);
  };
  const press = async (posted: BotMessage, data: Record<string, unknown>) =>
    (await client.execute(ids.personalChatId, { id: coordinator.id }, posted.message.messageId, VERBS.closeAtYearEnd, data)).body as { type: string; value: Card };
  const history = (ref: string, year = '2017-18') => actionHistory(server.app.deps, { bodyId: 'purbeck-pcg', ref, year });

  beforeAll(async () => {
    // The coordinator is the Playground's own user: its personal chat takes card presses from them only.
    // Installed after the import below: the welcome reads the body, and the bot keeps a body it read for a few seconds.
    app = await startEmbeddedApp({ settings: { REPORT_LINK_SECRET: SECRET, PLAYGROUND_USER: 'coordinator' }, clock: () => now, install: false });
    ({ server, client, ids } = app);
    coordinator = app.me;
    lead = app.person('Taylor Quinn');
    chair = app.person('Cllr Pat Dunmore');
    const tenantId = server.playgroundPeople!.tenantId;
    // Through the service, not the chat: the bot keeps the body it read for a few seconds, and the import below changes it.
    await recordUpdate(server.app.deps, {
      bodyId: 'purbeck-pcg',
      ref: '2.3',
      status: 'amber',
      narrative: 'venue booked for April',
      author: { tenantId, aadObjectId: lead.aadObjectId, displayName: lead.name },
      source: 'command',
    });

    now = new Date('2018-05-01T09:00:00Z');
    await importNextYearPlan(server.app.deps, { tenantId, aadObjectId: coordinator.aadObjectId });
    await client.install(ids.personalChatId);
    await client.waitForBotMessage(ids.personalChatId, (m) => (m.message.text ?? '').startsWith('Welcome to Partnership Actions'));
  }, 60_000);
  afterAll(async () => {
    await app?.stop();
  });

  it('year-end lists the coordinator last year’s open actions not carried forward, each with a Close form', async () => {
    const posted = await as(coordinator, 'year-end', cardWith('closing the 2017-18 plan'));
    const text = JSON.stringify(card(posted));
    expect(text).toContain('Purbeck PCG (sample): closing the 2017-18 plan');
    expect(text).toContain('not carried forward into the 2018-19 plan');
    expect(text).toContain('"**1.2** Ensure all staff are aware');
    expect(text).toContain('"title":"Close 1.2…"');
    expect(text).toContain('"id":"status-1.2"');
    // 2.3 continues in the 2018-19 plan, so it is not left open.
    expect(text).not.toContain('**2.3**');
  });

  it('closing one records the coordinator’s update and lists the rest; a close without a reason or with an open status changes nothing', async () => {
    const posted = await as(coordinator, 'year-end', cardWith('closing the 2017-18 plan'));
    const before = (await history('1.2')).updates;
    const key = { bodyId: 'purbeck-pcg', year: '2017-18', ref: '1.2' };

    for (const [inputs, says] of [
      [{ 'status-1.2': 'not-completed', 'reason-1.2': '   ' }, 'say why: the reason goes into the sign-off report'],
      [{ 'status-1.2': 'green', 'reason-1.2': 'still going' }, '\\"green\\" is not a year-end status: close with completed or not-completed'],
      [{ 'reason-1.2': 'no status given' }, 'is not a year-end status'],
    ] as const) {
      const refused = await press(posted, { ...key, ...inputs });
      expect(JSON.stringify(refused.value)).toContain(says);
      expect(JSON.stringify(refused.value)).toContain('**1.2**');
      expect((await history('1.2')).updates).toEqual(before);
    }

    const closed = await press(posted, { ...key, 'status-1.2': 'not-completed', 'reason-1.2': 'Guidance superseded by the county protocol.' });
    const after = JSON.stringify(closed.value);
    expect(after).toContain('Closed 1.2 as ✘ Not completed.');
    expect(after).not.toContain('**1.2**');
    expect(after).toContain('**1.3**');
    const h = await history('1.2');
    expect(h.updates).toHaveLength(before.length + 1);
    expect(h.action.latest).toMatchObject({ status: 'not-completed', narrative: 'Guidance superseded by the county protocol.', source: 'card', author: { aadObjectId: coordinator.aadObjectId } });
  });

  it('a lead, who coordinates and chairs nothing, is told there is nothing for them to close', async () => {
    const reply = await as(lead, 'year-end');
    expect(reply.message.text).toContain('Nothing to close');
  });

  it('the chair’s summary says what is left open and its Sign-off report button downloads the 2017-18 report as Word', async () => {
    const summary = await as(chair, 'summary', cardWith('Purbeck PCG (sample): 2018-19 plan'));
    const text = JSON.stringify(card(summary));
    expect(text).toMatch(/\d+ actions of the 2017-18 plan are still open and not carried forward/);
    const signOff = card(summary).actions!.find((a) => a.title === 'Sign-off report 2017-18 (Word)');
    expect(signOff?.type).toBe('Action.OpenUrl');
    const response = await fetch(signOff!.url!);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
    expect(response.headers.get('content-disposition')).toContain('purbeck-pcg-2017-18-sign-off-2018-05-01.docx');
    const bytes = new Uint8Array(await response.arrayBuffer());
    const JSZip = (await import('jszip')).default;
    const xml = await (await JSZip.loadAsync(bytes)).file('word/document.xml')!.async('string');
    expect(xml).toContain('Action 1.2</w:t></w:r><w:r><w:t xml:space="preserve"> – Guidance superseded by the county protocol.');
    expect(xml).toContain('Carried forward as action 2.3 of the 2018-19 plan. venue booked for April.');
  });

  it('the carried-forward action’s card says what it continues, and its history shows last year’s updates under the old ref', async () => {
    const updateCard = await as(lead, 'update 2.3', cardWith('Update action 2.3'));
    expect(JSON.stringify(card(updateCard))).toContain('Continues 2017-18 2.3');
    expect((await history('2.3', '2018-19')).earlier.map((e) => e.action.year)).toEqual(['2017-18']);
    const shown = await as(lead, 'history 2.3');
    expect(shown.message.text).toContain('continues 2017-18 2.3');
    expect(shown.message.text).toMatch(/· as 2017-18 2\.3 · ▲ Amber · Taylor Quinn, by chat: venue booked for April/);
  });
});
