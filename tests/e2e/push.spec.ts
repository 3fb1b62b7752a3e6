import type { Browser, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { LOCAL_TEACHER_KEY } from '../../scripts/tools/teacherKey.mjs';
import { hasBrowser, type PageWatch, watchPage } from '../harness/browser';
import { type Served, setupSite } from '../harness/site';
import { heightOf, serverRendered } from '../harness/themedSite';

const LESSON = '/lecciones/05-websockets-y-socket-io/';
const XSS = '<img src=x onerror=alert(1)>';

describe.skipIf(!hasBrowser)('browser: the live push room', () => {
  let site: Served;
  let browser: Browser;
  let restartSite: () => Promise<Served>;
  setupSite((ready) => ({ site, browser, restartSite } = ready));

  async function open(): Promise<{ page: Page; watch: PageWatch; dialogs: string[] }> {
    const page = await browser.newPage();
    const watch = await watchPage(page);
    const dialogs: string[] = [];
    page.on('dialog', (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    await page.goto(`${site.origin}${LESSON}`);
    await page.locator('.push-demo').scrollIntoViewIfNeeded();
    await page.getByTestId('push-status').getByText('conectado', { exact: true }).waitFor();
    return { page, watch, dialogs };
  }

  it('delivers a teacher push to a reader as text, never as HTML', async () => {
    const teacher = await open();
    const reader = await open();

    await teacher.page.getByText('Soy docente').click();
    await teacher.page.getByLabel('Clave de docente').fill(LOCAL_TEACHER_KEY);
    await teacher.page.getByRole('button', { name: 'Desbloquear' }).click();
    await teacher.page.getByText('Clave aceptada').waitFor();
    await teacher.page.getByLabel('Notificación para la clase').fill(XSS);
    await teacher.page.getByRole('button', { name: 'Enviar notificación' }).click();

    const item = reader.page.locator('.push-item .push-text', { hasText: XSS });
    await item.waitFor();
    expect(await item.textContent()).toBe(XSS);
    expect(await reader.page.locator('.push-feed img').count()).toBe(0);
    expect(reader.dialogs).toEqual([]);
    expect(teacher.dialogs).toEqual([]);
    expect(await reader.page.locator('.push-demo [aria-live="polite"]').first().textContent()).toContain(XSS);

    expect(reader.watch.problems).toEqual([]);
    expect(reader.watch.external).toEqual([]);
    await teacher.page.close();
    await reader.page.close();
  });

  it('keeps the teacher\'s text until the room acks it; without an ack, "no confirmado" and a retry that does not duplicate', async () => {
    const reader = await open();
    const page = await browser.newPage();
    const watch = await watchPage(page);
    // Between this page and the room: every frame passes, except the room's acks while
    // `dropAcks` holds, as if they were lost on the way back.
    let dropAcks = true;
    await page.routeWebSocket(/\/parties\/main\/clase-1/, (ws) => {
      const server = ws.connectToServer();
      ws.onMessage((message) => server.send(message));
      server.onMessage((message) => {
        if (dropAcks && typeof message === 'string' && JSON.parse(message).type === 'ack') return;
        ws.send(message);
      });
    });
    await page.goto(`${site.origin}${LESSON}`);
    await page.locator('.push-demo').scrollIntoViewIfNeeded();
    await page.getByTestId('push-status').getByText('conectado', { exact: true }).waitFor();
    await page.getByText('Soy docente').click();
    await page.getByLabel('Clave de docente').fill(site.teacherKey);
    await page.getByRole('button', { name: 'Desbloquear' }).click();
    await page.getByText('Clave aceptada').waitFor();

    const text = 'Mañana empezamos a las nueve';
    const box = page.getByLabel('Notificación para la clase');
    await box.fill(text);
    await page.getByRole('button', { name: 'Enviar notificación' }).click();
    await page.getByText('esperando la confirmación de la sala').waitFor();
    expect(await box.inputValue()).toBe(text);
    await page.getByText(/^No confirmado/).waitFor({ timeout: 30_000 });
    expect(await box.inputValue()).toBe(text);

    // The room did take it; only its answer was lost. The retry resends the same ref.
    const arrived = reader.page.locator('.push-item', { hasText: text });
    await arrived.waitFor();
    dropAcks = false;
    await page.getByRole('button', { name: 'Reintentar' }).click();
    await page.getByText(/Notificación enviada: #\d+/).waitFor();
    expect(await box.inputValue()).toBe('');
    await reader.page.waitForTimeout(1000);
    expect(await arrived.count()).toBe(1);
    expect(await page.locator('.push-item', { hasText: text }).count()).toBe(1);
    expect(watch.problems).toEqual([]);
    await page.close();
    await reader.page.close();
  });

  it('works with site data blocked: the push and event demos connect, and the teacher can push', async () => {
    const page = await browser.newPage();
    // What Chromium does when a reader blocks site data: touching either storage throws.
    await page.addInitScript(() => {
      for (const name of ['localStorage', 'sessionStorage'])
        Object.defineProperty(window, name, {
          configurable: true,
          get() {
            throw new DOMException(`Access to '${name}' is denied for this document.`, 'SecurityError');
          },
        });
    });
    await page.goto(`${site.origin}${LESSON}`);
    await page.locator('.ep').scrollIntoViewIfNeeded();
    await page.getByTestId('ep-status').getByText('conectado', { exact: true }).waitFor();
    await page.locator('.push-demo').scrollIntoViewIfNeeded();
    await page.getByTestId('push-status').getByText('conectado', { exact: true }).waitFor();
    await page.getByText('Soy docente').click();
    await page.getByLabel('Clave de docente').fill(site.teacherKey);
    await page.getByRole('button', { name: 'Desbloquear' }).click();
    await page.getByText('la clave vale hasta que recargues la página').waitFor();
    await page.getByLabel('Notificación para la clase').fill('Sin datos del sitio');
    await page.getByRole('button', { name: 'Enviar notificación' }).click();
    await page.getByText(/Notificación enviada: #\d+/).waitFor();
    await page.close();
  });

  it('keeps its height from the first paint while the room history, a push and a reaction arrive', async () => {
    const push = (text: string) =>
      fetch(`${site.origin}/parties/main/clase-1`, {
        method: 'POST',
        headers: { authorization: `Bearer ${LOCAL_TEACHER_KEY}`, 'content-type': 'application/json' },
        body: JSON.stringify({ text, level: 'info' }),
      });
    for (const text of ['Hoy: HTTP', 'Mañana: DNS', 'Trae preguntas'])
      expect((await push(text)).status).toBe(201);

    // A phone, where every extra line of status or history would push the lesson furthest.
    const context = await browser.newContext({ viewport: { width: 375, height: 800 } });
    const page = await context.newPage();
    const watch = await watchPage(page);
    await page.goto(`${site.origin}${LESSON}`);
    const demo = page.locator('.push-demo');
    const height = () => heightOf(page, '.push-demo');
    expect(await serverRendered(page, '.push-demo')).toBe(true);
    const before = await height();

    await demo.scrollIntoViewIfNeeded();
    await page.getByTestId('push-count').waitFor();
    await expect.poll(() => page.locator('.push-item').count()).toBeGreaterThanOrEqual(3);
    expect(await height()).toBe(before);

    const items = await page.locator('.push-item').count();
    expect((await push('Una más, mientras lees')).status).toBe(201);
    await expect.poll(() => page.locator('.push-item').count()).toBe(items + 1);
    await page.getByRole('button', { name: 'Reaccionar con 👍' }).click();
    await page.locator('.push-seen', { hasText: '👍' }).waitFor();
    expect(await height()).toBe(before);
    expect(watch.problems).toEqual([]);
    await context.close();
  });

  it('comes back right after the browser is online again, and a push sent offline arrives once', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const watch = await watchPage(page);
    await page.goto(`${site.origin}/lecciones/04-websocket/`);
    await page.locator('.push-demo').scrollIntoViewIfNeeded();
    const status = page.getByTestId('push-status');
    await status.getByText('conectado', { exact: true }).waitFor();

    // The open room takes prepared notifications only: its counter, written by the room.
    const counted = page.locator('.push-item', { hasText: 'del contador de esta sala' });
    const before = await counted.count();
    await context.setOffline(true);
    await status.getByText(/reconectando|sin conexión/).waitFor();
    await page.getByRole('button', { name: 'Contador de la sala' }).click();
    await page.getByText('se enviará al reconectar').waitFor();

    // Wait until the next retry is seconds away, so only the `online` event can explain a
    // reconnection before it.
    await expect
      .poll(async () => Number(/próximo en (\d+) s/.exec((await status.textContent()) ?? '')?.[1] ?? 0), {
        timeout: 20_000,
      })
      .toBeGreaterThanOrEqual(3);
    const countdown = Number(/próximo en (\d+) s/.exec((await status.textContent()) ?? '')?.[1]);
    await context.setOffline(false);
    await status.getByText('conectado', { exact: true }).waitFor({ timeout: (countdown - 1) * 1000 });

    await expect.poll(() => counted.count()).toBe(before + 1);
    await page.getByText(/Notificación enviada: #\d+/).waitFor();
    await page.waitForTimeout(500);
    expect(await counted.count()).toBe(before + 1);
    expect(watch.external).toEqual([]);
    await context.close();
  });

  it('says "sin conexión" when the room stops, and recovers what it missed after a restart', async () => {
    const reader = await open();
    await site.stop();
    await reader.page.getByTestId('push-offline').waitFor({ timeout: 20_000 });
    expect(await reader.page.getByTestId('push-status').textContent()).toMatch(/sin conexión/);
    // The lesson stays readable while the room is down.
    expect(await reader.page.locator('h1').textContent()).toMatch(/Socket\.IO/);

    site = await restartSite();
    const pushed = await fetch(`${site.origin}/parties/main/clase-1`, {
      method: 'POST',
      headers: { authorization: `Bearer ${LOCAL_TEACHER_KEY}`, 'content-type': 'application/json' },
      body: JSON.stringify({ text: 'Mientras estabas fuera', level: 'warning' }),
    });
    expect(pushed.status).toBe(201);

    await reader.page
      .getByTestId('push-status')
      .getByText('conectado', { exact: true })
      .waitFor({ timeout: 30_000 });
    const missed = reader.page.locator('.push-item', { hasText: 'Mientras estabas fuera' });
    await missed.waitFor();
    expect(await missed.count()).toBe(1);
    await reader.page.close();
  });
});
