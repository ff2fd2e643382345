import { mkdir, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Locator, type Page } from 'playwright-core';
import { expect } from 'vitest';
import type { RunningServer } from '../../src/app/start-server.js';
import { startEmbeddedApp, type EmbeddedApp, type EmbeddedAppOptions } from './embedded-app.js';

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

/**
 * Where the docs' screenshots live. A test that shows something a guide
 * pictures saves it here with {@link docScreenshot}, so the pictures are
 * remade by every run and cannot go stale; test/docs-links.test.ts fails when
 * a doc names an image no test makes. Tests that use one run on a fixed clock,
 * so a rerun leaves identical pictures.
 */
export const DOC_IMAGES = fileURLToPath(new URL('../../docs/images/', import.meta.url));

/**
 * Saves the card as docs/images/<name>.png and in test-artifacts/, cropped to
 * it to keep the file small. A card taller than the chat shows is taken from
 * its top to the bottom of the window: the chat pane clips the rest.
 */
export async function docScreenshot(card: Locator, name: string): Promise<void> {
  await mkdir(DOC_IMAGES, { recursive: true });
  await card.evaluate((element) => element.scrollIntoView({ block: 'start' }));
  const box = await card.boundingBox();
  const window = card.page().viewportSize();
  if (box === null || window === null) throw new Error(`docScreenshot ${name}: the card is not on the page`);
  const top = Math.max(box.y, 0);
  const clip = { x: box.x, y: top, width: box.width, height: Math.min(box.y + box.height, window.height) - top };
  const png = await card.page().screenshot({ path: `${DOC_IMAGES}${name}.png`, clip, animations: 'disabled' });
  await writeFile(`${ARTIFACTS}${name}.png`, png);
}

/** The local Teams client's page in headless Chromium, as a person's screen; nothing leaves loopback. */
async function openPlaygroundPage(url: string): Promise<{ browser: Browser; page: Page }> {
  const browser = await launchChromium();
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 1100 } });
    // Its only outside requests are web fonts: refused, the page falls back to local fonts.
    await page.route((u) => u.hostname !== '127.0.0.1' && u.hostname !== 'localhost', (route) => route.abort());
    // Under load the page's own scripts take long; its DOM is enough to start, and every test waits for what it needs.
    await page.goto(url, { waitUntil: 'domcontentloaded', timeout: 120_000 });
    await mkdir(ARTIFACTS, { recursive: true });
    return { browser, page };
  } catch (error) {
    await browser.close();
    throw error;
  }
}

export type AppInBrowser = {
  app: EmbeddedApp;
  server: RunningServer;
  page: Page;
  /** Closes the browser, then stops the app (which fails the test if the bot logged errors). */
  close(): Promise<void>;
};

export type AppInBrowserOptions = Pick<EmbeddedAppOptions, 'settings' | 'clock'> & {
  /** What the test sets up in the store before the page first shows the Playground's chats. */
  prepare?: (app: EmbeddedApp) => Promise<void>;
};

/**
 * `npm start`'s composition (through {@link startEmbeddedApp}, with no
 * PlaygroundClient: the page is the Playground's only client) and its
 * Playground page in headless Chromium. Every browser test starts through
 * this, so a change to how a browser test starts is made once.
 */
export async function openAppInBrowser(options: AppInBrowserOptions = {}): Promise<AppInBrowser> {
  const { prepare, ...appOptions } = options;
  const app = await startEmbeddedApp({ ...appOptions, client: false });
  try {
    await prepare?.(app);
    const { browser, page } = await openPlaygroundPage(app.server.playground!.url);
    // The page installs the bot as it opens, and the bot's welcome arrives a moment later; a test that typed before it
    // came would see its cards re-rendered under it (an open Close… form shut, a button gone).
    await page.getByText('Welcome to Partnership Actions', { exact: false }).first().waitFor({ timeout: 90_000 });
    return {
      app,
      server: app.server,
      page,
      async close() {
        try {
          await browser.close();
        } finally {
          await app.stop();
        }
      },
    };
  } catch (error) {
    // The app is stopped either way; what stopping reports (the bot's errors) may explain the failure.
    const stopped = await app.stop().then(() => null, (stopError: unknown) => stopError);
    throw stopped === null ? error : new AggregateError([error, stopped], 'the browser test could not start');
  }
}

/**
 * The newest card on the page that shows `text`, once one does: the bot's
 * answer takes a moment to arrive and render. Every browser test finds its
 * cards this way.
 */
export async function waitForCard(page: Page, text: string | RegExp, timeout = 30_000): Promise<Locator> {
  const card = page.locator('.ac-adaptiveCard').filter({ hasText: text }).last();
  await expect.poll(() => card.count(), { timeout }).toBeGreaterThan(0);
  return card;
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
  // Each post in a channel has a reply box of its own; a new post starts in the one under "Start a new post".
  await page.getByRole('group').filter({ hasText: 'Start a new post' }).locator('[data-lexical-editor="true"]').click();
  await page.keyboard.type('@Partn');
  // The picker's entry, not the bot's name on a message (its welcome when the channel first opens).
  const suggestion = page.getByRole('menuitem').filter({ hasText: 'Partnership Actions' }).last();
  await expect.poll(() => suggestion.count(), { timeout: 10_000 }).toBeGreaterThan(0);
  await suggestion.click();
  await page.keyboard.type(` ${text}`);
  await page.getByRole('button', { name: 'Post' }).click();
}
