/** The props of `<SyncAsyncDemo>`, checked at build time (src/demos/registry.ts) and by the tag itself. */
import { z } from 'zod';
import { sala } from '../../lib/demoProps';

export const props = z.strictObject({
  sala,
  peticiones: z
    .number({ error: 'debe ser un número entre llaves, por ejemplo peticiones={3}' })
    .int('debe ser un número entero de 1 a 6')
    .min(1, 'debe ser un número entero de 1 a 6')
    .max(6, 'debe ser un número entero de 1 a 6')
    .default(3),
  espera: z
    .union([z.literal(200), z.literal(400), z.literal(800), z.literal(1500), z.literal(3000)], {
      error: 'debe ser 200, 400, 800, 1500 o 3000, entre llaves: espera={800}',
    })
    .default(400),
});
