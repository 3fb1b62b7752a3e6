import { describe, expect, it } from 'vitest';
import { MAX_DELAY_MS } from '../../party/httpDemos';
import { setupRoom } from '../harness/room';

const room = setupRoom();

const demo = (path: string) => `${room.origin}/parties/main/http-demos/demo${path}`;

/** Fetches and measures how long the whole answer took, in ms. */
async function timed(url: string, init?: RequestInit): Promise<{ response: Response; ms: number }> {
  const start = performance.now();
  const response = await fetch(url, init);
  await response.clone().arrayBuffer();
  return { response, ms: performance.now() - start };
}

describe('room: delay endpoint', () => {
  it('answers after the requested delay, never cached', async () => {
    const { response, ms } = await timed(demo('/delay?delay=300'));
    expect(response.status).toBe(200);
    expect(ms).toBeGreaterThanOrEqual(290);
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(response.headers.get('timing-allow-origin')).toBe('*');
    expect(await response.json()).toEqual({ espera: 300, pedida: 300, limitada: false });
  });

  it('caps the delay at 3 s and says so', async () => {
    const { response, ms } = await timed(demo('/delay?delay=9000'));
    expect(response.status).toBe(200);
    expect(ms).toBeGreaterThanOrEqual(MAX_DELAY_MS - 10);
    expect(ms).toBeLessThan(MAX_DELAY_MS + 2500);
    expect(await response.json()).toMatchObject({ espera: MAX_DELAY_MS, pedida: 9000, limitada: true });
    expect(response.headers.get('x-demo-espera')).toBe(String(MAX_DELAY_MS));
  });

  it.each(['abc', '-5', '1.5', ''])('rejects delay=%j with a Spanish 400', async (value) => {
    const response = await fetch(demo(`/delay?delay=${encodeURIComponent(value)}`));
    expect(response.status).toBe(400);
    const body = (await response.json()) as { error: string };
    expect(body.error).toMatch(/delay/);
    expect(body.error).toMatch(/milisegundos/);
  });

  it('rejects a missing delay with a 400', async () => {
    const response = await fetch(demo('/delay'));
    expect(response.status).toBe(400);
    expect(((await response.json()) as { error: string }).error).toMatch(/Falta/);
  });
});

describe('room: status endpoints', () => {
  it.each([200, 404, 500])('answers %i with a JSON body', async (code) => {
    const response = await fetch(demo(`/status/${String(code)}`));
    expect(response.status).toBe(code);
    expect(response.headers.get('content-type')).toMatch(/application\/json/);
    expect(await response.json()).toMatchObject({ codigo: code });
  });

  it('answers 301 with a Location to the 200, which fetch follows', async () => {
    const raw = await fetch(demo('/status/301'), { redirect: 'manual' });
    expect(raw.status).toBe(301);
    expect(raw.headers.get('location')).toBe('/parties/main/http-demos/demo/status/200?redirigido=1');

    const followed = await fetch(demo('/status/301'));
    expect(followed.redirected).toBe(true);
    expect(followed.status).toBe(200);
    expect(await followed.json()).toMatchObject({ codigo: 200, redirigido: true });
  });

  it('rejects a code it does not offer with a 400', async () => {
    const response = await fetch(demo('/status/418'));
    expect(response.status).toBe(400);
    expect(((await response.json()) as { error: string }).error).toMatch(/Código no disponible/);
  });

  it('answers an unknown demo with a 404 and a non-GET with a 405', async () => {
    expect((await fetch(demo('/nada'))).status).toBe(404);
    const post = await fetch(demo('/status/200'), { method: 'POST' });
    expect(post.status).toBe(405);
    expect(post.headers.get('allow')).toMatch(/GET/);
  });
});

describe('room: cookies and CORS', () => {
  it('sets a scoped cookie and reads it back as the server saw it', async () => {
    const set = await fetch(demo('/cookie/set'));
    expect(set.status).toBe(200);
    const header = set.headers.get('set-cookie') ?? '';
    expect(header).toMatch(/^demo_visita=[0-9a-f]{16}; /);
    expect(header).toContain('Path=/parties/main/http-demos/demo/cookie');
    expect(header).toContain('HttpOnly');
    expect(header).toContain('SameSite=Lax');
    const body = (await set.json()) as { nombre: string; valor: string; atributos: string[] };
    expect(header.startsWith(`${body.nombre}=${body.valor};`)).toBe(true);

    const echo = await fetch(demo('/cookie/echo'), {
      headers: { cookie: `otra=secreta; demo_visita=${body.valor}` },
    });
    expect(await echo.json()).toEqual({
      cabeceraCookie: `demo_visita=${body.valor}`,
      recibidas: { demo_visita: body.valor },
    });
  });

  it('echoes no cookie when none was sent', async () => {
    const echo = await fetch(demo('/cookie/echo'));
    expect(await echo.json()).toEqual({ cabeceraCookie: null, recibidas: {} });
  });

  it('serves another origin without credentials while ALLOWED_ORIGINS is empty, and answers the preflight', async () => {
    const origin = 'http://127.0.0.1:4321';
    const response = await fetch(demo('/status/200'), { headers: { origin } });
    // `*` never goes with cookies: no other site can read the demo cookie's value.
    expect(response.headers.get('access-control-allow-origin')).toBe('*');
    expect(response.headers.get('access-control-allow-credentials')).toBeNull();
    expect(response.headers.get('vary')).toMatch(/Origin/);
    expect(response.headers.get('access-control-expose-headers')).toMatch(/X-Demo-Espera/);

    const preflight = await fetch(demo('/cookie/echo'), {
      method: 'OPTIONS',
      headers: { origin, 'access-control-request-method': 'GET' },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-methods')).toMatch(/GET/);
    expect(preflight.headers.get('access-control-allow-origin')).toBe('*');
  });
});
