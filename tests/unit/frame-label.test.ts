/** The one reading of a raw frame's text that the frame-logging demos share. */
import { describe, expect, it } from 'vitest';
import { frameLabel, frameObject } from '../../src/lib/frameLabel';

describe('a raw frame, read for a log line', () => {
  it('is an object only when its text is a JSON object', () => {
    expect(frameObject('{"type":"welcome"}')).toEqual({ type: 'welcome' });
    expect(frameObject('[{"type":"welcome"}]')).toBeNull();
    expect(frameObject('42')).toBeNull();
    expect(frameObject('<b>hola</b>')).toBeNull();
  });

  it('is labelled by its type, with the event’s name for emits and events', () => {
    expect(frameLabel('{"type":"event","event":"encuesta:voto","payload":{}}')).toBe('event encuesta:voto');
    expect(frameLabel('{"type":"notification","event":"no-cuenta"}')).toBe('notification');
    expect(frameLabel(`{"type":"${'x'.repeat(50)}"}`)).toBe('x'.repeat(30));
    expect(frameLabel('[{"type":"welcome"}]')).toBe('texto');
    expect(frameLabel('{"type":3}')).toBe('texto');
  });
});
