import { mkdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';

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
