import { mkdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DomainError } from '../../src/domain/errors.js';
import { MY_ACTIONS } from '../teams/sample-views.js';
import { launchChromium } from './chromium.js';
import { startLocalTeams, type LocalTeams } from './local-teams.js';

const ARTIFACTS = fileURLToPath(new URL('../../test-artifacts/', import.meta.url));

/** A person's view: the Playground page in headless Chromium, typing into the chat. */
describe('the Playground page in a browser', () => {
  let teams: LocalTeams;
  let browser: Browser;
  const none = async () => {
    throw new DomainError('action-unknown', 'Not in this test.');
  };

  beforeAll(async () => {
    teams = await startLocalTeams(
      { listMyActions: async (person) => ({ ...MY_ACTIONS, person }), openUpdate: none, findActionToUpdate: none, recordUpdate: none, summary: none },
      process.env,
    );
    browser = await launchChromium();
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await teams?.stop();
  });

  it('shows the bot’s answer to help and the my-actions card', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    // Its only outside requests are web fonts: refused, the page falls back to local fonts.
    await page.route((url) => url.hostname !== '127.0.0.1' && url.hostname !== 'localhost', (route) => route.abort());
    await page.goto(teams.playground.url);
    const editor = page.locator('[data-lexical-editor="true"]');
    await editor.click();
    await page.keyboard.type('help');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByText('keeps the action plan up to date').count(), { timeout: 15_000 }).toBeGreaterThan(0);
    await editor.click();
    await page.keyboard.type('my actions');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByText('Update 4.1').count(), { timeout: 15_000 }).toBeGreaterThan(0);
    await mkdir(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: `${ARTIFACTS}playground-help.png` });
  }, 60_000);
});
