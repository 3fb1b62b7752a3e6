/**
 * Every demo is one folder and the authors' guide keeps up with them: each folder under
 * `src/demos/` holds one tag (`<Tag>.astro`) and its `props.ts`, the registry names that
 * folder, and the guide has a section listing each prop; the authoring tags in
 * `src/components/` are held to the same. So a new demo cannot land scattered or
 * undocumented. No build needed.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../../scripts/tools/root.mjs';
import { demoTagFile, demoTags, isDemoTag } from '../../src/demos/registry';

const DEMOS = join(ROOT, 'src/demos');
const GUIDE_DIR = join(ROOT, 'src/content/docs/autores');
/** Every page of the guide: demo tags live in demostraciones.mdx, authoring tags in their own page. */
const GUIDE = readdirSync(GUIDE_DIR)
  .filter((name) => name.endsWith('.mdx'))
  .map((name) => readFileSync(join(GUIDE_DIR, name), 'utf8'))
  .join('\n');

const astroFiles = (dir: string) => readdirSync(join(ROOT, dir)).filter((name) => name.endsWith('.astro'));
const folders = readdirSync(DEMOS, { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => `src/demos/${entry.name}`);
const tags = [...folders.flatMap(astroFiles), ...astroFiles('src/components')].map((name) =>
  name.replace(/\.astro$/, ''),
);

/** The guide's section for a tag: from its `## \`<Tag />\`` heading to the next `##`. */
function section(tag: string): string {
  const start = GUIDE.indexOf(`## \`<${tag} />\``);
  if (start < 0) return '';
  const end = GUIDE.indexOf('\n## ', start + 1);
  return GUIDE.slice(start, end < 0 ? undefined : end);
}

describe('a demo is one folder', () => {
  it('finds the demo folders', () => {
    expect(folders).toContain('src/demos/push');
  });

  it.each(folders)('%s holds one tag and its props.ts, and the registry points there', (folder) => {
    const own = astroFiles(folder);
    expect(own, `${folder} debe tener una sola etiqueta .astro`).toHaveLength(1);
    expect(existsSync(join(ROOT, folder, 'props.ts')), `falta ${folder}/props.ts`).toBe(true);
    const tag = (own[0] ?? '').replace(/\.astro$/, '');
    expect(isDemoTag(tag), `falta <${tag}> en src/demos/registry.ts`).toBe(true);
    if (isDemoTag(tag)) expect(demoTags[tag].folder).toBe(folder);
  });

  it.each(Object.keys(demoTags))('the registry’s <%s> is a tag file that exists', (tag) => {
    if (!isDemoTag(tag)) throw new Error(tag);
    expect(existsSync(join(ROOT, demoTagFile(tag))), demoTagFile(tag)).toBe(true);
  });
});

describe('the authors’ guide documents every demo tag', () => {
  it.each(tags)('<%s> has a props schema, a guide section and every prop in its table', (tag) => {
    expect(isDemoTag(tag), `falta el esquema de <${tag}> en src/demos/registry.ts`).toBe(true);
    if (!isDemoTag(tag)) return;
    const text = section(tag);
    expect(text, `falta la sección de <${tag}> en la guía (src/content/docs/autores/)`).not.toBe('');
    expect(text).toMatch(new RegExp(`\`\`\`mdx\\n<${tag}\\b`));
    for (const prop of Object.keys(demoTags[tag].props.shape)) {
      expect(text, `<${tag}> prop ${prop}`).toContain(`| \`${prop}\` |`);
    }
  });
});
