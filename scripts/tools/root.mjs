// @ts-check
/** Where the project is: every tool resolves paths from here, wherever it is run from. */
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The project's root directory, with a trailing separator. */
export const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** The project's own command-line tools (`partykit`, `astro`…), put first on a child's PATH. */
export const BIN = join(ROOT, 'node_modules', '.bin');
