/**
 * The room's HTTP base for the fetch-based demos. Their `.astro` tags call this at build
 * time with room-client's own host rules, so the islands receive a plain string and never
 * download room-client (partysocket and zod, about 14 KB gzipped) only to build a URL.
 * It gives the same address `roomHttpUrl()` computes in the browser:
 *
 * - no configured host: a path on the page's own origin (`npm run preview`);
 * - a loopback host: plain `http://`, which room-client uses even from https pages;
 * - any other host: scheme-relative `//host/...`, so the page's own scheme is used.
 *
 * Only `.astro` frontmatter may import this module: importing it from an island would
 * bring room-client into the browser bundle, which is what it exists to avoid.
 */
import { resolveHost, resolveProtocol } from './roomHost';

export function roomHttpBase(sala: string, configured: string | undefined): string {
  const path = `/parties/main/${encodeURIComponent(sala)}`;
  const host = resolveHost(configured, '');
  if (!host) return path;
  return resolveProtocol(host, 'https:') === 'ws' ? `http://${host}${path}` : `//${host}${path}`;
}
