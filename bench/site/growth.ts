/**
 * What the build costs as the course grows: the lessons cloned (new slug, order and title)
 * in a copy of the project, and cold builds timed before and after.
 */
import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ProjectCopy } from '../../scripts/tools/project.mjs';

/** The pages a build has under `/<section>/`, in order (not the section's own index). */
function pagesUnder(dist: string, section: string): string[] {
  return readdirSync(join(dist, section), { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => `/${section}/${entry.name}/`)
    .sort();
}

/** The lesson pages of a build, in order. */
export function lessonPages(dist: string): string[] {
  return pagesUnder(dist, 'lecciones');
}

/** The authors' guide, its index first, then its pages in order. */
export function guidePages(dist: string): string[] {
  return ['/autores/', ...pagesUnder(dist, 'autores')];
}

/** Clones the lessons (new slug, order and title) until the copy has `total` of them. */
export function growLessons(copy: ProjectCopy, total: number): number {
  const dir = join(copy.dir, 'src/content/docs/lecciones');
  const originals = readdirSync(dir)
    .filter((name) => /^\d+-.+\.mdx$/.test(name))
    .sort();
  for (let n = originals.length + 1; n <= total; n++) {
    const name = originals[(n - 1) % originals.length] ?? '';
    const source = readFileSync(join(dir, name), 'utf8');
    const slug = name.replace(/^\d+-/, '').replace(/\.mdx$/, '');
    const cloned = source
      .replace(/^title:\s*(.+)$/m, (_line, title: string) => {
        const plain = title.replace(/^(['"])(.*)\1$/, '$2');
        return `title: ${JSON.stringify(`${plain} (copia ${String(n)})`)}`;
      })
      .replace(/^(\s+order:\s*)\d+$/m, `$1${String(n)}`);
    writeFileSync(join(dir, `${String(n).padStart(3, '0')}-${slug}-copia.mdx`), cloned);
  }
  return Math.max(total, originals.length);
}

/** A cold build in the copy, in seconds: Astro's and Vite's caches are dropped first. */
export async function coldBuild(copy: ProjectCopy, outDir: string): Promise<number> {
  for (const cache of ['.astro', '.cache']) rmSync(join(copy.dir, cache), { recursive: true, force: true });
  const result = await copy.build({ outDir });
  if (result.code !== 0) {
    throw new Error(`astro build falló (código ${String(result.code)}):\n${result.output.slice(-4000)}`);
  }
  return result.seconds;
}
