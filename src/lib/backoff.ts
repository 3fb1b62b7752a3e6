/**
 * Reconnect delays with jitter. Stock partysocket waits exactly 3 s, then ×1.3, so a
 * whole class that lost the room at once comes back at the same instant. Here every
 * client draws its own delay from a wide window that grows with each failed attempt.
 */
export const BACKOFF = {
  /** The first retry lands anywhere in this window (ms): wide enough to spread a class. */
  firstMin: 500,
  firstMax: 3000,
  /** Later windows grow by this factor, so a room that stays down is not hammered. */
  growth: 1.5,
  max: 30_000,
} as const;

/** Delay before reconnect attempt `attempt` (1-based), given a uniform random in [0, 1). */
export function reconnectDelay(attempt: number, random: () => number = Math.random): number {
  const scale = BACKOFF.growth ** Math.max(0, attempt - 1);
  const low = Math.min(BACKOFF.max, BACKOFF.firstMin * scale);
  const high = Math.min(BACKOFF.max, BACKOFF.firstMax * scale);
  return Math.round(low + random() * (high - low));
}
