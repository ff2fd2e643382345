import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { actionHistory } from '../../src/services/action-history.js';
import { ARTIFACTS, openAppInBrowser, typeInChat, waitForCard, type AppInBrowser } from './chromium.js';
import { importNextYearPlan } from './next-year-plan.js';

/**
 * What a coordinator sees at the year's end (issue 19), in headless
 * Chromium: the year-end card in their chat, one action's Close form filled
 * in and pressed. Screenshots are left in test-artifacts/ to be looked at.
 */
describe('the year-end card on the Playground page', () => {
  let ui: AppInBrowser;

  beforeAll(async () => {
    ui = await openAppInBrowser({
      settings: { PLAYGROUND_USER: 'coordinator' },
      clock: () => new Date('2018-05-01T09:00:00Z'),
      prepare: ({ server }) => importNextYearPlan(server.app.deps, { tenantId: server.playgroundPeople!.tenantId, aadObjectId: server.playgroundPeople!.currentUser.aadObjectId }),
    });
  }, 180_000);
  afterAll(() => ui?.close());

  it('year-end lists what is left open; Close 1.2… takes a status and a reason, and the card comes back without it', async () => {
    await typeInChat(ui.page, 'year-end');
    const card = await waitForCard(ui.page, 'closing the 2017-18 plan');
    await card.scrollIntoViewIfNeeded();
    await ui.page.screenshot({ path: `${ARTIFACTS}year-end-card.png` });

    await card.getByRole('button', { name: 'Close 1.2…' }).click();
    await card.getByRole('radio', { name: /Not completed/ }).check();
    await card.getByRole('textbox').first().fill('Guidance superseded by the county protocol.');
    await card.screenshot({ path: `${ARTIFACTS}year-end-close-form.png` });
    await card.getByRole('button', { name: 'Close 1.2', exact: true }).click();

    const closed = await waitForCard(ui.page, 'Closed 1.2 as ✘ Not completed.');
    await closed.screenshot({ path: `${ARTIFACTS}year-end-closed.png` });
    const h = await actionHistory(ui.server.app.deps, { bodyId: 'purbeck-pcg', ref: '1.2', year: '2017-18' });
    expect(h.action.latest).toMatchObject({ status: 'not-completed', narrative: 'Guidance superseded by the county protocol.', source: 'card' });
  }, 90_000);
});
