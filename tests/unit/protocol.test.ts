import { describe, expect, it } from 'vitest';
import { parseClientMessage } from '../../party/wire/clientMessages';
import { encodeServer, parseServerMessage, type ServerMessageOf } from '../../party/wire/serverMessages';
import { PROTOCOL_VERSION } from '../../party/wire/version';
import { MAX_TEXT, OPEN_PRESETS, REACTIONS } from '../../party/wire/vocabulary';

const welcome: ServerMessageOf<'welcome'> = {
  type: 'welcome',
  version: PROTOCOL_VERSION,
  room: 'demo',
  count: 2,
  role: 'reader',
  openPush: true,
  lastSeq: 1,
  history: [{ seq: 1, text: 'Hola', level: 'info', at: 1 }],
  gap: false,
};

describe('protocol: server messages', () => {
  it('accepts a welcome with version, room, count, role and history', () => {
    expect(parseServerMessage(encodeServer(welcome))).toEqual({ ok: true, value: welcome });
  });

  it('parses a welcome from another protocol version, so the page can see it and ask for a reload', () => {
    expect(parseServerMessage(JSON.stringify({ ...welcome, version: 999 }))).toMatchObject({
      ok: true,
      value: { version: 999 },
    });
  });

  it('carries retryAfter on a throttled key', () => {
    const throttled = { type: 'error', code: 'key_throttled', message: 'Espera.', retryAfter: 8 };
    expect(parseServerMessage(JSON.stringify(throttled))).toEqual({ ok: true, value: throttled });
  });

  it.each([
    ['presence', { type: 'presence', count: 0 }],
    ['notification', { type: 'notification', seq: 3, text: 'Examen el lunes', level: 'urgent', at: 5 }],
    ['reaction', { type: 'reaction', reaction: '¡recibido!', at: 5 }],
    ['ack', { type: 'ack', ref: 'a1', seq: 3 }],
    ['role', { type: 'role', role: 'teacher' }],
    ['error', { type: 'error', code: 'forbidden', message: 'No.' }],
  ])('accepts %s', (_name, message) => {
    expect(parseServerMessage(JSON.stringify(message)).ok).toBe(true);
  });

  it.each([
    ['a negative count', { type: 'presence', count: -1 }],
    ['a fractional count', { type: 'presence', count: 1.5 }],
    ['a welcome without a room', { ...welcome, room: undefined }],
    ['a notification with seq 0', { type: 'notification', seq: 0, text: 'x', level: 'info', at: 1 }],
    [
      'a notification with an unknown level',
      { type: 'notification', seq: 1, text: 'x', level: 'pánico', at: 1 },
    ],
    ['a reaction outside the fixed set', { type: 'reaction', reaction: '<b>hola</b>', at: 1 }],
    ['an unknown type', { type: 'surprise' }],
  ])('rejects %s', (_name, message) => {
    expect(parseServerMessage(JSON.stringify(message)).ok).toBe(false);
  });
});

describe('protocol: client messages', () => {
  it.each([
    ['a ping', { type: 'ping', t: 12 }],
    ['a push with a level and a ref', { type: 'push', text: 'Atención', level: 'warning', ref: 'p1' }],
    ['every reaction of the set', ...REACTIONS.map((reaction) => ({ type: 'react', reaction }))],
    ['an auth with a key', { type: 'auth', key: 'profe' }],
    ['a preset push with a random ref', { type: 'push', preset: 'clock', ref: crypto.randomUUID() }],
    ['every open preset', ...OPEN_PRESETS.map((p) => ({ type: 'push', preset: p.id }))],
  ])('accepts %s', (_name, ...messages) => {
    for (const message of messages) expect(parseClientMessage(JSON.stringify(message)).ok).toBe(true);
  });

  it('trims the push text', () => {
    const parsed = parseClientMessage('{"type":"push","text":"  hola  "}');
    expect(parsed.ok && parsed.value.type === 'push' && parsed.value.text).toBe('hola');
  });

  it.each([
    ['text that is not JSON', 'hola', 'invalid_json', 'El mensaje no es JSON válido.'],
    ['an unknown type', '{"type":"borrar-todo"}', 'unknown_type', 'Tipo de mensaje desconocido o ausente.'],
    ['a message without type', '{"t":1}', 'unknown_type', 'Tipo de mensaje desconocido o ausente.'],
    ['a missing field', '{"type":"ping"}', 'missing_field', 'Falta el campo «t».'],
    [
      'a field of the wrong type',
      '{"type":"ping","t":"ayer"}',
      'invalid_field',
      'El campo «t» debe ser un número.',
    ],
    [
      'text over the limit',
      JSON.stringify({ type: 'push', text: 'x'.repeat(MAX_TEXT + 1) }),
      'too_long',
      'El campo «text» supera el máximo de 280 caracteres.',
    ],
    [
      'blank text',
      '{"type":"push","text":"   "}',
      'too_short',
      'El campo «text» está vacío o es demasiado corto.',
    ],
    [
      'an unknown level',
      '{"type":"push","text":"a","level":"pánico"}',
      'invalid_field',
      'El campo «level» debe ser uno de: «info», «warning», «urgent».',
    ],
  ])('rejects %s with a Spanish error naming the field', (_name, raw, code, message) => {
    const parsed = parseClientMessage(raw);
    expect(parsed).toEqual({ ok: false, error: { type: 'error', code, message } });
  });

  it.each([
    ['a ref with spaces', { type: 'push', preset: 'clock', ref: 'a b' }],
    ['a ref over 64 characters', { type: 'push', preset: 'clock', ref: 'x'.repeat(65) }],
    ['an unknown preset', { type: 'push', preset: 'insulto' }],
  ])('rejects %s', (_name, message) => {
    expect(parseClientMessage(JSON.stringify(message)).ok).toBe(false);
  });

  it('accepts exactly the maximum text length', () => {
    expect(parseClientMessage(JSON.stringify({ type: 'push', text: 'x'.repeat(MAX_TEXT) })).ok).toBe(true);
  });
});
