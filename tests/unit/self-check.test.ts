/**
 * The self-check's question files: the schema and its build-time check name each kind of
 * authoring mistake with its line; the course's own files pass; grading and the starting
 * order of an order-the-steps question behave as the page relies on.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { checkQuestionSource, checkQuestions } from '../../integrations/questionCheck';
import { gradeChoice, gradeOrder, move, startOrder } from '../../src/demos/self-check/grading';

const ROOT = new URL('../../', import.meta.url);
const FILE = 'src/content/questions/99-prueba.yaml';
const ANCHORS = new Set(['intro', 'detalle']);

/** A valid file with one question; `patch` rewrites its lines to make one mistake. */
function source(question: string): string {
  const filler = [1, 2, 3]
    .map(
      (n) => `  - id: relleno-${String(n)}
    kind: single
    prompt: Pregunta ${String(n)}
    section: intro
    options:
      - text: Sí
        correct: true
        explanation: Porque sí.
      - text: No
        explanation: Porque no.`,
    )
    .join('\n');
  return `questions:\n${question}\n${filler}\n`;
}

const GOOD = `  - id: buena
    kind: multiple
    prompt: ¿Cuáles?
    section: detalle
    options:
      - text: A
        correct: true
        explanation: A sí.
      - text: B
        correct: true
        explanation: B también.
      - text: C
        explanation: C no.`;

const check = (text: string) => checkQuestionSource(FILE, text, ANCHORS);

describe('question files: each authoring mistake is named with its file and line', () => {
  it('accepts a valid file', () => {
    expect(check(source(GOOD))).toEqual([]);
  });

  it('a question with no correct option: the line of its options', () => {
    const text = source(GOOD.replaceAll('        correct: true\n', ''));
    expect(check(text)).toEqual([
      { file: FILE, line: 6, message: expect.stringContaining('ninguna opción es correcta') },
    ]);
  });

  it('a single-choice question with two correct options', () => {
    const problems = check(source(GOOD.replace('kind: multiple', 'kind: single')));
    expect(problems).toEqual([{ file: FILE, line: 6, message: expect.stringContaining('hay 2') }]);
  });

  it('a duplicate option: the line of the repeated text', () => {
    const problems = check(source(GOOD.replace('- text: C', '- text: a')));
    expect(problems).toEqual([
      { file: FILE, line: 13, message: expect.stringContaining('opción repetida: «a»') },
    ]);
  });

  it('a missing explanation: the line of the option that lacks it', () => {
    const problems = check(source(GOOD.replace('        explanation: B también.\n', '')));
    expect(problems).toEqual([
      {
        file: FILE,
        line: 10,
        message: expect.stringMatching(/options\.1\.explanation.*falta la explicación/),
      },
    ]);
  });

  it('a duplicate question id, an unknown kind and a section that is no heading', () => {
    expect(check(source(GOOD.replace('id: buena', 'id: relleno-1')))).toEqual([
      { file: FILE, line: 15, message: expect.stringContaining('id repetido') },
    ]);
    expect(check(source(GOOD.replace('kind: multiple', 'kind: abierta')))[0]).toMatchObject({
      line: 3,
      message: expect.stringContaining('«kind» debe ser'),
    });
    expect(check(source(GOOD.replace('section: detalle', 'section: otra')))).toEqual([
      { file: FILE, line: 5, message: expect.stringContaining('«section: otra» no es un encabezado') },
    ]);
  });

  it('an order question with a repeated step, and a file with too few questions', () => {
    const order = `  - id: orden
    kind: order
    prompt: Ordena
    section: intro
    steps:
      - text: Uno
        explanation: Primero.
      - text: Dos
        explanation: Después.
      - text: Uno
        explanation: Otra vez.`;
    expect(check(source(order))).toEqual([
      { file: FILE, line: 11, message: expect.stringContaining('paso repetido') },
    ]);
    expect(check(`questions:\n${GOOD}\n`)[0]?.message).toContain('de 4 a 6 preguntas');
  });

  it('invalid YAML and a file with no lesson of its name', () => {
    expect(check('questions: [\n')[0]?.message).toContain('no es YAML válido');
    expect(checkQuestionSource(FILE, source(GOOD), undefined)[0]).toMatchObject({
      line: 1,
      message: expect.stringContaining('no hay una lección'),
    });
  });
});

describe("the course's own question files", () => {
  it('every lesson has a valid self-check of 4 to 6 questions', () => {
    const dir = fileURLToPath(new URL('src/content/questions/', ROOT));
    const lessons = readdirSync(fileURLToPath(new URL('src/content/docs/lecciones/', ROOT))).map((n) =>
      n.replace(/\.mdx$/, ''),
    );
    const files = readdirSync(dir).map((n) => n.replace(/\.yaml$/, ''));
    expect(files.sort()).toEqual(lessons.sort());
    expect(checkQuestions(ROOT, [])).toEqual([]);
    for (const name of files) expect(readFileSync(join(dir, `${name}.yaml`), 'utf8')).toMatch(/^questions:/m);
  });
});

describe('grading', () => {
  const question = {
    id: 'q',
    kind: 'multiple' as const,
    prompt: '',
    section: 'intro',
    options: [
      { text: 'a', correct: true, explanation: '' },
      { text: 'b', correct: true, explanation: '' },
      { text: 'c', correct: false, explanation: '' },
    ],
  };

  it('is right only with exactly the correct options, and says when one is missing', () => {
    expect(gradeChoice(question, new Set([0, 1]))).toEqual({ correct: true, missed: false });
    expect(gradeChoice(question, new Set([0]))).toEqual({ correct: false, missed: true });
    expect(gradeChoice(question, new Set([0, 1, 2]))).toEqual({ correct: false, missed: false });
  });

  it('starts an order question shuffled, never already solved, the same every time', () => {
    for (const id of ['a', 'orden-carga', 'handshake-orden', 'x'])
      for (const count of [3, 4, 5, 7]) {
        const start = startOrder(id, count);
        expect([...start].sort()).toEqual(Array.from({ length: count }, (_, i) => i));
        expect(gradeOrder(start).every(Boolean)).toBe(false);
        expect(startOrder(id, count)).toEqual(start);
      }
  });

  it('moves a step up or down, and not past either end', () => {
    expect(move([2, 0, 1], 0, 1)).toEqual([0, 2, 1]);
    expect(move([2, 0, 1], 0, -1)).toEqual([2, 0, 1]);
    expect(gradeOrder(move(move([1, 2, 0], 2, -1), 1, -1))).toEqual([true, true, true]);
  });
});
