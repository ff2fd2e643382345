import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { linkToken } from '../../src/domain/partnership.js';
import { linkChannel } from '../../src/services/link-channel.js';
import { ARTIFACTS, mentionBotInPcgChannel, openAppInBrowser, waitForCard, type AppInBrowser } from './chromium.js';

/**
 * What the coordinator sees (issue 14 item 4) in headless Chromium: the
 * sample PCG has been linked to the team's General channel, and `link
 * purbeck-pcg` in the PCG channel asks before moving it, naming General.
 * The screenshot is left in test-artifacts/ to be looked at.
 */
describe('the link confirmation on the Playground page', () => {
  let ui: AppInBrowser;

  beforeAll(async () => {
    ui = await openAppInBrowser({
      settings: { PLAYGROUND_USER: 'coordinator' },
      async prepare({ server, ids }) {
        const pcg = (await server.app.deps.store.readBody('purbeck-pcg'))!.value;
        const general = { ...pcg.channel!.reference, conversation: { ...pcg.channel!.reference.conversation, id: ids.teamId } };
        await linkChannel(server.app.deps, { bodyId: pcg.id, name: 'General', reference: general, by: pcg.coordinators[0]!, replacing: linkToken(pcg.channel!) });
      },
    });
  }, 180_000);
  afterAll(() => ui?.close());

  it('link purbeck-pcg in the PCG channel shows Confirm and Cancel, naming the channel it would leave; nothing changes until Confirm', async () => {
    const before = (await ui.server.app.deps.store.readBody('purbeck-pcg'))!.value.channel;
    await mentionBotInPcgChannel(ui.page, 'link purbeck-pcg');
    const card = await waitForCard(ui.page, 'Move Purbeck PCG (sample) to this channel?');
    await card.scrollIntoViewIfNeeded();
    await ui.page.waitForTimeout(500);
    await card.screenshot({ path: `${ARTIFACTS}link-confirm.png` });
    expect(await card.getByRole('button', { name: 'Confirm: link here' }).count()).toBe(1);
    expect(await card.getByRole('button', { name: 'Cancel' }).count()).toBe(1);
    expect(await card.getByText('Linking it here unlinks "General"', { exact: false }).count()).toBe(1);
    expect((await ui.server.app.deps.store.readBody('purbeck-pcg'))!.value.channel).toEqual(before);

    await card.getByRole('button', { name: 'Confirm: link here' }).click();
    await waitForCard(ui.page, 'Linked to Purbeck PCG (sample)');
    await ui.page.screenshot({ path: `${ARTIFACTS}link-confirmed.png` });
    expect((await ui.server.app.deps.store.readBody('purbeck-pcg'))!.value.channel?.reference.conversation.id).toBe(ui.app.ids.channelId);
  }, 90_000);
});
