/**
 * The built site against its lesson sources: every lesson page exists and carries its
 * headings, its lesson header (kind, duration, objectives, credits) and its place
 * in the learning path. Then, in a throwaway copy of the project, a lesson with a bad
 * frontmatter must fail `astro build`, naming the file. (A real lesson with a broken link
 * is in authoring-failures.test.ts, sharing the one full build the link checker needs.)
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { copyProject, type ProjectCopy } from '../../scripts/tools/project.mjs';
import { ROOT } from '../../scripts/tools/root.mjs';
import { referenceText } from '../../src/content/bibliography';
import { reference } from '../../src/content/lessonSchema';
import { type LessonSource, readLessons } from './lessonSources';

const lessons = readLessons();

/** Text of an HTML fragment: tags dropped, the entities Astro emits decoded, spaces collapsed. */
function text(html: string): string {
  return html
    .replace(/<[^>]*>/g, '')
    .replace(/&#(\d+);/g, (_, code: string) => String.fromCodePoint(Number(code)))
    .replace(/&#x([0-9a-f]+);/gi, (_, code: string) => String.fromCodePoint(Number.parseInt(code, 16)))
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ')
    .trim();
}

/** The first element `<tag …class="name…">…</tag>` (not nested in itself), or ''. */
function element(html: string, tag: string, className: string): string {
  const match = new RegExp(`<${tag}\\b[^>]*class="${className}\\b[^"]*"[^>]*>[\\s\\S]*?</${tag}>`).exec(html);
  return match?.[0] ?? '';
}

function headingsIn(html: string, levels = '1-6'): string[] {
  return [...html.matchAll(new RegExp(`<h([${levels}])\\b[^>]*>([\\s\\S]*?)</h\\1>`, 'g'))].map((m) =>
    text(m[2] ?? ''),
  );
}

function pageOf(dist: string, path: string): string {
  return readFileSync(join(dist, path, 'index.html'), 'utf8');
}

function pagination(html: string): { prev?: string; next?: string } {
  const links = element(html, 'div', 'pagination-links');
  const prev = /<a href="([^"]+)" rel="prev"/.exec(links)?.[1];
  const next = /<a href="([^"]+)" rel="next"/.exec(links)?.[1];
  return { ...(prev ? { prev } : {}), ...(next ? { next } : {}) };
}

const KIND_LABELS: Record<LessonSource['kind'], string> = {
  lectura: 'Lectura',
  guía: 'Guía',
  práctica: 'Práctica',
};

describe('build: the real site', () => {
  // The real build the browser specs also use, made once per run (tests/harness/buildSite.ts).
  const dist = inject('dist');

  it('has five lessons, numbered 1 to 5', () => {
    expect(lessons.map((lesson) => lesson.order)).toEqual([1, 2, 3, 4, 5]);
  });

  describe.each(lessons)('$path', (lesson) => {
    it('carries its title and every section heading of its source', () => {
      const main = /<main\b[\s\S]*<\/main>/.exec(pageOf(dist, lesson.path))?.[0] ?? '';
      const headings = headingsIn(main);
      expect(headings[0]).toBe(lesson.title);
      expect(lesson.headings.length).toBeGreaterThan(0);
      const missing = lesson.headings.filter((heading) => !headings.includes(heading));
      expect(missing, `headings missing from ${lesson.path}`).toEqual([]);
    });

    it('shows the lesson header: kind, duration, objectives and its sources as a bibliography', () => {
      const header = element(pageOf(dist, lesson.path), 'section', 'lesson-header');
      expect(header, 'lesson header').not.toBe('');
      expect(text(element(header, 'p', 'lesson-meta'))).toBe(
        `${KIND_LABELS[lesson.kind]} · ${String(lesson.duration)} min`,
      );
      expect(headingsIn(header)).toEqual(['Objetivos de aprendizaje']);
      const items = [...element(header, 'ul', 'lesson-objectives').matchAll(/<li\b[^>]*>([\s\S]*?)<\/li>/g)];
      expect(items.map((m) => text(m[1] ?? ''))).toEqual(lesson.objectives);
      // The sources read as a bibliography; the seed file stays only as an attribute.
      const credits = element(header, 'div', 'lesson-credits');
      expect(credits).toContain(`data-seed="${lesson.source}"`);
      const entries = [
        ...credits.matchAll(/<p\b[^>]*class="lesson-credit(?: [^"]*)?"[^>]*>([\s\S]*?)<\/p>/g),
      ];
      const expected = (lesson.credits ?? []).map((credit) => referenceText(reference.parse(credit)));
      expect(expected.length).toBeGreaterThan(0);
      expect(entries.map((m) => text(m[1] ?? ''))).toEqual(expected);
      expect(text(header)).not.toContain(lesson.source);
    });

    it('keeps its mermaid diagrams for the browser to draw', () => {
      const html = pageOf(dist, lesson.path);
      expect((html.match(/<pre class="mermaid-diagram"/g) ?? []).length).toBe(lesson.diagrams);
    });

    it('lists the lessons 1 to 5 under «Lecciones» in the sidebar, marking itself', () => {
      const html = pageOf(dist, lesson.path);
      const sidebar = /<sl-sidebar-state-persist[\s\S]*?<\/sl-sidebar-state-persist>/.exec(html)?.[0] ?? '';
      const group = /<details\b[^>]*>\s*<summary\b[\s\S]*?<\/summary>[\s\S]*?<\/details>/.exec(sidebar)?.[0];
      expect(text(/<summary\b[\s\S]*?<\/summary>/.exec(group ?? '')?.[0] ?? '')).toBe('Lecciones');
      const links = [...(group ?? '').matchAll(/<a href="([^"]+)"([^>]*)>/g)];
      expect(links.map((m) => m[1])).toEqual(lessons.map((l) => l.path));
      const current = links.filter((m) => m[2]?.includes('aria-current="page"')).map((m) => m[1]);
      expect(current).toEqual([lesson.path]);
    });
  });

  it('links the learning path: home → 1 → 2 → 3 → 4 → 5 → glossary', () => {
    const path = ['/', ...lessons.map((lesson) => lesson.path), '/glosario/'];
    lessons.forEach((lesson, index) => {
      expect(pagination(pageOf(dist, lesson.path)), lesson.path).toEqual({
        prev: path[index],
        next: path[index + 2],
      });
    });
  });

  it('is a production build, with the search box rather than the dev-only notice', () => {
    const home = readFileSync(join(dist, 'index.html'), 'utf8');
    expect(home).toContain('id="starlight__search"');
    expect(home).not.toContain('versiones de producción');
  });

  it('has a Spanish 404 page and a Spanish search index', () => {
    const notFound = readFileSync(join(dist, '404.html'), 'utf8');
    expect(notFound).toMatch(/<html[^>]*\blang="es"/);
    expect(text(notFound)).toContain('Página no encontrada');
    const entry = JSON.parse(readFileSync(join(dist, 'pagefind/pagefind-entry.json'), 'utf8')) as {
      languages: Record<string, { page_count: number }>;
    };
    expect(Object.keys(entry.languages)).toEqual(['es']);
    expect(entry.languages['es']?.page_count).toBeGreaterThanOrEqual(lessons.length + 2);
  });
});

/**
 * A copy of the project to break on purpose (`copyProject()`: `node_modules` symlinked,
 * caches kept to the copy), so the real content is never touched.
 */
describe('build: broken content fails the build, naming the file', () => {
  const lesson = lessons.find((l) => l.order === 4) ?? lessons[0];
  let copy: ProjectCopy | undefined;

  beforeAll(() => {
    copy = copyProject();
  });
  afterAll(() => copy?.remove());

  const buildCopy = () => {
    if (!copy) throw new Error('sin copia');
    return copy.build();
  };

  /** Replaces the lesson file in the copy with `edit(original)`. */
  function editLesson(edit: (source: string) => string): void {
    if (!lesson) throw new Error('no hay lecciones');
    const original = readFileSync(join(ROOT, lesson.file), 'utf8');
    const edited = edit(original);
    expect(edited).not.toBe(original);
    if (!copy) throw new Error('sin copia');
    writeFileSync(join(copy.dir, lesson.file), edited);
  }

  it('a lesson whose duration is text and whose kind is missing', async () => {
    editLesson((source) =>
      source.replace(/^duration: .*$/m, 'duration: "mucho"').replace(/^kind: .*\n/m, ''),
    );
    const result = await buildCopy();
    console.info(`astro build (frontmatter roto): ${result.seconds.toFixed(1)} s`);
    expect(result.code, result.output).not.toBe(0);
    expect(result.output).toContain(lesson?.file);
    expect(result.output).toMatch(/«duration»/);
    expect(result.output).toMatch(/«kind»/);
  });
});
