import { describe, expect, it } from 'vitest';
import { checkLessonSource } from '../../integrations/lessonCheck';
import { errorOf } from '../../party/wire/errors';
import { ERRORS, type ErrorCode, errorText } from '../../src/i18n/errors';

const lesson = (fields: string) => `---
title: Prueba
description: Una lección de prueba.
${fields}
---
Texto.
`;

describe('one Spanish language layer', () => {
  it('gives every error code a Spanish text and builds the error message from it', () => {
    const params: Partial<Record<ErrorCode, unknown>> = {
      rate_limited: { what: 'reactions', scope: 'address' },
      key_throttled: { seconds: 4 },
      forbidden: { over: 'http' },
      storage_failed: { over: 'socket' },
      payload_too_large: { bytes: 4096 },
      config_invalid: { problems: ['TEACHER_KEY es corta.'] },
      invalid_json: { over: 'http' },
      missing_field: { field: 'text' },
      too_long: { field: 'text', maximum: 280, unit: ' caracteres' },
      too_short: { field: 'text' },
      invalid_field: { field: 'level', options: ['info', 'warning'] },
      unknown_event: { event: 'x', allowed: ['chat:mensaje'] },
      server_event: { event: 'encuesta:nueva' },
      invalid_payload: { sentence: 'El campo «x» no es válido.' },
      invalid_choice: { kind: 'single', last: 2 },
      invalid_order: { count: 3 },
    };
    for (const code of Object.keys(ERRORS) as ErrorCode[]) {
      const text = errorText(code, params[code] as never);
      expect(text, code).toMatch(/^[¡¿«A-ZÁÉÍÓÚ]/);
      expect(text, code).not.toMatch(/undefined|\[object/);
    }
    expect(errorOf('key_throttled', { seconds: 4 }, 'r1')).toEqual({
      type: 'error',
      code: 'key_throttled',
      message: errorText('key_throttled', { seconds: 4 }),
      ref: 'r1',
    });
  });

  it('says whose budget ran out, so a reader knows whether to wait or the room is busy', () => {
    const own = errorText('rate_limited', { what: 'pushes', scope: 'member' });
    const mine = errorText('rate_limited', { what: 'pushes', scope: 'address' });
    const room = errorText('rate_limited', { what: 'pushes', scope: 'room', openRoom: true });
    expect(new Set([own, mine, room]).size).toBe(3);
    expect(mine).toContain('Desde tu conexión');
    expect(room).toContain('La sala de demostración');
  });

  it('tells an author what is wrong with a lesson field in Spanish, not in zod’s English', () => {
    const [wrongType] = checkLessonSource(
      'x.mdx',
      lesson('duration: veinte\nobjectives: [Leer]\nkind: lectura'),
    );
    expect(wrongType?.message).toBe('campo «duration»: debe ser un número');
    const problems = checkLessonSource('x.mdx', lesson('duration: 20\nkind: lectura'));
    expect(problems.map((p) => p.message)).toContain('campo «objectives»: falta y es obligatorio');
    const [tooBig] = checkLessonSource('x.mdx', lesson('duration: 900\nobjectives: [Leer]\nkind: lectura'));
    expect(tooBig?.message).toMatch(/^campo «duration»: Demasiado grande/);
    for (const p of [wrongType, tooBig, ...problems]) expect(p?.message).not.toMatch(/Invalid|expected/);
  });
});
