/**
 * The reader's practice, in a real browser against the built site and the real room:
 * the self-check's feedback and the progress it keeps (sidebar and home page, across a
 * reload), and the code runner's snippets, errors, time limit and sandbox.
 */
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import { parse } from 'yaml';
import { ROOT } from '../../scripts/tools/root.mjs';
import type { QuestionSet } from '../../src/content/questionSchema';
import { axeProblems } from '../harness/axe';
import { hasBrowser, type PageWatch } from '../harness/browser';
import { islandSizes } from '../harness/islandSizes';
import { hydrate, THEMES, themedSite } from '../harness/themedSite';

const LESSON_03 = '/lecciones/03-peticion-y-respuesta/';
const LESSON_04 = '/lecciones/04-websocket/';
const PROGRESS_KEY = 'cliente-servidor:progreso';

const questions = (lesson: string): QuestionSet['questions'] =>
  (parse(readFileSync(`${ROOT}/src/content/questions/${lesson}.yaml`, 'utf8')) as QuestionSet).questions;

describe('build: the practice islands stay small', () => {
  it('ships the self-check under 6 KB and the code runner under 15 KB of their own gzipped JS', () => {
    const { sizes, shared } = islandSizes(inject('dist'), ['SelfCheck', 'CodeRunner']);
    console.info(
      `JS gzip propio: ${JSON.stringify(sizes)}; compartido (preact…), una vez: ${String(shared)} B`,
    );
    expect(sizes['SelfCheck'], 'SelfCheck').toBeLessThan(6 * 1024);
    expect(sizes['CodeRunner'], 'CodeRunner').toBeLessThan(15 * 1024);
  });
});

describe.skipIf(!hasBrowser)('browser: self-checks, progress and code the reader runs', () => {
  const { open } = themedSite({ viewport: { width: 375, height: 800 } });

  function clean(watch: PageWatch): void {
    expect(watch.problems).toEqual([]);
    expect(watch.external).toEqual([]);
  }

  /** Picks the right options of a choice question (or puts the steps in order) and checks. */
  async function answer(page: Page, question: QuestionSet['questions'][number]): Promise<void> {
    const box = page.locator(`fieldset[data-question="${question.id}"]`);
    if (question.kind === 'order') {
      for (const [target, step] of question.steps.entries()) {
        for (;;) {
          const texts = await box.locator('.sc-step-text').allTextContents();
          const at = texts.indexOf(step.text);
          if (at <= target) break;
          await box.getByRole('button', { name: `Subir «${step.text}»` }).click();
        }
      }
    } else {
      for (const option of question.options)
        if (option.correct) await box.getByLabel(option.text, { exact: true }).check();
    }
    await box.getByRole('button', { name: 'Comprobar' }).click();
    await expect.poll(() => box.getAttribute('data-result')).toBe('true');
  }

  it('a wrong answer explains itself and links to its section; the right one says why, by keyboard too', async () => {
    const { page, watch } = await open('/lecciones/01-modelo-cliente-servidor/');
    const check = await hydrate(page, '.selfcheck');
    const [first] = questions('01-modelo-cliente-servidor');
    if (first?.kind !== 'single') throw new Error('la primera pregunta de la lección 01 es de opción única');
    const box = check.locator(`fieldset[data-question="${first.id}"]`);
    const wrong = first.options.find((o) => !o.correct);
    const right = first.options.find((o) => o.correct);
    if (!wrong || !right) throw new Error('faltan opciones');

    await box.getByLabel(wrong.text, { exact: true }).check();
    await box.getByRole('button', { name: 'Comprobar' }).click();
    await expect.poll(() => box.getAttribute('data-result')).toBe('false');
    expect(await box.locator('.sc-explanation').textContent()).toContain(wrong.explanation);
    const link = box.locator('.sc-explanation a');
    expect(await link.getAttribute('href')).toBe(`/lecciones/01-modelo-cliente-servidor/#${first.section}`);
    expect(await link.textContent()).toMatch(/^Repasa «.+»$/);
    expect(await check.locator('[role="status"].sc-live').textContent()).toContain('Todavía no');

    // Retry with the keyboard only: focus the chosen radio, arrow to the right one, Tab, Enter.
    await box.getByLabel(wrong.text, { exact: true }).focus();
    const from = first.options.indexOf(wrong);
    const to = first.options.indexOf(right);
    for (let i = from; i !== to; i += to > from ? 1 : -1)
      await page.keyboard.press(to > from ? 'ArrowDown' : 'ArrowUp');
    expect(await box.getByLabel(right.text, { exact: true }).isChecked()).toBe(true);
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await expect.poll(() => box.getAttribute('data-result')).toBe('true');
    expect(await box.locator('.sc-explanation').textContent()).toContain(right.explanation);
    expect(await box.locator('.sc-result').textContent()).toContain('¡Correcto!');
    clean(watch);
  });

  it('an order question is solved with its buttons and explains each step', async () => {
    const { page, watch } = await open('/lecciones/02-como-llega-una-pagina/');
    await hydrate(page, '.selfcheck');
    const order = questions('02-como-llega-una-pagina').find((q) => q.kind === 'order');
    if (order?.kind !== 'order') throw new Error('la lección 02 tiene una pregunta de ordenar');
    const box = page.locator(`fieldset[data-question="${order.id}"]`);
    await box.getByRole('button', { name: 'Comprobar' }).click();
    await expect.poll(() => box.getAttribute('data-result')).toBe('false');
    expect(await box.locator('.sc-result').textContent()).toMatch(/de 7 pasos están en su sitio/);
    await answer(page, order);
    for (const step of order.steps) expect(await box.textContent()).toContain(step.explanation);
    clean(watch);
  });

  it('passing every question marks the lesson done, in the sidebar and on the home page, after a reload', async () => {
    const { page, watch } = await open(LESSON_03);
    await page.evaluate((key) => localStorage.removeItem(key), PROGRESS_KEY);
    await page.reload();
    await hydrate(page, '.selfcheck');
    const sidebarLink = page.locator(`#starlight__sidebar a[href$="${LESSON_03}"]`);
    expect(await sidebarLink.getAttribute('data-done')).toBeNull();
    for (const question of questions('03-peticion-y-respuesta')) await answer(page, question);
    await expect.poll(() => page.locator('.selfcheck').getAttribute('data-done')).toBe('true');
    expect(await page.locator('.sc-live').textContent()).toContain('marcada como completada');
    expect(await sidebarLink.getAttribute('data-done')).toBe('');

    await page.reload();
    expect(await sidebarLink.getAttribute('data-done')).toBe('');
    expect(await sidebarLink.textContent()).toContain('(completada)');
    await hydrate(page, '.selfcheck');
    expect(await page.locator('.selfcheck .sc-status').textContent()).toContain('Lección completada');

    const home = await open('/');
    const card = home.page.locator('.progreso');
    await expect
      .poll(() => card.locator('.progreso-count').textContent())
      .toBe('1 de 5 lecciones completadas.');
    const next = card.locator('.progreso-next a');
    expect(await next.getAttribute('href')).toBe('/lecciones/01-modelo-cliente-servidor/');
    expect(await card.locator('.progreso-next').textContent()).toMatch(/^Continúa con /);

    home.page.once('dialog', (dialog) => void dialog.accept());
    await card.getByRole('button', { name: 'Borrar mi progreso' }).click();
    await expect
      .poll(() => card.locator('.progreso-count').textContent())
      .toBe('0 de 5 lecciones completadas.');
    expect(await home.page.evaluate((key) => localStorage.getItem(key), PROGRESS_KEY)).toBeNull();
    clean(watch);
    clean(home.watch);
  });

  it("the authors' guide shows a lesson's self-check live without recording the reader's progress", async () => {
    const { page, watch } = await open('/autores/practica/');
    await page.evaluate((key) => localStorage.removeItem(key), PROGRESS_KEY);
    await hydrate(page, '.selfcheck');
    for (const question of questions('02-como-llega-una-pagina')) await answer(page, question);
    expect(await page.locator('.sc-live').textContent()).toContain('este ejemplo');
    expect(await page.evaluate((key) => localStorage.getItem(key), PROGRESS_KEY)).toBeNull();
    clean(watch);
  });

  /** Runs what the runner holds (after `code`, if given) and waits for the run to end. */
  async function run(page: Page, code?: string): Promise<{ status: string; output: string }> {
    const runner = await hydrate(page, '.code-runner');
    if (code !== undefined) await runner.locator('textarea').fill(code);
    await runner.getByRole('button', { name: 'Ejecutar' }).click();
    await expect.poll(() => runner.getAttribute('data-running'), { timeout: 20_000 }).toBe('false');
    return {
      status: (await runner.locator('.cr-status').textContent()) ?? '',
      output: (await runner.locator('.cr-output li').allTextContents()).join('\n'),
    };
  }

  it("lesson 03's snippet fetches the room's delay endpoint one after another, then with Promise.all", async () => {
    const { page, watch } = await open(LESSON_03);
    const runner = await hydrate(page, '.code-runner');
    const code = await runner.locator('textarea').inputValue();
    // The room's address is filled in: this page's own origin, where the room is served.
    expect(code).toContain(`const sala = '${new URL(page.url()).origin}/parties/main/demo';`);
    const { status, output } = await run(page);
    expect(status).toMatch(/^Terminado en \d+ ms\.$/);
    expect(output.match(/^petición [123]: 200 en \d+ ms$/gm)).toHaveLength(6);
    expect(output).toMatch(/^una tras otra: \d+ ms en total$/m);
    expect(output).toMatch(/^a la vez \(Promise\.all\): \d+ ms en total$/m);
    clean(watch);
  });

  it("lesson 04's snippet opens a WebSocket, sends a reaction that reaches the page's push demo, and closes", async () => {
    const { page, watch } = await open(LESSON_04);
    const push = await hydrate(page, '.push-seen');
    await expect
      .poll(() => page.locator('[data-status="open"]').count(), { timeout: 15_000 })
      .toBeGreaterThan(0);
    const { status, output } = await run(page);
    expect(status).toMatch(/^Terminado en \d+ ms\.$/);
    expect(output).toContain('open: el canal está abierto');
    expect(output).toContain('send: enviaste una reacción 👍');
    expect(output).toMatch(/message: llegó «reaction»/);
    // 1000 from the reader's close(); partykit dev answers the close frame without a code (1005).
    expect(output).toMatch(/close: canal cerrado con el código (1000|1005)$/m);
    await expect.poll(() => push.textContent()).toContain('👍');
    // Restablecer brings back the original snippet and clears the output.
    const runner = page.locator('.code-runner');
    await runner.locator('textarea').fill('console.log(1)');
    await runner.getByRole('button', { name: 'Restablecer' }).click();
    expect(await runner.locator('textarea').inputValue()).toContain("new WebSocket('ws://");
    expect(await runner.locator('.cr-output').textContent()).toContain('Pulsa «Ejecutar»');
    clean(watch);
  });

  it('a snippet that throws shows its error, a syntax error too, and the page keeps working', async () => {
    const { page, watch } = await open(LESSON_03);
    let result = await run(page, "console.log('antes');\nthrow new TypeError('¡ups!');");
    expect(result.output).toContain('antes');
    expect(result.output).toContain('✗ TypeError: ¡ups!');
    expect(result.status).toMatch(/^Se detuvo por un error/);
    result = await run(page, 'const = 3;');
    expect(result.output).toMatch(/✗ SyntaxError/);
    result = await run(
      page,
      "setTimeout(() => { throw new Error('más tarde'); }, 10);\nawait new Promise(() => {});",
    );
    expect(result.output).toContain('✗ Error: más tarde');
    clean(watch);
  });

  it('an endless loop is stopped by the time limit, and the next run works', async () => {
    const { page, watch } = await open(LESSON_03);
    const result = await run(page, 'while (true) {}');
    expect(result.status).toBe('Tiempo agotado: tu código seguía en marcha a los 10 s y se detuvo.');
    expect((await run(page, "console.log('otra vez')")).output).toContain('otra vez');
    clean(watch);
  });

  it("a snippet cannot read the page's storage", async () => {
    const { page, watch } = await open(LESSON_03);
    await page.evaluate(() => {
      localStorage.setItem('secreto', 'valor-de-la-pagina');
      sessionStorage.setItem('secreto', 'valor-de-la-sesion');
    });
    const probes = [
      "console.log(localStorage.getItem('secreto'))",
      "console.log(sessionStorage.getItem('secreto'))",
      'console.log(typeof indexedDB, typeof caches, typeof document)',
    ];
    const outputs: string[] = [];
    for (const probe of probes) outputs.push((await run(page, probe)).output);
    expect(outputs[0]).toContain('ReferenceError: localStorage is not defined');
    expect(outputs[1]).toContain('ReferenceError: sessionStorage is not defined');
    expect(outputs[2]).toContain('undefined undefined undefined');
    expect(outputs.join('\n')).not.toMatch(/valor-de-la/);
    clean(watch);
  });

  it.each(THEMES)(
    'axe finds nothing in the self-check, the runner and the progress card (%s, 375 px)',
    async (theme) => {
      const { page } = await open(LESSON_03, { theme });
      const check = await hydrate(page, '.selfcheck');
      const [first] = questions('03-peticion-y-respuesta');
      if (first?.kind !== 'single') throw new Error('primera pregunta de opción única');
      const box = check.locator(`fieldset[data-question="${first.id}"]`);
      const wrong = first.options.find((o) => !o.correct);
      await box.getByLabel(wrong?.text ?? '', { exact: true }).check();
      await box.getByRole('button', { name: 'Comprobar' }).click();
      await run(page, "console.log('hola'); console.warn('cuidado'); throw new Error('fallo')");
      expect(await axeProblems(page, '.selfcheck')).toEqual([]);
      expect(await axeProblems(page, '.code-runner')).toEqual([]);
      const width = await page.evaluate(() => document.documentElement.scrollWidth);
      expect(width).toBeLessThanOrEqual(375);
      const home = await open('/', { theme });
      expect(await axeProblems(home.page, '.progreso')).toEqual([]);
    },
  );
});
