/**
 * The cookie half of the status demo without the UI: how the page and the room relate
 * (same origin, same site, another site) and, when the browser did not send the cookie
 * back, which of its rules explains it.
 */

export type Relation = 'same-origin' | 'same-site' | 'cross-site';

/**
 * Hosting platforms where every subdomain is its own site (they are on the Public Suffix
 * List). Without the whole list, other hosts count as `name.tld`; good enough to explain.
 */
const PLATFORM_SUFFIXES = ['github.io', 'netlify.app', 'vercel.app', 'pages.dev', 'workers.dev'];

/** The part of a host that makes a "site": the IP or `localhost` as is, otherwise `name.tld`. */
export function siteOf(host: string): string {
  const h = host.toLowerCase().replace(/\.$/, '');
  if (h === 'localhost' || /^[\d.]+$/.test(h) || h.startsWith('[')) return h;
  const labels = h.split('.');
  const keep = PLATFORM_SUFFIXES.some((s) => h === s || h.endsWith(`.${s}`)) ? 3 : 2;
  return labels.slice(-keep).join('.');
}

/** Same site means same scheme and same registrable host; ports do not count. */
export function relation(page: URL, room: URL): Relation {
  if (page.origin === room.origin) return 'same-origin';
  if (page.protocol === room.protocol && siteOf(page.hostname) === siteOf(room.hostname)) return 'same-site';
  return 'cross-site';
}

export type CookieRule = 'none' | 'disabled' | 'samesite' | 'secure' | 'third-party' | 'not-set' | 'unknown';

export interface CookieCheck {
  relation: Relation;
  pageHost: string;
  roomHost: string;
  roomSecure: boolean;
  /** `navigator.cookieEnabled`. */
  cookiesEnabled: boolean;
  /** The value the server said it set, or null before the first step. */
  setValue: string | null;
  /** The attributes the server said it used (`SameSite=Lax`, `Secure`…). */
  attributes: string[];
  /** The `demo_visita` value the server saw in the second request, or null. */
  echoedValue: string | null;
}

export interface CookieVerdict {
  ok: boolean;
  rule: CookieRule;
  text: string;
}

const has = (attributes: string[], attribute: string) =>
  attributes.some((a) => a.toLowerCase() === attribute.toLowerCase());

/** Whether the cookie came back, and if not, which browser rule most likely stopped it. */
export function cookieVerdict(check: CookieCheck): CookieVerdict {
  if (check.setValue === null) {
    return check.echoedValue === null
      ? {
          ok: false,
          rule: 'not-set',
          text: 'El servidor no recibió ninguna cookie: todavía no pediste una (paso 1).',
        }
      : {
          ok: true,
          rule: 'none',
          text: `El navegador envió una cookie que guardó antes (demo_visita=${check.echoedValue}): las cookies duran más que la página.`,
        };
  }
  if (check.echoedValue === check.setValue) {
    return {
      ok: true,
      rule: 'none',
      text: `El navegador devolvió la cookie por su cuenta. ${returnedBecause(check)}`,
    };
  }
  if (check.echoedValue !== null) {
    return {
      ok: false,
      rule: 'unknown',
      text: `El navegador envió una cookie anterior (${check.echoedValue}), no la nueva: no guardó la última que mandó el servidor.`,
    };
  }
  if (!check.cookiesEnabled) {
    return {
      ok: false,
      rule: 'disabled',
      text: 'Tu navegador tiene las cookies desactivadas: recibió Set-Cookie pero no la guardó, así que no hay nada que devolver.',
    };
  }
  if (has(check.attributes, 'Secure') && !check.roomSecure) {
    return {
      ok: false,
      rule: 'secure',
      text: 'La cookie es Secure y la sala usa http://: el navegador no guarda ni envía cookies Secure sin https.',
    };
  }
  if (check.relation === 'cross-site' && !has(check.attributes, 'SameSite=None')) {
    return {
      ok: false,
      rule: 'samesite',
      text: `Regla SameSite: la sala (${check.roomHost}) es otro sitio que esta página (${check.pageHost}) y la cookie es ${check.attributes.find((a) => a.startsWith('SameSite')) ?? 'SameSite=Lax'}, así que el navegador no la envía en peticiones fetch entre sitios.`,
    };
  }
  if (check.relation === 'cross-site') {
    return {
      ok: false,
      rule: 'third-party',
      text: `Cookies de terceros: para esta página (${check.pageHost}), la sala (${check.roomHost}) es un tercero, y tu navegador bloquea sus cookies aunque sean SameSite=None; Secure.`,
    };
  }
  return {
    ok: false,
    rule: 'unknown',
    text: 'El navegador no devolvió la cookie y ninguna regla conocida lo explica: puede que la configuración de privacidad o una extensión la bloqueen.',
  };
}

function returnedBecause(check: CookieCheck): string {
  switch (check.relation) {
    case 'same-origin':
      return 'La página y la sala comparten origen, así que la cookie viaja sin más.';
    case 'same-site':
      return `La sala (${check.roomHost}) es otro origen pero el mismo sitio que la página, así que SameSite=Lax la deja pasar; la petición la pide con credentials: 'include'.`;
    case 'cross-site':
      return `La sala (${check.roomHost}) es otro sitio: la cookie viajó porque es SameSite=None; Secure y tu navegador permite cookies de terceros (o particionadas).`;
  }
}
