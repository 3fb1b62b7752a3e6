/**
 * Who is on which page of the course: each page of a class room reports its path, and the
 * teacher sees how many readers are on each. Counts only, never who. No PartyKit import.
 *
 * Like `Presence`, it lives in memory and is kept incrementally (O(1) per report and leave);
 * each socket's attachment keeps its page, and the adapter reseats them when the room wakes.
 * A reader counts once per path however many tabs show it.
 */
import type { ClassMessage } from '../wire/classMessages';

/** Pages listed in the teacher's view, busiest first; a course has far fewer. */
export const MAX_LISTED_PAGES = 100;

interface Placement {
  reader: string;
  path: string;
}

export class Classroom {
  private readonly placements = new Map<string, Placement>();
  /** path -> reader -> sockets of that reader showing that path. */
  private readonly pages = new Map<string, Map<string, number>>();
  /** reader -> its sockets that report a page: the class, without the teacher's console. */
  private readonly readers = new Map<string, number>();

  /** Socket `id` of `reader` now shows `path`; a socket shows one page at a time. */
  place(id: string, reader: string | undefined, path: string): void {
    if (reader === undefined) return;
    const prior = this.placements.get(id);
    if (prior?.path === path && prior.reader === reader) return;
    if (prior) this.unplace(prior);
    this.placements.set(id, { reader, path });
    this.readers.set(reader, (this.readers.get(reader) ?? 0) + 1);
    const readers = this.pages.get(path) ?? new Map<string, number>();
    readers.set(reader, (readers.get(reader) ?? 0) + 1);
    this.pages.set(path, readers);
  }

  /** The socket left; leaving twice (close, then error) is a no-op. */
  leave(id: string): void {
    const prior = this.placements.get(id);
    if (!prior) return;
    this.placements.delete(id);
    this.unplace(prior);
  }

  private unplace({ reader, path }: Placement): void {
    const sockets = (this.readers.get(reader) ?? 0) - 1;
    if (sockets > 0) this.readers.set(reader, sockets);
    else this.readers.delete(reader);
    const readers = this.pages.get(path);
    if (!readers) return;
    const left = (readers.get(reader) ?? 0) - 1;
    if (left > 0) readers.set(reader, left);
    else readers.delete(reader);
    if (readers.size === 0) this.pages.delete(path);
  }

  /**
   * The teacher's view: the readers whose pages report where they are (the class; the
   * console does not report one), and readers per page, busiest first.
   */
  view(): ClassMessage {
    const count = this.readers.size;
    const pages = [...this.pages]
      .map(([path, readers]) => ({ path, count: readers.size }))
      .sort((a, b) => b.count - a.count || a.path.localeCompare(b.path))
      .slice(0, MAX_LISTED_PAGES);
    return { type: 'class', count, pages };
  }
}
