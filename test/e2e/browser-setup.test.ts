import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ARTIFACTS, openAppInBrowser, typeInChat, waitForCard, type AppInBrowser } from './chromium.js';

/** The set-up card as the coordinator sees it in the local Teams client (headless Chromium). */
describe('the set-up card in the Playground page', () => {
  let ui: AppInBrowser;

  beforeAll(async () => {
    ui = await openAppInBrowser({ settings: { PLAYGROUND_USER: 'coordinator' } });
  }, 120_000);
  afterAll(() => ui?.close());

  it('setup in the 1:1 chat shows the body and a people picker for each role, no one’s roles first', async () => {
    await typeInChat(ui.page, 'setup');
    const card = await waitForCard(ui.page, 'Set up Purbeck PCG (sample)');
    // The card is taller than a laptop's screen: a tall window shows it whole.
    await ui.page.setViewportSize({ width: 1280, height: 2600 });
    await card.scrollIntoViewIfNeeded();
    await ui.page.screenshot({ path: `${ARTIFACTS}playground-setup.png` });
    expect(await card.getByText('Roles of the 2017-18 plan', { exact: false }).count()).toBe(1);
    expect(await card.getByRole('button', { name: 'Save roles' }).count()).toBe(1);
  }, 120_000);
});
