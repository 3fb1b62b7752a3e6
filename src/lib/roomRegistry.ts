/**
 * The page's connections: at most one socket per room, shared by every island on the page.
 * The socket opens with the first subscriber and closes when the last one leaves; islands
 * subscribe to the message types they render and send through it. The teacher key, when
 * this tab remembers one, is the connection's greeting, sent once per open for everyone.
 *
 * Connect-time extras (`events=1`, `handshake=1`) are query flags the room reads only when
 * a socket connects. Each tag that needs one declares it in the page's HTML at build time
 * (`<template data-room="demo" data-room-extras="events">`), so the shared socket opens with
 * every extra the page will ever need, whichever island hydrates first. A subscriber that
 * needs an extra the socket lacks (a tag that declared nothing) makes it reconnect once,
 * with the union and `since`, so nothing is missed or repeated.
 */
import type { ClientMessage } from '../../party/wire/clientMessages';
import { CONNECT_PARAMS, type ConnectExtra } from '../../party/wire/connectQuery';
import type { Notification, ServerMessage, ServerMessageOf } from '../../party/wire/serverMessages';
import {
  connectRoom,
  type RoomClient,
  type RoomClientOptions,
  type SendResult,
  type SocketEvent,
  type StatusInfo,
} from './room-client';
import { rememberedKey } from './teacherKey';

/** What a subscriber may need on top of the plain connection. */
export type RoomExtra = ConnectExtra;
const EXTRAS: RoomExtra[] = ['events', 'handshake'];

export type MessageOf<T extends ServerMessage['type']> = Extract<ServerMessage, { type: T }>;
/** One handler per message type the subscriber renders; other types never reach it. */
export type MessageHandlers = { [T in ServerMessage['type']]?: (message: MessageOf<T>) => void };

export interface RoomSubscriber {
  extras?: readonly RoomExtra[];
  on?: MessageHandlers;
  onStatus?: (info: StatusInfo) => void;
  onLatency?: (ms: number) => void;
  /** Every raw frame of the shared socket, for islands that show the wire. */
  onSocketEvent?: (event: SocketEvent) => void;
  /** A queued message had to be dropped because the outbox was full. */
  onDropped?: (message: ClientMessage) => void;
}

export interface RoomSubscription {
  /** Sends on the shared socket; the room's ack or error for its `ref` comes back to this subscriber only. */
  send(message: ClientMessage): SendResult;
  readonly status: StatusInfo;
  readonly readyState: number;
  readonly queued: readonly ClientMessage[];
  unsubscribe(): void;
}

export interface RegistryOptions {
  /** Opens the shared connection; tests pass one with a fake socket. */
  connect?: (options: RoomClientOptions) => RoomClient;
  /** The extras the page's tags declared for a room at build time. */
  declared?: (room: string) => RoomExtra[];
}

/** Refs remembered to route acks and errors back to their sender. */
const OWNED_REFS = 200;
/** As many notifications as the room itself keeps. */
const HISTORY = 50;

/**
 * What a late subscriber needs to start where the others stand: the welcome brought up to
 * date (history, count, role), the handshake report, and the open poll.
 */
class Snapshot {
  welcome: MessageOf<'welcome'> | undefined;
  handshake: ServerMessageOf<'handshake'> | undefined;
  poll: MessageOf<'event'>[] = [];

  follow(message: ServerMessage): void {
    const w = this.welcome;
    if (message.type === 'welcome') {
      // A room that lost its storage starts again from 1: its old history is gone too.
      const kept = w && message.lastSeq >= w.lastSeq ? w.history : [];
      this.welcome = { ...message, history: mergeHistory(kept, message.history) };
    } else if (message.type === 'handshake') this.handshake = message;
    else if (!w) return;
    else if (message.type === 'notification') {
      const { type: _type, ...kept } = message;
      this.welcome = { ...w, lastSeq: kept.seq, history: mergeHistory(w.history, [kept]) };
    } else if (message.type === 'presence') this.welcome = { ...w, count: message.count };
    else if (message.type === 'role') this.welcome = { ...w, role: message.role };
    else if (message.type === 'event' && message.event === 'encuesta:nueva') this.poll = [message];
    else if (message.type === 'event' && message.event === 'encuesta:resultado' && this.poll[0]) {
      this.poll = [this.poll[0], message];
    }
  }

  replay(): ServerMessage[] {
    return [this.welcome, this.handshake, ...this.poll].filter((m) => m !== undefined);
  }
}

function mergeHistory(old: readonly Notification[], fresh: readonly Notification[]): Notification[] {
  const bySeq = new Map([...old, ...fresh].map((n) => [n.seq, n]));
  return [...bySeq.values()].sort((a, b) => a.seq - b.seq).slice(-HISTORY);
}

interface Entry {
  client: RoomClient;
  subscribers: Set<RoomSubscriber>;
  extras: Set<RoomExtra>;
  snapshot: Snapshot;
  owners: Map<string, RoomSubscriber>;
}

export interface RoomRegistry {
  subscribe(room: string, subscriber: RoomSubscriber): RoomSubscription;
}

export function createRegistry(options: RegistryOptions = {}): RoomRegistry {
  const connect = options.connect ?? connectRoom;
  const entries = new Map<string, Entry>();

  const deliver = (entry: Entry, message: ServerMessage) => {
    entry.snapshot.follow(message);
    const ref = (message.type === 'ack' || message.type === 'error') && message.ref;
    const owner = ref ? entry.owners.get(ref) : undefined;
    for (const subscriber of owner ? [owner] : entry.subscribers) dispatch(subscriber, message);
  };
  const each = (entry: Entry, call: (s: RoomSubscriber) => void) => {
    for (const s of entry.subscribers) call(s);
  };

  const open = (room: string, extras: readonly RoomExtra[]): Entry => {
    const wanted = new Set<RoomExtra>([...(options.declared?.(room) ?? []), ...extras]);
    const entry: Entry = {
      subscribers: new Set(),
      extras: wanted,
      snapshot: new Snapshot(),
      owners: new Map(),
      client: connect({
        room,
        query: () => Object.fromEntries([...wanted].map((e) => [CONNECT_PARAMS[e], '1'])),
        greeting: () => {
          const key = rememberedKey(room);
          return key ? { type: 'auth', key } : undefined;
        },
        onMessage: (m) => deliver(entry, m),
        onStatus: (info) => each(entry, (s) => s.onStatus?.(info)),
        onLatency: (ms) => each(entry, (s) => s.onLatency?.(ms)),
        onSocketEvent: (event) => each(entry, (s) => s.onSocketEvent?.(event)),
        onDropped: (message) => each(entry, (s) => s.onDropped?.(message)),
      }),
    };
    entries.set(room, entry);
    return entry;
  };

  return {
    subscribe(room, subscriber) {
      const extras = subscriber.extras ?? [];
      const existing = entries.get(room);
      const entry = existing ?? open(room, extras);
      entry.subscribers.add(subscriber);
      subscriber.onStatus?.(entry.client.status);
      if (existing) {
        for (const message of entry.snapshot.replay()) dispatch(subscriber, message);
        const missing = extras.filter((e) => !entry.extras.has(e));
        if (missing.length > 0) {
          for (const e of missing) entry.extras.add(e);
          entry.client.refresh();
        }
      }
      let left = false;
      return {
        send(message) {
          if ('ref' in message && typeof message.ref === 'string') {
            entry.owners.delete(message.ref);
            entry.owners.set(message.ref, subscriber);
            if (entry.owners.size > OWNED_REFS) entry.owners.delete(entry.owners.keys().next().value ?? '');
          }
          return entry.client.send(message);
        },
        get status() {
          return entry.client.status;
        },
        get readyState() {
          return entry.client.readyState;
        },
        get queued() {
          return entry.client.queued;
        },
        unsubscribe() {
          if (left) return;
          left = true;
          entry.subscribers.delete(subscriber);
          if (entry.subscribers.size > 0) return;
          entries.delete(room);
          entry.client.close();
        },
      };
    },
  };
}

function dispatch(subscriber: RoomSubscriber, message: ServerMessage): void {
  const handler = subscriber.on?.[message.type] as ((m: ServerMessage) => void) | undefined;
  handler?.(message);
}

/** The extras this page's tags declared for `room` in its HTML. */
export function declaredOnPage(room: string): RoomExtra[] {
  if (typeof document === 'undefined') return [];
  const found = new Set<RoomExtra>();
  for (const el of document.querySelectorAll<HTMLElement>('template[data-room-extras]')) {
    if (el.dataset['room'] !== room) continue;
    for (const e of (el.dataset['roomExtras'] ?? '').split(/\s+/)) {
      if ((EXTRAS as string[]).includes(e)) found.add(e as RoomExtra);
    }
  }
  return [...found];
}

/** This page's registry: every island of the page subscribes here. */
export const pageRooms = createRegistry({ declared: declaredOnPage });
