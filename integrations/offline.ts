/**
 * Offline reading: a service worker generated at build time by Workbox (`workbox-build`),
 * never written by hand, and only for production builds: under `astro dev` (and so
 * `npm start`) there is no worker, and an author always sees the lesson just saved.
 *
 * - Pages: network first, so a new deploy is what the next visit gets; the cached copy
 *   answers only when the network does not (after a few seconds on a failing Wi-Fi).
 * - Styles and the scripts diagrams need (`offlineScripts.ts`) are precached, so a visited
 *   page draws its diagrams offline; other scripts (islands) are cached as first used.
 * - Every cache is named after the build: a page cached under one deploy is never shown
 *   with another deploy's scripts and styles. The page's script deletes older caches.
 * - The room (`/parties/…`: WebSockets and the demos' HTTP endpoints) is never cached,
 *   nor anything from another origin: those requests do not go through a route at all.
 */
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import { generateSW } from 'workbox-build';
import { diagramScripts } from './offlineScripts';

export const SW_FILE = 'sw.js';

/** The page's side: register the worker after load, and cache what this visit already loaded. */
export function registrationScript(build: string): string {
  return `
const BUILD = ${JSON.stringify(build)};
const base = import.meta.env.BASE_URL.replace(/\\/?$/, '/');
if ('serviceWorker' in navigator) {
  addEventListener('load', async () => {
    await navigator.serviceWorker.register(base + ${JSON.stringify(SW_FILE)}, { scope: base });
    await navigator.serviceWorker.ready;
    // The worker starts after this page loaded: keep the page and its scripts for offline.
    const assets = performance.getEntriesByType('resource').map((entry) => entry.name)
      .filter((url) => url.startsWith(location.origin + base + '_astro/'));
    // Not an error page, though (the 404 page is served with its status).
    const [navigation] = performance.getEntriesByType('navigation');
    if (navigation && 'responseStatus' in navigation && navigation.responseStatus !== 200) return;
    // Only what no cache holds yet: once the worker controls the pages, it caches each page
    // and script on the way (and precached the diagrams' scripts), so a later visit adds
    // nothing and fetches nothing twice; the visit that installed it fills the gap.
    const pages = await caches.open('paginas-' + BUILD);
    if (!(await pages.match(location.href))) await pages.add(location.href).catch(() => {});
    const held = await Promise.all(assets.map((url) => caches.match(url)));
    const missing = assets.filter((_, i) => !held[i]);
    const scripts = await caches.open('recursos-' + BUILD);
    await scripts.addAll(missing).catch(() => {});
    for (const name of await caches.keys()) {
      if (/^(paginas|recursos)-/.test(name) && !name.endsWith('-' + BUILD)) await caches.delete(name);
    }
  });
}
`;
}

export default function offline(): AstroIntegration {
  const build = randomUUID().slice(0, 8);
  return {
    name: 'cliente-servidor:offline',
    hooks: {
      'astro:config:setup': ({ command, injectScript }) => {
        if (command === 'build') injectScript('page', registrationScript(build));
      },
      'astro:build:done': async ({ dir, logger }) => {
        const root = fileURLToPath(dir);
        const { count, size, warnings } = await generateSW({
          swDest: join(root, SW_FILE),
          globDirectory: root,
          globPatterns: ['_astro/*.css', 'favicon.svg', ...diagramScripts(root)],
          dontCacheBustURLsMatching: /_astro\//,
          cacheId: 'cliente-servidor',
          skipWaiting: true,
          clientsClaim: true,
          cleanupOutdatedCaches: true,
          inlineWorkboxRuntime: true,
          sourcemap: false,
          mode: 'production',
          runtimeCaching: [
            {
              urlPattern: ({ request, url, sameOrigin }) =>
                sameOrigin && request.mode === 'navigate' && !url.pathname.includes('/parties/'),
              handler: 'NetworkFirst',
              options: {
                cacheName: `paginas-${build}`,
                networkTimeoutSeconds: 4,
                expiration: { maxEntries: 200 },
              },
            },
            {
              urlPattern: ({ url, sameOrigin }) =>
                sameOrigin && url.pathname.includes('/_astro/') && !url.pathname.includes('/parties/'),
              handler: 'CacheFirst',
              options: { cacheName: `recursos-${build}`, expiration: { maxEntries: 400 } },
            },
          ],
        });
        for (const warning of warnings) logger.warn(warning);
        logger.info(
          `${SW_FILE}: ${String(count)} archivos precargados (${String(Math.round(size / 1024))} KB), build ${build}`,
        );
      },
    },
  };
}
