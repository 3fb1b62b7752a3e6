/**
 * The `presence` broadcast: joins and leaves within one window share a single broadcast,
 * sent only if the count changed. The window grows with the room (`presenceDelayMs`), so
 * announcing never costs more sends than the joins themselves.
 */
import type * as Party from 'partykit/server';
import { type Presence, presenceDelayMs } from './core/presence';
import { encodeServer } from './wire/serverMessages';

export class PresenceAnnouncer {
  private timer: ReturnType<typeof setTimeout> | undefined;
  /** The last count announced; lost on hibernation, which only costs one extra broadcast. */
  private announced: number | undefined;

  constructor(
    private readonly room: Party.Room,
    private readonly presence: Presence,
    /** Called with every window, count changed or not (the live class's own view). */
    private readonly alsoEachWindow: () => void,
  ) {}

  /** Broadcasts the count once the current burst of joins and leaves settles. */
  announce(): void {
    if (this.timer !== undefined) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.alsoEachWindow();
      const count = this.presence.count;
      if (count === this.announced) return;
      this.announced = count;
      this.room.broadcast(encodeServer({ type: 'presence', count }));
    }, presenceDelayMs(this.presence.sockets));
  }
}
