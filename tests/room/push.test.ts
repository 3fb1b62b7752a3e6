import { describe, expect, it } from 'vitest';
import { connectClient, setupRoom, type TestClient } from '../harness/room';

const KEY = 'clave-de-prueba-larga';
const room = setupRoom({ vars: { TEACHER_KEY: KEY } });

async function teacherIn(name: string): Promise<TestClient> {
  const teacher = await connectClient(room.host, name);
  await teacher.next('welcome');
  teacher.send({ type: 'auth', key: KEY });
  expect(await teacher.next('role')).toEqual({ type: 'role', role: 'teacher' });
  return teacher;
}

async function readers(name: string, n: number): Promise<TestClient[]> {
  const clients = await Promise.all(Array.from({ length: n }, () => connectClient(room.host, name)));
  await Promise.all(clients.map((c) => c.next('welcome')));
  return clients;
}

async function joinAsReader(name: string): Promise<TestClient> {
  const client = await connectClient(room.host, name);
  await client.next('welcome');
  return client;
}

const closeAll = (clients: TestClient[]) => Promise.all(clients.map((c) => c.close()));

describe('room: push and reactions', () => {
  it('delivers a teacher push to three readers, with seq, and acks the teacher', async () => {
    const teacher = await teacherIn('clase-push');
    const clients = await readers('clase-push', 3);
    teacher.send({ type: 'push', text: 'Mañana hay examen', level: 'urgent', ref: 'p1' });
    expect(await teacher.next('ack')).toEqual({ type: 'ack', ref: 'p1', seq: 1 });
    for (const client of clients) {
      expect(await client.next('notification')).toMatchObject({
        seq: 1,
        text: 'Mañana hay examen',
        level: 'urgent',
      });
    }
    await closeAll([teacher, ...clients]);
  });

  it('broadcasts a reaction to everyone, teacher included', async () => {
    const teacher = await teacherIn('clase-reacciones');
    const a = await joinAsReader('clase-reacciones');
    const b = await joinAsReader('clase-reacciones');
    a.send({ type: 'react', reaction: '¡recibido!' });
    expect(await teacher.next('reaction')).toMatchObject({ reaction: '¡recibido!' });
    expect(await b.next('reaction')).toMatchObject({ reaction: '¡recibido!' });
    await closeAll([teacher, a, b]);
  });

  it('lets a reader push a prepared notification in the demo room but nothing in a class room', async () => {
    const reader = await joinAsReader('demo');
    reader.send({ type: 'push', preset: 'clock', ref: 'd1' });
    expect(await reader.next('ack')).toMatchObject({ ref: 'd1' });
    const classReader = await joinAsReader('clase-cerrada');
    classReader.send({ type: 'push', text: 'Hola', ref: 'c1' });
    expect(await classReader.next('error')).toMatchObject({ code: 'forbidden', ref: 'c1' });
    await closeAll([reader, classReader]);
  });

  it('refuses an invalid room name with a clear error', async () => {
    const response = await fetch(`${room.origin}/parties/main/Sala_Mala`);
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ type: 'error', code: 'invalid_room' });
    await expect(connectClient(room.host, 'Sala_Mala')).rejects.toThrow(/400/);
  });
});

describe('room: catch-up and persistence', () => {
  it('sends a reconnecting client exactly the three pushes it missed, in order', async () => {
    const teacher = await teacherIn('clase-catchup');
    const reader = await joinAsReader('clase-catchup');
    teacher.send({ type: 'push', text: 'uno' });
    const seen = await reader.next('notification');
    await reader.close();
    for (const text of ['dos', 'tres', 'cuatro']) {
      teacher.send({ type: 'push', text });
      await teacher.next('ack');
    }
    const back = await connectClient(room.host, 'clase-catchup', `?since=${String(seen.seq)}`);
    const welcome = await back.next('welcome');
    expect(welcome.history.map((n) => n.text)).toEqual(['dos', 'tres', 'cuatro']);
    expect(welcome.history.map((n) => n.seq)).toEqual([seen.seq + 1, seen.seq + 2, seen.seq + 3]);
    expect(welcome.gap).toBe(false);
    await closeAll([teacher, back]);
  });

  it('keeps history and seq across a restart of the room process', async () => {
    const teacher = await teacherIn('clase-reinicio');
    teacher.send({ type: 'push', text: 'antes' });
    const before = await teacher.next('ack');
    await teacher.close();

    await room.restart();

    const again = await teacherIn('clase-reinicio');
    const state = await (await fetch(`${room.origin}/parties/main/clase-reinicio`)).json();
    expect(state.lastSeq).toBe(before.seq);
    expect(state.notifications.map((n: { text: string }) => n.text)).toEqual(['antes']);
    again.send({ type: 'push', text: 'después' });
    expect((await again.next('ack')).seq).toBe(before.seq + 1);
    await again.close();
  });
});

describe('room: bad input keeps the connection open', () => {
  it.each([
    ['invalid JSON', '{no es json', 'invalid_json'],
    ['an unknown type', JSON.stringify({ type: 'borrar' }), 'unknown_type'],
    ['a wrong field type', JSON.stringify({ type: 'push', text: 42 }), 'invalid_field'],
    ['text over 280 characters', JSON.stringify({ type: 'push', text: 'x'.repeat(281) }), 'too_long'],
    ['a wrong key', JSON.stringify({ type: 'auth', key: 'adivinando' }), 'wrong_key'],
  ])('answers %s with a Spanish error and stays open', async (_name, frame, code) => {
    const client = await joinAsReader('clase-errores');
    client.sendRaw(frame);
    const error = await client.next('error');
    expect(error.code).toBe(code);
    expect(error.message).toMatch(/[áéíóúñ«]|clave|campo|mensaje/i);
    client.send({ type: 'ping', t: 1 });
    expect(await client.next('pong')).toEqual({ type: 'pong', t: 1 });
    await client.close();
  });
});

describe('room: abuse is cut off, others are not affected', () => {
  async function abuse(send: (c: TestClient) => void) {
    const bystander = await joinAsReader('demo-abuso');
    const abuser = await joinAsReader('demo-abuso');
    send(abuser);
    const closed = await abuser.closed;
    bystander.send({ type: 'ping', t: 9 });
    expect(await bystander.next('pong')).toEqual({ type: 'pong', t: 9 });
    await bystander.close();
    return closed;
  }

  it('closes a binary frame with 1008', async () => {
    expect((await abuse((c) => c.sendRaw(Buffer.from([1, 2, 3])))).code).toBe(1008);
  });

  it('closes a frame over 64 KB with 1009', async () => {
    expect(
      (await abuse((c) => c.sendRaw(JSON.stringify({ type: 'ping', t: 1, pad: 'x'.repeat(70_000) })))).code,
    ).toBe(1009);
  });

  it('closes a sustained flood with 1008', async () => {
    const closed = await abuse((c) => {
      for (let i = 0; i < 200; i++) c.send({ type: 'ping', t: i });
    });
    expect(closed.code).toBe(1008);
  });
});

describe('room: HTTP', () => {
  const url = (name: string) => `${room.origin}/parties/main/${name}`;
  const post = (name: string, body: unknown, key?: string) =>
    fetch(url(name), {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(key ? { authorization: `Bearer ${key}` } : {}) },
      body: JSON.stringify(body),
    });

  it('GET returns count, last seq and recent notifications', async () => {
    const reader = await joinAsReader('clase-http');
    const response = await fetch(url('clase-http'));
    expect(response.headers.get('content-type')).toMatch(/application\/json/);
    expect(await response.json()).toMatchObject({
      room: 'clase-http',
      count: 1,
      lastSeq: 0,
      notifications: [],
    });
    await reader.close();
  });

  it('POST with the teacher key pushes to connected readers', async () => {
    const reader = await joinAsReader('clase-curl');
    const response = await post('clase-curl', { text: 'Desde curl', level: 'warning' }, KEY);
    expect(response.status).toBe(201);
    expect(await response.json()).toMatchObject({ seq: 1 });
    expect(await reader.next('notification')).toMatchObject({ text: 'Desde curl', level: 'warning', seq: 1 });
    await reader.close();
  });

  it('POST without the key is refused with 401, with a wrong key with 403, and pushes nothing', async () => {
    const missing = await post('clase-curl-2', { text: 'x' });
    expect(missing.status).toBe(401);
    expect(await missing.json()).toMatchObject({ type: 'error', code: 'forbidden' });
    expect((await post('clase-curl-2', { text: 'x' }, 'mala')).status).toBe(403);
    expect((await (await fetch(url('clase-curl-2'))).json()).lastSeq).toBe(0);
  });

  it('POST with a bad body gets a 400 in Spanish', async () => {
    const response = await post('clase-curl-3', { text: '' }, KEY);
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({
      type: 'error',
      code: 'too_short',
      message: expect.stringContaining('«text»'),
    });
  });
});
