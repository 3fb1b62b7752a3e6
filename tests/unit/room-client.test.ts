import { describe, expect, it } from 'vitest';
import { resolveHost, resolveProtocol, statusAfterClose } from '../../src/lib/room-client';
import { statusText } from '../../src/lib/statusText';

describe('room-client: host resolution', () => {
  it('uses the configured host, without scheme or trailing slash', () => {
    expect(resolveHost('https://cliente-servidor.user.partykit.dev/', 'example.org')).toBe(
      'cliente-servidor.user.partykit.dev',
    );
    expect(resolveHost('127.0.0.1:1999', 'example.org')).toBe('127.0.0.1:1999');
  });

  it('falls back to the page origin when nothing is configured (one-origin preview)', () => {
    expect(resolveHost(undefined, '127.0.0.1:8787')).toBe('127.0.0.1:8787');
    expect(resolveHost('  ', '127.0.0.1:8787')).toBe('127.0.0.1:8787');
  });

  it('uses wss from https pages, except for a room on loopback', () => {
    expect(resolveProtocol('sala.example.dev', 'https:')).toBe('wss');
    expect(resolveProtocol('127.0.0.1:1999', 'https:')).toBe('ws');
    expect(resolveProtocol('127.0.0.1:1999', 'http:')).toBe('ws');
  });
});

describe('room-client: status', () => {
  it('reports a room that never answered as unavailable', () => {
    expect(statusAfterClose(1, false)).toBe('offline');
  });

  it('reports reconnecting after a drop, then unavailable after repeated failures', () => {
    expect(statusAfterClose(1, true)).toBe('reconnecting');
    expect(statusAfterClose(3, true)).toBe('offline');
  });

  it('puts each status into Spanish words', () => {
    expect(statusText({ status: 'open', attempt: 0 })).toBe('conectado');
    expect(statusText({ status: 'reconnecting', attempt: 2 })).toBe('reconectando (intento 2)');
    expect(statusText({ status: 'offline', attempt: 4 })).toMatch(/sin conexión/);
  });
});
