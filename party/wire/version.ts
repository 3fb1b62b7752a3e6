/**
 * The protocol's version. The site and the room deploy separately, so a page says which
 * version it speaks (`v=<n>` in its connect query), the welcome says the room's, and a
 * page the room no longer serves is told to reload instead of hanging.
 */
import { errorText } from '../../src/i18n/errors';
import { ERROR_CODES, type ErrorMessage, errorOf } from './errors';

/**
 * Bumped when a message changes shape; the welcome carries it so clients can tell, and a
 * page sends its own in the connect query (`v=<n>`). While changes are additive the room
 * keeps serving older pages for a transition window (`OLDEST_PROTOCOL_VERSION`); a change
 * that renames anything closes the window, and older pages are told to reload.
 */
export const PROTOCOL_VERSION = 6;

/**
 * The oldest page version the room still serves. Version 5 renamed the wire in English
 * (connect query `reader`/`events`, levels `warning`/`urgent`, presets `clock`/`counter`),
 * which a version-4 page cannot read, so the window starts again at 5. Version 6 adds
 * ordering questions (`kind: 'order'`, the places in a count): additive, so the room still
 * serves a version-5 page, but such a page could not read an ordering question and would
 * miss it silently; its welcome's version tells it to reload.
 */
export const OLDEST_PROTOCOL_VERSION = 5;

/** The close code for a page whose protocol the room no longer (or not yet) speaks. */
export const CLOSE_VERSION_MISMATCH = 4426;

export const VERSION_MISMATCH_MESSAGE = errorText('version_mismatch', undefined);

/**
 * Whether the room serves a page that sent `v` in its connect query. A client that sends
 * no `v` is not a course page (a reader's own `new WebSocket(…)`, a script): it speaks
 * whatever it speaks, and is served.
 */
export function versionAccepted(v: string | null): boolean {
  if (v === null) return true;
  if (!/^\d{1,4}$/.test(v)) return false;
  const n = Number(v);
  return n >= OLDEST_PROTOCOL_VERSION && n <= PROTOCOL_VERSION;
}

/** The answer to a page whose protocol the room does not serve, before it is closed. */
export function versionMismatchError(): ErrorMessage {
  return errorOf(ERROR_CODES.versionMismatch);
}
