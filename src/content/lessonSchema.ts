/**
 * The lesson fields every page under `lecciones/` must carry. The same schema extends
 * Starlight's `docsSchema` (so pages get typed `entry.data`) and runs in the build-time
 * check, which names the file when a field is missing or wrong.
 */
import { z } from 'astro/zod';

export const LESSON_KINDS = ['lectura', 'guía', 'práctica'] as const;

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
  /** The author or institution the source names. Never personal data such as student IDs. */
  credit: z
    .object({ author: z.string().min(1).optional(), institution: z.string().min(1).optional() })
    .strict()
    .optional(),
});

/** A full lesson page: Starlight's required title and description plus the lesson fields. */
export const lessonFrontmatter = lessonFields.extend({
  title: z.string().min(1),
  description: z.string().min(10),
  sidebar: z.object({ order: z.number().int().min(1) }).loose(),
});

export type LessonFields = z.infer<typeof lessonFields>;
