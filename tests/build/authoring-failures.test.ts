/**
 * Each kind of authoring mistake fails `astro build` with a message that names the file
 * (and the line, where there is one): bad frontmatter, a broken internal link or anchor, a
 * mermaid diagram with a syntax error, and a demo tag with a bad prop. Each fixture in
 * `authoring-fixtures/` goes into a throwaway copy of the project, one at a time (the broken
 * links, the fixture's and one in a real lesson, share one build).
 */
import { copyFileSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { RunResult } from '../../scripts/tools/build.mjs';
import { copyProject, type ProjectCopy } from '../../scripts/tools/project.mjs';
import { ROOT } from '../../scripts/tools/root.mjs';
import { readLessons } from './lessonSources';

const FIXTURES = join(ROOT, 'tests/build/authoring-fixtures');

const LESSONS = 'src/content/docs/lecciones';
/** A lesson of the course (lesson 04), broken in the copy where a test needs real content. */
const REAL_LESSON = (readLessons().find((lesson) => lesson.order === 4) ?? readLessons()[0])?.file ?? '';

describe('build: authoring mistakes fail the build, naming the file and line', () => {
  let copy: ProjectCopy;
  let placed: string[] = [];

  beforeAll(() => {
    copy = copyProject();
  });
  afterEach(() => {
    for (const file of placed) unlinkSync(join(copy.dir, file));
    placed = [];
  });
  afterAll(() => copy?.remove());

  /**
   * Puts one fixture into the copy's lessons (and `extra` fixtures, each into its folder)
   * and builds; returns the build and the lesson's path.
   */
  async function buildWith(
    fixture: string,
    extra: Record<string, string> = {},
  ): Promise<RunResult & { file: string }> {
    const file = `${LESSONS}/${fixture}`;
    for (const [name, target] of [[fixture, file], ...Object.entries(extra)] as const) {
      copyFileSync(join(FIXTURES, name), join(copy.dir, target));
      placed.push(target);
    }
    const result = await copy.build();
    console.info(`astro build (${fixture}): ${result.seconds.toFixed(1)} s`);
    return { ...result, file };
  }

  it('bad frontmatter: a duration that is text and a missing kind', async () => {
    const { code, output, file } = await buildWith('frontmatter-roto.mdx');
    expect(code, output).not.toBe(0);
    expect(output).toContain(`${file}:8 — campo «duration»`);
    expect(output).toContain(`${file} — campo «kind»`);
  });

  /**
   * The link checker runs only once the whole site is built (~20 s, five times a failing
   * frontmatter build), so the broken links share one build: the fixture's, and one added
   * to a real lesson (lesson 04), which is put back afterwards.
   */
  let linkBuild: Promise<RunResult> | undefined;
  function buildWithBrokenLinks(): Promise<RunResult> {
    linkBuild ??= (async () => {
      const original = readFileSync(join(ROOT, REAL_LESSON), 'utf8');
      writeFileSync(
        join(copy.dir, REAL_LESSON),
        `${original}\nVer [una página que no existe](/lecciones/no-existe/).\n`,
      );
      try {
        return await buildWith('enlace-roto.mdx');
      } finally {
        writeFileSync(join(copy.dir, REAL_LESSON), original);
      }
    })();
    return linkBuild;
  }

  it('a broken internal link and a broken anchor', async () => {
    const { code, output } = await buildWithBrokenLinks();
    expect(code, output).not.toBe(0);
    // starlight-links-validator names the page's file under src/content/docs/ and each line.
    expect(output).toContain('╭─ lecciones/enlace-roto.mdx');
    expect(output).toMatch(/15 \| \/lecciones\/no-existe\/\s+·\s+╰── invalid link/);
    expect(output).toMatch(/17 \| \/glosario\/#no-existe\s+·\s+╰── invalid hash/);
  });

  it('a real lesson linking to a page that does not exist', async () => {
    const { code, output } = await buildWithBrokenLinks();
    expect(code, output).not.toBe(0);
    expect(output).toContain(REAL_LESSON.replace('src/content/docs/', ''));
    expect(output).toContain('/lecciones/no-existe/');
    expect(output).toMatch(/invalid link/i);
  });

  it('a mermaid diagram with a syntax error', async () => {
    const { code, output, file } = await buildWith('mermaid-roto.mdx');
    expect(code, output).not.toBe(0);
    expect(output).toContain(`${file}:20 — el diagrama mermaid no es válido: Expecting`);
  });

  it('demo tags with an invalid and an unknown prop', async () => {
    const { code, output, file } = await buildWith('demo-prop-mala.mdx');
    expect(code, output).not.toBe(0);
    expect(output).toContain(`${file}:18 — <PushDemo> prop «sala»: nombre de sala no válido`);
    expect(output).toContain(`${file}:20 — <PresenceBadge> prop «room»: prop desconocida`);
  });

  it('a self-check with no correct option, a repeated option and a missing explanation', async () => {
    const questions = 'src/content/questions/98-autoevaluacion-mala.yaml';
    const { code, output, file } = await buildWith('98-autoevaluacion-mala.mdx', {
      '98-autoevaluacion-mala.yaml': questions,
    });
    expect(code, output).not.toBe(0);
    expect(output).toContain(`${questions}:6 — «questions.0.options»: ninguna opción es correcta`);
    expect(output).toContain(`${questions}:19 — «questions.1.options.1.text»: opción repetida: «sí»`);
    expect(output).toContain(`${questions}:29 — «questions.2.options.1.explanation»: falta la explicación`);
    expect(output).toContain(
      `${file}:20 — <Codigo> prop «archivo»: no existe src/content/snippets/no-existe.js`,
    );
  });
});
