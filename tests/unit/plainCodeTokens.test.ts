/**
 * integrations/plainCodeTokens.ts: highlighted code keeps every character's colour in both
 * themes with fewer elements. The colour of a character is resolved as EC's stylesheet
 * resolves it: the nearest `--N` custom property up the tree (they inherit), or the
 * code's own colour when none is set.
 */
import { definePlugin, ExpressiveCode, loadShikiTheme } from 'astro-expressive-code';
import type { Element, ElementContent } from 'hast';
import { describe, expect, it } from 'vitest';
import plainCodeTokens from '../../integrations/plainCodeTokens';

// From lesson 05: the two themes split `(socket, next)` differently, so EC nests spans there.
const CODE = `import { Server } from 'socket.io';

const io = new Server(3000, {
  cors: { origin: ['https://curso.example'] },
});

io.use((socket, next) => {
  const token = socket.handshake.auth.token;
  if (!token) return next(new Error('sin credenciales'));
  next();
});`;

// Starlight's default pair, the site's themes.
const THEMES = ['night-owl', 'night-owl-light'] as const;

/**
 * Renders the code once, keeping each line as it was before the plugin and after it: two
 * separate renders could tokenize differently (Shiki's time limit on a busy machine).
 */
async function render() {
  const before: Element[] = [];
  const after: Element[] = [];
  const keep = (into: Element[]) =>
    definePlugin({
      name: `test:keep-${String(into === before)}`,
      hooks: {
        postprocessRenderedLine: ({ renderData }) => {
          into.push(structuredClone(renderData.lineAst));
        },
      },
    });
  const themes = await Promise.all(THEMES.map((name) => loadShikiTheme(name)));
  const ec = new ExpressiveCode({ themes, plugins: [keep(before), plainCodeTokens(), keep(after)] });
  await ec.render({ code: CODE, language: 'js' });
  const foregrounds = ec.styleVariants.map((v) =>
    String(v.resolvedStyleSettings.get('codeForeground')).toLowerCase(),
  );
  return { before, after, foregrounds };
}

/** Every character with its colour per theme, and how many elements the lines hold. */
function colours(lines: Element[], foregrounds: string[]) {
  const chars: string[] = [];
  let elements = 0;
  const walk = (node: ElementContent, vars: Map<string, string>, inCode: boolean) => {
    if (node.type === 'text') {
      if (!inCode) return;
      const colour = foregrounds.map((fg, i) => vars.get(`--${String(i)}`) ?? fg).join('/');
      for (const char of node.value) if (char.trim()) chars.push(`${char} ${colour}`);
      return;
    }
    if (node.type !== 'element') return;
    const next = new Map(vars);
    let code = inCode;
    {
      if (inCode) elements++;
      const classes = node.properties['className'];
      if (Array.isArray(classes) && classes.includes('code')) code = true;
      const style = node.properties['style'];
      if (typeof style === 'string') {
        for (const part of style.split(';')) {
          const [name, value] = part.split(':');
          if (name?.startsWith('--') && value) next.set(name.trim(), value.trim().toLowerCase());
        }
      }
    }
    for (const child of node.children) walk(child, next, code);
  };
  for (const line of lines) walk(line, new Map(), false);
  return { chars, elements };
}

describe('plain code tokens', () => {
  it('every character keeps its colour in both themes, with fewer elements', async () => {
    const { before, after, foregrounds } = await render();
    expect(after).toHaveLength(before.length);
    const a = colours(before, foregrounds);
    const b = colours(after, foregrounds);
    expect(b.chars).toEqual(a.chars);
    expect(b.chars.length).toBeGreaterThan(100);
    expect(b.elements).toBeLessThan(a.elements * 0.9);
  });
});
