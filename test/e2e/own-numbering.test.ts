import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PlaygroundUser } from '../../src/local/agents-playground.js';
import type { Person } from '../../src/domain/partnership.js';
import { actionHistory } from '../../src/services/action-history.js';
import { createBody } from '../../src/services/create-body.js';
import { importPlan } from '../../src/services/import-plan.js';
import { mapRole } from '../../src/services/map-role.js';
import { plan as planOf, planAction } from '../store/cosmos-fixture.js';
import { startEmbeddedApp, type EmbeddedApp } from './embedded-app.js';
import type { BotMessage } from './playground-client.js';

/**
 * A lead whose plan numbers its actions its own way (a scrutiny review's R1,
 * a DA plan's "DAB 1", plain integers, as published plans do) tells the bot
 * how one stands by the ref on their cards, in the local Teams client.
 */
describe('updates typed in a plan’s own numbering, in the Agents Playground', () => {
  let app: EmbeddedApp;
  let taylor: PlaygroundUser;
  let now = new Date('2018-03-20T10:00:00Z');
  const BODY = 'scrutiny-panel';

  const action = (ref: string, text: string) => planAction(ref, { action: text, support: [] });

  beforeAll(async () => {
    app = await startEmbeddedApp({ clock: () => now });
    taylor = app.me;
    const deps = app.server.app.deps;
    const sample = app.server.app.sample!.pcg;
    const lead: Person = sample.roles.find((r) => r.key === 'TO-ET')!.person!;
    const coordinator = sample.coordinators[0] ?? sample.chairs[0]!;
    await createBody(deps, { id: BODY, kind: 'csp', name: 'Scrutiny Review Panel', parentId: null, tenantId: sample.tenantId, chairs: [], coordinators: [coordinator] });
    const plan = planOf([], 'CCTV SCRUTINY REVIEW ACTION PLAN 2017-2018');
    plan.priorities = [{ number: 1, title: 'Recommendations', corporatePriority: null, actions: [action('R1', 'Review the CCTV control room staffing'), action('DAB 1', 'Publish the DA Bill duties'), action('7', 'Report to the panel')] }];
    await importPlan(deps, { bodyId: BODY, plan, fileName: 'review.docx', by: coordinator });
    await mapRole(deps, { bodyId: BODY, roleKey: 'CSO', person: lead, by: coordinator });
  }, 60_000);
  afterAll(async () => {
    await app?.stop();
  });

  const history = (ref: string) => actionHistory(app.server.app.deps, { bodyId: BODY, ref });
  const cardText = (m: BotMessage) => JSON.stringify(m.message.attachments[0]?.content ?? null);

  async function say(text: string, match: (m: BotMessage) => boolean = () => true): Promise<BotMessage> {
    await app.client.sendMessage(app.ids.personalChatId, { id: taylor.id }, text);
    return app.client.waitForBotMessage(app.ids.personalChatId, match);
  }

  it.each([
    ['R1 done', 'R1', 'completed', ''],
    ['dab1 amber - waiting for the Home Office guidance', 'DAB 1', 'amber', 'waiting for the Home Office guidance'],
    ['7 green', '7', 'green', ''],
  ])('"%s" is recorded on action %s as typed', async (typed, ref, status, narrative) => {
    now = new Date(now.getTime() + 60_000);
    const reply = await say(typed, (m) => cardText(m).includes(`Update recorded for action ${ref}`));
    expect(cardText(reply)).toContain(narrative === '' ? '(none)' : narrative);
    expect((await history(ref)).action.latest).toMatchObject({ status, narrative, source: 'command', author: { aadObjectId: taylor.aadObjectId } });
  });

  it('a bare ref opens its card; history takes the ref as typed', async () => {
    await say('DAB 1', (m) => cardText(m).includes('Update action DAB 1'));
    expect((await say('history r1')).message.text).toContain('**R1** Review the CCTV control room staffing');
  });

  it('a message that starts with a number the plans do not hold is not taken for an update', async () => {
    const before = (await history('7')).updates;
    expect((await say('2 questions about the rota')).message.text).toMatch(/^I did not understand/);
    // One that reads as an update is told which actions there are, as "9.9 done" is.
    expect((await say('R9 done')).message.text).toMatch(/There is no action R9 in .*; your actions are 2.3, 2.4, 7 and DAB 1\./);
    expect((await history('7')).updates).toEqual(before);
  });
});
