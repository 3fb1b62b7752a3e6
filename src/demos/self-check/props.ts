/**
 * The props of `<Autoevaluacion>`, a lesson's self-check, checked at build time
 * (src/demos/registry.ts) and by the tag itself. `preguntas` names
 * `src/content/questions/<preguntas>.yaml`.
 */
import { z } from 'zod';

export const props = z.strictObject({
  preguntas: z
    .string({
      error:
        'debe ser el nombre de la lección entre comillas, por ejemplo preguntas="03-peticion-y-respuesta"',
    })
    .regex(/^\d{2}-[a-z0-9-]+$/, 'debe ser el nombre de la lección, por ejemplo "03-peticion-y-respuesta"'),
  /** A demonstration outside its lesson (the authors' guide): passing it records nothing. */
  ejemplo: z
    .boolean({ error: 'se escribe sola, sin valor: <Autoevaluacion preguntas="…" ejemplo />' })
    .default(false),
});
