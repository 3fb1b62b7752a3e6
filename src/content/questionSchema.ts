/**
 * The shape of a lesson's self-check questions, one YAML file per lesson in
 * `src/content/questions/NN-slug.yaml` (the lesson's own file name). The same schema types
 * the `questions` content collection, so every question of the course is known at build
 * time, and runs in `integrations/questionCheck.ts`, which names the file and line of a
 * question with no correct option, a repeated option or a missing explanation.
 */
import { z } from 'astro/zod';

export const QUESTION_KINDS = ['single', 'multiple', 'order'] as const;

const text = (what: string) =>
  z
    .string({ error: `falta ${what} (texto)` })
    .trim()
    .min(1, `falta ${what} (texto)`);

/** A heading anchor of the lesson, without «#», e.g. `petición-y-respuesta`. */
const section = z
  .string({ error: 'debe ser el ancla de un encabezado de la lección, sin «#»' })
  .regex(/^[^#\s]+$/, 'debe ser el ancla de un encabezado de la lección, sin «#»');

const option = z.strictObject({
  text: text('el texto de la opción'),
  correct: z.boolean({ error: 'debe ser true o false' }).default(false),
  explanation: text('la explicación de la opción («explanation»)'),
  /** Overrides the question's section for this option's link. */
  section: section.optional(),
});

const step = z.strictObject({
  text: text('el texto del paso'),
  explanation: text('la explicación del paso («explanation»)'),
});

const base = {
  id: z
    .string({ error: 'falta el id de la pregunta' })
    .regex(/^[a-z0-9-]+$/, 'el id lleva minúsculas, números y guiones, p. ej. «dns-traduce»'),
  prompt: text('el enunciado («prompt»)'),
  section,
};

const choice = (kind: 'single' | 'multiple') =>
  z
    .strictObject({
      ...base,
      kind: z.literal(kind),
      options: z.array(option).min(2, 'una pregunta necesita al menos dos opciones'),
    })
    .superRefine((question, ctx) => {
      const correct = question.options.filter((o) => o.correct).length;
      if (correct === 0)
        ctx.addIssue({
          code: 'custom',
          path: ['options'],
          message: 'ninguna opción es correcta: marca al menos una con «correct: true»',
        });
      if (kind === 'single' && correct > 1)
        ctx.addIssue({
          code: 'custom',
          path: ['options'],
          message: `una pregunta «single» tiene una sola opción correcta y aquí hay ${String(correct)}; usa «kind: multiple»`,
        });
      repeated(question.options, 'options', 'opción repetida', ctx);
    });

/** Adds an issue at each entry whose text repeats an earlier one. */
function repeated(
  entries: ReadonlyArray<{ text: string }>,
  key: string,
  what: string,
  ctx: z.RefinementCtx,
): void {
  const seen = new Set<string>();
  entries.forEach((entry, index) => {
    const norm = entry.text.toLowerCase();
    if (seen.has(norm))
      ctx.addIssue({ code: 'custom', path: [key, index, 'text'], message: `${what}: «${entry.text}»` });
    seen.add(norm);
  });
}

const order = z
  .strictObject({
    ...base,
    kind: z.literal('order'),
    /** The steps in their correct order; the page shuffles them. */
    steps: z.array(step).min(3, 'ordenar necesita al menos tres pasos'),
  })
  .superRefine((question, ctx) => repeated(question.steps, 'steps', 'paso repetido', ctx));

export const question = z.discriminatedUnion('kind', [choice('single'), choice('multiple'), order], {
  error: `«kind» debe ser ${QUESTION_KINDS.join(', ')}`,
});

export const questionSet = z
  .strictObject({
    questions: z
      .array(question)
      .min(4, 'cada lección lleva de 4 a 6 preguntas')
      .max(6, 'cada lección lleva de 4 a 6 preguntas'),
  })
  .superRefine((set, ctx) => {
    const ids = new Set<string>();
    set.questions.forEach((q, index) => {
      if (ids.has(q.id))
        ctx.addIssue({ code: 'custom', path: ['questions', index, 'id'], message: `id repetido: «${q.id}»` });
      ids.add(q.id);
    });
  });

export type Question = z.output<typeof question>;
export type QuestionSet = z.output<typeof questionSet>;
