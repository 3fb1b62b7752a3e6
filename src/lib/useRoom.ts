/**
 * `useRoom(sala)`: an island's view of the page's one connection to a room. It gives the
 * status (already current for an island that hydrates late), the round-trip time, a typed
 * send, and the parsed messages of the types the island handles; the socket itself is the
 * page registry's.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import type { ClientMessage } from '../../party/wire/clientMessages';
import type { SendResult, SocketEvent, StatusInfo } from './room-client';
import { type MessageHandlers, pageRooms, type RoomExtra, type RoomSubscription } from './roomRegistry';

export interface UseRoomOptions {
  /** Connect-time extras this island needs; its tag also declares them in the page's HTML. */
  extras?: readonly RoomExtra[];
  /** Handlers by message type. Read on every message, so they may close over fresh state. */
  on?: MessageHandlers;
  onSocketEvent?: (event: SocketEvent) => void;
  onDropped?: (message: ClientMessage) => void;
}

export interface RoomView {
  status: StatusInfo;
  /** Round-trip time measured by the connection's heartbeat, in ms. */
  latency: number | null;
  send(message: ClientMessage): SendResult;
  /** The socket's readyState (0 connecting, 1 open, 3 closed) and what waits in the outbox. */
  readonly readyState: number;
  readonly queued: readonly ClientMessage[];
}

const CONNECTING: StatusInfo = { status: 'connecting', attempt: 0 };
const NOT_YET: SendResult = { result: 'rejected', reason: 'Sin conexión.' };

export function useRoom(sala: string, options: UseRoomOptions = {}): RoomView {
  const [status, setStatus] = useState<StatusInfo>(CONNECTING);
  const [latency, setLatency] = useState<number | null>(null);
  const latest = useRef(options);
  latest.current = options;
  const subscription = useRef<RoomSubscription | null>(null);
  const extras = (options.extras ?? []).join(' ');

  useEffect(() => {
    const sub = pageRooms.subscribe(sala, {
      extras: extras ? (extras.split(' ') as RoomExtra[]) : [],
      // A getter: the registry reads it on each message, so handlers see this render's state.
      get on() {
        return latest.current.on ?? {};
      },
      onStatus: setStatus,
      onLatency: setLatency,
      onSocketEvent: (event) => latest.current.onSocketEvent?.(event),
      onDropped: (message) => latest.current.onDropped?.(message),
    });
    subscription.current = sub;
    return () => {
      subscription.current = null;
      sub.unsubscribe();
    };
  }, [sala, extras]);

  return {
    status,
    latency,
    send: (message) => subscription.current?.send(message) ?? NOT_YET,
    get readyState() {
      return subscription.current?.readyState ?? 0;
    },
    get queued() {
      return subscription.current?.queued ?? [];
    },
  };
}
