/**
 * Draws ```mermaid diagrams in the browser when the reader comes near them, instead of
 * loading mermaid on every page that has one, as astro-mermaid's client script does (it
 * has no option to defer it).
 *
 * - `src/scripts/mermaidLazy.ts`, the client script, goes on every page; without a diagram
 *   it does nothing, and mermaid is only imported once a diagram is near the screen.
 * - `src/scripts/mermaidLazy.css` styles the diagrams from the first paint.
 * - `mermaidMdx()` turns the blocks of MDX pages into `<pre class="mermaid-diagram">`,
 *   which only this script draws; plain `.md` pages keep astro-mermaid's own rendering.
 */
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';

const SCRIPT = fileURLToPath(new URL('../src/scripts/mermaidLazy.ts', import.meta.url));
const STYLES = fileURLToPath(new URL('../src/scripts/mermaidLazy.css', import.meta.url));

export default function mermaidLazy(): AstroIntegration {
  return {
    name: 'cliente-servidor:mermaid-lazy',
    hooks: {
      'astro:config:setup': ({ updateConfig, injectScript }) => {
        injectScript('page', `import ${JSON.stringify(SCRIPT)};`);
        injectScript('page-ssr', `import ${JSON.stringify(STYLES)};`);
        updateConfig({
          // The dev server pre-bundles mermaid, so the first diagram is quick.
          vite: { optimizeDeps: { include: ['mermaid'] } },
        });
      },
    },
  };
}
