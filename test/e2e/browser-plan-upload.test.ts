import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readSeed000, SEED_000_NAME } from '../fixtures/seed-000.js';
import { ARTIFACTS, openAppInBrowser, waitForCard, type AppInBrowser } from './chromium.js';
import { startFileServer, type FileServer } from './file-server.js';
import { PlaygroundClient } from './playground-client.js';

/**
 * What a coordinator sees after sending a plan file (issue 14), in headless
 * Chromium: the preview card with its carry-forward links, then the card it
 * becomes on Import. The file arrives through the Playground's raw-activity
 * API (its page cannot attach files); the page shows the bot's answer.
 * Screenshots are left in test-artifacts/ to be looked at.
 */
describe('plan upload on the Playground page', () => {
  let files: FileServer;
  let ui: AppInBrowser;

  beforeAll(async () => {
    files = await startFileServer();
    ui = await openAppInBrowser({ settings: { PLAYGROUND_USER: 'coordinator' }, clock: () => new Date('2017-08-01T09:00:00Z') });
    // The preview is a long card: a tall window shows all of it in one screenshot.
    await ui.page.setViewportSize({ width: 1280, height: 5000 });
  }, 180_000);
  afterAll(async () => {
    await ui?.close();
    await files?.close();
  });

  it('the seed-000 sign-off paper: preview with links to untick, then Import changes the card in place', async () => {
    await expect.poll(() => ui.page.locator('[data-lexical-editor="true"]').count(), { timeout: 60_000 }).toBeGreaterThan(0);
    files.put(SEED_000_NAME, await readSeed000());
    const me = ui.app.me;
    await new PlaygroundClient(ui.app.server.playground!.url).sendFile(ui.app.ids.personalChatId, { id: me.id, name: me.name, aadObjectId: me.aadObjectId }, SEED_000_NAME, files.url(SEED_000_NAME));
    const preview = await waitForCard(ui.page, `Preview: ${SEED_000_NAME} for Purbeck PCG (sample)`);
    await preview.scrollIntoViewIfNeeded();
    await ui.page.waitForTimeout(500);
    await preview.screenshot({ path: `${ARTIFACTS}plan-upload-preview.png` });
    expect(await preview.getByText(/4\.1 continues 2016-17 4\.7 \(score 1\.00\)/).count()).toBe(1);
    expect(await preview.getByRole('button', { name: 'Import' }).count()).toBe(1);

    // Untick 5.5's link, as a coordinator who knows better would.
    await preview.getByText(/5\.5 continues 2016-17 4\.6/).click();
    await preview.getByRole('button', { name: 'Import' }).click();
    const imported = await waitForCard(ui.page, `✔ Imported ${SEED_000_NAME} into Purbeck PCG (sample)`, 60_000);
    await imported.scrollIntoViewIfNeeded();
    await ui.page.waitForTimeout(500);
    await imported.screenshot({ path: `${ARTIFACTS}plan-upload-imported.png` });
    const action = async (ref: string) => (await ui.app.server.app.deps.store.listActions('purbeck-pcg', '2017-18')).find((a) => a.value.ref === ref)!.value;
    expect((await action('4.1')).continues).toMatchObject({ year: '2016-17', ref: '4.7' });
    expect((await action('5.5')).continues).toBeNull();
  }, 150_000);
});
