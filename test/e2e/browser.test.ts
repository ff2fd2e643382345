import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { actionHistory } from '../../src/services/action-history.js';
import { recordUpdate } from '../../src/services/record-update.js';
import { ARTIFACTS, mentionBotInPcgChannel, openAppInBrowser, typeInChat, waitForCard, type AppInBrowser } from './chromium.js';

/**
 * A person's view: `npm start`'s composition with the Playground page in
 * headless Chromium, typing into the chat and using the card as a lead would.
 */
describe('the Playground page in a browser', () => {
  let ui: AppInBrowser;

  beforeAll(async () => {
    ui = await openAppInBrowser();
  }, 120_000);
  afterAll(() => ui?.close());


  it('my actions shows the lead’s actions as a card', async () => {
    await typeInChat(ui.page, 'my actions');
    await expect.poll(() => ui.page.getByText('Taylor Quinn: 2 open actions').count(), { timeout: 15_000 }).toBeGreaterThan(0);
    await ui.page.screenshot({ path: `${ARTIFACTS}playground-my-actions.png` });
  }, 30_000);

  it('update 2.3: choose a status, write a narrative, Record update, and the card shows what was recorded', async () => {
    await typeInChat(ui.page, 'update 2.3');
    const card = await waitForCard(ui.page, 'Update action 2.3');
    await card.getByText('▲ Amber').click();
    await card.locator('textarea').fill('Trainer booked for 12 February; venue still to confirm with Wareham library.');
    await ui.page.screenshot({ path: `${ARTIFACTS}playground-update-filled.png` });
    await card.getByRole('button', { name: 'Record update' }).click();

    const recorded = await waitForCard(ui.page, '✔ Update recorded for action 2.3');
    await recorded.scrollIntoViewIfNeeded();
    await ui.page.screenshot({ path: `${ARTIFACTS}playground-update-recorded.png` });
    expect(await recorded.getByText('Taylor Quinn').count()).toBeGreaterThan(0);
    expect(await recorded.getByRole('button', { name: 'Update again' }).count()).toBe(1);

    const h = await actionHistory(ui.server.app.deps, { bodyId: 'purbeck-pcg', ref: '2.3' });
    expect(h.action.latest).toMatchObject({ status: 'amber', narrative: 'Trainer booked for 12 February; venue still to confirm with Wareham library.', source: 'card' });
  }, 45_000);

  it('a card gone stale while open shows the newer update and Record mine anyway, which records it', async () => {
    const recorded = await waitForCard(ui.page, '✔ Update recorded for action 2.3');
    await recorded.getByRole('button', { name: 'Update again' }).click();
    const card = await waitForCard(ui.page, 'Last update: Taylor Quinn');

    // Meanwhile the chair records an update, as from another device.
    const pcg = ui.server.app.sample!.pcg;
    await recordUpdate(ui.server.app.deps, { bodyId: pcg.id, ref: '2.3', status: 'red', narrative: 'Venue withdrawn; looking for another.', author: pcg.chairs[0]!, source: 'card', basedOn: (await actionHistory(ui.server.app.deps, { bodyId: pcg.id, ref: '2.3' })).action.latest!.id });

    await card.getByText('● Green').click();
    await card.locator('textarea').fill('Venue confirmed at Wareham library.');
    await card.getByRole('button', { name: 'Record update' }).click();
    const refused = await waitForCard(ui.page, 'someone recorded a newer update');
    await refused.scrollIntoViewIfNeeded();
    await ui.page.screenshot({ path: `${ARTIFACTS}playground-update-stale.png` });
    expect(await refused.locator('textarea').inputValue()).toBe('Venue confirmed at Wareham library.');

    await refused.getByRole('button', { name: 'Record mine anyway' }).click();
    await expect.poll(() => ui.page.locator('.ac-adaptiveCard').filter({ hasText: '✔ Update recorded for action 2.3' }).filter({ hasText: 'Venue confirmed' }).count(), { timeout: 15_000 }).toBe(1);
    const h = await actionHistory(ui.server.app.deps, { bodyId: pcg.id, ref: '2.3' });
    expect(h.updates.map((u) => u.status)).toEqual(['amber', 'red', 'green']);
  }, 45_000);

  it('@Partnership Actions summary in the PCG channel answers with the summary card', async () => {
    await mentionBotInPcgChannel(ui.page, 'summary');
    const card = await waitForCard(ui.page, 'Purbeck PCG (sample): 2017-18 plan');
    await card.scrollIntoViewIfNeeded();
    await ui.page.screenshot({ path: `${ARTIFACTS}playground-summary.png`, fullPage: true });
    expect(await card.getByText('Priority 2: Anti-social behaviour').count()).toBe(1);
  }, 45_000);
});
