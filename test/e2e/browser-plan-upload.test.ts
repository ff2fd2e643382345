import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHAMPIONS_PLAN_CSV } from '../fixtures/champions-plan.js';
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

  it('a column read wrongly: Correct a column, choose LEAD for "Champion", Read again, Import (issue 11 item 7)', async () => {
    files.put('champions.csv', CHAMPIONS_PLAN_CSV);
    const me = ui.app.me;
    await new PlaygroundClient(ui.app.server.playground!.url).sendFile(ui.app.ids.personalChatId, { id: me.id, name: me.name, aadObjectId: me.aadObjectId }, 'champions.csv', files.url('champions.csv'));
    const preview = await waitForCard(ui.page, 'Preview: champions.csv for Purbeck PCG (sample)');
    await preview.getByRole('button', { name: 'Correct a column' }).click();
    const champion = preview.getByRole('combobox', { name: 'Champion', exact: true });
    await expect.poll(() => champion.count()).toBe(1);
    // The Playground renders a compact choice set as Fluent's combobox, showing the choice's title.
    expect(await champion.inputValue()).toBe('Extra column (keep as is)');
    await champion.click();
    await ui.page.getByRole('option', { name: 'LEAD', exact: true }).click();
    expect(await champion.inputValue()).toBe('LEAD');
    await preview.scrollIntoViewIfNeeded();
    await ui.page.waitForTimeout(500);
    await preview.screenshot({ path: `${ARTIFACTS}plan-upload-correct-column.png` });
    await preview.getByRole('button', { name: 'Read again' }).click();

    const corrected = await waitForCard(ui.page, 'Read with your corrections: “Champion” → LEAD');
    await corrected.scrollIntoViewIfNeeded();
    await ui.page.waitForTimeout(500);
    await corrected.screenshot({ path: `${ARTIFACTS}plan-upload-corrected.png` });
    await corrected.getByRole('button', { name: 'Import' }).click();
    await waitForCard(ui.page, '✔ Imported champions.csv into Purbeck PCG (sample)', 60_000);
    const leads = Object.fromEntries((await ui.app.server.app.deps.store.listActions('purbeck-pcg', '2018-19')).map((a) => [a.value.ref, a.value.plan.lead]));
    expect(leads).toEqual({ '1.1': 'CSO', '1.2': 'Housing Manager', '2.1': 'CSO' });
  }, 150_000);
});
