/**
 * The teacher console's logic, without a framework: the self-check questions as the room
 * asks them (built once at build time from the `questions` collection), page paths as
 * lesson titles, and the session's CSV.
 */
import type { LiveQuestion, QuestionResult } from '../../party/wire/classMessages';
import type { Notification } from '../../party/wire/serverMessages';
import type { Question } from '../content/questionSchema';
import { LEVEL_LABEL } from '../demos/push/feed';

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
 * A lesson's choice questions as the room asks them. Ordering questions are left out: the
 * class card answers by picking options, and the room counts options.
 */
export function askable(lesson: ConsoleLesson, questions: readonly Question[]): AskableQuestion[] {
  return questions.flatMap((q) => {
    if (q.kind === 'order') return [];
    const correct = q.options.flatMap((o, i) => (o.correct ? [i] : []));
    const explanation = q.options
      .filter((o) => o.correct)
      .map((o) => o.explanation)
      .join(' ');
    const question: LiveQuestion = {
      id: q.id,
      lesson: lesson.path,
      prompt: q.prompt,
      kind: q.kind,
      options: q.options.map((o) => o.text),
    };
    return [{ question, correct, explanation }];
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
    r.options.forEach((option, i) => {
      const correct = r.correct === undefined ? '' : r.correct.includes(i) ? 'sí' : 'no';
      lines.push(row(['pregunta', room, iso(r.at), r.prompt, option, correct, r.counts[i] ?? 0, r.total]));
    });
  }
  return `${lines.join('\r\n')}\r\n`;
}
