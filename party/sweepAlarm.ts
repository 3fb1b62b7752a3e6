/**
 * The room's one alarm: while anyone is connected, a sweep every half silence window (at
 * most 30 s) drops the sockets that went silent. An empty room keeps no alarm, so nothing
 * wakes it for nothing.
 */
import type * as Party from 'partykit/server';

export class SweepAlarm {
  /** Whether the alarm is known to be pending, so a join need not ask storage. */
  private armed = false;

  constructor(
    private readonly storage: Party.Storage,
    private readonly silenceMs: () => number,
  ) {}

  /** Keeps one alarm pending; `force` re-arms after it fired. */
  async arm(force = false): Promise<void> {
    if (!force && this.armed) return;
    if (!force && (await this.storage.getAlarm()) !== null) {
      this.armed = true;
      return;
    }
    await this.storage.setAlarm(Date.now() + Math.min(30_000, this.silenceMs() / 2));
    this.armed = true;
  }

  /** The alarm fired: it is no longer pending. */
  fired(): void {
    this.armed = false;
  }

  async disarm(): Promise<void> {
    this.armed = false;
    await this.storage.deleteAlarm();
  }
}
