/**
 * The lesson fields every page under `lecciones/` must carry. The same schema extends
 * Starlight's `docsSchema` (so pages get typed `entry.data`) and runs in the build-time
 * check, which names the file when a field is missing or wrong.
 */
import { z } from 'astro/zod';

export const LESSON_KINDS = ['lectura', 'guía', 'práctica'] as const;

/**
 * One work the lesson draws on, in the fields a bibliography needs. What the source does not
 * say is left out and read as «no indicado», never guessed.
 */
export const reference = z
  .object({
    /** `adapta`: the lesson keeps and adapts its text; `enlaza`: the lesson links it as material. */
    role: z.enum(['adapta', 'enlaza']).default('adapta'),
    /** The work's own title, as it names itself. */
    title: z.string().min(1),
    /** What kind of work it is, in Spanish: «ensayo de estudiante», «apuntes», «vídeo en inglés». */
    kind: z.string().min(1),
    /** Person or organisation that wrote it, as the source gives it. */
    author: z.string().min(1).optional(),
    /** The course or subject it was written for. */
    course: z.string().min(1).optional(),
    institution: z.string().min(1).optional(),
    year: z.number().int().min(1990).max(2100).optional(),
    licence: z.string().min(1).optional(),
    url: z.url().optional(),
    /** One sentence on where the attribution comes from, when it needs saying. */
    note: z.string().min(1).optional(),
  })
  .strict();

export const lessonFields = z.object({
  /** What the reader will be able to do after the lesson; shown at the top of the page. */
  objectives: z.array(z.string().min(3)).min(1),
  /** Estimated reading and practice time, in minutes. */
  duration: z.number().int().min(1).max(240),
  /** The kind of material: a reading, a guided lesson or a hands-on practice. */
  kind: z.enum(LESSON_KINDS),
  /** The seed document the lesson comes from, for traceability. */
  source: z
    .string()
    .regex(
      /^\d{3}_[0-9a-f]{16}\.txt$/,
      'debe ser el nombre de un archivo semilla, como 000_2d90ef659e7d20b1.txt',
    ),
  /**
   * The works the lesson comes from, as a bibliography: first the seed it adapts, then
   * anything else it links as material (a video). Only what the source itself supports;
   * never personal data such as student IDs or group codes.
   */
  credits: z.array(reference).min(1).optional(),
});

/** A full lesson page: Starlight's required title and description plus the lesson fields. */
export const lessonFrontmatter = lessonFields.extend({
  title: z.string().min(1),
  description: z.string().min(10),
  sidebar: z.object({ order: z.number().int().min(1) }).loose(),
});

export type LessonFields = z.infer<typeof lessonFields>;
export type Reference = z.infer<typeof reference>;
