import { defineCollection } from 'astro:content';
import { docsLoader } from '@astrojs/starlight/loaders';
import { docsSchema } from '@astrojs/starlight/schema';
import { glob } from 'astro/loaders';
import { lessonFields } from './content/lessonSchema';
import { questionSet } from './content/questionSchema';

// Lesson fields are optional here because the home, glossary and guide pages share the
// collection; `integrations/contentChecks.ts` makes them required under `lecciones/`.
export const collections = {
  docs: defineCollection({
    loader: docsLoader(),
    schema: docsSchema({ extend: lessonFields.partial() }),
  }),
  // Each lesson's self-check, keyed by the lesson's file name (`03-peticion-y-respuesta`):
  // the whole course's questions, typed, for <Autoevaluacion> and anything that asks them.
  // `integrations/questionCheck.ts` names the file and line of a bad one first.
  questions: defineCollection({
    loader: glob({ pattern: '*.yaml', base: './src/content/questions' }),
    schema: questionSet,
  }),
};
