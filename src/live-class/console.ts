/**
 * The teacher console's logic, without a framework: the self-check questions as the room
 * asks them (built once at build time from the `questions` collection), page paths as
 * lesson titles, and the session's CSV.
 */
import type { LiveQuestion, QuestionResult } from '../../party/wire/classMessages';
import type { Notification } from '../../party/wire/serverMessages';
import type { Question } from '../content/questionSchema';
import { LEVEL_LABEL } from '../demos/push/feed';
import { startOrder } from '../demos/self-check/grading';

export interface ConsoleLesson {
  /** The lesson's path on the site, base included (`/lecciones/01-…/`). */
  path: string;
  title: string;
  /** Its second-level headings, for «Vamos a…». */
  sections: { slug: string; text: string }[];
}

/** A self-check question ready to ask: what readers see, and what the reveal shows. */
export interface AskableQuestion {
  question: LiveQuestion;
  correct: number[];
  explanation: string;
}

/**
 * A lesson's self-check questions as the room asks them. An ordering question goes out with
 * its steps in the lesson's own shuffled start (never the right order); its right answer is
 * the options, by index, first to last.
 */
export function askable(lesson: ConsoleLesson, questions: readonly Question[]): AskableQuestion[] {
  return questions.map((q) => {
    const { id, prompt } = q;
    const base = { id, lesson: lesson.path, prompt };
    if (q.kind === 'order') {
      const start = startOrder(id, q.steps.length);
      const options = start.map((step) => q.steps[step]?.text ?? '');
      const correct = q.steps.map((_, place) => start.indexOf(place));
      const explanation = q.steps.map((s) => s.explanation).join(' ');
      return { question: { ...base, kind: 'order', options }, correct, explanation };
    }
    const correct = q.options.flatMap((o, i) => (o.correct ? [i] : []));
    const explanation = q.options
      .filter((o) => o.correct)
      .map((o) => o.explanation)
      .join(' ');
    return {
      question: { ...base, kind: q.kind, options: q.options.map((o) => o.text) },
      correct,
      explanation,
    };
  });
}

/** A page path as the teacher reads it: the lesson's title, or the path itself. */
export function pageLabel(path: string, lessons: readonly ConsoleLesson[], base: string): string {
  const lesson = lessons.find((l) => l.path === path);
  if (lesson) return lesson.title;
  if (path === base) return 'Inicio';
  if (path === `${base}glosario/`) return 'Glosario';
  return path;
}

/** One CSV field: quoted, inner quotes doubled, and a leading formula sign made inert. */
export function csvField(value: string | number): string {
  const text = String(value);
  const safe = /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
  return `"${safe.replaceAll('"', '""')}"`;
}

const row = (fields: (string | number)[]) => fields.map(csvField).join(',');
const iso = (at: number) => new Date(at).toISOString();

/**
 * The session as one CSV a spreadsheet opens: every notice, then every question with each
 * option's count. One table, so the columns are shared: `tipo` says what a row is.
 */
export function sessionCsv(
  room: string,
  notices: readonly Notification[],
  results: readonly QuestionResult[],
): string {
  const lines = [
    row(['tipo', 'sala', 'hora', 'texto', 'nivel u opción', 'enlace o correcta', 'respuestas', 'total']),
  ];
  for (const n of [...notices].sort((a, b) => a.seq - b.seq)) {
    lines.push(row(['aviso', room, iso(n.at), n.text, LEVEL_LABEL[n.level], n.go ?? '', '', '']));
  }
  for (const r of results) {
    const question = (option: string, correct: string, n: number) =>
      row(['pregunta', room, iso(r.at), r.prompt, option, correct, n, r.total]);
    const yes = (right: boolean | undefined) => (right === undefined ? '' : right ? 'sí' : 'no');
    if (r.positions) lines.push(...orderRows(r, r.positions, question, yes));
    else
      r.options.forEach((option, i) => {
        lines.push(question(option, yes(r.correct?.includes(i)), r.counts[i] ?? 0));
      });
  }
  return `${lines.join('\r\n')}\r\n`;
}

/**
 * An ordering question's rows: for each place, how many readers put each option there
 * («2.º: …»), whether it belongs there once revealed, and how many had the whole order right.
 */
function orderRows(
  r: QuestionResult,
  positions: readonly (readonly number[])[],
  question: (option: string, correct: string, n: number) => string,
  yes: (right: boolean | undefined) => string,
): string[] {
  const lines: string[] = [];
  r.options.forEach((_, place) => {
    r.options.forEach((option, item) => {
      const right = r.correct === undefined ? undefined : r.correct[place] === item;
      lines.push(question(`${String(place + 1)}.º: ${option}`, yes(right), positions[item]?.[place] ?? 0));
    });
  });
  if (r.exact !== undefined) lines.push(question('El orden completo', 'sí', r.exact));
  return lines;
}
