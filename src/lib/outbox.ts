/**
 * Messages sent while the room is unreachable, held until it answers again. Bounded, so a
 * page left offline cannot grow without limit: reactions may be dropped (oldest first),
 * a teacher's push never silently.
 */
import type { ClientMessage } from '../../party/wire/clientMessages';

export const OUTBOX_LIMIT = 20;

export type Enqueued = { result: 'queued'; dropped?: ClientMessage } | { result: 'rejected'; reason: string };

/** Only reactions can be dropped; a push must be delivered or refused out loud. */
export function isDroppable(message: ClientMessage): boolean {
  return message.type === 'react';
}

function sameRef(a: ClientMessage, b: ClientMessage & { type: 'push' }): boolean {
  return a.type === 'push' && a.ref === b.ref;
}

export class Outbox {
  private items: ClientMessage[] = [];

  constructor(private readonly limit = OUTBOX_LIMIT) {}

  get size(): number {
    return this.items.length;
  }

  get pending(): readonly ClientMessage[] {
    return this.items;
  }

  add(message: ClientMessage): Enqueued {
    // A retried push (same ref) that is still waiting here is already on its way.
    if (message.type === 'push' && message.ref !== undefined && this.items.some((m) => sameRef(m, message))) {
      return { result: 'queued' };
    }
    if (this.items.length < this.limit) {
      this.items.push(message);
      return { result: 'queued' };
    }
    const oldest = this.items.findIndex(isDroppable);
    if (oldest === -1) {
      return {
        result: 'rejected',
        reason:
          'Hay demasiados mensajes pendientes de enviar: este no se enviará. Inténtalo al volver la conexión.',
      };
    }
    const [dropped] = this.items.splice(oldest, 1);
    this.items.push(message);
    return dropped ? { result: 'queued', dropped } : { result: 'queued' };
  }

  /** Everything held, in order, emptying the box. */
  drain(): ClientMessage[] {
    const items = this.items;
    this.items = [];
    return items;
  }
}
