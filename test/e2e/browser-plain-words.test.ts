import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { actionHistory } from '../../src/services/action-history.js';
import { ARTIFACTS, docScreenshot, mentionBotInPcgChannel, openAppInBrowser, typeInChat, waitForCard, type AppInBrowser } from './chromium.js';

/**
 * What a lead and a chair see (issue 15), in headless Chromium: an update
 * typed in plain words and its recorded card with Undo; the summary with
 * its charts. Screenshots are left in test-artifacts/ to be looked at.
 */
describe('plain words on the Playground page', () => {
  let ui: AppInBrowser;

  beforeAll(async () => {
    ui = await openAppInBrowser({ clock: () => new Date('2018-03-20T10:00:00Z') });
  }, 180_000);
  afterAll(() => ui?.close());


  it('2.3 complete: training delivered to 40 staff — recorded, shown with Undo', async () => {
    await typeInChat(ui.page, '2.3 complete: training delivered to 40 staff');
    const recorded = await waitForCard(ui.page, '✔ Update recorded for action 2.3');
    await recorded.scrollIntoViewIfNeeded();
    await ui.page.screenshot({ path: `${ARTIFACTS}plain-words-recorded-undo.png` });
    expect(await recorded.getByRole('button', { name: /^Undo \(until 10:10\)$/ }).count()).toBe(1);
    expect(await recorded.getByText('training delivered to 40 staff').count()).toBeGreaterThan(0);
    await docScreenshot(recorded, 'recorded-card');
    const h = await actionHistory(ui.server.app.deps, { bodyId: 'purbeck-pcg', ref: '2.3' });
    expect(h.action.latest).toMatchObject({ status: 'completed', narrative: 'training delivered to 40 staff', source: 'command' });
  }, 45_000);

  it('the summary in the PCG channel shows its charts beside the counts in words', async () => {
    await mentionBotInPcgChannel(ui.page, 'summary');
    const card = await waitForCard(ui.page, 'Purbeck PCG (sample): 2017-18 plan');
    await card.scrollIntoViewIfNeeded();
    await ui.page.waitForTimeout(1000);
    await card.screenshot({ path: `${ARTIFACTS}plain-words-summary-chart.png` });
    // The Playground draws Teams' charts as SVG; the counts stay in words beside them.
    expect(await card.locator('svg').count()).toBeGreaterThan(0);
    // The stacked bar's legend names the statuses in words and symbols (the Playground does not draw a chart's title).
    expect(await card.getByText('2. Anti-social behaviour', { exact: true }).count()).toBe(1);
    expect(await card.getByText('○ Not reported').count()).toBeGreaterThan(0);
    await docScreenshot(card, 'summary-card');
  }, 60_000);
});
