import { defineCollection } from 'astro:content';
import { docsLoader } from '@astrojs/starlight/loaders';
import { docsSchema } from '@astrojs/starlight/schema';
import { lessonFields } from './content/lessonSchema';

// Lesson fields are optional here because the home, glossary and guide pages share the
// collection; `integrations/contentChecks.ts` makes them required under `lecciones/`.
export const collections = {
  docs: defineCollection({
    loader: docsLoader(),
    schema: docsSchema({ extend: lessonFields.partial() }),
  }),
};
