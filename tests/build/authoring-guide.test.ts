/**
 * The authors' guide keeps up with the demo tags: every tag in `src/components/` has a
 * props schema in `demoProps.ts` and a section in the guide listing each of its props, so
 * a new demo cannot land undocumented. No build needed.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../../scripts/tools/root.mjs';
import { demoProps } from '../../src/components/demoProps';

const COMPONENTS = join(ROOT, 'src/components');
const GUIDE_DIR = join(ROOT, 'src/content/docs/autores');
/** Every page of the guide: demo tags live in demostraciones.mdx, authoring tags in their own page. */
const GUIDE = readdirSync(GUIDE_DIR)
  .filter((name) => name.endsWith('.mdx'))
  .map((name) => readFileSync(join(GUIDE_DIR, name), 'utf8'))
  .join('\n');
const tags = readdirSync(COMPONENTS)
  .filter((name) => name.endsWith('.astro'))
  .map((name) => name.replace(/\.astro$/, ''));

/** The guide's section for a tag: from its `## \`<Tag />\`` heading to the next `##`. */
function section(tag: string): string {
  const start = GUIDE.indexOf(`## \`<${tag} />\``);
  if (start < 0) return '';
  const end = GUIDE.indexOf('\n## ', start + 1);
  return GUIDE.slice(start, end < 0 ? undefined : end);
}

describe('the authors’ guide documents every demo tag', () => {
  it('finds the demo tags', () => {
    expect(tags).toContain('PushDemo');
  });

  it.each(tags)('<%s> has a props schema, a guide section and every prop in its table', (tag) => {
    expect(Object.keys(demoProps), `falta el esquema de <${tag}> en src/components/demoProps.ts`).toContain(
      tag,
    );
    const text = section(tag);
    expect(text, `falta la sección de <${tag}> en la guía (src/content/docs/autores/)`).not.toBe('');
    expect(text).toMatch(new RegExp(`\`\`\`mdx\\n<${tag}\\b`));
    const props = Object.keys(demoProps[tag as keyof typeof demoProps].shape);
    for (const prop of props) expect(text, `<${tag}> prop ${prop}`).toContain(`| \`${prop}\` |`);
  });
});
