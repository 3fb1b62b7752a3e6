/**
 * A room woken by its own sweep alarm must keep taking readers (issue 19).
 *
 * The real sequence, against a real `partykit dev`: a reader connects (which arms the sweep
 * alarm), the room goes idle, workerd evicts the idle instance (about 10 s after its last
 * event, measured on this machine: an alarm at 9 s still met the old instance, one at 12 s
 * a fresh one), and the alarm then fires on a fresh instance that PartyKit builds without
 * a request, so `room.id` is never set on it. The sweep comes at `SILENCE_MS / 2`, so a
 * `SILENCE_MS` of 30 s puts the alarm at 15 s, safely after the eviction; the test waits
 * 17 s. Every scenario runs in a room of its own, side by side, so the file takes about
 * 50 s in all.
 */
import { describe, expect, it } from 'vitest';
import { connectClient, setupRoom, type TestClient } from '../harness/room';

const KEY = 'clave-de-prueba-alarma';
const SILENCE_MS = 30_000;
/** Past the eviction (~10 s) and past the sweep alarm (`SILENCE_MS / 2` = 15 s). */
const PAST_THE_ALARM_MS = SILENCE_MS / 2 + 2000;

const room = setupRoom({ vars: { TEACHER_KEY: KEY, SILENCE_MS: String(SILENCE_MS) } });

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const stateOf = (name: string) => fetch(`${room.origin}/parties/main/${name}`);

/** Connects, expects a welcome, and leaves: what every reader must get, at any time. */
async function visit(name: string): Promise<void> {
  const client = await connectClient(room.host, name);
  const closedEarly = client.closed.then(({ code, reason }) => {
    throw new Error(`La sala cerró la conexión con ${String(code)} «${reason}» antes de dar la bienvenida.`);
  });
  const welcome = await Promise.race([client.next('welcome'), closedEarly]);
  expect(welcome.room).toBe(name);
  await client.close();
}

/** Opens the room once and leaves, arming the sweep alarm; then lets the room go idle. */
async function openAndLeave(name: string): Promise<void> {
  await visit(name);
  await sleep(PAST_THE_ALARM_MS);
}

describe.concurrent('room: after the sweep alarm wakes an evicted room', () => {
  it('welcomes the next reader, answers 200, and keeps welcoming for 30 s', { timeout: 90_000 }, async () => {
    const name = 'alarma-tres';
    await openAndLeave(name);
    await visit(name);
    expect((await stateOf(name)).status).toBe(200);
    const until = Date.now() + 30_000;
    let attempts = 0;
    while (Date.now() < until) {
      await visit(name);
      attempts++;
      await sleep(1000);
    }
    expect(attempts).toBeGreaterThanOrEqual(20);
    expect((await stateOf(name)).status).toBe(200);
  });

  it('answers a GET that is the first request after the alarm', { timeout: 60_000 }, async () => {
    const name = 'alarma-get';
    await openAndLeave(name);
    const response = await stateOf(name);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ room: name, count: 0 });
    await visit(name);
  });

  it('takes a POST push that is the first request after the alarm', { timeout: 60_000 }, async () => {
    const name = 'alarma-post';
    await openAndLeave(name);
    const response = await fetch(`${room.origin}/parties/main/${name}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${KEY}`, 'content-type': 'application/json' },
      body: JSON.stringify({ text: 'Primera petición tras la alarma', level: 'warning' }),
    });
    expect(response.status).toBe(201);
    expect(await response.json()).toMatchObject({ seq: 1 });
    const late = await connectClient(room.host, name);
    expect((await late.next('welcome')).history.map((n) => n.text)).toEqual([
      'Primera petición tras la alarma',
    ]);
    await late.close();
  });

  it('acks and delivers a push from a teacher who stayed connected through the wake-up', {
    timeout: 60_000,
  }, async () => {
    const name = 'alarma-clase';
    const teacher = await connectClient(room.host, name);
    await teacher.next('welcome');
    teacher.send({ type: 'auth', key: KEY });
    expect(await teacher.next('role')).toEqual({ type: 'role', role: 'teacher' });
    const reader: TestClient = await connectClient(room.host, name);
    await reader.next('welcome');

    // Both stay connected and silent: the instance is evicted with their sockets
    // hibernated, and the alarm wakes a fresh one that still holds them.
    await sleep(PAST_THE_ALARM_MS);
    teacher.send({ type: 'push', text: 'Seguimos tras la alarma', level: 'info', ref: 'tras-alarma' });
    expect(await teacher.next('ack')).toEqual({ type: 'ack', ref: 'tras-alarma', seq: 1 });
    expect(await reader.next('notification')).toMatchObject({ seq: 1, text: 'Seguimos tras la alarma' });

    // A newcomer to the woken room is welcomed and counted with the two who stayed.
    const newcomer = await connectClient(room.host, name);
    expect((await newcomer.next('welcome')).count).toBe(3);
    await Promise.all([newcomer.close(), reader.close(), teacher.close()]);
  });
});
