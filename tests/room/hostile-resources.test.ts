/**
 * A hostile student against the room's resources, on a real `partykit dev`: a huge POST,
 * a loop draining the open room's budget, hundreds of sockets and a reconnect loop from
 * one address, a flood of delays, a vote by reconnecting, rooms named like the path.
 * Every case also checks that the teacher and a bystander keep working.
 */
import { request as httpRequest } from 'node:http';
import { describe, expect, it } from 'vitest';
import { LIMITS } from '../../party/core/limits';
import { CONNECT_LIMITS } from '../../party/core/rate';
import { DELAY_LIMITS } from '../../party/http';
import { MAX_BODY_BYTES } from '../../party/wire/vocabulary';
import { connectClient, type TestClient } from '../harness/room';
import { classStillWorks, from, hostileRoom, join, KEY, readerId } from './hostileKit';

const room = hostileRoom();
const { url } = room;

/**
 * A POST whose body is streamed in chunks, with or without a Content-Length. `reset` tells
 * that the room cut the connection before its answer could be read: when a server closes a
 * socket with megabytes still unread, the kernel sends a reset, and a reset makes the
 * client's kernel drop whatever answer was already on its way. That is TCP, not the room.
 */
function rawPost(
  name: string,
  bytes: number,
  declare: boolean,
): Promise<{ status: number; body: string; reset: boolean; beforeEnd: boolean }> {
  return new Promise((resolve) => {
    const headers: Record<string, string> = {
      ...from('gordo'),
      authorization: `Bearer ${KEY}`,
      'content-type': 'application/json',
      ...(declare ? { 'content-length': String(bytes) } : {}),
    };
    let status = 0;
    let body = '';
    let ended = false;
    // Whether the room answered (or cut) while the body was still being sent.
    let beforeEnd = false;
    const request = httpRequest(url(name), { method: 'POST', headers }, (response) => {
      status = response.statusCode ?? 0;
      beforeEnd = !ended;
      response.on('data', (chunk) => (body += chunk));
      response.on('end', () => resolve({ status, body, reset: false, beforeEnd }));
      response.on('error', () => resolve({ status, body, reset: true, beforeEnd }));
    });
    // The room may stop reading and answer mid-body: that is the point.
    request.on('error', () => resolve({ status, body, reset: true, beforeEnd: beforeEnd || !ended }));
    const chunk = Buffer.alloc(64 * 1024, 'x');
    let sent = 0;
    const pump = () => {
      while (sent < bytes) {
        const piece = chunk.subarray(0, Math.min(chunk.length, bytes - sent));
        sent += piece.length;
        if (!request.write(piece)) return void request.once('drain', pump);
      }
      ended = true;
      request.end();
    };
    request.once('socket', pump);
  });
}

describe('hostile: a huge POST', () => {
  it.each([
    ['with Content-Length', true],
    ['without it (chunked)', false],
  ])('answers 413 %s to a body over the limit, in bytes', async (_name, declare) => {
    // Small enough that the room has taken every byte when it answers, so the answer is
    // always readable: what a client that sent too much must see.
    const answer = await rawPost('clase-gorda', 4 * MAX_BODY_BYTES, declare);
    expect(answer.reset).toBe(false);
    expect(answer.status).toBe(413);
    expect(JSON.parse(answer.body)).toMatchObject({ code: 'payload_too_large' });
    await classStillWorks(room.host, 'clase-gorda');
  });

  it.each([
    ['with Content-Length', true],
    ['without it (chunked)', false],
  ])('stops a 64 MB body %s without reading it all, and the class keeps working', async (_name, declare) => {
    // Far more than loopback's socket buffers hold, so a room that did not read it all must
    // answer (or cut) while the client is still sending.
    const answer = await rawPost('clase-gorda', 64 * 1024 * 1024, declare);
    expect(answer.beforeEnd).toBe(true);
    // Either the 413 is read, or the room cut the upload short (see rawPost): never a success.
    if (!answer.reset) expect(answer.status).toBe(413);
    else expect([0, 413]).toContain(answer.status);
    await classStillWorks(room.host, 'clase-gorda');
  });

  it('measures the limit in bytes, not characters', async () => {
    // Under the limit in characters, over it in UTF-8 bytes.
    const text = 'ñ'.repeat(Math.ceil(MAX_BODY_BYTES / 2) + 10);
    const response = await fetch(url('clase-gorda'), {
      method: 'POST',
      headers: from('gordo', { authorization: `Bearer ${KEY}`, 'content-type': 'application/json' }),
      body: JSON.stringify({ text }),
    });
    expect(text.length).toBeLessThan(MAX_BODY_BYTES);
    expect(response.status).toBe(413);
  });
});

describe('hostile: draining a shared budget', () => {
  it('gives one address only its share of the open room: another address still pushes', async () => {
    const bystander = await join(room.host, 'demo', 'compañera');
    const statuses: number[] = [];
    for (let i = 0; i < 20; i++) {
      const response = await fetch(url('demo'), {
        method: 'POST',
        headers: from('bucle', { 'content-type': 'application/json' }),
        body: JSON.stringify({ preset: 'counter' }),
      });
      statuses.push(response.status);
      await response.body?.cancel();
    }
    const accepted = statuses.filter((s) => s === 201).length;
    expect(accepted).toBeLessThanOrEqual(LIMITS.addressPushes.burst + 1);
    expect(statuses.at(-1)).toBe(429);
    const other = await fetch(url('demo'), {
      method: 'POST',
      headers: from('compañera', { 'content-type': 'application/json' }),
      body: JSON.stringify({ preset: 'clock' }),
    });
    expect(other.status).toBe(201);
    await expect
      .poll(() => bystander.received.some((m) => m.type === 'notification' && m.text.includes('(UTC)')))
      .toBe(true);
    await bystander.close();
  });

  it('gives one address only its share of the class room’s events, however many sockets', async () => {
    const teacher = await join(room.host, 'clase-eventos', 'docente', '?events=1');
    const sockets = await Promise.all(
      Array.from({ length: 6 }, () => join(room.host, 'clase-eventos', 'bucle-eventos', '?events=1')),
    );
    for (const socket of sockets) {
      for (let i = 0; i < LIMITS.memberEvents.burst; i++) {
        socket.send({ type: 'emit', event: 'cursor:mover', payload: { x: i, y: 0 } });
      }
    }
    const sent = sockets.length * LIMITS.memberEvents.burst;
    const relayedToTeacher = () =>
      teacher.received.filter((m) => m.type === 'event' && m.event === 'cursor:mover').length;
    const refused = () => sockets.flatMap((s) => s.received).filter((m) => m.type === 'error').length;
    // Every emit is answered: relayed (the teacher sees it once) or refused (to its sender).
    await expect.poll(() => refused() + relayedToTeacher()).toBeGreaterThanOrEqual(sent);
    const relayed = relayedToTeacher();
    // Its share, plus what refilled while the frames arrived; the room's whole budget is larger.
    expect(relayed).toBeLessThanOrEqual(LIMITS.addressEvents.burst + 3);
    expect(relayed).toBeLessThan(LIMITS.roomEvents.burst);
    const bystander = await join(room.host, 'clase-eventos', 'compañera', '?events=1');
    bystander.send({ type: 'emit', event: 'chat:mensaje', payload: { texto: 'sigo aquí' } });
    await expect
      .poll(() => teacher.received.some((m) => m.type === 'event' && m.event === 'chat:mensaje'))
      .toBe(true);
    await Promise.all([teacher, bystander, ...sockets].map((c) => c.close()));
  });
});

describe('hostile: connections', () => {
  it(`caps one address at ${String(CONNECT_LIMITS.socketsPerAddress)} sockets per room, and the class still joins`, async () => {
    const name = 'clase-sockets';
    const sockets: TestClient[] = [];
    for (let batch = 0; batch < CONNECT_LIMITS.socketsPerAddress / 50; batch++) {
      sockets.push(
        ...(await Promise.all(
          Array.from({ length: 50 }, () =>
            connectClient(room.host, name, `?reader=${readerId()}`, { headers: from('granja') }),
          ),
        )),
      );
    }
    await Promise.all(sockets.map((s) => s.next('welcome', 20_000)));
    const extra = await connectClient(room.host, name, `?reader=${readerId()}`, { headers: from('granja') });
    expect(await extra.next('error')).toMatchObject({ code: 'too_many_connections' });
    extra.send({ type: 'ping', t: 1 });
    expect((await extra.closed).code).toBe(1013);
    await classStillWorks(room.host, name);
    for (const s of sockets) s.socket.terminate();
  });

  it('answers a reconnect loop with a refusal before any room work, and others still join', async () => {
    const name = 'clase-bucle';
    const codes: number[] = [];
    // The budget refills while the loop runs; a loop always outruns it.
    for (let i = 0; i < CONNECT_LIMITS.churn.burst * 2 && codes.length === 0; i++) {
      const client = await connectClient(room.host, name, `?reader=${readerId()}`, {
        headers: from('rebote'),
      });
      await expect.poll(() => client.received.length).toBeGreaterThan(0);
      if (client.received[0]?.type === 'error') {
        expect(client.received[0]).toMatchObject({ code: 'too_many_connections' });
        client.send({ type: 'ping', t: 1 });
        codes.push((await client.closed).code);
      } else client.socket.terminate();
    }
    expect(codes).toEqual([1013]);
    await classStillWorks(room.host, name);
  });

  it('caps concurrent delays per address and per room, and the class still works', async () => {
    const name = 'clase-esperas';
    const delayed = (who: string) =>
      fetch(url(name, '/demo/delay?delay=1500'), { headers: from(who) }).then(async (r) => {
        await r.body?.cancel();
        return r.status;
      });
    const mine = await Promise.all(
      Array.from({ length: DELAY_LIMITS.perAddress + 3 }, () => delayed('esperón')),
    );
    expect(mine.filter((s) => s === 200)).toHaveLength(DELAY_LIMITS.perAddress);
    expect(mine.filter((s) => s === 429)).toHaveLength(3);
    const many = await Promise.all(
      Array.from({ length: DELAY_LIMITS.perRoom + 5 }, (_, i) => delayed(`esperón-${String(i % 12)}`)),
    );
    expect(many.filter((s) => s === 200)).toHaveLength(DELAY_LIMITS.perRoom);
    expect(await delayed('compañera')).toBe(200);
    await classStillWorks(room.host, name);
  });
});

describe('hostile: integrity', () => {
  it('takes one vote per reader: reconnecting does not vote again', async () => {
    const name = 'demo';
    const lector = readerId();
    const emit = (event: string, payload: unknown) => ({ type: 'emit' as const, event, payload });
    const first = await join(room.host, name, 'votante', `?events=1&reader=${lector}`);
    first.send(emit('encuesta:crear', { pregunta: '¿Push o polling?', opciones: ['push', 'polling'] }));
    const opened = await first.next('event');
    const id = opened.type === 'event' && (opened.payload as { id: string }).id;
    first.send(emit('encuesta:voto', { id, opcion: 0 }));
    await expect
      .poll(() => first.received.some((m) => m.type === 'event' && m.event === 'encuesta:resultado'))
      .toBe(true);
    await first.close();
    const again = await join(room.host, name, 'votante', `?events=1&reader=${lector}`);
    again.send(emit('encuesta:voto', { id, opcion: 1 }));
    await expect
      .poll(() => again.received.some((m) => m.type === 'event' && m.event === 'encuesta:error'))
      .toBe(true);
    const bystander = await join(room.host, name, 'compañera', '?events=1');
    bystander.send(emit('encuesta:voto', { id, opcion: 1 }));
    await expect
      .poll(() =>
        bystander.received.some(
          (m) =>
            m.type === 'event' &&
            m.event === 'encuesta:resultado' &&
            (m.payload as { total: number }).total === 2,
        ),
      )
      .toBe(true);
    await Promise.all([again.close(), bystander.close()]);
  });

  it.each(['m', 'p'])('routes demo endpoints in room «%s», named like the path prefix', async (name) => {
    const response = await fetch(url(name, '/demo/status/404'), { headers: from('corto') });
    expect(response.status).toBe(404);
    expect(await response.json()).toMatchObject({ codigo: 404 });
    const state = await fetch(url(name), { headers: from('corto') });
    expect(await state.json()).toMatchObject({ room: name });
    await classStillWorks(room.host, name);
  });
});
