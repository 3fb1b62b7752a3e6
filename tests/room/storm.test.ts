import { describe, expect, it } from 'vitest';
import { LOCAL_TEACHER_KEY } from '../../scripts/tools/teacherKey.mjs';
import { connectRoom, createPartySocket, type RoomClient } from '../../src/lib/room-client';
import { setupRoom } from '../harness/room';

// Its own room with the default silence window: clients here ping every 25 s, as pages do.
const room = setupRoom();

describe('room: a restart storm', () => {
  it('spreads 200 reconnecting clients over time, and none loses or repeats a notification', async () => {
    const N = 200;
    const attempts: number[] = [];
    // Counts every connection attempt, the way the server would see them arrive.
    const Counting = class extends WebSocket {
      constructor(url: string | URL, protocols?: string | string[]) {
        super(url, protocols);
        attempts.push(Date.now());
      }
    };
    const seen: number[][] = Array.from({ length: N }, () => []);
    const clients: RoomClient[] = Array.from({ length: N }, (_, i) =>
      connectRoom({
        room: 'tormenta',
        host: room.host,
        createSocket: (settings) => createPartySocket(settings, Counting),
        environment: { onOnline: () => () => {}, onVisible: () => () => {} },
        onMessage: (m) => {
          if (m.type === 'welcome') seen[i]?.push(...m.history.map((n) => n.seq));
          if (m.type === 'notification') seen[i]?.push(m.seq);
        },
      }),
    );
    const allOpen = () => clients.every((c) => c.status.status === 'open');
    await expect.poll(allOpen, { timeout: 30_000 }).toBe(true);

    const post = (text: string) =>
      fetch(`${room.origin}/parties/main/tormenta`, {
        method: 'POST',
        headers: { authorization: `Bearer ${LOCAL_TEACHER_KEY}`, 'content-type': 'application/json' },
        body: JSON.stringify({ text }),
      });
    for (const text of ['uno', 'dos', 'tres']) expect((await post(text)).status).toBe(201);

    attempts.length = 0;
    const cutAt = Date.now();
    await room.restart();
    for (const text of ['cuatro', 'cinco', 'seis']) expect((await post(text)).status).toBe(201);

    const notOpen = () => clients.map((c) => c.status).filter((s) => s.status !== 'open');
    await expect.poll(notOpen, { timeout: 40_000, interval: 250 }).toEqual([]);
    const expected = [1, 2, 3, 4, 5, 6];
    const wrong = () => seen.map((s, i) => ({ i, s })).filter(({ s }) => s.join() !== expected.join());
    await expect.poll(wrong, { timeout: 10_000 }).toEqual([]);

    const buckets = new Map<number, number>();
    for (const at of attempts) {
      const bucket = Math.floor((at - cutAt) / 100);
      buckets.set(bucket, (buckets.get(bucket) ?? 0) + 1);
    }
    expect(attempts.length).toBeGreaterThanOrEqual(N);
    expect(Math.max(...buckets.values())).toBeLessThan(N / 3);
    for (const c of clients) c.close();
  }, 90_000);
});
