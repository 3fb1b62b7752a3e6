/**
 * What the presence broadcast costs the room: every broadcast is one send per socket, so
 * a class arriving slowly must not pay several sends per reader (the 10 × 1000 bench, where
 * each room sees a few dozen joins a second), and the count must still arrive.
 */
import type * as Party from 'partykit/server';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { PRESENCE_MAX_WAIT_MS, Presence, presenceBroadcastDue } from '../../party/core/presence';
import { PresenceAnnouncer } from '../../party/presenceAnnouncer';

/** A room whose broadcasts are counted as the sends they are, one per open socket. */
function countingRoom(presence: Presence) {
  const broadcasts: { at: number; count: number; sends: number }[] = [];
  const room = {
    broadcast: (raw: string) => {
      const { count } = JSON.parse(raw) as { count: number };
      broadcasts.push({ at: Date.now(), count, sends: presence.sockets });
    },
  } as unknown as Party.Room;
  return { room, broadcasts };
}

/** `readers` arrive one every `everyMs`, each announced as the adapter does. */
async function arrive(presence: Presence, announcer: PresenceAnnouncer, readers: number, everyMs: number) {
  for (let i = 0; i < readers; i++) {
    presence.join(`s${String(i)}`, {
      reader: `lector${String(i).padStart(10, '0')}`,
      address: `a${String(i)}`,
    });
    announcer.announce();
    await vi.advanceTimersByTimeAsync(everyMs);
  }
}

describe('presence broadcast budget', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('costs at most two sends per reader while a big class arrives slowly, and still delivers the final count', async () => {
    const presence = new Presence();
    const { room, broadcasts } = countingRoom(presence);
    const announcer = new PresenceAnnouncer(room, presence, () => {});
    const start = Date.now();
    // A thousand readers over 18 s: 55 a second, as in ten rooms of a thousand on two cores.
    await arrive(presence, announcer, 1000, 18);
    await vi.advanceTimersByTimeAsync(PRESENCE_MAX_WAIT_MS + 5_000);

    const sends = broadcasts.reduce((sum, b) => sum + b.sends, 0);
    // The last window's full broadcast to the thousand comes on top of the two per join.
    expect(sends).toBeLessThanOrEqual(2 * 1000 + 1000);
    expect(broadcasts.at(-1)?.count).toBe(1000);
    // The final count waits no longer than the bound plus one window.
    const last = broadcasts.at(-1)?.at ?? 0;
    expect(last - start - 18 * 1000).toBeLessThanOrEqual(PRESENCE_MAX_WAIT_MS + 2_000);
  });

  it('moves a class of 30 within half a second, as before', async () => {
    const presence = new Presence();
    const { room, broadcasts } = countingRoom(presence);
    const announcer = new PresenceAnnouncer(room, presence, () => {});
    await arrive(presence, announcer, 29, 10);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(broadcasts.at(-1)?.count).toBe(29);
    const before = Date.now();
    // One more reader: its count is out within one 500 ms window.
    presence.join('late', { reader: 'lector9999999999', address: 'b' });
    announcer.announce();
    await vi.advanceTimersByTimeAsync(500);
    expect(broadcasts.at(-1)).toMatchObject({ count: 30 });
    expect((broadcasts.at(-1)?.at ?? 0) - before).toBeLessThanOrEqual(500);
  });

  it('decides from the sockets a broadcast reaches and how far the count moved', () => {
    expect(presenceBroadcastDue({ sockets: 30, changedBy: 0, waitedMs: 60_000 })).toBe(false);
    expect(presenceBroadcastDue({ sockets: 30, changedBy: 1, waitedMs: 0 })).toBe(true);
    expect(presenceBroadcastDue({ sockets: 1000, changedBy: 100, waitedMs: 0 })).toBe(false);
    expect(presenceBroadcastDue({ sockets: 1000, changedBy: 500, waitedMs: 0 })).toBe(true);
    expect(presenceBroadcastDue({ sockets: 1000, changedBy: 1, waitedMs: PRESENCE_MAX_WAIT_MS })).toBe(true);
  });
});
