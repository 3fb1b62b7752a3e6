/**
 * The props of `<Codigo>`, code the reader runs in a Web Worker, checked at build time
 * (src/demos/registry.ts) and by the tag itself. `archivo` names
 * `src/content/snippets/<archivo>.js`.
 */
import { z } from 'zod';
import { sala, wholeNumber } from '../../lib/demoProps';

export const props = z.strictObject({
  sala,
  archivo: z
    .string({
      error: 'debe ser el nombre de un ejemplo entre comillas, por ejemplo archivo="03-fetch-await"',
    })
    .regex(/^[a-z0-9-]+$/, 'debe ser el nombre de un archivo de src/content/snippets/, sin «.js»'),
  limite: wholeNumber('limite', 1, 30, 10, 'segundos'),
});
