/**
 * An Expressive Code plugin: a code block far from the screen is not styled or laid out at
 * load (`content-visibility: auto` on its `<code>`), and keeps its exact size meanwhile.
 *
 * Why: highlighted code is most of a lesson's DOM (lesson 05's server and client tabs are
 * ~1,100 of its ~2,250 elements, one `<span>` per token), and styling and laying it all out
 * was the largest task of the load on a phone. A block's height is known from its source:
 * unwrapped lines are one line-height each, so the build writes the line count on the
 * `<pre>` (`--ecLines`, with the longest and first lines' lengths) and the reserved box is
 * that many lines of that width. Nothing moves when the block is drawn, and the
 * code stays in the page for find-in-page, links and screen readers. Blocks that wrap lines
 * get no count and draw as before.
 */
import { select, selectAll, setInlineStyle } from '@astrojs/starlight/expressive-code/hast';
import { definePlugin, type ExpressiveCodePlugin } from 'astro-expressive-code';

export default function lazyCodeBlocks(): ExpressiveCodePlugin {
  return definePlugin({
    name: 'cliente-servidor:lazy-code-blocks',
    // The skipped part is the `<code>` inside the `<pre>`, whose content box is the lines
    // alone (its padding stays drawn). Its width is the longest line's, in the code font's
    // `ch`, plus each line's inline padding (the first line's makes room for the copy
    // button), set as a `min-width` since Chromium does not size a skipped flex item from
    // its reserved width. A block wider than the column then overflows its `<pre>` from the
    // start, so EC's script (which gives a scrollable `<pre>` `tabindex="0"` for keyboard
    // scrolling, but only rechecks when its size changes) sees it scrollable at load, and
    // the horizontal scrollbar is there before the lines are drawn. Paper gets every block.
    baseStyles: ({ cssVar }) => `
      pre[style*='--ecLines'] > code {
        --ecPad: 2 * ${cssVar('codePaddingInline')};
        --ecWidth: max(calc(var(--ecLongest) * 1ch + var(--ecPad)), calc(var(--ecFirst) * 1ch + var(--ecPad) + 2rem));
        --ecHeight: calc(var(--ecLines) * ${cssVar('codeFontSize')} * ${cssVar('codeLineHeight')});
        content-visibility: auto;
        contain-intrinsic-size: auto var(--ecWidth) auto var(--ecHeight);
        min-width: var(--ecWidth);
      }
      @media print {
        pre[style*='--ecLines'] > code { content-visibility: visible; }
      }
    `,
    hooks: {
      postprocessRenderedBlock: ({ codeBlock, renderData }) => {
        if (codeBlock.props.wrap) return;
        // EC draws one `<pre>` per block, inside its frame; its lines as drawn are the
        // `.ec-line`s under `<code>`, counting any a plugin added.
        const pre = select('pre', renderData.blockAst);
        const lines = pre ? selectAll('code > .ec-line', pre).length : 0;
        if (!pre || lines === 0) return;
        const lengths = codeBlock.getLines().map((line) => [...line.text].length);
        setInlineStyle(pre, '--ecLines', String(lines));
        setInlineStyle(pre, '--ecLongest', String(Math.max(...lengths)));
        setInlineStyle(pre, '--ecFirst', String(lengths[0] ?? 0));
      },
    },
  });
}
