import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ARTIFACTS, openPlaygroundPage, typeInChat } from './chromium.js';
import { startEmbeddedApp, type EmbeddedApp } from './embedded-app.js';

/** The set-up card as the coordinator sees it in the local Teams client (headless Chromium). */
describe('the set-up card in the Playground page', () => {
  let browser: Browser;
  let page: Page;
  let app: EmbeddedApp;

  beforeAll(async () => {
    app = await startEmbeddedApp({ settings: { PLAYGROUND_USER: 'coordinator' }, client: false });
    ({ browser, page } = await openPlaygroundPage(app.server.playground!.url));
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  it('setup in the 1:1 chat shows the body and a people picker for each role, no one’s roles first', async () => {
    await typeInChat(page, 'setup');
    const card = page.locator('.ac-adaptiveCard').filter({ hasText: 'Set up Purbeck PCG (sample)' }).last();
    await expect.poll(() => card.count(), { timeout: 30_000 }).toBeGreaterThan(0);
    // The card is taller than a laptop's screen: a tall window shows it whole.
    await page.setViewportSize({ width: 1280, height: 2600 });
    await card.scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${ARTIFACTS}playground-setup.png` });
    expect(await card.getByText('Roles of the 2017-18 plan', { exact: false }).count()).toBe(1);
    expect(await card.getByRole('button', { name: 'Save roles' }).count()).toBe(1);
  }, 120_000);
});
