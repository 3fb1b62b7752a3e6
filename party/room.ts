/**
 * The room's logic as plain TypeScript: no PartyKit import, so it runs the same in
 * unit tests and on the edge. The adapter in `server.ts` feeds it events and sends
 * whatever it returns.
 */
import {
  type ClientMessage,
  PROTOCOL_VERSION,
  type PresenceMessage,
  type ServerMessage,
  type WelcomeMessage,
} from './protocol';

/** What the core asks the adapter to do after an event. */
export interface Outcome {
  /** Sent only to the connection that caused the event. */
  reply?: ServerMessage;
  /** Sent to every connection in the room. */
  broadcast?: ServerMessage;
}

/**
 * Counts the people present. With hibernation the platform's connection list is the
 * source of truth; a connection that is closing may still be listed, so it is excluded.
 */
export function countPresent(connectionIds: Iterable<string>, leavingId?: string): number {
  let total = 0;
  for (const id of connectionIds) if (id !== leavingId) total += 1;
  return total;
}

export class RoomCore {
  constructor(readonly roomId: string) {}

  welcome(count: number): WelcomeMessage {
    return { type: 'welcome', version: PROTOCOL_VERSION, room: this.roomId, count };
  }

  presence(count: number): PresenceMessage {
    return { type: 'presence', count };
  }

  /** A new member: they get the welcome, everyone gets the new count. */
  join(count: number): Outcome {
    return { reply: this.welcome(count), broadcast: this.presence(count) };
  }

  leave(count: number): Outcome {
    return { broadcast: this.presence(count) };
  }

  receive(message: ClientMessage): Outcome {
    switch (message.type) {
      case 'ping':
        return { reply: { type: 'pong', t: message.t } };
    }
  }

  /** The room's public state, as the HTTP GET returns it. */
  snapshot(count: number): { room: string; count: number } {
    return { room: this.roomId, count };
  }
}
