/** The props of `<SyncAsyncDemo>`, checked at build time (src/demos/registry.ts) and by the tag itself. */
import { z } from 'zod';
import { sala, wholeNumber } from '../../lib/demoProps';

export const props = z.strictObject({
  sala,
  peticiones: wholeNumber('peticiones', 1, 6, 3),
  espera: z
    .union([z.literal(200), z.literal(400), z.literal(800), z.literal(1500), z.literal(3000)], {
      error: 'debe ser 200, 400, 800, 1500 o 3000, entre llaves: espera={800}',
    })
    .default(400),
});
