/**
 * Turns ```mermaid blocks into `<pre class="mermaid-diagram">` for MDX pages.
 *
 * astro-mermaid 2.1 replaces each block with a raw `html` node, which Astro 7's Sätteri
 * MDX compiler cannot emit ("Cannot compile a raw node"). This plugin runs first and
 * emits a structured node instead, so the text reaches the page verbatim; a distinct
 * class keeps astro-mermaid's eager script off it, and `mermaidLazy()` draws it when near.
 */
import type { AstroIntegration } from 'astro';
import { defineMdastPlugin } from 'satteri';
import { accessibleText, estimateDiagramBox } from './diagramBox';
import { addMdastPlugin } from './mdastPlugins';

/**
 * The placeholder's attributes: the box the drawing will fill, reserved from the source so
 * nothing moves when it is drawn, and the accessible title and description, which print
 * in place of a diagram not drawn yet (its source means nothing on paper).
 */
export function diagramProperties(source: string): Record<string, string | string[]> {
  const { width, height } = estimateDiagramBox(source);
  const { title, description } = accessibleText(source);
  return {
    className: ['mermaid-diagram'],
    style: `--diagram-width: ${String(width)}px; aspect-ratio: ${String(width)} / ${String(height)}`,
    ...(title ? { dataTitle: title } : {}),
    ...(description ? { dataDescription: description } : {}),
  };
}

export const mermaidMdxPlugin = defineMdastPlugin({
  name: 'cliente-servidor:mermaid-mdx',
  code(node, context) {
    if (node.lang !== 'mermaid' || context.sourceFormat !== 'mdx') return undefined;
    return {
      type: 'paragraph',
      data: { hName: 'pre', hProperties: diagramProperties(node.value) },
      children: [{ type: 'text', value: node.value }],
    };
  },
});

export default function mermaidMdx(): AstroIntegration {
  return {
    name: 'cliente-servidor:mermaid-mdx',
    hooks: {
      'astro:config:setup': (setup) => addMdastPlugin(setup, mermaidMdxPlugin, 'first'),
    },
  };
}
