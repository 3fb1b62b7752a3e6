/**
 * Where the room lives: the build-time `PUBLIC_PARTYKIT_HOST` when set (a deployed
 * room, or the local one under `npm start`); otherwise the page's own origin, which is
 * how `npm run preview` serves the site and the room together.
 */
export function resolveHost(configured: string | undefined, pageHost: string): string {
  const host = configured?.trim();
  return host ? host.replace(/^(https?|wss?):\/\//, '').replace(/\/+$/, '') : pageHost;
}

/** Plain ws:// only where the page itself is plain http, or the room is on loopback. */
export function resolveProtocol(host: string, pageProtocol: string): 'ws' | 'wss' {
  if (pageProtocol === 'https:') return /^(localhost|127\.0\.0\.1)(:|$)/.test(host) ? 'ws' : 'wss';
  return 'ws';
}

/** The room's HTTP base, e.g. `http://127.0.0.1:1999/parties/main/demo`, for fetch-based demos. */
export function roomHttpUrl(room: string, path = '', host = configuredHost()): string {
  const scheme = resolveProtocol(host, location.protocol) === 'wss' ? 'https' : 'http';
  return `${scheme}://${host}/parties/main/${encodeURIComponent(room)}${path}`;
}

export function configuredHost(): string {
  return resolveHost(import.meta.env.PUBLIC_PARTYKIT_HOST, location.host);
}
