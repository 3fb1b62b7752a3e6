/**
 * The accessibility sweep, on top of what `lessons.spec.ts` already checks (the home page,
 * the lessons and the glossary, in light and dark, with their diagrams):
 *
 * - axe on every other built page (the authoring guide, and any page added later) and on
 *   the 404, in light and dark, once every island has hydrated and every diagram is drawn;
 *   each diagram's SVG is named and described by its `title` and `desc`;
 * - the keyboard path through every demo on the site, found in the built pages: each
 *   control is reached with Tab, shows a focus indicator, and Tab goes on past the demo.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import { axeProblems } from '../harness/axe';
import { hasBrowser } from '../harness/browser';
import { scrollToEnd, THEMES, themedSite } from '../harness/themedSite';

/** Pages `lessons.spec.ts` already runs axe on, in both themes. */
const COVERED = (path: string) => path === '/' || path === '/glosario/' || path.startsWith('/lecciones/');

/** Every page of the built site, as a path, with the islands (by component) on it. */
function builtPages(dist: string): { path: string; islands: string[] }[] {
  const pages: { path: string; islands: string[] }[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const file = join(dir, entry.name);
      if (entry.isDirectory() && !entry.name.startsWith('_') && entry.name !== 'pagefind') walk(file);
      if (!entry.isFile() || entry.name !== 'index.html') continue;
      const path = `/${relative(dist, dir).split(sep).join('/')}/`.replace(/^\/+/, '/').replace(/\/\/$/, '/');
      const html = readFileSync(file, 'utf8');
      const islands = [...html.matchAll(/<astro-island[^>]*component-url="[^"]*\/([A-Za-z]+)\.[^"/]*\.js"/g)]
        .map((match) => match[1] ?? '')
        .filter(Boolean);
      pages.push({ path, islands });
    }
  };
  walk(dist);
  return pages.sort((a, b) => a.path.localeCompare(b.path));
}

const pages = builtPages(inject('dist'));
const sweep = pages.filter((page) => !COVERED(page.path)).map((page) => page.path);
/** Each demo once, on the first page (lessons first) that carries it. */
const demos = new Map<string, string>();
for (const page of [...pages].sort((a, b) => Number(COVERED(b.path)) - Number(COVERED(a.path)))) {
  for (const island of page.islands) if (!demos.has(island)) demos.set(island, page.path);
}

/**
 * Scrolls to the end a screen at a time, so every island hydrates and every diagram in
 * view is drawn, then waits for the diagrams and for the islands.
 */
async function wakeEverything(page: Page): Promise<void> {
  await scrollToEnd(page, 150);
  // Drawing on scroll is tested where it is the point (lessons.spec, diagramsAnywhere.spec):
  // here every diagram must be drawn before axe looks, so ask for all of them and wait for
  // the drawings themselves (as «Imprimir» does), not for a deadline. The whole-course page
  // has every lesson's diagrams, drawn one at a time.
  await page.evaluate(async () => {
    const detail: { pending: Promise<unknown>[] } = { pending: [] };
    dispatchEvent(new CustomEvent('cs:draw-all', { detail }));
    await Promise.allSettled(detail.pending);
  });
  // A diagram in a closed tab or <details> draws when revealed (diagramsAnywhere.spec.ts).
  await expect
    .poll(
      () =>
        page
          .locator('pre.mermaid-diagram:not([data-processed="true"])')
          .evaluateAll((diagrams) => diagrams.filter((diagram) => diagram.checkVisibility()).length),
      { timeout: 20_000 },
    )
    .toBe(0);
  // Every island a reader can see has hydrated. (The whole-course handout shows its demos as
  // notes: their content is hidden, so by design they never hydrate.)
  await expect
    .poll(
      () =>
        page
          .locator('astro-island[ssr]')
          .evaluateAll(
            (islands) =>
              islands.filter((island) => island.firstElementChild?.checkVisibility() ?? true).length,
          ),
      { timeout: 15_000 },
    )
    .toBe(0);
  await page.waitForLoadState('networkidle');
}

/** Diagrams whose SVG is not named and described by its own `title` and `desc`. */
function unnamedDiagrams(page: Page): Promise<string[]> {
  return page.locator('pre.mermaid-diagram > svg').evaluateAll((svgs) =>
    svgs.flatMap((svg, index) => {
      const text = (attribute: string, tag: string) => {
        const ids = (svg.getAttribute(attribute) ?? '').split(/\s+/).filter(Boolean);
        const targets = ids.map((id) => svg.querySelector(`[id="${id}"]`));
        const ok = targets.length > 0 && targets.every((t) => t?.tagName.toLowerCase() === tag);
        return ok ? targets.map((t) => t?.textContent?.trim() ?? '').join(' ') : '';
      };
      const problems: string[] = [];
      if (!text('aria-labelledby', 'title')) problems.push(`diagrama ${String(index + 1)}: sin título`);
      if (!text('aria-describedby', 'desc')) problems.push(`diagrama ${String(index + 1)}: sin descripción`);
      return problems;
    }),
  );
}

interface Stop {
  /** A short description of the focused element. */
  name: string;
  inside: boolean;
  /** Where it is relative to the demo: before, inside or after. */
  where: 'before' | 'inside' | 'after';
  /** An outline or a box shadow is drawn while it has keyboard focus. */
  indicator: boolean;
  /** The index of the control in the demo's list, if it is one. */
  control: number;
}

/** Marks the island's controls (reachable, visible, enabled) and returns their names. */
function markControls(page: Page, island: string): Promise<string[]> {
  return page.evaluate((name) => {
    const root = document.querySelector(`astro-island[component-url*="/${name}."]`);
    const tabbable =
      'a[href], button:not([disabled]), input:not([disabled]):not([type="hidden"]), select:not([disabled]), textarea:not([disabled]), summary, [tabindex]:not([tabindex="-1"])';
    const controls = [...(root?.querySelectorAll<HTMLElement>(tabbable) ?? [])].filter(
      (el) => el.checkVisibility({ visibilityProperty: true }) && el.tabIndex >= 0,
    );
    // Radio buttons of one group are one tab stop: the arrow keys move within the group.
    const seen = new Set<string>();
    const stops = controls.filter((el) => {
      if (!(el instanceof HTMLInputElement) || el.type !== 'radio' || !el.name) return true;
      if (seen.has(el.name)) return false;
      seen.add(el.name);
      return true;
    });
    return stops.map((el, index) => {
      el.dataset['a11yControl'] = String(index);
      if (el instanceof HTMLInputElement && el.type === 'radio') {
        for (const radio of document.querySelectorAll<HTMLInputElement>(`input[name="${el.name}"]`)) {
          radio.dataset['a11yControl'] = String(index);
        }
      }
      const label = el.getAttribute('aria-label') ?? el.textContent?.trim() ?? '';
      return `${el.tagName.toLowerCase()} «${label.slice(0, 40)}»`;
    });
  }, island);
}

/** Focuses the last tabbable element before the island, as a reader tabbing down would be. */
function focusBefore(page: Page, island: string): Promise<void> {
  return page.evaluate((name) => {
    const root = document.querySelector(`astro-island[component-url*="/${name}."]`);
    if (!root) throw new Error(`no está la isla ${name}`);
    const all = [
      ...document.querySelectorAll<HTMLElement>('a[href], button:not([disabled]), input, select, textarea'),
    ];
    const before = all.filter(
      (el) =>
        el.tabIndex >= 0 &&
        el.checkVisibility({ visibilityProperty: true }) &&
        root.compareDocumentPosition(el) & Node.DOCUMENT_POSITION_PRECEDING &&
        !root.contains(el),
    );
    const start = before.at(-1);
    if (!start) throw new Error(`nada enfocable antes de ${name}`);
    start.focus();
  }, island);
}

function currentStop(page: Page, island: string): Promise<Stop> {
  return page.evaluate((name) => {
    const root = document.querySelector(`astro-island[component-url*="/${name}."]`);
    const el = document.activeElement as HTMLElement | null;
    if (!root || !el || el === document.body) {
      return { name: 'body', inside: false, where: 'after' as const, indicator: false, control: -1 };
    }
    const inside = root.contains(el);
    const where = inside
      ? ('inside' as const)
      : root.compareDocumentPosition(el) & Node.DOCUMENT_POSITION_PRECEDING
        ? ('before' as const)
        : ('after' as const);
    const style = getComputedStyle(el);
    const outline = style.outlineStyle !== 'none' && Number.parseFloat(style.outlineWidth) > 0;
    const shadow = style.boxShadow !== 'none' && style.boxShadow !== '';
    const label = el.getAttribute('aria-label') ?? el.textContent?.trim() ?? '';
    return {
      name: `${el.tagName.toLowerCase()} «${label.slice(0, 40)}»`,
      inside,
      where,
      indicator: el.matches(':focus-visible') && (outline || shadow),
      control: Number(el.dataset['a11yControl'] ?? -1),
    };
  }, island);
}

describe.skipIf(!hasBrowser)('browser: accessibility sweep', () => {
  const { open } = themedSite();

  it('finds the pages and the demos to check', () => {
    expect(sweep.length).toBeGreaterThan(0);
    expect(demos.size).toBeGreaterThan(0);
  });

  it.each(sweep.flatMap((path) => THEMES.map((theme) => ({ path, theme }))))(
    '$path ($theme): no serious or critical axe violation, diagrams named and described',
    async ({ path, theme }) => {
      const { page, watch } = await open(path, { theme });
      await wakeEverything(page);
      expect(await unnamedDiagrams(page)).toEqual([]);
      expect(await axeProblems(page)).toEqual([]);
      expect(watch.problems).toEqual([]);
      expect(watch.external).toEqual([]);
      await page.close();
    },
  );

  it.each(THEMES)('the 404 page (%s) has no serious or critical axe violation', async (theme) => {
    const { page, watch } = await open('/no-existe/', { theme, status: 404 });
    await expect(page.locator('main').textContent()).resolves.toContain('Página no encontrada');
    expect(await axeProblems(page)).toEqual([]);
    // Chromium reports the 404 of the page itself; nothing else may complain.
    expect(watch.problems.filter((p) => !/status of 404/.test(p))).toEqual([]);
    expect(watch.external).toEqual([]);
    await page.close();
  });

  it.each([...demos].map(([island, path]) => ({ island, path })))(
    '$island ($path): every control reached with Tab, focus visible, Tab goes on past it',
    async ({ island, path }) => {
      const { page } = await open(path);
      const selector = `astro-island[component-url*="/${island}."]`;
      await page
        .locator(selector)
        .evaluate((el) => el.firstElementChild?.scrollIntoView({ block: 'center' }));
      await expect.poll(() => page.locator(`${selector}[ssr]`).count(), { timeout: 15_000 }).toBe(0);
      // Let the island connect and settle, so its controls stop changing.
      await page.waitForLoadState('networkidle');
      await page.waitForTimeout(1000);

      const controls = await markControls(page, island);
      await focusBefore(page, island);
      const stops: Stop[] = [];
      for (let i = 0; i < controls.length + 10; i++) {
        await page.keyboard.press('Tab');
        const stop = await currentStop(page, island);
        stops.push(stop);
        if (stop.where === 'after') break;
      }

      const inside = stops.filter((s) => s.inside);
      const reached = new Set(inside.map((s) => s.control));
      expect(
        controls.filter((_, index) => !reached.has(index)),
        'controles a los que no se llega con Tab',
      ).toEqual([]);
      expect(
        inside.filter((s) => !s.indicator).map((s) => s.name),
        'controles sin indicador de foco visible',
      ).toEqual([]);
      expect(stops.at(-1)?.where, `Tab no sale de la demo: ${stops.map((s) => s.name).join(' → ')}`).toBe(
        'after',
      );
      await page.close();
    },
  );
});
