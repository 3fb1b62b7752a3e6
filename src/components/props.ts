/**
 * The props of the authoring tags that are not demos (no island, no room): the correction
 * aside, the page-load steps list and the home page's progress card. Checked at build time
 * (src/demos/registry.ts) and by each tag itself, like a demo's `props.ts`.
 */
import { z } from 'zod';

const FUENTE_EJEMPLO = 'fuente="https://www.rfc-editor.org/rfc/rfc6455#section-1.3"';

/** `<ConMasPrecision>`: what is precise today, next to a seed sentence that is not. */
export const conMasPrecision = z.strictObject({
  fuente: z.url({
    protocol: /^https$/,
    error: `debe ser la dirección https:// de la fuente primaria, por ejemplo ${FUENTE_EJEMPLO}`,
  }),
  cita: z
    .string({
      error: 'debe ser texto entre comillas que nombre la fuente, por ejemplo cita="RFC 6455, sección 1.3"',
    })
    .trim()
    .min(3, 'debe nombrar la fuente, por ejemplo cita="RFC 6455, sección 1.3"')
    .max(120, 'debe ser un nombre corto de la fuente (hasta 120 caracteres)'),
});

/** `<PageLoadSteps>`: the course's one corrected page-load sequence. No props. */
export const pageLoadSteps = z.strictObject({});

/** `<Progreso>`: the home page's progress (lessons done, where to continue, reset). No props. */
export const progreso = z.strictObject({});
