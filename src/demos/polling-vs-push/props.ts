/** The props of `<PollingVsPushDemo>`, checked at build time (src/demos/registry.ts) and by the tag itself. */
import { z } from 'zod';
import { sala, wholeNumber } from '../../lib/demoProps';

export const props = z.strictObject({
  sala,
  intervalo: wholeNumber('intervalo', 1, 10, 5, 'segundos'),
});
