import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config.js';
import { botUseCases, conversationPorts } from '../src/bot-wiring.js';
import { personKey } from '../src/domain/partnership.js';
import { linkChannel } from '../src/services/link-channel.js';
import { startApp, type App } from '../src/start-app.js';

/** The bot's ports over the embedded store with the sample partnership: what the Teams layer's events do to the record. */
describe('bot wiring', () => {
  let app: App;
  const sent: Array<{ conversationId: string; text: string; scope: string | undefined }> = [];
  const warnings: string[] = [];
  const channel = { channelId: 'msteams', serviceUrl: 'https://smba.trafficmanager.net/uk/', conversation: { id: '19:pcg@thread.tacv2', conversationType: 'channel' } };

  beforeAll(async () => {
    app = await startApp(loadConfig({}), { clock: () => new Date('2017-11-01T10:00:00Z') });
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
        sent.push({ conversationId: reference.conversation.id, text: String(activity.text), scope });
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
        text: "Cllr Pat Dunmore: Taylor Quinn can no longer be messaged by the bot (blocked or app removed), so the bot cannot prompt them about Purbeck PCG (sample)'s actions (role TO-ET). Map the role to someone else, or ask them to open the app again.",
      },
    ]);
    const entry = await app.deps.store.readPerson(personKey(taylor));
    expect(entry?.value.unreachable).toEqual({ since: '2017-11-01T10:00:00.000Z', reason: 'send-forbidden', detail: 'Teams refused the message (403)' });

    // Writing to the bot again makes them reachable.
    await ports().saveConversationReference({ reason: 'message', place: lost.place, person: taylor, reference });
    expect((await app.deps.store.readPerson(personKey(taylor)))?.value.unreachable).toBeNull();
  });

  it('the summary is refused outside a channel, and an unknown number lists the person’s own', async () => {
    const uc = botUseCases(app.deps);
    const jordan = app.sample!.pcg.roles.find((r) => r.key === 'ASBRO')!.person;
    await expect(uc.summary(jordan, { scope: 'personal', conversationId: 'a:1', teamId: null, channelId: null })).rejects.toThrow('mention me there');
    await expect(uc.findActionToUpdate(jordan, '9.9')).rejects.toThrow("There is no action 9.9 in Purbeck PCG (sample)'s 2017-18 plan; your actions are 2.1, 2.2, 2.5, 2.6, 2.7, 2.8, 4.1, 5.1.");
  });

  it('the chair finds any action by its number, as chairs may update any', async () => {
    const view = await botUseCases(app.deps).findActionToUpdate(app.sample!.pcg.chairs[0]!, '2.3');
    expect(view).toMatchObject({ ref: '2.3', bodyId: 'purbeck-pcg', timeZone: 'Europe/London', latestId: null });
  });
});
