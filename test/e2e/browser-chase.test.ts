import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { actionHistory } from '../../src/services/action-history.js';
import { ARTIFACTS, docScreenshot, openAppInBrowser, typeInChat, waitForCard, type AppInBrowser } from './chromium.js';

/**
 * The chase as the lead and the channel see it: `npm start`'s composition in
 * headless Chromium, the scheduler ticked at chosen instants of the sample's
 * 2017-18 plan (the server's clock follows).
 */
describe('the chase in the Playground page', () => {
  let now = new Date('2018-03-20T12:00:00Z');
  let ui: AppInBrowser;

  beforeAll(async () => {
    ui = await openAppInBrowser({ clock: () => now });
  }, 120_000);
  afterAll(() => ui?.close());

  async function tick(at: string) {
    now = new Date(at);
    return ui.server.scheduler.tick(now);
  }

  it('the 7-day prompt arrives in the lead’s chat as one digest; Update opens the card in its place, and recording brings the digest back with 2.3 done', async () => {
    // The lead has opened the chat with the bot (it keeps the conversation to write to).
    await typeInChat(ui.page, 'help');
    await expect.poll(() => ui.page.getByText('my actions', { exact: false }).count(), { timeout: 30_000 }).toBeGreaterThan(0);

    const report = await tick('2018-03-23T09:00:00Z');
    expect(report.sent).toContain('sent:prompt:action:2017-18:2.3:2018-03-31-d7');
    const digest = await waitForCard(ui.page, 'For you to update: Fri 23 Mar 2018');
    await digest.scrollIntoViewIfNeeded();
    await ui.page.screenshot({ path: `${ARTIFACTS}playground-digest.png` });
    await docScreenshot(digest, 'digest-card');
    expect(await digest.getByText('Due in 8 days, Sat 31 Mar 2018.').count()).toBe(2);

    await digest.getByRole('button', { name: 'Update 2.3' }).click();
    const card = await waitForCard(ui.page, 'Update action 2.3');
    await card.scrollIntoViewIfNeeded();
    await ui.page.screenshot({ path: `${ARTIFACTS}playground-prompt.png` });
    await docScreenshot(card, 'update-card');

    await card.getByText('✔ Completed').click();
    await card.locator('textarea').fill('All Public Health and Housing staff trained on 21 March.');
    await card.getByRole('button', { name: 'Record update' }).click();
    const back = await waitForCard(ui.page, '✔ Recorded your update on 2.3');
    await back.scrollIntoViewIfNeeded();
    await ui.page.screenshot({ path: `${ARTIFACTS}playground-digest-updated.png` });
    expect(await back.getByRole('button', { name: 'Update 2.4' }).count()).toBe(1);
    expect((await actionHistory(ui.server.app.deps, { bodyId: 'purbeck-pcg', ref: '2.3' })).action.latest).toMatchObject({ status: 'completed', source: 'card' });
  }, 120_000);

  it('two unanswered reminders bring the body’s overdue actions to the PCG channel as one post', async () => {
    await tick('2018-04-03T08:00:00Z');
    await tick('2018-04-10T08:00:00Z');
    const third = await tick('2018-04-17T08:00:00Z');
    expect(third.sent).toContain('sent:escalation:action:2017-18:2.4:2018-03-31-r3-channel');
    expect(third.sent.filter((id) => id.includes(':2.3:'))).toEqual([]);
    await ui.page.getByText('PCG', { exact: true }).click();
    const card = await waitForCard(ui.page, 'Overdue in Purbeck PCG (sample): Tue 17 Apr 2018');
    await card.scrollIntoViewIfNeeded();
    await ui.page.screenshot({ path: `${ARTIFACTS}playground-escalation.png` });
    expect(await card.getByText('TO-ET (Taylor Quinn)', { exact: false }).count()).toBe(1);
    expect(await card.getByRole('button', { name: 'Update 2.4' }).count()).toBe(1);
    await docScreenshot(card, 'overdue-card');
  }, 120_000);
});
