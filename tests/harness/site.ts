/**
 * The built site and the room served from one origin (`partykit dev --serve`), as
 * `npm run preview` does, for the browser specs.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, inject } from 'vitest';
import { startPartykit } from '../../scripts/tools/partykit.mjs';
import { launchBrowser } from './browser';

export type Served = Awaited<ReturnType<typeof startPartykit>>;

export function serveSite(options: { persist?: string; port?: number } = {}): Promise<Served> {
  return startPartykit({ serve: inject('dist'), ...options });
}

export interface SiteAndBrowser {
  site: Served;
  browser: Browser;
  /**
   * Serves the site again on the same port and room storage, for a spec that stopped it to
   * see how pages cope without the room; the new one is stopped at the end like the first.
   */
  restartSite(): Promise<Served>;
}

/**
 * What most browser specs start once per file: the served site and one Chromium. Call it
 * inside a `describe`: it registers the beforeAll that starts both (handing them to
 * `started`) and the afterAll that stops both.
 */
export function setupSite(started: (ready: SiteAndBrowser) => void): void {
  let site: Served | undefined;
  let browser: Browser | undefined;
  beforeAll(async () => {
    const first = await serveSite();
    site = first;
    browser = await launchBrowser();
    const restartSite = async (): Promise<Served> => {
      site = await serveSite({ port: first.port, persist: first.persist });
      return site;
    };
    started({ site: first, browser, restartSite });
  });
  afterAll(async () => {
    await browser?.close();
    await site?.stop();
  });
}
