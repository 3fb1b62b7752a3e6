/**
 * The built site and the room served from one origin (`partykit dev --serve`), as
 * `npm run preview` does, for the browser specs.
 */
import { inject } from 'vitest';
import { startPartykit } from '../../scripts/tools/partykit.mjs';

export type Served = Awaited<ReturnType<typeof startPartykit>>;

export function serveSite(options: { persist?: string; port?: number } = {}): Promise<Served> {
  return startPartykit({ serve: inject('dist'), ...options });
}
