/**
 * Every lesson ends with practice (issue 14's "done when"): a self-check naming its own
 * question file, at least one exercise with a hidden solution, a DevTools practice for
 * Chrome and Firefox, a summary of 3 to 5 points and a next step, in that order; lessons
 * 03 and 04 run code against the room.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../../scripts/tools/root.mjs';

const LESSONS = join(ROOT, 'src/content/docs/lecciones');
const files = readdirSync(LESSONS).filter((name) => name.endsWith('.mdx'));
const PRACTICE = [
  'Autoevaluación',
  'Ejercicios',
  'Míralo en tu navegador',
  'Lo que aprendiste',
  'Siguiente paso',
];

/** The text under `## title`, up to the next `## `. */
function section(body: string, title: string): string {
  const start = body.indexOf(`\n## ${title}\n`);
  if (start < 0) return '';
  const end = body.indexOf('\n## ', start + 1);
  return body.slice(start, end < 0 ? undefined : end);
}

describe.each(files)('%s ends with practice', (file) => {
  const body = readFileSync(join(LESSONS, file), 'utf8');
  const lesson = file.replace(/\.mdx$/, '');

  it('has the practice sections, in order', () => {
    const positions = PRACTICE.map((title) => body.indexOf(`\n## ${title}\n`));
    expect(
      positions.every((at) => at > 0),
      `secciones: ${PRACTICE.join(', ')}`,
    ).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
  });

  it('runs its own self-check, with at least one exercise and its hidden solution', () => {
    expect(section(body, 'Autoevaluación')).toContain(`<Autoevaluacion preguntas="${lesson}" />`);
    const exercises = section(body, 'Ejercicios');
    expect(exercises).toMatch(/^### /m);
    expect(exercises).toMatch(/<details>\s*<summary>[^<]+<\/summary>[\s\S]+?<\/details>/);
  });

  it('guides a DevTools Network practice in Chrome and Firefox, summarises 3 to 5 points and links on', () => {
    const devtools = section(body, 'Míralo en tu navegador');
    for (const word of ['Chrome', 'Firefox', 'Red', 'Qué debes ver']) expect(devtools).toContain(word);
    const points = section(body, 'Lo que aprendiste').match(/^- /gm) ?? [];
    expect(points.length).toBeGreaterThanOrEqual(3);
    expect(points.length).toBeLessThanOrEqual(5);
    expect(section(body, 'Siguiente paso')).toMatch(/\]\(\/[^)]*\)/);
  });
});

describe('code the reader runs', () => {
  it.each([
    ['03-peticion-y-respuesta.mdx', '03-fetch-await'],
    ['04-websocket.mdx', '04-websocket'],
  ])('%s runs %s against the room', (file, snippet) => {
    expect(readFileSync(join(LESSONS, file), 'utf8')).toContain(`<Codigo archivo="${snippet}" />`);
    expect(readFileSync(join(ROOT, `src/content/snippets/${snippet}.js`), 'utf8')).toMatch(
      /\{\{sala(-ws)?\}\}/,
    );
  });
});
