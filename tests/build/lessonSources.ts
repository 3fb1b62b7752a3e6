/**
 * What the lesson files say about themselves, read straight from the MDX, so the build and
 * browser tests compare the built pages against their sources instead of a copied list.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { ROOT } from '../../scripts/tools/root.mjs';
import type { LessonFields } from '../../src/content/lessonSchema';

export const LESSONS_DIR = join(ROOT, 'src/content/docs/lecciones');

export interface LessonSource extends LessonFields {
  /** The file relative to the project root, as error messages name it. */
  file: string;
  /** The page's path on the site, e.g. `/lecciones/04-websocket/`. */
  path: string;
  title: string;
  order: number;
  /** `##` and `###` headings outside code fences, as plain text. */
  headings: string[];
  /** How many ```mermaid blocks the page has. */
  diagrams: number;
  /** Each diagram's `accTitle`, in page order. */
  diagramTitles: string[];
}

/** Markdown heading text as it reads on the page: links, emphasis and code marks removed. */
function plainHeading(text: string): string {
  return text
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/[`*_]/g, '')
    .trim();
}

function headingsOf(body: string): string[] {
  const out: string[] = [];
  let inFence = false;
  for (const line of body.split('\n')) {
    if (/^\s*```/.test(line)) {
      inFence = !inFence;
      continue;
    }
    const match = inFence ? null : /^#{2,3}\s+(.+?)\s*#*\s*$/.exec(line);
    if (match?.[1]) out.push(plainHeading(match[1]));
  }
  return out;
}

/** Every lesson under `src/content/docs/lecciones/`, in sidebar order. */
export function readLessons(): LessonSource[] {
  const names = readdirSync(LESSONS_DIR).filter((name) => name.endsWith('.mdx'));
  const lessons = names.map((name): LessonSource => {
    const text = readFileSync(join(LESSONS_DIR, name), 'utf8').replace(/\r\n/g, '\n');
    const match = /^---\n([\s\S]*?)\n---\n?/.exec(text);
    if (!match?.[1]) throw new Error(`${name}: sin frontmatter`);
    const data = parse(match[1]) as LessonFields & { title: string; sidebar: { order: number } };
    const body = text.slice(match[0].length);
    return {
      ...data,
      file: `src/content/docs/lecciones/${name}`,
      path: `/lecciones/${name.replace(/\.mdx$/, '')}/`,
      order: data.sidebar.order,
      headings: headingsOf(body),
      diagrams: (body.match(/^```mermaid\b/gm) ?? []).length,
      diagramTitles: [...body.matchAll(/^```mermaid\b[^\n]*\n[\s\S]*?^\s*accTitle:\s*(.+?)\s*$/gm)].map(
        (m) => m[1] ?? '',
      ),
    };
  });
  return lessons.sort((a, b) => a.order - b.order);
}
