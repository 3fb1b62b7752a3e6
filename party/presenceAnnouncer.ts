/**
 * The `presence` broadcast: joins and leaves within one window share a single broadcast,
 * sent only if the count changed and worth its sends (`presenceBroadcastDue`). The window
 * grows with the room (`presenceDelayMs`); a count held back is looked at again each
 * window until it goes out.
 */
import type * as Party from 'partykit/server';
import { type Presence, presenceBroadcastDue, presenceDelayMs } from './core/presence';
import { encodeServer } from './wire/serverMessages';

export class PresenceAnnouncer {
  private timer: ReturnType<typeof setTimeout> | undefined;
  /** The last count announced; lost on hibernation, which only costs one extra broadcast. */
  private announced: number | undefined;
  /** When a window first found the count changed and held it back. */
  private heldSince: number | undefined;

  constructor(
    private readonly room: Party.Room,
    private readonly presence: Presence,
    /** Called with every window, count changed or not (the live class's own view). */
    private readonly alsoEachWindow: () => void,
  ) {}

  /** Broadcasts the count once the current burst of joins and leaves settles. */
  announce(): void {
    if (this.timer !== undefined) return;
    this.timer = setTimeout(() => this.window(), presenceDelayMs(this.presence.sockets));
  }

  private window(): void {
    this.timer = undefined;
    this.alsoEachWindow();
    const count = this.presence.count;
    const now = Date.now();
    const due = presenceBroadcastDue({
      sockets: this.presence.sockets,
      // After a wake nothing is known to have been announced: send it, as before.
      changedBy: this.announced === undefined ? Number.POSITIVE_INFINITY : Math.abs(count - this.announced),
      waitedMs: now - (this.heldSince ?? now),
    });
    if (due) {
      this.announced = count;
      this.heldSince = undefined;
      this.room.broadcast(encodeServer({ type: 'presence', count }));
    } else if (count !== this.announced) {
      // Held back: look again next window, even if no one else joins or leaves.
      this.heldSince ??= now;
      this.announce();
    } else {
      this.heldSince = undefined;
    }
  }
}
