/**
 * A teacher's push never vanishes: it is held until the room acknowledges its ref, shown as
 * not confirmed when no ack comes in time, and a retry resends it unchanged (same ref), which
 * the room answers with the first ack instead of a second notification.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ClientMessage } from '../../party/wire/clientMessages';
import { PUSH_REF } from '../../party/wire/vocabulary';
import { pushStateText } from '../../src/demos/push/PushForm';
import { ACK_TIMEOUT_MS, type PushState, PushTracker, randomRef } from '../../src/lib/pushTracker';
import type { SendResult } from '../../src/lib/room-client';

function tracker(result: SendResult = { result: 'sent' }) {
  const sent: ClientMessage[] = [];
  const states: PushState[] = [];
  const pushes = new PushTracker(
    (message) => {
      sent.push(message);
      return result;
    },
    (state) => states.push(state),
  );
  return { pushes, sent, states, phase: () => pushes.state.phase };
}

const refOf = (message: ClientMessage | undefined) => (message?.type === 'push' ? (message.ref ?? '') : '');

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('push tracker: waiting for the ack', () => {
  it('gives every push its own random ref, valid on the wire', () => {
    const refs = new Set(Array.from({ length: 100 }, randomRef));
    expect(refs.size).toBe(100);
    for (const ref of refs) expect(ref).toMatch(PUSH_REF);
  });

  it('waits for the ack of its own ref, not of another tab or an earlier push', () => {
    const { pushes, sent, phase } = tracker();
    pushes.push({ text: 'El examen es el lunes', level: 'warning' });
    expect(phase()).toBe('waiting');
    pushes.handle({ type: 'ack', ref: 'otra', seq: 7 });
    expect(phase()).toBe('waiting');
    pushes.handle({ type: 'ack', ref: refOf(sent[0]), seq: 8 });
    expect(pushes.state).toMatchObject({ phase: 'acked', seq: 8 });
    expect(pushStateText(pushes.state)).toBe('Notificación enviada: #8.');
  });

  it('shows "no confirmado" when no ack comes in time, and not a moment before', () => {
    const { pushes, phase } = tracker();
    pushes.push({ text: 'Hola' });
    vi.advanceTimersByTime(ACK_TIMEOUT_MS - 1);
    expect(phase()).toBe('waiting');
    vi.advanceTimersByTime(1);
    expect(phase()).toBe('unconfirmed');
    expect(pushStateText(pushes.state)).toMatch(/^No confirmado/);
  });

  it('retries with the same message and ref, and a late ack still confirms it', () => {
    const { pushes, sent, phase } = tracker();
    pushes.push({ text: 'Hola', level: 'info' });
    vi.advanceTimersByTime(ACK_TIMEOUT_MS);
    pushes.retry();
    expect(sent).toHaveLength(2);
    expect(sent[1]).toEqual(sent[0]);
    expect(phase()).toBe('waiting');
    vi.advanceTimersByTime(ACK_TIMEOUT_MS);
    expect(phase()).toBe('unconfirmed');
    pushes.handle({ type: 'ack', ref: refOf(sent[0]), seq: 3 });
    expect(phase()).toBe('acked');
  });

  it('a new push after an ack gets a new ref', () => {
    const { pushes, sent } = tracker();
    pushes.push({ text: 'uno' });
    pushes.handle({ type: 'ack', ref: refOf(sent[0]), seq: 1 });
    pushes.push({ text: 'dos' });
    expect(refOf(sent[1])).not.toBe(refOf(sent[0]));
  });

  it("reports the room's error for this push, and a push that could not even be queued", () => {
    const { pushes, sent } = tracker();
    pushes.push({ preset: 'clock' });
    pushes.handle({ type: 'error', code: 'rate_limited', message: 'Demasiadas.', ref: refOf(sent[0]) });
    expect(pushes.state).toMatchObject({ phase: 'refused', reason: 'Demasiadas.' });

    const full = tracker({ result: 'rejected', reason: 'Bandeja llena.' });
    full.pushes.push({ text: 'Hola' });
    expect(pushStateText(full.pushes.state)).toBe('No se envió: Bandeja llena.');
  });

  it('says a push held offline will leave on reconnect, and times out like any other', () => {
    const { pushes, phase } = tracker({ result: 'queued' });
    pushes.push({ text: 'Sin red' });
    expect(pushStateText(pushes.state)).toBe('Sin conexión: la notificación se enviará al reconectar.');
    vi.advanceTimersByTime(ACK_TIMEOUT_MS);
    expect(phase()).toBe('unconfirmed');
  });
});
