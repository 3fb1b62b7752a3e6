/**
 * The reader's progress, kept by their own browser in `localStorage`: which lessons' self-
 * checks they have passed, and when. No account and no server. Storage may be missing,
 * full, blocked (accessing it throws) or hold something we did not write: every path here
 * survives that, and the page keeps working with what it has in memory.
 */

export const PROGRESS_KEY = 'cliente-servidor:progreso';
/** Dispatched on `window` after the progress changes in this tab. */
export const PROGRESS_EVENT = 'cliente-servidor:progreso';

export interface Progress {
  /** Lesson id (its file name, e.g. `03-peticion-y-respuesta`) → when it was passed (ms). */
  done: Record<string, number>;
}

/** The part of `Storage` used here, so tests pass a fake. */
export type StorageLike = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

/** The page's localStorage, or null where reading the property itself throws. */
export function pageStorage(): StorageLike | null {
  try {
    return globalThis.localStorage ?? null;
  } catch {
    return null;
  }
}

const empty = (): Progress => ({ done: {} });

/** What is stored; anything unreadable counts as no progress rather than an error. */
export function readProgress(storage: StorageLike | null): Progress {
  let raw: string | null = null;
  try {
    raw = storage?.getItem(PROGRESS_KEY) ?? null;
  } catch {
    return empty();
  }
  if (!raw) return empty();
  try {
    const parsed: unknown = JSON.parse(raw);
    const done = (parsed as { done?: unknown } | null)?.done;
    if (typeof done !== 'object' || done === null || Array.isArray(done)) return empty();
    const kept: Record<string, number> = {};
    for (const [lesson, at] of Object.entries(done))
      if (/^[\w-]{1,80}$/.test(lesson) && typeof at === 'number' && Number.isFinite(at)) kept[lesson] = at;
    return { done: kept };
  } catch {
    return empty();
  }
}

function write(storage: StorageLike | null, progress: Progress): boolean {
  try {
    if (!storage) return false;
    if (Object.keys(progress.done).length === 0) storage.removeItem(PROGRESS_KEY);
    else storage.setItem(PROGRESS_KEY, JSON.stringify(progress));
    return true;
  } catch {
    return false;
  }
}

function announce(progress: Progress): void {
  if (typeof dispatchEvent === 'function' && typeof CustomEvent === 'function')
    dispatchEvent(new CustomEvent(PROGRESS_EVENT, { detail: progress }));
}

/** Marks a lesson done (keeping the first time it was). `saved` is false if storage refused. */
export function markDone(
  storage: StorageLike | null,
  lesson: string,
  now = Date.now(),
): { progress: Progress; saved: boolean } {
  const progress = readProgress(storage);
  progress.done[lesson] ??= now;
  const saved = write(storage, progress);
  announce(progress);
  return { progress, saved };
}

/** Forgets every lesson. */
export function resetProgress(storage: StorageLike | null): { progress: Progress; saved: boolean } {
  const progress = empty();
  const saved = write(storage, progress);
  announce(progress);
  return { progress, saved };
}

/** The lesson's id from its page path: `/base/lecciones/03-x/` → `03-x`. */
export function lessonFromPath(path: string): string | undefined {
  return /\/lecciones\/([\w-]+)\/?$/.exec(path)?.[1];
}
