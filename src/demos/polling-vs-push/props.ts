/** The props of `<PollingVsPushDemo>`, checked at build time (src/demos/registry.ts) and by the tag itself. */
import { z } from 'zod';
import { sala } from '../../lib/demoProps';

export const props = z.strictObject({
  sala,
  intervalo: z
    .number({ error: 'debe ser un número entre llaves, por ejemplo intervalo={5}' })
    .int('debe ser un número entero de segundos, de 1 a 10')
    .min(1, 'debe ser un número entero de segundos, de 1 a 10')
    .max(10, 'debe ser un número entero de segundos, de 1 a 10')
    .default(5),
});
