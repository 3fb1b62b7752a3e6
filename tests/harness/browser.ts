/**
 * Debian's Chromium for the browser specs, launched by `scripts/tools/chromium.mjs` as the
 * benches launch it. Outside CI a machine without the browser skips the browser specs with
 * a message; in CI a missing browser is a failure.
 */
import type { Browser, Page } from 'playwright-core';
import { CHROMIUM_PATH, hasChromium, launchChromium } from '../../scripts/tools/chromium.mjs';

export const hasBrowser = hasChromium;

if (!hasBrowser) {
  const message = `No se encontró Chromium en ${CHROMIUM_PATH} (apt-get install -y chromium).`;
  if (process.env['CI']) throw new Error(message);
  console.warn(`${message} Se omiten las pruebas de navegador.`);
}

export function launchBrowser(): Promise<Browser> {
  return launchChromium();
}

export interface PageWatch {
  /** Console errors and warnings, and uncaught exceptions. */
  problems: string[];
  /** Requests that tried to leave loopback (they are aborted). */
  external: string[];
}

/** Records console problems and blocks any request that is not to loopback. */
export async function watchPage(page: Page): Promise<PageWatch> {
  const watch: PageWatch = { problems: [], external: [] };
  page.on('console', (message) => {
    if (message.type() === 'error' || message.type() === 'warning') {
      watch.problems.push(`${message.type()}: ${message.text()}`);
    }
  });
  page.on('pageerror', (error) => watch.problems.push(`pageerror: ${error.message}`));
  await page.route('**/*', (route) => {
    const url = new URL(route.request().url());
    if (url.protocol === 'data:' || ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname)) {
      return route.continue();
    }
    watch.external.push(url.href);
    return route.abort();
  });
  return watch;
}
