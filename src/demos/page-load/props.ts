/** The props of `<PageLoadDemo>`, checked at build time (src/demos/registry.ts) and by the tag itself. */
import { z } from 'zod';
import { PAGE_LOAD_KEYS } from './steps';
import type { StepKey } from './timing';

/** The demo's steps: an optional redirect, then the course's one page-load story. */
const STEP_KEYS = ['redireccion', ...PAGE_LOAD_KEYS] as [StepKey, ...StepKey[]];

export const props = z.strictObject({
  seccion: z
    .string({ error: 'debe ser texto entre comillas' })
    .regex(/^[^#\s]+$/, 'debe ser el ancla de un encabezado sin «#», por ejemplo "qué-ocurre-entonces"')
    .optional(),
  pasos: z
    .partialRecord(
      z.enum(STEP_KEYS, { error: `las claves válidas son: ${STEP_KEYS.join(', ')}` }),
      z
        .number({ error: 'cada paso es un número' })
        .int('cada paso es un número entero')
        .min(1, 'los pasos empiezan en 1'),
      { error: 'debe ser un objeto entre llaves dobles, por ejemplo pasos={{ dns: 1, peticion: 2 }}' },
    )
    .optional(),
});
