/**
 * A lesson and the whole course on paper, in Chromium's print emulation: no live demo
 * controls, links followed by their address, no pagination or theme switch, the credit and
 * source at the end; a plain Ctrl-P never shows mermaid source, and after «Imprimir» every
 * diagram is an SVG. Then a real PDF is printed with page.pdf().
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { readLessons } from '../build/lessonSources';
import { hasBrowser } from '../harness/browser';
import { themedSite } from '../harness/themedSite';

const LESSON = '/lecciones/04-websocket/';
const COURSE = '/curso-completo/';
const lessons = readLessons();

/** Replaces window.print so the test can see it called, after what, without a print dialog. */
async function stubPrint(page: Page): Promise<void> {
  await page.evaluate(() => {
    const calls: number[] = [];
    (window as unknown as { printCalls: number[] }).printCalls = calls;
    window.print = () => {
      calls.push(document.querySelectorAll('pre.mermaid-diagram:not(:has(> svg))').length);
    };
  });
}

/** Every visible control inside a live demo: on paper there must be none. */
function visibleDemoControls(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    [...document.querySelectorAll('.demo :is(button, input, select, textarea), .presence-badge *')]
      .filter((element) => (element as HTMLElement).checkVisibility())
      .map((element) => element.outerHTML.slice(0, 80)),
  );
}

/** What the print sheet shows for an undrawn diagram: its ::before and ::after text, and its own text size. */
function undrawnDiagrams(page: Page): Promise<{ before: string; after: string; fontSize: string }[]> {
  return page.evaluate(() =>
    [...document.querySelectorAll('pre.mermaid-diagram:not([data-processed])')].map((pre) => ({
      before: getComputedStyle(pre, '::before').content,
      after: getComputedStyle(pre, '::after').content,
      fontSize: getComputedStyle(pre).fontSize,
    })),
  );
}

async function printAndCheck(page: Page, diagrams: number): Promise<void> {
  await page.emulateMedia({ media: 'print' });
  // Ctrl-P before any diagram is drawn: titles and descriptions, never mermaid's source.
  const undrawn = await undrawnDiagrams(page);
  expect(undrawn.length).toBeGreaterThan(0);
  for (const diagram of undrawn) {
    expect(diagram.before).toMatch(/^"Diagrama: .{5,}"$/);
    expect(diagram.after.length).toBeGreaterThan(20);
    expect(diagram.fontSize).toBe('0px');
  }
  expect(await visibleDemoControls(page)).toEqual([]);
  expect(await page.locator('.pagination-links').isVisible()).toBe(false);
  expect(await page.locator('starlight-theme-select').first().isVisible()).toBe(false);
  expect(await page.getByRole('button', { name: 'Imprimir' }).isVisible()).toBe(false);

  await page.emulateMedia({ media: 'screen' });
  await stubPrint(page);
  await page.getByRole('button', { name: 'Imprimir' }).click();
  await page.waitForFunction(
    () => (window as unknown as { printCalls: number[] }).printCalls.length === 1,
    undefined,
    {
      timeout: 30_000,
    },
  );
  // print() ran only once every diagram was an SVG.
  expect(await page.evaluate(() => (window as unknown as { printCalls: number[] }).printCalls)).toEqual([0]);
  expect(await page.locator('pre.mermaid-diagram > svg').count()).toBe(diagrams);

  await page.emulateMedia({ media: 'print' });
  expect(await visibleDemoControls(page)).toEqual([]);
  const notes = await page
    .locator('.demo:not(.handshake)')
    .evaluateAll((demos) => demos.map((demo) => getComputedStyle(demo, '::before').content));
  expect(notes.length).toBeGreaterThan(0);
  for (const note of notes)
    expect(note).toMatch(
      /^"Demostración en vivo: pruébala en http:\/\/127\.0\.0\.1:\d+\/lecciones\/\d\d-[\w-]+\/"$/,
    );
  // Links carry their address; the credit and source are at the end, visible only on paper.
  const link = page.locator('.sl-markdown-content p a[href^="/glosario/"]').first();
  expect(await link.evaluate((a) => getComputedStyle(a, '::after').content)).toMatch(
    /^" \(http:\/\/127\.0\.0\.1:\d+\/glosario\/#.+\)"$/,
  );
  const footer = page.locator('.lesson-print-footer').last();
  expect(await footer.isVisible()).toBe(true);
  // The sources as a bibliography, never a seed file name.
  expect(await footer.textContent()).toMatch(/Esta lección adapta: .+\(.+\)\./);
  expect(await footer.textContent()).not.toMatch(/\d{3}_[0-9a-f]{16}\.txt/);
  // The header's credits give way to the footer's on paper (the whole-course page has none).
  for (const credits of await page.locator('.lesson-header .lesson-credits').all()) {
    expect(await credits.isVisible()).toBe(false);
  }
  for (const diagram of await page.locator('pre.mermaid-diagram').all()) {
    expect(await diagram.evaluate((pre) => getComputedStyle(pre).breakInside)).toBe('avoid');
  }

  const pdf = await page.pdf({ format: 'A4', printBackground: false });
  expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
  const pages = pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g)?.length ?? 0;
  expect(pages).toBeGreaterThan(1);
}

describe.skipIf(!hasBrowser)('browser: printing a lesson and the whole course', () => {
  const { open } = themedSite();

  it('a lesson prints clean, with every diagram drawn after «Imprimir»', async () => {
    const { page, watch } = await open(LESSON);
    const diagrams = lessons.find((lesson) => lesson.path === LESSON)?.diagrams ?? 0;
    await printAndCheck(page, diagrams);
    // The handshake demo keeps its worked RFC 6455 example on paper, without its controls.
    await expect(page.locator('.demo.handshake').textContent()).resolves.toContain(
      's3pPLMBiTxaQ9kYGzzhZRbK+xOo=',
    );
    expect(await page.locator('.demo.handshake .hsk-exchange').isVisible()).toBe(true);
    expect(watch.problems).toEqual([]);
    await page.close();
  });

  it('the whole-course page gathers every lesson in order and prints as one PDF', async () => {
    const { page, watch } = await open(COURSE);
    const titles = await page.locator('.course-lesson-title').allTextContents();
    expect(titles.map((title) => title.trim())).toEqual(
      [...lessons].sort((a, b) => a.order - b.order).map((lesson) => lesson.title),
    );
    // A handout: its demos are notes on screen too, and none loads, however far one scrolls.
    await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
    await page.waitForLoadState('networkidle');
    expect(await page.locator('astro-island:not([ssr]):not(:has(.handshake))').count()).toBe(0);
    const diagrams = lessons.reduce((sum, lesson) => sum + lesson.diagrams, 0);
    await printAndCheck(page, diagrams);
    expect(await page.locator('.lesson-print-footer').count()).toBe(lessons.length);
    expect(watch.problems).toEqual([]);
    await page.close();
  });
});
