/**
 * Debian's Chromium driven by playwright-core. Outside CI a machine without the browser
 * skips the browser specs with a message; in CI a missing browser is a failure.
 */
import { existsSync } from 'node:fs';
import { type Browser, chromium, type Page } from 'playwright-core';

export const CHROMIUM_PATH = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';
export const hasBrowser = existsSync(CHROMIUM_PATH);

if (!hasBrowser) {
  const message = `No se encontró Chromium en ${CHROMIUM_PATH} (apt-get install -y chromium).`;
  if (process.env['CI']) throw new Error(message);
  console.warn(`${message} Se omiten las pruebas de navegador.`);
}

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
    ],
  });
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
