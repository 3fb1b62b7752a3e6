/** Adds `client:reader` (see `src/scripts/readerDirective.ts`). */
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';

export default function readerDirective(): AstroIntegration {
  return {
    name: 'cliente-servidor:reader-directive',
    hooks: {
      'astro:config:setup': ({ addClientDirective }) => {
        addClientDirective({
          name: 'reader',
          entrypoint: fileURLToPath(new URL('../src/scripts/readerDirective.ts', import.meta.url)),
        });
      },
    },
  };
}
