/**
 * Every budget and size the room enforces, in one place, so a reader of the code can see
 * what one client may cost the others. No PartyKit import.
 */
export const LIMITS = {
  /** Notifications kept in storage and sent to newcomers. */
  historySize: 50,
  /** Larger frames close the connection with 1009. */
  maxFrameBytes: 64 * 1024,
  /**
   * Any message: sustained rate and short burst before the sender is cut off (1008). The
   * burst leaves room for a reconnecting page to flush its whole outbox (20) plus its
   * greeting and first ping at once.
   */
  frames: { perSecond: 10, burst: 30 },
  /** Pushes from one connection in an open (`demo`) room. */
  memberPushes: { perSecond: 1 / 3, burst: 3 },
  /** Pushes from everyone together in an open room, including HTTP. */
  roomPushes: { perSecond: 1, burst: 10 },
  /**
   * Reactions from one connection: two a second, with no burst. Each one goes to every
   * reader, so a burst is what a flooder spends before the frame guard cuts it: with a
   * burst of 5, a cut flooder's first frames cost 5,000 sends in a room of 1,000 and the
   * drill's bystander p99 rose 1.9×; with none it stays within 1.2×.
   */
  reactions: { perSecond: 2, burst: 1 },
  /**
   * Reactions from everyone together. Each one is sent to every reader, so this caps the
   * fan-out a client can cause by reconnecting to get a fresh personal budget.
   */
  roomReactions: { perSecond: 10, burst: 20 },
  /**
   * Emits from one connection: well under the frame limit, so a reader who clicks too fast
   * is told to wait before the flood guard would cut them off.
   */
  memberEvents: { perSecond: 3, burst: 8 },
  /** Events the whole room relays, so many eager readers cannot flood everyone else. */
  roomEvents: { perSecond: 15, burst: 30 },
  /**
   * Each client address's share of the room-wide budgets above: half, so one client (one
   * script, however many sockets it opens) never drains a budget the others share.
   */
  addressPushes: { perSecond: 1 / 2, burst: 5 },
  addressReactions: { perSecond: 5, burst: 10 },
  addressEvents: { perSecond: 7.5, burst: 15 },
  /**
   * A connection silent this long is dropped, so presence stays true. Clients ping every
   * 25 s, so this allows one lost ping plus slack.
   */
  silenceMs: 60_000,
  /** Answers to live questions from one reader (changes included), however many sockets. */
  answers: { perSecond: 1, burst: 5 },
} as const;
