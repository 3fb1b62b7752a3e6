/**
 * Who is here, kept incrementally: O(1) per join and leave, never a scan of every socket.
 * No PartyKit import.
 *
 * Presence counts readers (a browser's random id, sent as `reader`): one reader with
 * several tabs or several live demos counts once, and a socket without a reader id does
 * not count at all. The same table counts sockets per client address, for the cap.
 *
 * It lives in memory, so hibernation loses it; each socket's attachment keeps its reader
 * and address, and the adapter rebuilds the table from them once when the room wakes.
 */
import type { ServerMessageOf } from '../wire/serverMessages';
import { PROTOCOL_VERSION } from '../wire/version';
import { catchUp } from './notifications';
import { LOCAL_ADDRESS } from './rate';
import type { MemberState, RoomContext } from './state';

/**
 * How long joins and leaves wait to share one presence window. Each window may broadcast
 * the count (one send per socket), so the window grows with the room: a thousand arrivals
 * share a broadcast every two seconds, not one each (a million sends). In a class of 30
 * the count still moves within half a second.
 */
export function presenceDelayMs(sockets: number): number {
  return Math.min(MAX_DELAY_MS, Math.max(MIN_DELAY_MS, sockets * PER_SOCKET_MS));
}

const MIN_DELAY_MS = 500;
const MAX_DELAY_MS = 5_000;
const PER_SOCKET_MS = 2;

/** Up to this many sockets, every window whose count changed broadcasts it. */
const SMALL_ROOM = 100;
/** The longest a changed count waits in a bigger room before it is broadcast anyway. */
export const PRESENCE_MAX_WAIT_MS = 5_000;

/**
 * Whether a window broadcasts the count. A window alone does not bound the cost: readers
 * arriving slower than one per 2 ms (ten rooms of a thousand on one machine) would pay
 * several sends each, every window sending to the whole room for a handful of changes. So
 * in a room past `SMALL_ROOM` the count goes out once the readers it moved by are at
 * least half the sockets it goes to (two sends per join or leave at most), or once it has
 * waited `PRESENCE_MAX_WAIT_MS`.
 */
export function presenceBroadcastDue({
  sockets,
  changedBy,
  waitedMs,
}: {
  sockets: number;
  /** How far the count moved since the last broadcast. */
  changedBy: number;
  /** Since the first window that found the count changed. */
  waitedMs: number;
}): boolean {
  if (changedBy === 0) return false;
  return sockets <= SMALL_ROOM || 2 * changedBy >= sockets || waitedMs >= PRESENCE_MAX_WAIT_MS;
}

export interface Seat {
  reader?: string | undefined;
  address: string;
}

export class Presence {
  private readonly seats = new Map<string, Seat>();
  private readonly readers = new Map<string, number>();
  private readonly addresses = new Map<string, number>();

  /** Readers present: the count the welcome and `presence` messages carry. */
  get count(): number {
    return this.readers.size;
  }

  /** Sockets open from one address. */
  socketsFrom(address: string): number {
    return this.addresses.get(address) ?? 0;
  }

  /** Sockets in the table. */
  get sockets(): number {
    return this.seats.size;
  }

  /** Seats a socket; seating the same one twice counts it once. */
  join(id: string, seat: Seat): void {
    if (this.seats.has(id)) return;
    this.seats.set(id, seat);
    bump(this.addresses, seat.address, 1);
    if (seat.reader !== undefined) bump(this.readers, seat.reader, 1);
  }

  /** Unseats a socket; a second leave for the same one (close, then error) is a no-op. */
  leave(id: string): void {
    const seat = this.seats.get(id);
    if (!seat) return;
    this.seats.delete(id);
    bump(this.addresses, seat.address, -1);
    if (seat.reader !== undefined) bump(this.readers, seat.reader, -1);
  }
}

function bump(counts: Map<string, number>, key: string, by: number): void {
  const next = (counts.get(key) ?? 0) + by;
  if (next <= 0) counts.delete(key);
  else counts.set(key, next);
}

/**
 * The connections that have gone silent for longer than `windowMs`: frozen tabs, sleeping
 * laptops, links that died without a close. A member with no record yet is left alone.
 */
export function findSilent(
  members: Iterable<{ id: string; member: MemberState | null }>,
  now: number,
  windowMs: number,
): string[] {
  const silent: string[] = [];
  for (const { id, member } of members) {
    if (member?.seen !== undefined && now - member.seen > windowMs) silent.push(id);
  }
  return silent;
}

export function newMember(room: RoomContext, reader?: string, address: string = LOCAL_ADDRESS): MemberState {
  const member: MemberState = { role: 'reader', seen: room.now(), address };
  if (reader !== undefined) member.reader = reader;
  return member;
}

export function welcome(
  room: RoomContext,
  count: number,
  member: MemberState,
  since?: number,
): ServerMessageOf<'welcome'> {
  return {
    type: 'welcome',
    version: PROTOCOL_VERSION,
    room: room.roomId,
    count,
    role: member.role,
    openPush: room.openPush,
    lastSeq: room.state.seq,
    ...catchUp(room.state, since),
  };
}
