import { mkdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { expect } from 'vitest';

/**
 * Debian's Chromium (`apt-get install chromium`, done by .ci/run), headless.
 * Without the background-networking flags it keeps dialling Google's hosts,
 * which this closed network refuses.
 */
export const CHROMIUM_PATH = '/usr/bin/chromium';

function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

/** Where the browser tests leave their screenshots, to be looked at. */
export const ARTIFACTS = fileURLToPath(new URL('../../test-artifacts/', import.meta.url));

/** The local Teams client's page in headless Chromium, as a person's screen; nothing leaves loopback. */
export async function openPlaygroundPage(url: string): Promise<{ browser: Browser; page: Page }> {
  const browser = await launchChromium();
  const page = await browser.newPage({ viewport: { width: 1280, height: 1100 } });
  // Its only outside requests are web fonts: refused, the page falls back to local fonts.
  await page.route((u) => u.hostname !== '127.0.0.1' && u.hostname !== 'localhost', (route) => route.abort());
  // Under load the page's own scripts take long; its DOM is enough to start, and every test waits for what it needs.
  await page.goto(url, { waitUntil: 'domcontentloaded', timeout: 120_000 });
  await mkdir(ARTIFACTS, { recursive: true });
  return { browser, page };
}

/** Types a message into the open chat, as a person does. */
export async function typeInChat(page: Page, text: string): Promise<void> {
  await page.locator('[data-lexical-editor="true"]').click();
  await page.keyboard.type(text);
  await page.keyboard.press('Enter');
}

/** Opens the PCG channel and posts `@Partnership Actions <text>`, choosing the bot from the mention picker so the message reaches it, as in Teams. */
export async function mentionBotInPcgChannel(page: Page, text: string): Promise<void> {
  await page.getByText('PCG', { exact: true }).click();
  await page.locator('[data-lexical-editor="true"]').click();
  await page.keyboard.type('@Partn');
  // The picker's entry, not the bot's name on a message (its welcome when the channel first opens).
  const suggestion = page.getByRole('menuitem').filter({ hasText: 'Partnership Actions' }).last();
  await expect.poll(() => suggestion.count(), { timeout: 10_000 }).toBeGreaterThan(0);
  await suggestion.click();
  await page.keyboard.type(` ${text}`);
  await page.getByRole('button', { name: 'Post' }).click();
}
