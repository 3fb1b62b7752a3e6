/** The props of `<HttpStatusDemo>`, checked at build time (src/demos/registry.ts) and by the tag itself. */
import { z } from 'zod';
import { sala } from '../../lib/demoProps';

export const props = z.strictObject({ sala });
