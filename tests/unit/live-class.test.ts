import { describe, expect, it } from 'vitest';
import { listed, mayAnswerAgain, recordAnswer } from '../../party/core/ballot';
import { Classroom } from '../../party/core/classroom';
import {
  answer,
  ask,
  close,
  type QuestionState,
  questionFor,
  reveal,
  teacherView,
  withAnswers,
  withoutAnswers,
} from '../../party/core/questions';
import { RoomCore } from '../../party/core/room';
import type { LiveQuestion } from '../../party/wire/classMessages';
import { parseClientMessage } from '../../party/wire/clientMessages';
import { parseServerMessage } from '../../party/wire/serverMessages';

const Q: LiveQuestion = {
  id: 'q1',
  lesson: '/lecciones/01-x/',
  prompt: '¿Cuál?',
  kind: 'single',
  options: ['a', 'b', 'c'],
};

/** Runs a step that must succeed and returns its state. */
function ok(step: ReturnType<typeof ask>): QuestionState {
  if (!step.ok) throw new Error(step.error.message);
  return step.state;
}

describe('classroom: readers per page', () => {
  it('counts readers, not sockets, per path and in all, and follows moves and leaves', () => {
    const room = new Classroom();
    room.place('s1', 'r1', '/a/');
    room.place('s2', 'r1', '/a/');
    room.place('s3', 'r2', '/a/');
    room.place('s4', 'r3', '/b/');
    expect(room.view()).toEqual({
      type: 'class',
      count: 3,
      pages: [
        { path: '/a/', count: 2 },
        { path: '/b/', count: 1 },
      ],
    });
    room.place('s3', 'r2', '/b/');
    room.leave('s1');
    room.leave('s1');
    expect(room.view().pages).toEqual([
      { path: '/b/', count: 2 },
      { path: '/a/', count: 1 },
    ]);
    room.leave('s2');
    expect(room.view()).toEqual({ type: 'class', count: 2, pages: [{ path: '/b/', count: 2 }] });
  });

  it('ignores a socket without a reader id', () => {
    const room = new Classroom();
    room.place('s1', undefined, '/a/');
    expect(room.view()).toEqual({ type: 'class', count: 0, pages: [] });
  });
});

describe('questions: one open, one answer per reader', () => {
  it('lets only the teacher ask, and one question at a time', () => {
    expect(ask({}, Q, false, 1)).toMatchObject({ ok: false, error: { code: 'teacher_only' } });
    const state = ok(ask({}, Q, true, 1));
    expect(ask(state, { ...Q, id: 'q2' }, true, 2)).toMatchObject({
      ok: false,
      error: { code: 'question_open' },
    });
  });

  it('counts a changed answer once, moving it between options', () => {
    let state = ok(ask({}, Q, true, 1));
    state = ok(answer(state, 'q1', [0], 'r1'));
    state = ok(answer(state, 'q1', [1], 'r2'));
    const changed = answer(state, 'q1', [1], 'r1');
    expect(changed).toMatchObject({
      ok: true,
      reply: { type: 'answered', id: 'q1', choice: [1] },
      toTeachers: { type: 'results', id: 'q1', counts: [0, 2, 0], total: 2 },
    });
  });

  it('refuses options the question lacks, two options to a single question, and no reader', () => {
    const state = ok(ask({}, Q, true, 1));
    expect(answer(state, 'q1', [3], 'r1')).toMatchObject({ ok: false, error: { code: 'invalid_choice' } });
    expect(answer(state, 'q1', [0, 1], 'r1')).toMatchObject({ ok: false, error: { code: 'invalid_choice' } });
    expect(answer(state, 'q1', [0], undefined)).toMatchObject({ ok: false, error: { code: 'no_reader' } });
    expect(answer(state, 'otra', [0], 'r1')).toMatchObject({ ok: false, error: { code: 'no_question' } });
    expect(answer({}, 'q1', [0], 'r1')).toMatchObject({ ok: false, error: { code: 'no_question' } });
  });

  it('takes several options for a multiple question, as a set', () => {
    const state = ok(ask({}, { ...Q, kind: 'multiple' }, true, 1));
    expect(answer(state, 'q1', [2, 0, 2], 'r1')).toMatchObject({
      reply: { choice: [0, 2] },
      toTeachers: { counts: [1, 0, 1], total: 1 },
    });
  });

  it('reveals to everyone, closes with the final count, and keeps the result for the CSV', () => {
    let state = ok(ask({}, Q, true, 10));
    state = ok(answer(state, 'q1', [0], 'r1'));
    expect(reveal(state, 'q1', { correct: [0], explanation: 'Porque sí.' }, false)).toMatchObject({
      ok: false,
    });
    const shown = reveal(state, 'q1', { correct: [0], explanation: 'Porque sí.' }, true);
    expect(shown).toMatchObject({
      broadcast: { type: 'revealed', correct: [0], counts: [1, 0, 0], total: 1 },
    });
    state = ok(shown);
    expect(questionFor(state, 'r1')).toMatchObject({ mine: [0], revealed: { correct: [0] } });
    expect(questionFor(state, 'r9')?.mine).toBeUndefined();
    const closed = close(state, 'q1', true, 20);
    expect(closed).toMatchObject({ broadcast: { type: 'questionClosed', counts: [1, 0, 0], total: 1 } });
    state = ok(closed);
    expect(state.open).toBeUndefined();
    expect(questionFor(state, 'r1')).toBeUndefined();
    const { id, lesson, prompt, kind, options } = Q;
    expect(teacherView(state)).toEqual([
      {
        type: 'questionLog',
        results: [
          {
            id,
            lesson,
            prompt,
            kind,
            options,
            correct: [0],
            counts: [1, 0, 0],
            total: 1,
            at: 10,
            closedAt: 20,
          },
        ],
      },
    ]);
    // The next question may be asked once this one closed.
    expect(ask(state, { ...Q, id: 'q2' }, true, 30).ok).toBe(true);
  });
});

describe('questions: stored as the question plus one entry per answer', () => {
  it('stores no answers with the question, and counts the stored ones back, skipping stale ones', () => {
    let state = ok(ask({}, Q, true, 10));
    state = ok(answer(state, 'q1', [0], 'r1'));
    const step = answer(state, 'q1', [2], 'r2');
    expect(step).toMatchObject({ answer: { reader: 'r2', stored: { at: 10, choice: [2] } } });
    state = ok(step);
    const stored = withoutAnswers(state);
    expect(JSON.stringify(stored)).not.toContain('r1');
    const back = withAnswers(stored, [
      ['r1', { at: 10, choice: [0] }],
      ['r2', { at: 10, choice: [2] }],
      ['r3', { at: 5, choice: [1] }],
      ['r4', { at: 10, choice: [7] }],
    ]);
    expect(back).toEqual(state);
  });
});

/** An ordering question as the console sends it: its steps shuffled, the right order C, A, B. */
const ORDER: LiveQuestion = { ...Q, id: 'orden', kind: 'order', options: ['segundo', 'tercero', 'primero'] };
const RIGHT = [2, 0, 1];

describe('questions: ordering questions', () => {
  it('counts each reader once, at each place, and a changed order replaces the earlier one', () => {
    let state = ok(ask({}, ORDER, true, 1));
    state = ok(answer(state, 'orden', [0, 1, 2], 'r1'));
    state = ok(answer(state, 'orden', [2, 0, 1], 'r2'));
    const changed = answer(state, 'orden', [2, 1, 0], 'r1');
    expect(changed).toMatchObject({
      ok: true,
      reply: { type: 'answered', id: 'orden', choice: [2, 1, 0] },
      answer: { reader: 'r1', stored: { at: 1, choice: [2, 1, 0] } },
    });
    if (!changed.ok) throw new Error('refused');
    // positions[option][place]: r1 now puts «primero» first, as r2 does.
    expect(changed.toTeachers).toEqual({
      type: 'results',
      id: 'orden',
      counts: [0, 0, 0],
      total: 2,
      positions: [
        [0, 1, 1],
        [0, 1, 1],
        [2, 0, 0],
      ],
    });
  });

  it('refuses an answer that is not an order of all the options, with a Spanish error', () => {
    const state = ok(ask({}, ORDER, true, 1));
    for (const choice of [
      [0, 1],
      [0, 1, 1],
      [0, 1, 3],
      [0, 1, 2, 0],
      [-1, 0, 1],
      [0.5, 1, 2],
    ]) {
      const step = answer(state, 'orden', choice, 'r1');
      expect(step, JSON.stringify(choice)).toMatchObject({ ok: false, error: { code: 'invalid_order' } });
      if (!step.ok)
        expect(step.error.message).toBe(
          'Ordena las 3 opciones: envíalas todas, cada una una sola vez (números de 0 a 2).',
        );
    }
    // A reveal must be an order too.
    expect(reveal(state, 'orden', { correct: [2, 0], explanation: '' }, true)).toMatchObject({
      ok: false,
      error: { code: 'invalid_correct' },
    });
  });

  it('counts the right places and whole orders at the reveal, and keeps counting after it', () => {
    let state = ok(ask({}, ORDER, true, 1));
    state = ok(answer(state, 'orden', [2, 0, 1], 'r1'));
    state = ok(answer(state, 'orden', [2, 1, 0], 'r2'));
    const shown = reveal(state, 'orden', { correct: RIGHT, explanation: 'Así.' }, true);
    // r1 has all three right, r2 only «primero».
    expect(shown).toMatchObject({
      broadcast: { type: 'revealed', correct: RIGHT, counts: [1, 1, 2], exact: 1, total: 2 },
    });
    state = ok(shown);
    const after = answer(state, 'orden', [2, 0, 1], 'r2');
    expect(after).toMatchObject({ toTeachers: { counts: [2, 2, 2], exact: 2, total: 2 } });
    state = ok(after);
    const closed = close(state, 'orden', true, 9);
    expect(closed).toMatchObject({ broadcast: { type: 'questionClosed', exact: 2, counts: [2, 2, 2] } });
    expect(ok(closed).results?.[0]).toMatchObject({ kind: 'order', correct: RIGHT, exact: 2, total: 2 });
  });

  it('round trips through storage: every order back under its reader, counted once, reveal kept', () => {
    let state = ok(ask({}, ORDER, true, 10));
    state = ok(answer(state, 'orden', [2, 0, 1], 'r1'));
    state = ok(answer(state, 'orden', [0, 1, 2], 'r2'));
    state = ok(reveal(state, 'orden', { correct: RIGHT, explanation: 'Así.' }, true));
    const stored = JSON.parse(JSON.stringify(withoutAnswers(state)));
    expect(JSON.stringify(stored)).not.toContain('positions');
    const back = withAnswers(stored, [
      ['r1', { at: 10, choice: [2, 0, 1] }],
      ['r2', { at: 10, choice: [0, 1, 2] }],
      // Stale, and not an order: left out.
      ['r3', { at: 5, choice: [2, 0, 1] }],
      ['r4', { at: 10, choice: [0, 0, 1] }],
    ]);
    expect(back).toEqual(state);
    expect(back.open).toMatchObject({ total: 2, exact: 1, counts: [1, 1, 1] });
    expect(questionFor(back, 'r2')).toMatchObject({ mine: [0, 1, 2], revealed: { correct: RIGHT } });
  });

  it('is on the wire: an ordering question parses, and its places reach the teacher', () => {
    expect(parseClientMessage(JSON.stringify({ type: 'ask', question: ORDER })).ok).toBe(true);
    const results = {
      type: 'results',
      id: 'orden',
      counts: [0, 0],
      total: 1,
      positions: [
        [1, 0],
        [0, 1],
      ],
    };
    expect(parseServerMessage(JSON.stringify(results))).toEqual({ ok: true, value: results });
  });
});

describe('ballot: answers that may change', () => {
  it('lets a counted reader answer again and checks newcomers as before', () => {
    expect(mayAnswerAgain(listed(recordAnswer(undefined, 'r1')), 'r1')).toEqual({ ok: true });
    expect(mayAnswerAgain(listed(['r1']), 'r2')).toEqual({ ok: true });
    expect(mayAnswerAgain(listed([]), undefined)).toMatchObject({ ok: false });
  });
});

describe('protocol: the live-class messages', () => {
  it('parses page reports, questions and answers, and refuses paths that leave the site', () => {
    expect(parseClientMessage(JSON.stringify({ type: 'page', path: '/glosario/' }))).toMatchObject({
      ok: true,
    });
    for (const path of ['//evil.example/', 'https://evil.example/', '/a b', '/"><script>']) {
      expect(parseClientMessage(JSON.stringify({ type: 'page', path })).ok, path).toBe(false);
    }
    expect(parseClientMessage(JSON.stringify({ type: 'ask', question: Q })).ok).toBe(true);
    expect(parseClientMessage(JSON.stringify({ type: 'answer', id: 'q1', choice: [] })).ok).toBe(false);
    expect(parseClientMessage(JSON.stringify({ type: 'push', text: 'Mirad', go: '//x' })).ok).toBe(false);
    const notice = {
      type: 'notification',
      seq: 1,
      text: 'Vamos',
      level: 'info',
      at: 1,
      go: '/lecciones/01-x/#a',
    };
    expect(parseServerMessage(JSON.stringify(notice))).toEqual({ ok: true, value: notice });
  });

  it('carries a teacher push’s «Vamos a…» link into the notification and the history', () => {
    const core = new RoomCore('clase-1', { seq: 0, history: [] });
    const notification = core.accept({ text: 'Mirad esto', go: '/lecciones/01-x/#a' }, true, 'local');
    expect(notification).toMatchObject({ seq: 1, text: 'Mirad esto', go: '/lecciones/01-x/#a' });
    expect(core.catchUp().history[0]?.go).toBe('/lecciones/01-x/#a');
  });
});
