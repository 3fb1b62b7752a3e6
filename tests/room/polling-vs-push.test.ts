import { describe, expect, it } from 'vitest';
import { validate } from '../../party/wire/errors';
import { pollResponse } from '../../party/wire/serverMessages';
import { connectClient, setupRoom } from '../harness/room';

const KEY = 'clave-de-sondeo-larga';

const room = setupRoom({ vars: { TEACHER_KEY: KEY } });

async function push(name: string, text: string): Promise<number> {
  const response = await fetch(`${room.origin}/parties/main/${name}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${KEY}`, 'content-type': 'application/json' },
    body: JSON.stringify({ text }),
  });
  expect(response.status).toBe(201);
  return (await response.json()).seq;
}

async function poll(name: string, since: string) {
  const response = await fetch(`${room.origin}/parties/main/${name}?since=${since}`);
  expect(response.status).toBe(200);
  return response.json();
}

describe('room: the polling endpoint', () => {
  it('returns only the notifications after since, with lastSeq, the room clock and the request size', async () => {
    for (const text of ['uno', 'dos', 'tres']) await push('clase-sondeo', text);
    const before = Date.now();
    const body = await poll('clase-sondeo', '1');
    const parsed = validate(pollResponse, body);
    expect(parsed.ok).toBe(true);
    expect(body.lastSeq).toBe(3);
    expect(body.notifications.map((n: { text: string }) => n.text)).toEqual(['dos', 'tres']);
    expect(body.gap).toBe(false);
    expect(Math.abs(body.now - before)).toBeLessThan(5000);
    expect(body.requestBytes).toBeGreaterThan(
      'GET /parties/main/clase-sondeo?since=1 HTTP/1.1\r\n\r\n'.length,
    );
  });

  it('returns nothing new to a client that is up to date, and everything after 0', async () => {
    await push('clase-al-dia', 'única');
    expect((await poll('clase-al-dia', '1')).notifications).toEqual([]);
    expect((await poll('clase-al-dia', '0')).notifications).toHaveLength(1);
  });

  it('sees a push the same moment the WebSocket does, when it asks', async () => {
    const reader = await connectClient(room.host, 'clase-carrera');
    await reader.next('welcome');
    const seq = await push('clase-carrera', 'carrera');
    const viaSocket = await reader.next('notification');
    const viaPoll = (await poll('clase-carrera', String(seq - 1))).notifications[0];
    expect(viaPoll).toEqual({
      seq: viaSocket.seq,
      text: viaSocket.text,
      level: viaSocket.level,
      at: viaSocket.at,
    });
    await reader.close();
  });

  it('keeps the plain GET as it was when since is absent or not a number', async () => {
    const body = await poll('clase-sondeo', 'abc');
    expect(body).toMatchObject({ room: 'clase-sondeo', openPush: false, lastSeq: 3 });
    expect(body.notifications).toHaveLength(3);
    expect(body.now).toBeUndefined();
  });
});
