/**
 * Draws ```mermaid diagrams in the browser when the reader comes near them, instead of
 * loading mermaid on every page that has one, as astro-mermaid's client script does. It
 * replaces astro-mermaid, which has no option to leave its script out.
 *
 * - `src/scripts/mermaidLazy.ts`, the client script, goes on every page; without a diagram
 *   it does nothing, and mermaid is only imported once a diagram is near the screen.
 * - `src/scripts/mermaidLazy.css` styles the diagrams from the first paint.
 * - Blocks in `.md` pages become `<pre class="mermaid">` here; `mermaidMdx()` does the same
 *   for MDX pages.
 */
import { fileURLToPath } from 'node:url';
import { isSatteriProcessor, satteri } from '@astrojs/markdown-satteri';
import type { AstroIntegration } from 'astro';
import { defineMdastPlugin } from 'satteri';

const SCRIPT = fileURLToPath(new URL('../src/scripts/mermaidLazy.ts', import.meta.url));
const STYLES = fileURLToPath(new URL('../src/scripts/mermaidLazy.css', import.meta.url));

export const mermaidMarkdownPlugin = defineMdastPlugin({
  name: 'cliente-servidor:mermaid-md',
  code(node, context) {
    if (node.lang !== 'mermaid' || context.sourceFormat === 'mdx') return undefined;
    return {
      type: 'paragraph',
      data: { hName: 'pre', hProperties: { className: ['mermaid'] } },
      children: [{ type: 'text', value: node.value }],
    };
  },
});

export default function mermaidLazy(): AstroIntegration {
  return {
    name: 'cliente-servidor:mermaid-lazy',
    hooks: {
      'astro:config:setup': ({ config, updateConfig, injectScript }) => {
        injectScript('page', `import ${JSON.stringify(SCRIPT)};`);
        injectScript('page-ssr', `import ${JSON.stringify(STYLES)};`);
        const processor = config.markdown.processor;
        updateConfig({
          // The dev server pre-bundles mermaid, as astro-mermaid did, so the first diagram is quick.
          vite: { optimizeDeps: { include: ['mermaid'] } },
          ...(processor && isSatteriProcessor(processor)
            ? {
                markdown: {
                  processor: satteri({
                    ...processor.options,
                    mdastPlugins: [...(processor.options?.mdastPlugins ?? []), mermaidMarkdownPlugin],
                  }),
                },
              }
            : {}),
        });
      },
    },
  };
}
