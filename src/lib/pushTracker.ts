/**
 * One push, from the form to the room's ack. The text stays with the sender until the room
 * acknowledges this push's `ref`; when no ack comes in time it is "no confirmado", and a retry
 * resends the very same message, ref included, so the room (idempotent on ref) cannot turn
 * it into a second notification.
 */
import type { ClientMessage, ClientMessageOf } from '../../party/wire/clientMessages';
import type { ServerMessage } from '../../party/wire/serverMessages';
import type { SendResult } from './room-client';

/** How long an ack may take before the push is shown as not confirmed. */
export const ACK_TIMEOUT_MS = 8000;

export type PushFields = Omit<ClientMessageOf<'push'>, 'type' | 'ref'>;

export type PushState =
  | { phase: 'idle' }
  /** Sent, or held offline: waiting for the room's ack. */
  | { phase: 'waiting'; message: ClientMessageOf<'push'>; queued: boolean }
  /** No ack in time: the sender may retry, with the same ref. */
  | { phase: 'unconfirmed'; message: ClientMessageOf<'push'> }
  | { phase: 'acked'; message: ClientMessageOf<'push'>; seq: number }
  /** The room answered this push with an error, or it could not be sent at all. */
  | { phase: 'refused'; message: ClientMessageOf<'push'>; reason: string };

/** A random push id: a UUID where the page may make one (secure pages), else random hex. */
export function randomRef(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

export class PushTracker {
  private current: PushState = { phase: 'idle' };
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly send: (message: ClientMessage) => SendResult,
    private readonly onChange: (state: PushState) => void,
    private readonly timeoutMs = ACK_TIMEOUT_MS,
  ) {}

  get state(): PushState {
    return this.current;
  }

  /** The ref of the push this tracker follows, if any. */
  get ref(): string | undefined {
    return this.current.phase === 'idle' ? undefined : this.current.message.ref;
  }

  /** Sends a new push with a fresh ref. */
  push(fields: PushFields): void {
    this.transmit({ type: 'push', ...fields, ref: randomRef() });
  }

  /** Sends the unconfirmed (or refused) push again, unchanged. */
  retry(): void {
    const state = this.current;
    if (state.phase === 'unconfirmed' || state.phase === 'refused') this.transmit(state.message);
  }

  /** Feed every server message here; only this push's ack or error changes anything. */
  handle(message: ServerMessage): void {
    const state = this.current;
    if (state.phase === 'idle' || state.phase === 'acked') return;
    // A late ack after "no confirmado" still confirms it.
    if (message.type === 'ack' && message.ref === state.message.ref) {
      this.set({ phase: 'acked', message: state.message, seq: message.seq });
    } else if (message.type === 'error' && message.ref !== undefined && message.ref === state.message.ref) {
      this.set({ phase: 'refused', message: state.message, reason: message.message });
    }
  }

  dispose(): void {
    clearTimeout(this.timer);
  }

  private transmit(message: ClientMessageOf<'push'>): void {
    const sent = this.send(message);
    if (sent.result === 'rejected') {
      this.set({ phase: 'refused', message, reason: sent.reason });
      return;
    }
    this.set({ phase: 'waiting', message, queued: sent.result === 'queued' });
    this.timer = setTimeout(() => {
      if (this.current.phase === 'waiting') this.set({ phase: 'unconfirmed', message });
    }, this.timeoutMs);
  }

  private set(next: PushState): void {
    clearTimeout(this.timer);
    this.current = next;
    this.onChange(next);
  }
}
