// @ts-check
/**
 * Debian's Chromium (`/usr/bin/chromium`, or `CHROMIUM_PATH`), launched one way for the
 * tests and the benches: driven by playwright-core, or with a DevTools port for Lighthouse.
 * Never a browser downloaded by Playwright.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { freePort, startGroup, waitForHttp } from './processes.mjs';

export const CHROMIUM_PATH = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';

/** Whether the browser is installed (`apt-get install -y chromium`). */
export const hasChromium = existsSync(CHROMIUM_PATH);

/**
 * Headless in a container, with nothing of its own on the network: no background updates,
 * sync or QUIC, so every request a page makes is one the page asked for.
 */
export const CHROMIUM_FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

/** Chromium driven by playwright-core. */
export function launchChromium() {
  return chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: CHROMIUM_FLAGS });
}

/**
 * Chromium with a DevTools port for Lighthouse, in its own process group and a throwaway
 * profile; `stop()` ends the group and removes the profile.
 */
export async function startDebuggableChromium() {
  const port = await freePort();
  const profile = mkdtempSync(join(tmpdir(), 'cs-chromium-'));
  const chrome = startGroup(CHROMIUM_PATH, [
    ...CHROMIUM_FLAGS,
    '--headless=new',
    `--remote-debugging-port=${String(port)}`,
    `--user-data-dir=${profile}`,
    'about:blank',
  ]);
  try {
    await waitForHttp(`http://127.0.0.1:${String(port)}/json/version`, {
      exited: chrome.exited,
      output: chrome.output,
    });
  } catch (error) {
    await chrome.stop();
    rmSync(profile, { recursive: true, force: true });
    throw error;
  }
  return {
    port,
    async stop() {
      await chrome.stop();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/**
 * Opens a URL, retrying briefly while nothing listens: `partykit dev` restarts when files
 * under `party/` change, which happens while someone works on the room.
 * @param {import('playwright-core').Page} page
 * @param {string} url
 * @param {Parameters<import('playwright-core').Page['goto']>[1]} [options]
 */
export async function gotoRetrying(page, url, options) {
  for (let attempt = 1; ; attempt++) {
    try {
      return await page.goto(url, options);
    } catch (error) {
      if (attempt >= 5 || !String(error).includes('ERR_CONNECTION_REFUSED')) throw error;
      await new Promise((resolve) => setTimeout(resolve, 1000));
    }
  }
}

/**
 * Scrolls to the end by most of a screen at a time, pausing `pauseMs` at each step, so
 * islands hydrate and diagrams draw in view as a reader's would. The page grows as
 * diagrams render, so the end is looked up at every step.
 * @param {import('playwright-core').Page} page
 * @param {number} [pauseMs]
 */
export async function scrollToEnd(page, pauseMs = 250) {
  for (let step = 0; step < 200; step++) {
    const atEnd = await page.evaluate(() => {
      window.scrollBy(0, Math.round(window.innerHeight * 0.8));
      return window.scrollY + window.innerHeight >= document.documentElement.scrollHeight - 2;
    });
    await page.waitForTimeout(pauseMs);
    if (atEnd) return;
  }
}
