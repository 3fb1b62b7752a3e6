/**
 * A lesson written as plain Markdown (`.md`, no components): its diagram is drawn by
 * astro-mermaid, in the light and the dark theme, with mermaid pinned to
 * `securityLevel: 'strict'`; and a `.md` lesson passes the same build checks as an MDX one,
 * naming the file and line. On the whole-course handout, which loads nothing at first
 * paint, its diagram waits for a scroll or «Imprimir» like an MDX one. Built in a throwaway
 * copy of the project.
 */
import { copyFileSync, mkdtempSync, readdirSync, readFileSync, rmSync, unlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPartykit } from '../../scripts/tools/partykit.mjs';
import { copyProject, type ProjectCopy } from '../../scripts/tools/project.mjs';
import { ROOT } from '../../scripts/tools/root.mjs';
import { hasBrowser, launchBrowser, watchPage } from '../harness/browser';
import { THEMES } from '../harness/themedSite';

const FIXTURES = join(ROOT, 'tests/build/md-fixtures');
const LESSONS = 'src/content/docs/lecciones';
const PATH = '/lecciones/90-markdown-simple/';
const COURSE = '/curso-completo/';

/** mermaid's theme colours for a sequence diagram's actor box: light («default») and dark. */
const ACTOR_FILL = { light: '#ececff', dark: '#1f2020' } as const;

describe('build: a plain Markdown lesson', () => {
  let copy: ProjectCopy;
  let outDir: string;
  let built: { code: number | null; output: string };

  let browser: Browser | undefined;
  let served: Awaited<ReturnType<typeof startPartykit>> | undefined;

  beforeAll(async () => {
    copy = copyProject();
    outDir = mkdtempSync(join(tmpdir(), 'cs-md-dist-'));
    copyFileSync(join(FIXTURES, '90-markdown-simple.md'), join(copy.dir, LESSONS, '90-markdown-simple.md'));
    built = await copy.build({ outDir });
    if (hasBrowser && built.code === 0) {
      served = await startPartykit({ serve: outDir });
      browser = await launchBrowser();
    }
  });
  afterAll(async () => {
    await browser?.close();
    await served?.stop();
    copy?.remove();
    if (outDir) rmSync(outDir, { recursive: true, force: true });
  });

  it('builds, with the diagram handed to astro-mermaid and mermaid set to strict', () => {
    expect(built.code, built.output).toBe(0);
    const html = readFileSync(join(outDir, 'lecciones/90-markdown-simple/index.html'), 'utf8');
    expect(html).toContain('<pre class="mermaid">sequenceDiagram');
    expect(html).not.toContain('mermaid-diagram');
    // Both renderers' scripts carry the pinned setting: astro-mermaid's (it logs as
    // «[astro-mermaid]») and the project's lazy one (it listens for «cs:draw-all»).
    const scripts = readdirSync(join(outDir, '_astro'))
      .filter((name) => name.endsWith('.js'))
      .map((name) => readFileSync(join(outDir, '_astro', name), 'utf8'));
    const renderers = scripts.filter(
      (script) => script.includes('[astro-mermaid]') || script.includes('cs:draw-all'),
    );
    expect(renderers.join('')).toContain('[astro-mermaid]');
    expect(renderers.join('')).toContain('cs:draw-all');
    const pinned = renderers.join('\n').match(/securityLevel:\s*[`"']strict[`"']/g) ?? [];
    expect(pinned.length).toBe(2);
  });

  describe.skipIf(!hasBrowser)('in the browser', () => {
    it.each(THEMES)('the diagram renders as an SVG through astro-mermaid (%s)', async (theme) => {
      if (!browser || !served) throw new Error(`el build falló:\n${built.output}`);
      const context = await browser.newContext({ colorScheme: theme });
      await context.addInitScript((value) => localStorage.setItem('starlight-theme', value), theme);
      const page = await context.newPage();
      const watch = await watchPage(page);
      await page.goto(`${served.origin}${PATH}`);
      const svg = page.locator('pre.mermaid > svg');
      await svg.waitFor({ timeout: 30_000 });
      expect(await svg.locator(':scope > title').textContent()).toBe('Petición en una lección md');
      const fill = await svg
        .locator('rect.actor')
        .first()
        .evaluate((rect) => getComputedStyle(rect).fill);
      const hex = (rgb: string) =>
        `#${(rgb.match(/\d+/g) ?? [])
          .slice(0, 3)
          .map((n) => Number(n).toString(16).padStart(2, '0'))
          .join('')}`;
      expect(hex(fill)).toBe(ACTOR_FILL[theme]);
      expect(watch.problems).toEqual([]);
      expect(watch.external).toEqual([]);
      await context.close();
    });

    it('on the whole-course page its diagram waits for «Imprimir», like the MDX ones', async () => {
      if (!browser || !served) throw new Error(`el build falló:\n${built.output}`);
      const page = await browser.newPage({ viewport: { width: 412, height: 823 } });
      const watch = await watchPage(page);
      const mermaidLoads: string[] = [];
      // Scripts only: once the service worker is ready, the page's cache filler fetches
      // what this visit loaded (mermaid too, if «Imprimir» came first), as a `fetch`.
      page.on('request', (request) => {
        if (request.resourceType() === 'script' && /\/mermaid\.core\.[\w-]+\.js$/.test(request.url())) {
          mermaidLoads.push(request.url());
        }
      });
      await page.goto(`${served.origin}${COURSE}`);
      await page.waitForLoadState('networkidle');
      expect(mermaidLoads).toEqual([]);
      expect(await page.locator('pre.mermaid').count()).toBe(0);
      const diagram = page.locator('pre.mermaid-diagram[data-title="Petición en una lección md"]');
      expect(await diagram.count()).toBe(1);
      // Its box is reserved like an MDX diagram's, so drawing it moves nothing.
      expect(await diagram.evaluate((pre) => pre.style.aspectRatio)).not.toBe('');

      await page.evaluate(() => {
        window.print = () => undefined;
      });
      await page.getByRole('button', { name: 'Imprimir' }).click();
      await diagram.locator(':scope > svg').waitFor({ timeout: 30_000 });
      expect(mermaidLoads.length).toBe(1);
      expect(watch.problems).toEqual([]);
      await page.close();
    });
  });

  it.each([
    { fixture: '91-mermaid-roto.md', expected: ':20 — el diagrama mermaid no es válido: Expecting' },
    { fixture: '92-frontmatter-roto.md', expected: ':8 — campo «duration»' },
  ])(
    'a .md lesson with a mistake fails the build naming file and line ($fixture)',
    async ({ fixture, expected }) => {
      const file = `${LESSONS}/${fixture}`;
      copyFileSync(join(FIXTURES, fixture), join(copy.dir, file));
      try {
        const { code, output } = await copy.build({ outDir: join(copy.dir, 'dist-roto') });
        expect(code, output).not.toBe(0);
        expect(output).toContain(`${file}${expected}`);
      } finally {
        unlinkSync(join(copy.dir, file));
      }
    },
  );
});
