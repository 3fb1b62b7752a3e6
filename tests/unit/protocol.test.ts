import { describe, expect, it } from 'vitest';
import { encodeServer, PROTOCOL_VERSION, parseClientMessage, parseServerMessage } from '../../party/protocol';

describe('protocol: server messages', () => {
  it('accepts a welcome with version, room and count', () => {
    const raw = encodeServer({ type: 'welcome', version: PROTOCOL_VERSION, room: 'demo', count: 2 });
    expect(parseServerMessage(raw)).toEqual({
      ok: true,
      value: { type: 'welcome', version: PROTOCOL_VERSION, room: 'demo', count: 2 },
    });
  });

  it('accepts presence updates', () => {
    expect(parseServerMessage('{"type":"presence","count":0}').ok).toBe(true);
  });

  it.each([
    ['a negative count', '{"type":"presence","count":-1}'],
    ['a fractional count', '{"type":"presence","count":1.5}'],
    ['a welcome from another protocol version', '{"type":"welcome","version":999,"room":"demo","count":1}'],
    ['a welcome without a room', '{"type":"welcome","version":1,"count":1}'],
    ['an unknown type', '{"type":"surprise"}'],
  ])('rejects %s', (_name, raw) => {
    expect(parseServerMessage(raw).ok).toBe(false);
  });
});

describe('protocol: client messages', () => {
  it('accepts a ping', () => {
    expect(parseClientMessage('{"type":"ping","t":12}')).toEqual({
      ok: true,
      value: { type: 'ping', t: 12 },
    });
  });

  it.each([
    ['text that is not JSON', 'hola', 'invalid_json'],
    ['an unknown type', '{"type":"borrar-todo"}', 'unknown_type'],
    ['a message without type', '{"t":1}', 'unknown_type'],
    ['a missing field', '{"type":"ping"}', 'missing_field'],
    ['a field of the wrong type', '{"type":"ping","t":"ayer"}', 'invalid_field'],
  ])('rejects %s with a Spanish error (%s)', (_name, raw, code) => {
    const parsed = parseClientMessage(raw);
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.error.type).toBe('error');
    expect(parsed.error.code).toBe(code);
    expect(parsed.error.message).toMatch(/[a-záéíóúñ]/);
  });

  it('names the wrong field and the expected type', () => {
    const parsed = parseClientMessage('{"type":"ping","t":"ayer"}');
    expect(parsed.ok ? '' : parsed.error.message).toBe('El campo «t» debe ser un número.');
  });
});
