import { beforeEach, describe, expect, it } from 'vitest';
import { ROOM_NAME } from '../../party/wire/vocabulary';
import { askable, type ConsoleLesson, csvField, pageLabel, sessionCsv } from '../../src/live-class/console';
import { choiceText, followQuestion, type QuestionView } from '../../src/live-class/liveQuestion';
import {
  CLASS_CODE,
  CLASS_STORAGE,
  classCode,
  classForPage,
  joinedClass,
  leaveClass,
} from '../../src/live-class/membership';

const LESSON: ConsoleLesson = { path: '/lecciones/01-x/', title: 'Lección uno', sections: [] };

describe('console: self-check questions asked live', () => {
  it('turns choice and ordering questions into what readers see plus the reveal', () => {
    const items = askable(LESSON, [
      {
        id: 'q1',
        kind: 'multiple',
        prompt: '¿Cuáles?',
        section: 's',
        options: [
          { text: 'a', correct: true, explanation: 'A sí.' },
          { text: 'b', correct: false, explanation: 'B no.' },
          { text: 'c', correct: true, explanation: 'C también.' },
        ],
      },
      {
        id: 'q2',
        kind: 'order',
        prompt: 'Ordena',
        section: 's',
        steps: [
          { text: '1', explanation: 'x' },
          { text: '2', explanation: 'y' },
          { text: '3', explanation: 'z' },
        ],
      },
    ]);
    expect(items).toEqual([
      {
        question: {
          id: 'q1',
          lesson: '/lecciones/01-x/',
          prompt: '¿Cuáles?',
          kind: 'multiple',
          options: ['a', 'b', 'c'],
        },
        correct: [0, 2],
        explanation: 'A sí. C también.',
      },
      {
        // The steps as the lesson's self-check starts them (never in the right order); the
        // right answer lists those options first to last: «1» (0), «2» (2), «3» (1).
        question: {
          id: 'q2',
          lesson: '/lecciones/01-x/',
          prompt: 'Ordena',
          kind: 'order',
          options: ['1', '3', '2'],
        },
        correct: [0, 2, 1],
        explanation: 'x y z',
      },
    ]);
  });

  it('names pages by lesson title, home and glossary, else by path', () => {
    expect(pageLabel('/lecciones/01-x/', [LESSON], '/')).toBe('Lección uno');
    expect(pageLabel('/', [LESSON], '/')).toBe('Inicio');
    expect(pageLabel('/curso/glosario/', [LESSON], '/curso/')).toBe('Glosario');
    expect(pageLabel('/otra/', [LESSON], '/')).toBe('/otra/');
  });
});

describe('console: the session CSV', () => {
  it('has one row per notice and one per option of each closed question, quoted', () => {
    const csv = sessionCsv(
      '2b-redes',
      [
        { seq: 2, text: 'Dijo "hola", luego', level: 'warning', at: 0, go: '/lecciones/01-x/#a' },
        { seq: 1, text: 'Primero', level: 'info', at: 0 },
      ],
      [
        {
          id: 'q1',
          lesson: '/l/',
          prompt: '¿Qué?',
          options: ['Sí', 'No'],
          correct: [0],
          counts: [3, 1],
          total: 4,
          at: 0,
          closedAt: 1,
        },
      ],
    );
    const lines = csv.trimEnd().split('\r\n');
    expect(lines).toHaveLength(5);
    expect(lines[1]).toBe('"aviso","2b-redes","1970-01-01T00:00:00.000Z","Primero","Información","","",""');
    expect(lines[2]).toContain('"Dijo ""hola"", luego","Aviso","/lecciones/01-x/#a"');
    expect(lines[3]).toBe('"pregunta","2b-redes","1970-01-01T00:00:00.000Z","¿Qué?","Sí","sí","3","4"');
    expect(lines[4]).toContain('"No","no","1","4"');
  });

  it('has, for an ordering question, one row per place and option, and the whole orders right', () => {
    const csv = sessionCsv(
      'clase',
      [],
      [
        {
          id: 'orden',
          lesson: '/l/',
          prompt: 'Ordena',
          kind: 'order',
          options: ['B', 'A'],
          correct: [1, 0],
          // positions[option][place]: 3 readers put A first, 1 put B first.
          positions: [
            [1, 3],
            [3, 1],
          ],
          counts: [3, 3],
          exact: 3,
          total: 4,
          at: 0,
          closedAt: 1,
        },
      ],
    );
    const rows = csv
      .trimEnd()
      .split('\r\n')
      .slice(1)
      .map((line) => line.split('","').slice(4).join('|').replace(/"$/, ''));
    expect(rows).toEqual([
      '1.º: B|no|1|4',
      '1.º: A|sí|3|4',
      '2.º: B|sí|3|4',
      '2.º: A|no|1|4',
      'El orden completo|sí|3|4',
    ]);
  });

  it('makes a text that a spreadsheet would run as a formula inert', () => {
    expect(csvField('=HYPERLINK("x")')).toBe('"\'=HYPERLINK(""x"")"');
    expect(csvField('+1')).toBe('"\'+1"');
    expect(csvField(3)).toBe('"3"');
  });
});

describe('class card: following the room', () => {
  const question = { id: 'q1', lesson: '/', prompt: '¿?', kind: 'single' as const, options: ['a', 'b'] };

  it('shows the question, the counted answer, the reveal and the close, ignoring other questions', () => {
    let view: QuestionView | null = followQuestion(null, { type: 'question', question, at: 1 });
    view = followQuestion(view, { type: 'answered', id: 'q1', choice: [1] });
    view = followQuestion(view, { type: 'answered', id: 'otra', choice: [0] });
    expect(view?.mine).toEqual([1]);
    view = followQuestion(view, {
      type: 'revealed',
      id: 'q1',
      correct: [0],
      explanation: 'e',
      counts: [2, 1],
      total: 3,
    });
    view = followQuestion(view, { type: 'questionClosed', id: 'q1', counts: [2, 1], total: 3 });
    expect(view).toEqual({
      question,
      mine: [1],
      revealed: { correct: [0], explanation: 'e', counts: [2, 1], total: 3 },
      closed: { counts: [2, 1], total: 3 },
    });
    expect(followQuestion(view, { type: 'question', question: { ...question, id: 'q2' }, at: 2 })).toEqual({
      question: { ...question, id: 'q2' },
    });
  });

  it('names a choice by letters', () => {
    expect(choiceText([0])).toBe('A');
    expect(choiceText([0, 2, 3])).toBe('A, C y D');
  });
});

describe('joining a class', () => {
  const store = new Map<string, string>();
  beforeEach(() => {
    store.clear();
    Object.defineProperty(globalThis, 'localStorage', {
      configurable: true,
      value: {
        getItem: (k: string) => store.get(k) ?? null,
        setItem: (k: string, v: string) => store.set(k, v),
        removeItem: (k: string) => store.delete(k),
      },
    });
  });

  it('accepts exactly the room names the room accepts', () => {
    expect(CLASS_CODE.source).toBe(ROOM_NAME.source);
    expect(classCode(' 2B-Redes ')).toBe('2b-redes');
    expect(classCode('no vale')).toBeNull();
  });

  it('joins from a link, takes the code out of the address, remembers it, and leaves', () => {
    let search = '';
    const code = classForPage({ search: '?clase=2b-redes&x=1' }, (s) => {
      search = s;
    });
    expect(code).toBe('2b-redes');
    expect(search).toBe('?x=1');
    expect(store.get(CLASS_STORAGE)).toBe('2b-redes');
    expect(classForPage({ search: '' }, () => {})).toBe('2b-redes');
    leaveClass();
    expect(joinedClass()).toBeNull();
    expect(classForPage({ search: '?clase=NO%20VALE' }, () => {})).toBeNull();
  });
});
