/**
 * The reader's progress store: marking a lesson, resetting, and surviving storage that is
 * corrupt, full or blocked, since a reader's browser may be any of those.
 */
import { describe, expect, it } from 'vitest';
import {
  lessonFromPath,
  markDone,
  PROGRESS_KEY,
  pageStorage,
  readProgress,
  resetProgress,
  type StorageLike,
} from '../../src/demos/self-check/progress';

function memory(initial?: string): StorageLike & { data: Map<string, string> } {
  const data = new Map<string, string>(initial === undefined ? [] : [[PROGRESS_KEY, initial]]);
  return {
    data,
    getItem: (key) => data.get(key) ?? null,
    setItem: (key, value) => void data.set(key, value),
    removeItem: (key) => void data.delete(key),
  };
}

const throwing: StorageLike = {
  getItem: () => {
    throw new DOMException('blocked', 'SecurityError');
  },
  setItem: () => {
    throw new DOMException('full', 'QuotaExceededError');
  },
  removeItem: () => {
    throw new DOMException('blocked', 'SecurityError');
  },
};

describe('progress store', () => {
  it('marks a lesson done, keeps the first time, and reads it back', () => {
    const storage = memory();
    expect(readProgress(storage)).toEqual({ done: {} });
    expect(markDone(storage, '03-peticion-y-respuesta', 1000)).toEqual({
      progress: { done: { '03-peticion-y-respuesta': 1000 } },
      saved: true,
    });
    markDone(storage, '03-peticion-y-respuesta', 5000);
    markDone(storage, '01-modelo-cliente-servidor', 6000);
    expect(readProgress(storage).done).toEqual({
      '03-peticion-y-respuesta': 1000,
      '01-modelo-cliente-servidor': 6000,
    });
  });

  it('resets to nothing and removes the key', () => {
    const storage = memory();
    markDone(storage, '01-modelo-cliente-servidor', 1);
    expect(resetProgress(storage)).toEqual({ progress: { done: {} }, saved: true });
    expect(storage.data.has(PROGRESS_KEY)).toBe(false);
  });

  it.each([
    ['not JSON', '{oops'],
    ['JSON of the wrong shape', '[1,2]'],
    ['done as a list', '{"done":["01"]}'],
    ['null', 'null'],
  ])('treats corrupt storage (%s) as no progress, and a new mark replaces it', (_, raw) => {
    const storage = memory(raw);
    expect(readProgress(storage)).toEqual({ done: {} });
    expect(markDone(storage, '02-como-llega-una-pagina', 7).saved).toBe(true);
    expect(JSON.parse(storage.data.get(PROGRESS_KEY) ?? '')).toEqual({
      done: { '02-como-llega-una-pagina': 7 },
    });
  });

  it('drops entries it did not write: bad lesson ids and times that are not numbers', () => {
    const storage = memory(JSON.stringify({ done: { '01-a': 5, '<img>': 1, '02-b': 'ayer' } }));
    expect(readProgress(storage)).toEqual({ done: { '01-a': 5 } });
  });

  it('keeps working when storage throws: nothing read, nothing saved, no exception', () => {
    expect(readProgress(throwing)).toEqual({ done: {} });
    expect(markDone(throwing, '04-websocket', 3)).toEqual({
      progress: { done: { '04-websocket': 3 } },
      saved: false,
    });
    expect(resetProgress(throwing).saved).toBe(false);
    expect(markDone(null, '04-websocket', 3).saved).toBe(false);
  });

  it('returns null when reading localStorage itself throws', () => {
    const descriptor = Object.getOwnPropertyDescriptor(globalThis, 'localStorage');
    Object.defineProperty(globalThis, 'localStorage', {
      configurable: true,
      get() {
        throw new DOMException('denied', 'SecurityError');
      },
    });
    try {
      expect(pageStorage()).toBeNull();
    } finally {
      if (descriptor) Object.defineProperty(globalThis, 'localStorage', descriptor);
      else delete (globalThis as { localStorage?: unknown }).localStorage;
    }
  });

  it('finds the lesson in a page path, with or without a base path', () => {
    expect(lessonFromPath('/lecciones/04-websocket/')).toBe('04-websocket');
    expect(lessonFromPath('/curso/lecciones/04-websocket/')).toBe('04-websocket');
    expect(lessonFromPath('/glosario/')).toBeUndefined();
  });
});
