import { readFileSync } from 'node:fs';
import type { Browser, Page, WebSocket } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { axeProblems } from '../harness/axe';
import { hasBrowser, type PageWatch, watchPage } from '../harness/browser';
import { connectClient } from '../harness/room';
import { type Served, setupSite } from '../harness/site';
import { THEMES, type Theme } from '../harness/themedSite';

const XSS = '<img src=x onerror=alert(1)>';
const LESSON = '/lecciones/01-modelo-cliente-servidor/';

describe.skipIf(!hasBrowser)('browser: the live class', () => {
  let site: Served;
  let browser: Browser;
  setupSite((ready) => ({ site, browser } = ready));

  /** A page in a fresh context: on a phone's width and in a theme, if asked. */
  async function phone(theme?: Theme): Promise<Page> {
    if (!theme) return browser.newPage();
    const page = await browser.newPage({ viewport: { width: 375, height: 740 }, colorScheme: theme });
    await page.addInitScript((value) => localStorage.setItem('starlight-theme', value), theme);
    return page;
  }

  /** A reader of their own (own context, own reader id), with every socket it opens recorded. */
  async function reader(path: string, theme?: Theme) {
    const page = await phone(theme);
    const watch = await watchPage(page);
    const sockets: WebSocket[] = [];
    page.on('websocket', (ws) => sockets.push(ws));
    await page.goto(`${site.origin}${path}`);
    await page.getByTestId('class-status').getByText('conectado', { exact: true }).waitFor();
    return { page, watch, sockets };
  }

  async function teacherSocket(room: string) {
    const teacher = await connectClient(site.host, room);
    await teacher.next('welcome');
    teacher.send({ type: 'auth', key: site.teacherKey });
    await teacher.next('role');
    return teacher;
  }

  const countOf = async (room: string) =>
    (await (await fetch(`${site.origin}/parties/main/${room}`)).json()).count as number;

  it('a reader who joined from a link gets the teacher’s notice on the glossary as a toast, as text', async () => {
    const { page, watch } = await reader('/glosario/?clase=e2e-aviso');
    // The link's code is remembered and taken out of the address.
    expect(new URL(page.url()).search).toBe('');
    expect(await page.evaluate(() => localStorage.getItem('cliente-servidor:clase'))).toBe('e2e-aviso');
    const teacher = await teacherSocket('e2e-aviso');
    teacher.send({
      type: 'push',
      text: XSS,
      level: 'warning',
      go: `${LESSON}#qué-es-el-modelo-cliente-servidor`,
    });
    const toast = page.getByTestId('class-toast');
    await toast.getByText(XSS, { exact: false }).waitFor();
    expect(await toast.getAttribute('role')).toBe('status');
    expect(await page.locator('.class-bar img').count()).toBe(0);
    expect(await page.getByTestId('class-latest').textContent()).toContain(XSS);
    await page.getByTestId('class-go').click();
    await page.waitForURL(`**${LESSON}#**`);
    // Every page of the course carries the bar once joined: the lesson connects on its own.
    await page.getByTestId('class-status').getByText('conectado', { exact: true }).waitFor();
    expect(watch.problems).toEqual([]);
    expect(watch.external).toEqual([]);
    await teacher.close();
    await page.close();
  });

  it('the console takes the key only once it can keep it: not before its island runs', async () => {
    const console_ = await browser.newPage();
    // Hold the console's script, as a slow phone would, to look at the page before it runs.
    let release: () => void = () => {};
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    await console_.route(/TeacherConsole\.[^/]*\.js$/, async (route) => {
      await held;
      await route.continue();
    });
    await console_.goto(`${site.origin}/docente/?clase=e2e-pronto`);
    const key = console_.getByLabel('Clave de docente');
    expect(await key.isDisabled()).toBe(true);
    expect(await console_.getByRole('button', { name: 'Abrir la consola' }).isDisabled()).toBe(true);
    release();
    await key.fill(site.teacherKey);
    await console_.getByRole('button', { name: 'Abrir la consola' }).click();
    await console_.locator('[data-role="teacher"]').waitFor();
    await console_.close();
  });

  it('runs a question from the teacher’s console to two readers, reveal included', async () => {
    const room = 'e2e-pregunta';
    const console_ = await browser.newPage();
    const watch: PageWatch = await watchPage(console_);
    await console_.goto(`${site.origin}/docente/?clase=${room}`);
    await console_.getByLabel('Clave de docente').fill(site.teacherKey);
    await console_.getByRole('button', { name: 'Abrir la consola' }).click();
    await console_.locator('[data-role="teacher"]').waitFor();

    const one = await reader(`${LESSON}?clase=${room}`);
    const two = await reader(`/glosario/?clase=${room}`);
    const pages = console_.getByTestId('console-pages');
    await pages.getByText('Glosario').waitFor();
    await pages.getByText('Modelo cliente-servidor', { exact: false }).waitFor();

    await console_.getByLabel('Pregunta de autoevaluación').selectOption('frontend-backend');
    await console_.getByTestId('console-ask').click();
    for (const [r, option] of [
      [one, 'El código del servidor'],
      [two, 'El botón y la animación'],
    ] as const) {
      const card = r.page.getByTestId('class-question');
      await card.getByLabel(option, { exact: false }).check();
      await card.getByRole('button', { name: 'Responder' }).click();
      await card.getByText('Respuesta enviada', { exact: false }).waitFor();
    }
    // A reader may put the card away to read the lesson, and bring it back from the bar.
    await one.page.getByRole('button', { name: 'Ocultar la pregunta' }).click();
    expect(await one.page.getByTestId('class-question').count()).toBe(0);
    await one.page.getByRole('button', { name: 'Ver la pregunta' }).click();
    await one.page
      .getByTestId('class-question')
      .getByText('Respuesta enviada: B.', { exact: false })
      .waitFor();
    await console_.getByTestId('console-total').getByText('2 respuestas').waitFor();
    expect(await console_.getByTestId('console-n').allTextContents()).toEqual([
      '1 (50 %)',
      '1 (50 %)',
      '0 (0 %)',
    ]);

    await console_.getByRole('button', { name: 'Mostrar la respuesta' }).click();
    for (const r of [one, two]) {
      await r.page.getByTestId('class-explanation').getByText('Respuesta: B.', { exact: false }).waitFor();
    }
    await console_.getByRole('button', { name: 'Cerrar la pregunta' }).click();
    for (const r of [one, two]) await r.page.getByText('La pregunta está cerrada.').waitFor();

    const [download] = await Promise.all([
      console_.waitForEvent('download'),
      console_.getByTestId('console-csv').click(),
    ]);
    const csv = readFileSync(await download.path(), 'utf8');
    expect(csv).toContain('"pregunta","e2e-pregunta"');
    expect(csv).toMatch(/"El código del servidor[^\n]*","sí","1","2"/);
    expect(watch.problems).toEqual([]);
    expect([...one.watch.problems, ...two.watch.problems]).toEqual([]);
    await Promise.all([console_.close(), one.page.close(), two.page.close()]);
  });

  /** Lesson 1's ordering question, its steps in the right order (the YAML's own order). */
  const ORDER_ID = 'recorrido-solicitud';
  const STEPS = [
    'El cliente envía una solicitud al backend a través de una URI.',
    'El backend recibe la solicitud y decide qué hacer.',
    'El backend consulta la base de datos, si hace falta.',
    'El backend devuelve una respuesta, muchas veces en JSON.',
    'El cliente lee el JSON y lo muestra en HTML.',
  ];

  /** Presses a card's button from the keyboard: focus it, then Enter, as a keyboard user does. */
  async function press(page: Page, name: string) {
    const button = page.getByTestId('class-question').getByRole('button', { name, exact: true });
    await button.focus();
    await page.keyboard.press('Enter');
  }

  /** The session CSV the console's button downloads, as text. */
  async function downloadedCsv(console_: Page): Promise<string> {
    const download = console_.waitForEvent('download');
    await console_.getByTestId('console-csv').click();
    return readFileSync(await (await download).path(), 'utf8');
  }

  /** The console's table of places: each row's header and numbers, as text. */
  const placesTable = (console_: Page) =>
    console_
      .getByTestId('console-places')
      .locator('tbody tr')
      .evaluateAll((rows) => rows.map((r) => [...r.children].map((c) => c.textContent?.trim() ?? '')));

  it('runs an ordering question: two readers order by keyboard, the console counts places, the reveal reaches both', async () => {
    const room = 'e2e-orden';
    const console_ = await phone('dark');
    const watch = await watchPage(console_);
    await console_.goto(`${site.origin}/docente/?clase=${room}`);
    await console_.getByLabel('Clave de docente').fill(site.teacherKey);
    await console_.getByLabel('Clave de docente').press('Enter');
    await console_.locator('[data-role="teacher"]').waitFor();
    const one = await reader(`${LESSON}?clase=${room}`, 'dark');
    const two = await reader(`/glosario/?clase=${room}`);
    await console_.getByLabel('Pregunta de autoevaluación').selectOption(ORDER_ID);
    await console_.getByTestId('console-ask').click();

    // Reader one puts the steps right: each, last to first, moved up to the top.
    const card = one.page.getByTestId('class-question');
    await card.getByText(STEPS[0] ?? '').waitFor();
    for (const step of [...STEPS].reverse()) {
      for (let i = 0; i < STEPS.length - 1; i++) await press(one.page, `Subir «${step}»`);
    }
    expect(await card.locator('.sc-step-text').allTextContents()).toEqual(STEPS);
    await press(one.page, 'Responder');
    await card.getByText('Respuesta enviada: tu orden', { exact: false }).waitFor();
    // Reader two moves the first step shown one place down, and answers that.
    const shown = await two.page.getByTestId('class-question').locator('.sc-step-text').allTextContents();
    await press(two.page, `Bajar «${shown[0] ?? ''}»`);
    await two.page.getByText(`«${shown[0] ?? ''}» ahora es el paso 2.`).waitFor();
    await press(two.page, 'Responder');
    await two.page.getByText('Respuesta enviada: tu orden', { exact: false }).waitFor();

    // The console's table: for each step as sent, how many put it at each place.
    await console_.getByTestId('console-total').getByText('2 respuestas').waitFor();
    const sent = shown;
    const expected = sent.map((step) => {
      const places = [0, 0, 0, 0, 0];
      const atOne = STEPS.indexOf(step);
      const twoOrder = [sent[1], sent[0], ...sent.slice(2)];
      const atTwo = twoOrder.indexOf(step);
      places[atOne] = (places[atOne] ?? 0) + 1;
      places[atTwo] = (places[atTwo] ?? 0) + 1;
      return [step, ...places.map(String)];
    });
    expect(await placesTable(console_)).toEqual(expected);
    expect(await console_.getByTestId('console-places').locator('caption').textContent()).toBe(
      'Cuántos lectores ponen cada paso en cada lugar',
    );

    await console_.getByRole('button', { name: 'Mostrar la respuesta' }).click();
    for (const r of [one, two]) {
      const explanation = r.page.getByTestId('class-explanation');
      await explanation.getByText('El orden correcto:').waitFor();
      expect(await explanation.locator('li').allTextContents()).toEqual(STEPS);
      await explanation.getByText('Con el orden completo bien: 1 de 2.', { exact: false }).waitFor();
    }
    await one.page.getByTestId('class-question').getByText('En su sitio.').first().waitFor();
    await console_.getByTestId('console-exact').getByText('Con el orden completo bien: 1 de 2.').waitFor();
    const revealed = await placesTable(console_);
    expect(revealed.map((row) => row[0])).toEqual(
      sent.map((step) => `${step} (va en el ${String(STEPS.indexOf(step) + 1)}.º)`),
    );
    // The table, the reordered card and the reveal, at a phone's width: axe finds nothing.
    expect(await axeProblems(console_)).toEqual([]);
    expect(await axeProblems(one.page)).toEqual([]);
    await console_.getByRole('button', { name: 'Cerrar la pregunta' }).click();
    for (const r of [one, two]) await r.page.getByText('La pregunta está cerrada.').waitFor();
    const csv = await downloadedCsv(console_);
    expect(csv).toContain(`"1.º: ${STEPS[0] ?? ''}","sí","1","2"`);
    expect(csv).toContain('"El orden completo","sí","1","2"');
    // At a phone's width the table of places fits: nothing sticks out sideways.
    const wider = await console_.evaluate(() =>
      [...document.querySelectorAll('body *')]
        .filter((el) => el.checkVisibility() && el.getBoundingClientRect().right > window.innerWidth + 1)
        .map((el) => `${el.tagName.toLowerCase()}.${el.className}`),
    );
    expect(wider).toEqual([]);
    expect([...watch.problems, ...one.watch.problems, ...two.watch.problems]).toEqual([]);
    await Promise.all([console_.close(), one.page.close(), two.page.close()]);
  });

  /**
   * Makes the tab's visibility the test's to set (headless Chromium keeps every tab
   * visible), and records each browser notification shown, still showing it.
   */
  const HIDDEN_TAB_AND_NOTIFICATIONS = `(() => {
    window.__notified = [];
    window.__hidden = false;
    Object.defineProperty(Document.prototype, 'hidden', { configurable: true, get: () => window.__hidden });
    Object.defineProperty(Document.prototype, 'visibilityState', {
      configurable: true,
      get: () => (window.__hidden ? 'hidden' : 'visible'),
    });
    window.Notification = new Proxy(window.Notification, {
      construct(target, args) {
        window.__notified.push({ title: String(args[0]), body: args[1] && args[1].body });
        return Reflect.construct(target, args);
      },
    });
  })();`;

  it('a notice shows a browser notification when the tab is hidden and allowed, and only the toast when visible', async () => {
    const room = 'e2e-oculta';
    const page = await browser.newPage();
    const watch = await watchPage(page);
    await page.context().grantPermissions(['notifications'], { origin: site.origin });
    await page.addInitScript(HIDDEN_TAB_AND_NOTIFICATIONS);
    await page.goto(`${site.origin}/glosario/?clase=${room}`);
    await page.getByTestId('class-status').getByText('conectado', { exact: true }).waitFor();
    const notified = () =>
      page.evaluate(
        () => (window as unknown as { __notified: { title: string; body: string }[] }).__notified,
      );
    const teacher = await teacherSocket(room);

    teacher.send({ type: 'push', text: 'Con la pestaña a la vista', level: 'info' });
    await page.getByTestId('class-toast').getByText('Con la pestaña a la vista').waitFor();
    expect(await notified()).toEqual([]);

    await page.evaluate(() => {
      (window as unknown as { __hidden: boolean }).__hidden = true;
      document.dispatchEvent(new Event('visibilitychange'));
    });
    teacher.send({ type: 'push', text: 'Volved a la lección 1', level: 'urgent' });
    await page.getByTestId('class-toast').getByText('Volved a la lección 1').waitFor();
    await expect
      .poll(notified)
      .toEqual([{ title: `Clase «${room}» · Urgente`, body: 'Volved a la lección 1' }]);
    expect(watch.problems).toEqual([]);
    await teacher.close();
    await page.close();
  });

  it('leaving the class removes the bar, closes its socket and stays left on the next page', async () => {
    const room = 'e2e-salir';
    const { page, sockets } = await reader(`/glosario/?clase=${room}`);
    await expect.poll(() => countOf(room)).toBe(1);
    await page.getByTestId('class-leave').click();
    expect(await page.locator('.class-bar').count()).toBe(0);
    expect(await page.evaluate(() => localStorage.getItem('cliente-servidor:clase'))).toBeNull();
    const toClass = () => sockets.filter((ws) => ws.url().includes(`/parties/main/${room}`));
    await expect.poll(() => toClass().every((ws) => ws.isClosed())).toBe(true);
    await expect.poll(() => countOf(room)).toBe(0);
    // With the class left, the next page never even loads the bar's code. (The page's own
    // resource list: the service worker precaches every file, on its own schedule.)
    const barCode = () =>
      page.evaluate(() =>
        performance
          .getEntriesByType('resource')
          .map((entry) => entry.name)
          .filter((name) => /mountBar/.test(name)),
      );
    expect(await barCode()).not.toEqual([]);
    await page.goto(`${site.origin}${LESSON}`, { waitUntil: 'networkidle' });
    expect(await page.locator('.class-bar').count()).toBe(0);
    expect(await barCode()).toEqual([]);
    expect(toClass()).toHaveLength(1);
    await page.close();
  });

  it.each(THEMES)(
    'console and class bar at 375 px (%s): no axe violation, nothing wider than the phone',
    async (theme) => {
      const room = `e2e-movil-${theme}`;
      const console_ = await phone(theme);
      await console_.goto(`${site.origin}/docente/?clase=${room}`);
      expect(await axeProblems(console_)).toEqual([]);
      await console_.getByLabel('Clave de docente').fill(site.teacherKey);
      await console_.getByLabel('Clave de docente').press('Enter');
      await console_.locator('[data-role="teacher"]').waitFor();
      const student = await reader(`/glosario/?clase=${room}`, theme);
      await console_.getByTestId('console-pages').getByText('Glosario').waitFor();
      await console_.getByLabel('Notificación para la clase').fill('Abrid la lección 1');
      await console_.getByLabel('Vamos a… (opcional)').selectOption({ index: 1 });
      await console_.getByRole('button', { name: 'Enviar notificación' }).click();
      await student.page.getByTestId('class-go').waitFor();
      await console_.getByTestId('console-ask').click();
      await student.page.getByTestId('class-question').waitFor();
      await console_.getByTestId('console-histogram').waitFor();
      for (const page of [console_, student.page]) {
        expect(await axeProblems(page)).toEqual([]);
        // Nothing sticks out sideways: the phone never scrolls horizontally.
        const wider = await page.evaluate(() =>
          [...document.querySelectorAll('body *')]
            .filter((el) => el.checkVisibility() && el.getBoundingClientRect().right > window.innerWidth + 1)
            .map((el) => `${el.tagName.toLowerCase()}.${el.className}`),
        );
        expect(wider).toEqual([]);
      }
      await Promise.all([console_.close(), student.page.close()]);
    },
  );
});
