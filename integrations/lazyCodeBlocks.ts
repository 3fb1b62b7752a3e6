/**
 * An Expressive Code plugin: a code block far from the screen is not styled or laid out at
 * load (`content-visibility: auto` on its `<pre>`), and keeps its exact height meanwhile.
 *
 * Why: highlighted code is most of a lesson's DOM (lesson 05's server and client tabs are
 * ~1,100 of its ~2,250 elements, one `<span>` per token), and styling and laying it all out
 * was the largest task of the load on a phone. A block's height is known from its source:
 * unwrapped lines are one line-height each, so the build writes the line count on the
 * `<pre>` (`--ecLines`) and the reserved height is that many lines plus the code's padding.
 * Nothing moves when the block is drawn (the width only matters once it is drawn), and the
 * code stays in the page for find-in-page, links and screen readers. Blocks that wrap lines
 * get no count and draw as before.
 */
import { definePlugin, type ExpressiveCodePlugin } from 'astro-expressive-code';
import type { Element, ElementContent } from 'hast';

function isElement(node: ElementContent): node is Element {
  return node.type === 'element';
}

function hasClass(node: Element, name: string): boolean {
  const classes = node.properties['className'];
  return Array.isArray(classes) && classes.includes(name);
}

/** The first `<pre>` of the block; EC draws one per block, inside its frame. */
function findPre(node: Element): Element | undefined {
  if (node.tagName === 'pre') return node;
  for (const child of node.children.filter(isElement)) {
    const pre = findPre(child);
    if (pre) return pre;
  }
  return undefined;
}

/** Lines as drawn (`.ec-line` under `<code>`), counting any a plugin added. */
function countLines(pre: Element): number {
  const code = pre.children.filter(isElement).find((child) => child.tagName === 'code');
  return code?.children.filter(isElement).filter((line) => hasClass(line, 'ec-line')).length ?? 0;
}

export default function lazyCodeBlocks(): ExpressiveCodePlugin {
  return definePlugin({
    name: 'cliente-servidor:lazy-code-blocks',
    // `<code>` has `codePaddingBlock` above and below its lines; the `<pre>` has no padding
    // and its border sits outside the reserved content box. Printing draws every block.
    baseStyles: ({ cssVar }) => `
      pre[style*='--ecLines'] {
        content-visibility: auto;
        contain-intrinsic-size: none auto calc(var(--ecLines) * ${cssVar('codeFontSize')} * ${cssVar('codeLineHeight')} + 2 * ${cssVar('codePaddingBlock')});
      }
      @media print {
        pre[style*='--ecLines'] { content-visibility: visible; }
      }
    `,
    hooks: {
      postprocessRenderedBlock: ({ codeBlock, renderData }) => {
        if (codeBlock.props.wrap) return;
        const pre = findPre(renderData.blockAst);
        const lines = pre ? countLines(pre) : 0;
        if (!pre || lines === 0) return;
        const style = pre.properties['style'];
        pre.properties['style'] =
          `${typeof style === 'string' && style ? `${style};` : ''}--ecLines:${String(lines)}`;
      },
    },
  });
}
