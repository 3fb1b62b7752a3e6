import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { readLessons } from '../build/lessonSources';
import { axeProblems } from '../harness/axe';
import { hasBrowser } from '../harness/browser';
import { THEMES, themedSite } from '../harness/themedSite';

const lessons = readLessons();

/**
 * Diagram text axe cannot judge: SVG `<text>` whose contrast against the filled shape
 * behind it (or the page, if none) is under 4.5:1. An approximation: the background is the
 * last filled shape, painted before the text, whose box holds the text's centre.
 */
function lowContrastSvgText(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    type Rgb = { r: number; g: number; b: number; a: number };
    const parse = (color: string): Rgb | undefined => {
      const parts = /rgba?\(([^)]+)\)/
        .exec(color)?.[1]
        ?.split(/[\s,/]+/)
        .map(Number);
      if (!parts) return undefined;
      const [r = 0, g = 0, b = 0, a = 1] = parts;
      return { r, g, b, a };
    };
    const channel = (v: number) => {
      const c = v / 255;
      return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
    };
    const luminance = (c: Rgb) => 0.2126 * channel(c.r) + 0.7152 * channel(c.g) + 0.0722 * channel(c.b);
    const ratio = (x: Rgb, y: Rgb) => {
      const [hi = 0, lo = 0] = [luminance(x), luminance(y)].sort((p, q) => q - p);
      return (hi + 0.05) / (lo + 0.05);
    };
    const page = parse(getComputedStyle(document.body).backgroundColor);
    const problems: string[] = [];
    for (const svg of document.querySelectorAll('pre.mermaid-diagram > svg')) {
      const shapes = [...svg.querySelectorAll('rect, path, polygon, circle, ellipse')].filter(
        (shape) => (parse(getComputedStyle(shape).fill)?.a ?? 0) > 0.5,
      );
      for (const text of svg.querySelectorAll('text')) {
        const label = text.textContent?.trim();
        const fill = parse(getComputedStyle(text.querySelector('tspan') ?? text).fill);
        if (!label || !fill || !page) continue;
        const box = text.getBoundingClientRect();
        const [x, y] = [box.x + box.width / 2, box.y + box.height / 2];
        let background = page;
        for (const shape of shapes) {
          const s = shape.getBoundingClientRect();
          const before = shape.compareDocumentPosition(text) & Node.DOCUMENT_POSITION_FOLLOWING;
          if (before && x >= s.left && x <= s.right && y >= s.top && y <= s.bottom) {
            background = parse(getComputedStyle(shape).fill) ?? background;
          }
        }
        const contrast = ratio(fill, background);
        if (contrast < 4.5) problems.push(`${contrast.toFixed(2)}:1 «${label}»`);
      }
    }
    return problems;
  });
}

/** Scrolls every diagram into view, then waits until each has become an SVG. */
async function renderDiagrams(page: Page, expected: number): Promise<void> {
  const diagrams = page.locator('pre.mermaid-diagram');
  expect(await diagrams.count()).toBe(expected);
  for (let i = 0; i < expected; i++) await diagrams.nth(i).scrollIntoViewIfNeeded();
  await expect
    .poll(() => page.locator('pre.mermaid-diagram > svg').count(), { timeout: 20_000 })
    .toBe(expected);
}

describe.skipIf(!hasBrowser)('browser: lessons, search, 404 and accessibility', () => {
  const { open } = themedSite();

  const cases = lessons.flatMap((lesson) => THEMES.map((theme) => ({ ...lesson, theme })));

  it.each(cases)('$path ($theme): diagrams, lesson header, console and axe', async (lesson) => {
    const { page, watch } = await open(lesson.path, { theme: lesson.theme });

    await expect(page.locator('h1').first().textContent()).resolves.toBe(lesson.title);
    const header = page.locator('.lesson-header');
    await expect(header.locator('li').allTextContents()).resolves.toEqual(lesson.objectives);
    await expect(header.locator('.lesson-credits').getAttribute('data-seed')).resolves.toBe(lesson.source);

    await renderDiagrams(page, lesson.diagrams);
    // The rest of the page too, so islands that hydrate when visible run before the checks.
    await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
    await page.waitForLoadState('networkidle');
    const texts = await page.locator('pre.mermaid-diagram').allTextContents();
    for (const text of texts) {
      expect(text).not.toMatch(/Syntax error|Error rendering diagram|Parse error/i);
    }

    // Each SVG names and describes itself from the diagram's accTitle and accDescr.
    const svgs = await page.locator('pre.mermaid-diagram > svg').evaluateAll((nodes) =>
      nodes.map((svg) => {
        const byId = (attr: string) =>
          (svg.getAttribute(attr) ?? '')
            .split(/\s+/)
            .filter(Boolean)
            .map((id) => svg.querySelector(`[id="${id}"]`)?.textContent?.trim() ?? `(falta #${id})`)
            .join(' ');
        return {
          role: svg.getAttribute('role') ?? '',
          label: byId('aria-labelledby'),
          description: byId('aria-describedby'),
          title: svg.querySelector(':scope > title')?.textContent?.trim() ?? '',
          desc: svg.querySelector(':scope > desc')?.textContent?.trim() ?? '',
        };
      }),
    );
    expect(svgs.map((svg) => svg.title)).toEqual(lesson.diagramTitles);
    for (const svg of svgs) {
      expect(svg.role).toMatch(/graphics-document/);
      expect(svg.label).toBe(svg.title);
      expect(svg.desc.length).toBeGreaterThan(20);
      expect(svg.description).toBe(svg.desc);
    }

    expect(await lowContrastSvgText(page)).toEqual([]);
    expect(await axeProblems(page)).toEqual([]);
    expect(watch.problems).toEqual([]);
    expect(watch.external).toEqual([]);
    await page.close();
  });

  it.each(
    THEMES.flatMap((theme) => [
      { name: 'home', path: '/', theme },
      { name: 'glossary', path: '/glosario/', theme },
    ]),
  )('$name ($theme) has no serious or critical axe violation', async ({ path, theme }) => {
    const { page, watch } = await open(path, { theme });
    if (path === '/') await page.locator('.presence-badge >> text=conectado').waitFor();
    expect(await axeProblems(page)).toEqual([]);
    expect(watch.problems).toEqual([]);
    expect(watch.external).toEqual([]);
    await page.close();
  });

  it.each([
    { query: 'apretón de manos', lesson: '/lecciones/04-websocket/' },
    { query: 'DNS', lesson: '/lecciones/02-como-llega-una-pagina/' },
  ])('search finds «$query» in a lesson', async ({ query, lesson }) => {
    const { page, watch } = await open('/');
    // A build made with NODE_ENV=test (Vitest's default) has no search, only this notice.
    const devNotice = await page.locator('site-search dialog').textContent();
    expect(devNotice, 'the served site is not a production build').not.toContain('versiones de producción');
    await page.getByRole('button', { name: 'Buscar' }).click();
    const input = page.locator('#starlight__search .pagefind-ui__search-input');
    await input.fill(query);
    // Pagefind fills the list in as each result loads; links may point to a heading.
    const paths = () =>
      page
        .locator('.pagefind-ui__result-link')
        .evaluateAll((links) => links.map((a) => new URL(a.getAttribute('href') ?? '', 'http://x').pathname));
    await expect.poll(paths, { timeout: 10_000 }).toContain(lesson);
    expect(watch.problems).toEqual([]);
    expect(watch.external).toEqual([]);
    await page.close();
  });

  it('answers an unknown path with the Spanish 404 page', async () => {
    const { page, watch } = await open('/lecciones/no-existe/', { status: 404 });
    expect(await page.locator('html').getAttribute('lang')).toBe('es');
    await expect(page.locator('main').textContent()).resolves.toContain('Página no encontrada');
    expect(watch.external).toEqual([]);
    await page.close();
  });
});
