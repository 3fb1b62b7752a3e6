/**
 * The connect query: what a page says about itself when it opens a socket, as
 * `?v=5&reader=…&since=12&events=1`. Built by room-client and parsed by the room with the
 * same names, so neither side spells a parameter by hand.
 */
import * as z from 'zod/mini';

/** Query names. `since` asks only for notifications after that seq (a reconnect). */
export const CONNECT_PARAMS = {
  version: 'v',
  reader: 'reader',
  since: 'since',
  /** Opt-in: the room sends its view of this socket's opening handshake after the welcome. */
  handshake: 'handshake',
  /** Opt-in: this socket listens to the event playground (relayed events and the poll). */
  events: 'events',
} as const;

/** A reader id as room-client makes it: short, random, and nothing else. */
const READER_ID = /^[a-z0-9]{8,32}$/;

const flag = z.optional(z.literal('1'));

const querySchema = z.object({
  reader: z.optional(z.string().check(z.regex(READER_ID))),
  since: z.optional(z.string().check(z.regex(/^\d{1,15}$/))),
  handshake: flag,
  events: flag,
});

export interface ConnectQuery {
  /** The page's reader id; a socket without one is not counted as present. */
  reader?: string;
  since?: number;
  handshake: boolean;
  events: boolean;
}

export type ConnectExtra = 'handshake' | 'events';

/** Parses the query of a connect URL. Malformed values count as absent, never as an error. */
export function parseConnectQuery(params: URLSearchParams): ConnectQuery {
  const read = (name: keyof typeof querySchema.shape): string | undefined => {
    const value = params.get(CONNECT_PARAMS[name]) ?? undefined;
    return querySchema.shape[name].safeParse(value).success ? value : undefined;
  };
  const reader = read('reader');
  const since = read('since');
  return {
    ...(reader !== undefined ? { reader } : {}),
    ...(since !== undefined ? { since: Number(since) } : {}),
    handshake: read('handshake') === '1',
    events: read('events') === '1',
  };
}

/** The query a page connects with; `since` only once it has seen the room. */
export function connectQuery(options: {
  version: number;
  reader: string;
  since?: number | undefined;
  extras?: Iterable<ConnectExtra>;
}): Record<string, string> {
  const query: Record<string, string> = {
    [CONNECT_PARAMS.reader]: options.reader,
    [CONNECT_PARAMS.version]: String(options.version),
  };
  for (const extra of options.extras ?? []) query[CONNECT_PARAMS[extra]] = '1';
  if (options.since !== undefined) query[CONNECT_PARAMS.since] = String(options.since);
  return query;
}
