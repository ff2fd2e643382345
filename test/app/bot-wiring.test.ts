import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { botUseCases, conversationPorts } from '../../src/app/bot-wiring.js';
import { personKey } from '../../src/domain/partnership.js';
import { linkChannel } from '../../src/services/link-channel.js';
import { rememberConversation } from '../../src/services/remember-conversation.js';
import { verifyReportLink } from '../../src/services/report-link.js';
import { startApp, type App } from '../../src/app/start-app.js';
import { freshDataDir } from '../data-dir.js';

/** The bot's ports over the embedded store with the sample partnership: what the Teams layer's events do to the record. */
describe('bot wiring', () => {
  let app: App;
  const sent: Array<{ conversationId: string; text: string; scope: string | undefined; mentions: unknown[] }> = [];
  const warnings: string[] = [];
  const channel = { channelId: 'msteams', serviceUrl: 'https://smba.trafficmanager.net/uk/', conversation: { id: '19:pcg@thread.tacv2', conversationType: 'channel' } };

  beforeAll(async () => {
    app = await startApp(loadConfig({ DATA_DIR: freshDataDir() }), { clock: () => new Date('2017-11-01T10:00:00Z') });
    await linkChannel(app.deps, { bodyId: 'purbeck-pcg', name: 'PCG', reference: channel, by: app.sample!.pcg.chairs[0]! });
  });
  afterAll(async () => {
    await app?.stop();
  });

  const ports = () =>
    conversationPorts(app.deps, {
      tenantId: app.sample!.pcg.tenantId,
      log: { info: () => {}, warn: (m) => void warnings.push(m), error: (m) => void warnings.push(m) },
      send: () => async (reference, activity, scope) => {
        sent.push({ conversationId: reference.conversation.id, text: String(activity.text), scope, mentions: activity.entities ?? [] });
        return { id: 'm1' };
      },
    });

  it('a 403 on a 1:1 send marks the person in the reference unreachable and tells the chair in the linked channel, once', async () => {
    const taylor = app.sample!.pcg.roles.find((r) => r.key === 'TO-ET')!.person;
    const reference = { channelId: 'msteams', serviceUrl: 'https://smba.trafficmanager.net/uk/', conversation: { id: 'a:1taylor' }, user: { id: '29:1taylor', aadObjectId: taylor.aadObjectId } };
    const lost = { reason: 'send-forbidden' as const, place: { scope: 'personal' as const, conversationId: 'a:1taylor', teamId: null, channelId: null }, person: null, reference, detail: 'Teams refused the message (403)' };
    await ports().reportConversationLost(lost);
    await ports().reportConversationLost(lost);

    expect(sent).toEqual([
      {
        conversationId: channel.conversation.id,
        scope: 'channel',
        // One message per person and body, naming every open action they lead; the chair is @mentioned so Teams tells them.
        text: '<at>Cllr Pat Dunmore</at>: the bot cannot reach Taylor Quinn for 2 actions of Purbeck PCG (sample) (role TO-ET): 2.3 and 2.4. Teams refuses the bot’s messages to them (blocked, or the app removed): map the role to someone else, or ask them to open the app again.',
        mentions: [{ type: 'mention', text: '<at>Cllr Pat Dunmore</at>', mentioned: { id: app.sample!.pcg.chairs[0]!.aadObjectId, name: 'Cllr Pat Dunmore' } }],
      },
    ]);
    const entry = await app.deps.store.readPerson(personKey(taylor));
    expect(entry?.value.unreachable).toEqual({ since: '2017-11-01T10:00:00.000Z', reason: 'send-forbidden', detail: 'Teams refused the message (403)' });

    // Writing to the bot again makes them reachable.
    await ports().saveConversationReference({ reason: 'message', place: lost.place, person: taylor, reference });
    expect((await app.deps.store.readPerson(personKey(taylor)))?.value.unreachable).toBeNull();
  });

  it('a chair who is lost is not told about themselves: the notice names them to no one, and never as its addressee', async () => {
    const chair = app.sample!.pcg.chairs[0]!;
    sent.length = 0;
    await ports().reportConversationLost({
      reason: 'member-removed',
      place: { scope: 'channel', conversationId: channel.conversation.id, teamId: 't', channelId: 'c' },
      person: chair,
      reference: channel,
      detail: 'left the team',
    });
    expect(sent).toHaveLength(1);
    expect(sent[0]!.mentions).toEqual([]);
    expect(sent[0]!.text).toBe("The bot cannot reach Cllr Pat Dunmore about Purbeck PCG (sample)'s actions. They left the team: ask them to open the app again.");
  });

  it('the summary is refused outside a channel, and an unknown number lists the person’s own', async () => {
    const uc = botUseCases(app.deps);
    const jordan = app.sample!.pcg.roles.find((r) => r.key === 'ASBRO')!.person;
    await expect(uc.summary(jordan, { scope: 'personal', conversationId: 'a:1', teamId: null, channelId: null })).rejects.toThrow('mention me there');
    await expect(uc.findActionToUpdate(jordan, '9.9')).rejects.toThrow("There is no action 9.9 in Purbeck PCG (sample)'s 2017-18 plan; your actions are 2.1, 2.2, 2.5, 2.6, 2.7, 2.8, 4.1 and 5.1.");
  });

  it('the chair finds any action by its number, as chairs may update any', async () => {
    const view = await botUseCases(app.deps).findActionToUpdate(app.sample!.pcg.chairs[0]!, '2.3');
    expect(view).toMatchObject({ ref: '2.3', bodyId: 'purbeck-pcg', timeZone: 'Europe/London', latestId: null });
  });

  it('the update card refreshes itself for everyone who may update the action and has a chat with the bot', async () => {
    const pcg = app.sample!.pcg;
    const lead = pcg.roles.find((r) => r.key === 'TO-ET')!.person;
    const chair = pcg.chairs[0]!;
    const personal = (id: string) => ({ channelId: 'msteams', serviceUrl: 'https://smba.trafficmanager.net/uk/', conversation: { id: `a:${id}` }, user: { id: `29:${id}` } });
    await rememberConversation(app.deps, { person: lead, reference: personal('lead') });
    await rememberConversation(app.deps, { person: chair, reference: personal('chair') });
    await rememberConversation(app.deps, { person: pcg.roles.find((r) => r.key === 'ASBRO')!.person, reference: personal('not-on-2.3') });
    const view = await botUseCases(app.deps).findActionToUpdate(chair, '2.3');
    expect(view.refreshUserIds.sort()).toEqual(['29:chair', '29:lead']);
  });

  it('the summary is for the next meeting on the body’s calendar: overdue with days, due before it, who has not reported, and signed links to the table', async () => {
    const uc = botUseCases(app.deps, { secret: 's'.repeat(32), publicBaseUrl: () => 'https://actions.example.org/' });
    const chair = app.sample!.pcg.chairs[0]!;
    const view = await uc.summary(chair, { scope: 'channel', conversationId: channel.conversation.id, teamId: 't', channelId: channel.conversation.id });
    // 1 November 2017: the meetings either side are 25 October and 6 December.
    expect(view).toMatchObject({ title: 'Purbeck PCG (sample): 2017-18 plan', meeting: '2017-12-06T14:00', timeZone: 'Europe/London' });
    expect(view.overdue).toContainEqual(expect.objectContaining({ ref: '2.2', daysOverdue: 1, lead: 'ASBRO (Jordan Reeves)' }));
    expect(view.dueBeforeMeeting!.every((d) => d.deadline >= '2017-11-01' && d.deadline <= '2017-12-06')).toBe(true);
    expect(view.notReported).toContainEqual(expect.objectContaining({ lead: 'ASBRO (Jordan Reeves)' }));
    expect(view.total).toBe(view.priorities.reduce((n, p) => n + Object.values(p.counts).reduce((a, b) => a + (b ?? 0), 0), 0));
    expect(view.downloads!.map((d) => d.title)).toEqual(['Download the progress table (Word)', 'Download the progress table (Excel)']);
    const [word, excel] = view.downloads!.map((d) => d.url) as [string, string];
    expect(word.startsWith('https://actions.example.org/api/reports/')).toBe(true);
    const now = new Date('2017-11-01T10:00:00Z');
    expect(verifyReportLink('s'.repeat(32), word.split('/').pop()!, now)).toMatchObject({ body: 'purbeck-pcg', format: 'docx', year: '2017-18' });
    expect(verifyReportLink('s'.repeat(32), excel.split('/').pop()!, now)).toMatchObject({ format: 'xlsx' });
    // A day later the link has expired.
    expect(() => verifyReportLink('s'.repeat(32), word.split('/').pop()!, new Date('2017-11-02T10:00:00Z'))).toThrow('expired');
  });

  it('a CSP’s summary is its PCGs’ *CSP action actions, read from each PCG, with no download of a plan it does not hold', async () => {
    const csp = { ...channel, conversation: { id: '19:csp@thread.tacv2', conversationType: 'channel' } };
    const cspBody = (await app.deps.store.readBody('dorset-csp'))!.value;
    await linkChannel(app.deps, { bodyId: 'dorset-csp', name: 'CSP', reference: csp, by: cspBody.chairs[0] ?? cspBody.coordinators[0]! });
    const view = await botUseCases(app.deps, { secret: 's'.repeat(32), publicBaseUrl: () => 'https://actions.example.org' }).summary(cspBody.chairs[0] ?? cspBody.coordinators[0]!, { scope: 'channel', conversationId: csp.conversation.id, teamId: 't', channelId: csp.conversation.id });
    const refs = [...view.overdue, ...(view.dueBeforeMeeting ?? [])].map((o) => o.ref);
    expect(view.total).toBeGreaterThan(0);
    expect(view.total).toBeLessThan(21);
    // The sample CSP holds no plan of its own, so there is no table of its own to download.
    expect(cspBody.currentPlanYear).toBeNull();
    expect(view.downloads).toEqual([]);
    const cspActions = (await app.deps.store.listActions('purbeck-pcg', '2017-18')).filter((a) => a.value.plan.cspAction).map((a) => a.value.ref);
    expect(view.total).toBe(cspActions.length);
    for (const ref of refs) expect(cspActions.map((r) => `Purbeck PCG (sample) ${r}`)).toContain(ref);
    expect(view.overdue.concat(view.dueBeforeMeeting ?? []).every((o) => o.lead.includes('('))).toBe(true);
  });
});
