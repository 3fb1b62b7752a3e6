/**
 * A hostile student against the room's access rules, on a real `partykit dev`: key
 * guessing over HTTP and WebSocket, the cookie demo from another site, free text in the
 * open room. Every case also checks that the teacher and a bystander keep working.
 */
import { describe, expect, it } from 'vitest';
import { KEY_THROTTLE } from '../../party/core/access';
import { connectClient } from '../harness/room';
import { classStillWorks, from, hostileRoom, join, KEY, readerId } from './hostileKit';

const room = hostileRoom();
const { url } = room;

function post(name: string, who: string, body: unknown, key?: string): Promise<Response> {
  return fetch(url(name), {
    method: 'POST',
    headers: from(who, {
      'content-type': 'application/json',
      ...(key ? { authorization: `Bearer ${key}` } : {}),
    }),
    body: JSON.stringify(body),
  });
}

describe('hostile: key guessing', () => {
  it('over HTTP: throttled per address with 429 and Retry-After, while the teacher pushes from elsewhere', async () => {
    const statuses: number[] = [];
    let throttled: Response | undefined;
    for (let i = 0; i < KEY_THROTTLE.free + 3; i++) {
      const response = await post('clase-adivina', 'adivino-http', { text: 'x' }, `intento-${String(i)}`);
      statuses.push(response.status);
      if (response.status === 429) throttled = response;
      else await response.body?.cancel();
    }
    expect(statuses.slice(0, KEY_THROTTLE.free + 1)).toEqual([403, 403, 403, 403]);
    expect(statuses.slice(KEY_THROTTLE.free + 1)).toEqual([429, 429]);
    expect(Number(throttled?.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(await throttled?.json()).toMatchObject({ code: 'key_throttled' });
    // Locked out means not even compared: the right key from that address waits too.
    expect((await post('clase-adivina', 'adivino-http', { text: 'x' }, KEY)).status).toBe(429);

    const reader = await join(room.host, 'clase-adivina', 'compañera');
    const teacher = await post('clase-adivina', 'docente', { text: 'La clase sigue' }, KEY);
    expect(teacher.status).toBe(201);
    expect(await reader.next('notification')).toMatchObject({ text: 'La clase sigue' });
    await reader.close();
    await classStillWorks(room.host, 'clase-adivina');
  });

  it('over WebSocket: a typed error, key_throttled with retryAfter, a 1008 close at the fifth, and a cool-down', async () => {
    const guesser = await join(room.host, 'clase-adivina-ws', 'adivino-ws');
    for (let i = 0; i < KEY_THROTTLE.perSocket; i++)
      guesser.send({ type: 'auth', key: `intento-${String(i)}` });
    const closed = await guesser.closed;
    expect(closed.code).toBe(1008);
    const codes = guesser.received.flatMap((m) => (m.type === 'error' ? [m.code] : []));
    expect(codes).toEqual(['wrong_key', 'wrong_key', 'wrong_key', 'wrong_key', 'key_throttled']);
    const last = guesser.received.at(-1);
    expect(last?.type === 'error' && last.retryAfter).toBeGreaterThan(0);
    expect(guesser.received.some((m) => m.type === 'role')).toBe(false);

    // Coming straight back costs the guesser: a 429 before it even reaches the room.
    await expect(
      connectClient(room.host, 'clase-adivina-ws', `?reader=${readerId()}`, { headers: from('adivino-ws') }),
    ).rejects.toThrow(/429/);

    await classStillWorks(room.host, 'clase-adivina-ws');
  });

  it('forgives a teacher who mistypes twice: the right key works at once', async () => {
    const teacher = await join(room.host, 'clase-despiste', 'docente-despistada');
    teacher.send({ type: 'auth', key: 'clave-larga-de-la-suite-hostl' });
    teacher.send({ type: 'auth', key: 'Clave-larga-de-la-suite-hostil' });
    teacher.send({ type: 'auth', key: KEY });
    expect(await teacher.next('role')).toEqual({ type: 'role', role: 'teacher' });
    await teacher.close();
  });
});

describe('hostile: the open room takes only prepared notifications', () => {
  it('refuses free text over WebSocket and HTTP, and broadcasts a preset written by the room', async () => {
    const spammer = await join(room.host, 'demo', 'spammer');
    const bystander = await join(room.host, 'demo', 'compañera');
    spammer.send({ type: 'push', text: 'https://spam.example', ref: 's1' });
    expect(await spammer.next('error')).toMatchObject({ code: 'preset_required', ref: 's1' });
    const overHttp = await post('demo', 'spammer', { text: 'https://spam.example' });
    expect(overHttp.status).toBe(400);
    expect(await overHttp.json()).toMatchObject({ code: 'preset_required' });

    const preset = await post('demo', 'compañera', { preset: 'urgent', ref: 'http-1' });
    expect(preset.status).toBe(201);
    const seen = await bystander.next('notification');
    expect(seen).toMatchObject({ level: 'urgent', text: expect.stringContaining('Urgente de prueba') });
    expect(bystander.received.some((m) => m.type === 'notification' && m.text.includes('spam'))).toBe(false);
    await Promise.all([spammer.close(), bystander.close()]);
  });
});

describe('hostile: the cookie demo from another site', () => {
  it('never hands the HttpOnly cookie to another origin: no credentialed CORS while ALLOWED_ORIGINS is empty', async () => {
    const evil = await fetch(url('clase-galletas', '/demo/cookie/echo'), {
      headers: from('sitio-malo', { origin: 'https://malicioso.example', cookie: 'demo_visita=secreto' }),
    });
    expect(evil.status).toBe(200);
    expect(evil.headers.get('access-control-allow-credentials')).toBeNull();
    expect(evil.headers.get('access-control-allow-origin')).toBe('*');
    // Same-origin use (no Origin header) still works.
    const own = await fetch(url('clase-galletas', '/demo/cookie/echo'), {
      headers: { cookie: 'demo_visita=mia' },
    });
    expect(await own.json()).toMatchObject({ recibidas: { demo_visita: 'mia' } });
    await classStillWorks(room.host, 'clase-galletas');
  });
});
