/**
 * HTTP endpoints for the lessons' request/response demos, served under
 * `/parties/main/<sala>/demo/...`. Plain functions of a Request, no room state and no
 * PartyKit import, so tests can call them directly and the server only routes here.
 *
 * - `GET /demo/delay?delay=ms`   answers after `ms` (0–3000; larger values are capped).
 * - `GET /demo/status/200|404|500` answers with that status and a JSON body.
 * - `GET /demo/status/301`       redirects to `/demo/status/200?redirigido=1`.
 * - `GET /demo/cookie/set`       sets the `demo_visita` cookie and says how.
 * - `GET /demo/cookie/echo`      reports the demo cookies the server received.
 */

import type { Concurrency } from './core/rate';

/** The longest a delayed answer waits, in milliseconds. */
export const MAX_DELAY_MS = 3000;

/** The status codes the status demo can ask for. */
export const DEMO_STATUSES = [200, 301, 404, 500] as const;

/** The cookie the cookie demo sets and reads back. */
export const DEMO_COOKIE = 'demo_visita';

/** How long the demo cookie lives, in seconds: long enough for a lesson, no longer. */
const COOKIE_MAX_AGE_S = 600;

/** Response headers a cross-origin page may read besides the CORS-safelisted ones. */
const EXPOSED_HEADERS = 'Date, X-Demo-Espera';

export type DelayParse =
  | { ok: true; requested: number; applied: number; capped: boolean }
  | { ok: false; error: string };

/** Reads `?delay=`: whole milliseconds from 0; anything above the cap waits the cap. */
export function parseDelay(raw: string | null): DelayParse {
  if (raw === null || raw.trim() === '') {
    return {
      ok: false,
      error: 'Falta el parámetro «delay»: indica la espera en milisegundos, p. ej. ?delay=500.',
    };
  }
  if (!/^\d{1,9}$/.test(raw.trim())) {
    return {
      ok: false,
      error: `«delay» debe ser un número entero de milisegundos, de 0 a ${String(MAX_DELAY_MS)}; llegó «${raw.slice(0, 40)}».`,
    };
  }
  const requested = Number(raw.trim());
  const applied = Math.min(requested, MAX_DELAY_MS);
  return { ok: true, requested, applied, capped: applied !== requested };
}

export interface CookiePlan {
  /** The full `Set-Cookie` header value. */
  header: string;
  /** The attributes after the name and value, as the demo shows them. */
  attributes: string[];
}

/**
 * Decides how to set the demo cookie. It is scoped to the cookie endpoints (`Path`) and
 * short-lived, because cookies travel with every matching request and weigh on each one.
 * A page on another origin over https needs `SameSite=None; Secure` for the browser to
 * send it back at all; `Partitioned` keeps it working where third-party cookies are
 * blocked but partitioned ones are allowed. Everywhere else `SameSite=Lax` is enough.
 */
export function planCookie(requestUrl: URL, origin: string | null, value: string): CookiePlan {
  const prefix = requestUrl.pathname.slice(0, requestUrl.pathname.lastIndexOf('/demo/cookie/'));
  const https = requestUrl.protocol === 'https:';
  const crossOrigin = origin !== null && origin !== requestUrl.origin;
  const attributes = [`Path=${prefix}/demo/cookie`, `Max-Age=${String(COOKIE_MAX_AGE_S)}`, 'HttpOnly'];
  if (crossOrigin && https) attributes.push('SameSite=None', 'Secure', 'Partitioned');
  else attributes.push('SameSite=Lax', ...(https ? ['Secure'] : []));
  return { header: [`${DEMO_COOKIE}=${value}`, ...attributes].join('; '), attributes };
}

/** The demo cookies in a `Cookie` header; other cookies for the same host are not echoed. */
export function demoCookies(header: string | null): Record<string, string> {
  const found: Record<string, string> = {};
  for (const part of (header ?? '').split(';')) {
    const at = part.indexOf('=');
    if (at === -1) continue;
    const name = part.slice(0, at).trim();
    if (name.startsWith('demo_')) found[name] = part.slice(at + 1).trim();
  }
  return found;
}

export interface DemoOptions {
  /** Origins allowed credentialed CORS (`ALLOWED_ORIGINS`); empty: none. */
  credentialedOrigins?: readonly string[];
  /** Slots for held-open delays, shared by the room; with it, `address` takes one. */
  delays?: Concurrency;
  address?: string;
}

export function handleDemoRequest(
  request: Request,
  path: string,
  options: DemoOptions = {},
): Response | Promise<Response> {
  const cors = corsHeaders(request, options.credentialedOrigins ?? []);
  if (request.method === 'OPTIONS') return preflight(cors);
  if (request.method !== 'GET' && request.method !== 'HEAD') {
    return reply({ error: 'Método no permitido: estas demostraciones solo aceptan GET.' }, cors, {
      status: 405,
      headers: { allow: 'GET, HEAD, OPTIONS' },
    });
  }
  const url = new URL(request.url);
  if (path === '/demo/delay') return delayedInSlot(url, cors, options);
  if (path.startsWith('/demo/status/')) return status(url, path.slice('/demo/status/'.length), cors);
  if (path === '/demo/cookie/set') return setCookie(request, url, cors);
  if (path === '/demo/cookie/echo') return echoCookie(request, cors);
  return reply({ error: `Demostración desconocida: ${path}` }, cors, { status: 404 });
}

/** A delay holds a request open: each room and each address may hold only a few at once. */
async function delayedInSlot(url: URL, cors: Headers, options: DemoOptions): Promise<Response> {
  const { delays } = options;
  const address = options.address ?? 'local';
  if (!delays) return delayed(url, cors);
  const slot = delays.acquire(address);
  if (!slot.ok) {
    const message =
      slot.scope === 'address'
        ? 'Tienes demasiadas esperas abiertas a la vez: deja que terminen antes de pedir otra.'
        : 'La sala atiende demasiadas esperas a la vez: prueba en unos segundos.';
    return reply({ error: message, code: 'rate_limited' }, cors, {
      status: 429,
      headers: { 'retry-after': String(Math.ceil(MAX_DELAY_MS / 1000)) },
    });
  }
  try {
    return await delayed(url, cors);
  } finally {
    delays.release(address);
  }
}

async function delayed(url: URL, cors: Headers): Promise<Response> {
  const parsed = parseDelay(url.searchParams.get('delay'));
  if (!parsed.ok) return reply({ error: parsed.error }, cors, { status: 400 });
  await new Promise((resolve) => setTimeout(resolve, parsed.applied));
  const body = {
    espera: parsed.applied,
    pedida: parsed.requested,
    limitada: parsed.capped,
    ...(parsed.capped ? { aviso: `La espera se limitó a ${String(MAX_DELAY_MS)} ms.` } : {}),
  };
  return reply(body, cors, { headers: { 'x-demo-espera': String(parsed.applied) } });
}

function status(url: URL, code: string, cors: Headers): Response {
  switch (code) {
    case '200':
      return reply(
        {
          codigo: 200,
          mensaje: 'Todo bien: el servidor encontró lo que pediste y aquí lo tienes.',
          redirigido: url.searchParams.has('redirigido'),
        },
        cors,
      );
    case '301': {
      const target = new URL(url.pathname.replace(/\/301$/, '/200'), url);
      target.searchParams.set('redirigido', '1');
      return reply({ codigo: 301, mensaje: `Esto se mudó para siempre a ${target.pathname}.` }, cors, {
        status: 301,
        // A relative Location stays right behind proxies that rewrite the host.
        headers: { location: `${target.pathname}${target.search}` },
      });
    }
    case '404':
      return reply({ codigo: 404, error: 'No encontrado: aquí no hay nada con ese nombre.' }, cors, {
        status: 404,
      });
    case '500':
      return reply(
        {
          codigo: 500,
          error: 'El servidor falló al atender la petición (a propósito, para la demostración).',
        },
        cors,
        { status: 500 },
      );
    default:
      return reply(
        { error: `Código no disponible: «${code.slice(0, 20)}». Usa ${DEMO_STATUSES.join(', ')}.` },
        cors,
        { status: 400 },
      );
  }
}

function setCookie(request: Request, url: URL, cors: Headers): Response {
  const value = randomToken();
  const plan = planCookie(url, request.headers.get('origin'), value);
  return reply(
    {
      nombre: DEMO_COOKIE,
      valor: value,
      atributos: plan.attributes,
      mensaje:
        'El servidor envió la cabecera Set-Cookie; el navegador decide si la guarda y cuándo la devuelve.',
    },
    cors,
    { headers: { 'set-cookie': plan.header } },
  );
}

function echoCookie(request: Request, cors: Headers): Response {
  const received = demoCookies(request.headers.get('cookie'));
  const header = Object.entries(received)
    .map(([name, value]) => `${name}=${value}`)
    .join('; ');
  return reply({ cabeceraCookie: header || null, recibidas: received }, cors);
}

/**
 * Credentialed CORS (the origin echoed, with `Allow-Credentials`) only for the origins in
 * `ALLOWED_ORIGINS`: echoing any origin would hand the HttpOnly demo cookie's value to
 * any site. Everyone else gets `*`, which a browser never combines with cookies; the site
 * served from the room's own origin needs no CORS at all.
 */
function corsHeaders(request: Request, credentialed: readonly string[]): Headers {
  const headers = new Headers({
    'access-control-expose-headers': EXPOSED_HEADERS,
    'timing-allow-origin': '*',
    vary: 'Origin',
  });
  const origin = request.headers.get('origin');
  if (origin && credentialed.includes(origin)) {
    headers.set('access-control-allow-origin', origin);
    headers.set('access-control-allow-credentials', 'true');
  } else {
    headers.set('access-control-allow-origin', '*');
  }
  return headers;
}

function preflight(cors: Headers): Response {
  cors.set('access-control-allow-methods', 'GET, HEAD, OPTIONS');
  cors.set('access-control-max-age', '600');
  return new Response(null, { status: 204, headers: cors });
}

function reply(
  body: unknown,
  cors: Headers,
  init: { status?: number; headers?: HeadersInit } = {},
): Response {
  const headers = new Headers(cors);
  for (const [name, value] of new Headers(init.headers)) headers.set(name, value);
  headers.set('content-type', 'application/json; charset=utf-8');
  headers.set('date', new Date().toUTCString());
  // Every click must reach the server, so nothing here may be cached (a 301 would be, forever).
  headers.set('cache-control', 'no-store');
  return new Response(JSON.stringify(body), { status: init.status ?? 200, headers });
}

function randomToken(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(8));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}
