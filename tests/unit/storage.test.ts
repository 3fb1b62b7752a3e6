/**
 * With site data blocked, merely touching `sessionStorage` or `localStorage` throws. The
 * islands must then work without remembering anything: no exception, no island stuck in
 * "conectando", the teacher key kept for this page in memory.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

/** Replaces a storage with a getter that throws, as Chromium does with site data blocked. */
function block(kind: 'localStorage' | 'sessionStorage') {
  Object.defineProperty(globalThis, kind, {
    configurable: true,
    get() {
      throw new DOMException('The operation is insecure.', 'SecurityError');
    },
  });
}

/** A working in-memory storage. */
function provide(kind: 'localStorage' | 'sessionStorage'): Map<string, string> {
  const data = new Map<string, string>();
  const storage = {
    getItem: (k: string) => data.get(k) ?? null,
    setItem: (k: string, v: string) => void data.set(k, v),
    removeItem: (k: string) => void data.delete(k),
  };
  Object.defineProperty(globalThis, kind, { configurable: true, value: storage });
  return data;
}

function unset() {
  for (const kind of ['localStorage', 'sessionStorage'] as const)
    Object.defineProperty(globalThis, kind, { configurable: true, value: undefined });
}

beforeEach(() => {
  vi.resetModules();
});
afterEach(() => {
  unset();
});

describe('storage that throws', () => {
  it('room-client still loads, with a valid reader id for this page, and connects', async () => {
    block('localStorage');
    block('sessionStorage');
    const { PAGE_READER, connectRoom } = await import('../../src/lib/room-client');
    const { rememberKey, rememberedKey } = await import('../../src/lib/teacherKey');
    expect(PAGE_READER).toMatch(/^[0-9a-f]{16}$/);

    expect(rememberKey('clase-1', 'una-clave-de-docente')).toBe(false);
    expect(rememberedKey('clase-1')).toBe('una-clave-de-docente');

    const listeners = new Map<string, (event: Event) => void>();
    const sent: string[] = [];
    const statuses: string[] = [];
    connectRoom({
      room: 'clase-1',
      host: '127.0.0.1:1',
      greeting: () => ({ type: 'auth', key: rememberedKey('clase-1') }),
      onStatus: (s) => statuses.push(s.status),
      createSocket: () => ({
        readyState: 1,
        send: (data: string) => void sent.push(data),
        reconnect() {},
        close() {},
        addEventListener: (type, listener) => void listeners.set(type, listener),
      }),
      environment: { onOnline: () => () => {}, onVisible: () => () => {} },
    });
    listeners.get('open')?.(new Event('open'));
    expect(statuses).toEqual(['open']);
    expect(JSON.parse(sent[0] ?? '{}')).toEqual({ type: 'auth', key: 'una-clave-de-docente' });
  });

  it('the key store forgets without throwing', async () => {
    block('sessionStorage');
    const { forgetKey, rememberKey, rememberedKey } = await import('../../src/lib/teacherKey');
    rememberKey('clase-1', 'una-clave-de-docente');
    expect(() => forgetKey('clase-1')).not.toThrow();
    expect(rememberedKey('clase-1')).toBe('');
  });

  it('where storage works, the reader id survives a reload and the key a reload of the tab', async () => {
    const local = provide('localStorage');
    provide('sessionStorage');
    const first = (await import('../../src/lib/room-client')).PAGE_READER;
    expect([...local.values()]).toEqual([first]);
    (await import('../../src/lib/teacherKey')).rememberKey('clase-1', 'una-clave-de-docente');
    vi.resetModules();
    expect((await import('../../src/lib/room-client')).PAGE_READER).toBe(first);
    expect((await import('../../src/lib/teacherKey')).rememberedKey('clase-1')).toBe('una-clave-de-docente');
  });
});
