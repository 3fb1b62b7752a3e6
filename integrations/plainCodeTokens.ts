/**
 * An Expressive Code plugin: fewer elements per highlighted line, the same colours.
 *
 * Shiki gives every token its own `<span style="--0:…;--1:…">` (one colour per theme),
 * including plain text in the code's own colour and runs of spaces. On lesson 05 those
 * were ~800 spans, and every script that walks the page pays for them: Starlight's table
 * of contents runs a `:has()` query over the whole lesson twice at load (desktop and
 * mobile), and the token spans were most of what it walked. After the block is drawn:
 * - a token in the code's own colour in every theme loses its span (its text inherits
 *   exactly that colour from the line);
 * - a token of only spaces loses its span when the span sets nothing but colours;
 * - neighbouring spans with the same style become one.
 * Only a line's direct tokens are touched (and those inside its indent or a plain span):
 * a marked range (`<mark>`, `<ins>`, `<del>`) and a coloured span keep their tokens as they are.
 * tests/unit/plainCodeTokens.test.ts resolves every character's colour before and after.
 */
import { getClassNames, getInlineStyles } from '@astrojs/starlight/expressive-code/hast';
import { definePlugin, type ExpressiveCodePlugin } from 'astro-expressive-code';
import type { Element, ElementContent } from 'hast';

const COLOUR_VAR = /^--(\d+)$/;

/** A span EC made for colours: no class, a style of `--N…` custom properties only. */
function colourStyle(node: ElementContent): string | undefined {
  if (node.type !== 'element' || node.tagName !== 'span' || getClassNames(node).length > 0) return undefined;
  const style = node.properties['style'];
  return typeof style === 'string' && style.startsWith('--') ? style : undefined;
}

function onlyText(node: Element): string | undefined {
  return node.children.every((child) => child.type === 'text')
    ? node.children.map((child) => (child.type === 'text' ? child.value : '')).join('')
    : undefined;
}

/**
 * Rewrites the tokens of a line, or of a span unwrapped into it: `children` sit where every
 * theme's colour is the code's own (`foregrounds[i]`), so a token of that colour can drop
 * its span. Where themes split a token differently EC nests spans, and the inner ones
 * inherit the outer's `--N`: an outer span is only unwrapped when it is plain itself.
 */
function simplify(children: ElementContent[], foregrounds: string[]): ElementContent[] {
  const out: ElementContent[] = [];
  for (const child of children) {
    const style = colourStyle(child);
    if (child.type === 'element' && getClassNames(child).includes('indent')) {
      child.children = simplify(child.children, foregrounds);
    }
    if (style === undefined || child.type !== 'element') {
      out.push(child);
      continue;
    }
    const props = [...getInlineStyles(child)];
    const onlyColours = props.every(([name]) => COLOUR_VAR.test(name));
    const plain =
      onlyColours &&
      props.every(([name, value]) => foregrounds[Number(COLOUR_VAR.exec(name)?.[1])] === value.toLowerCase());
    const text = onlyText(child);
    if (plain && text === undefined) {
      out.push(...simplify(child.children, foregrounds));
      continue;
    }
    if (text !== undefined && (plain || (onlyColours && text.trim() === ''))) {
      out.push({ type: 'text', value: text });
      continue;
    }
    const previous = out.at(-1);
    const previousText = previous?.type === 'element' ? onlyText(previous) : undefined;
    if (
      previous?.type === 'element' &&
      colourStyle(previous) === style &&
      text !== undefined &&
      previousText !== undefined
    ) {
      previous.children = [{ type: 'text', value: previousText + text }];
      continue;
    }
    out.push(child);
  }
  // Adjacent text nodes read as one; joining them keeps the tree tidy for later plugins.
  return out.reduce<ElementContent[]>((joined, node) => {
    const last = joined.at(-1);
    if (node.type === 'text' && last?.type === 'text') last.value += node.value;
    else joined.push(node);
    return joined;
  }, []);
}

export default function plainCodeTokens(): ExpressiveCodePlugin {
  return definePlugin({
    name: 'cliente-servidor:plain-code-tokens',
    hooks: {
      postprocessRenderedLine: ({ renderData, styleVariants }) => {
        const foregrounds = styleVariants.map((variant) =>
          String(variant.resolvedStyleSettings.get('codeForeground') ?? '').toLowerCase(),
        );
        for (const part of renderData.lineAst.children) {
          if (part.type === 'element' && getClassNames(part).includes('code')) {
            part.children = simplify(part.children, foregrounds);
          }
        }
      },
    },
  });
}
