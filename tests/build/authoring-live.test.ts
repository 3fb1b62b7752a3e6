/**
 * Live preview for authors: under `npm start`, saving a lesson reloads the page with the
 * new text while the room keeps running (the same `partykit dev` process, and the page's
 * demo connected again), and a broken diagram or frontmatter field saved mid-session is
 * reported in the terminal with its file and line, without stopping the server (so is a
 * broken self-check question). The lessons' runnable snippets reach the room on its own
 * origin. In a throwaway copy.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { appendFileSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { productionBuildEnv } from '../../scripts/tools/build.mjs';
import { freePort } from '../../scripts/tools/processes.mjs';
import { copyProject, type ProjectCopy } from '../../scripts/tools/project.mjs';
import { hasBrowser, launchBrowser, watchPage } from '../harness/browser';

const LESSON = 'src/content/docs/lecciones/04-websocket.mdx';
const ADDED = 'Un párrafo añadido mientras la vista previa está abierta.';

describe.skipIf(!hasBrowser)(
  'npm start: editing a lesson reloads the page and the room keeps running',
  () => {
    let copy: ProjectCopy;
    let start: ChildProcess;
    let log = '';
    let browser: Browser;
    let siteUrl: string;
    let roomOrigin: string;

    beforeAll(async () => {
      copy = copyProject();
      // The copy's node_modules is a symlink: Vite must keep the linked paths (see scripts/tools/project.mjs).
      renameSync(join(copy.dir, 'astro.config.mjs'), join(copy.dir, 'astro.real.config.mjs'));
      writeFileSync(
        join(copy.dir, 'astro.config.mjs'),
        readFileSync(join(copy.dir, 'astro.temp.config.mjs'), 'utf8').replace(
          './astro.config.mjs',
          './astro.real.config.mjs',
        ),
      );
      // An author's shell: no Vitest variables, no room host (npm start points the site at its room).
      const env = productionBuildEnv({
        PORT: String(await freePort()),
        NODE_OPTIONS: '--preserve-symlinks',
      });
      delete env['PUBLIC_PARTYKIT_HOST'];
      delete env['NODE_ENV'];
      start = spawn('npm', ['start'], {
        cwd: copy.dir,
        env,
        detached: true,
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      const collect = (chunk: Buffer) => {
        log += chunk.toString();
      };
      start.stdout?.on('data', collect);
      start.stderr?.on('data', collect);
      const ready = /\[inicio\] listo\. Abre (\S+) {2}\(sala local en (\S+);/;
      const deadline = Date.now() + 150_000;
      while (!ready.test(log)) {
        if (Date.now() > deadline || start.exitCode !== null)
          throw new Error(`npm start no arrancó:\n${log}`);
        await new Promise((resolve) => setTimeout(resolve, 500));
      }
      [, siteUrl = '', roomOrigin = ''] = ready.exec(log) ?? [];
      browser = await launchBrowser();
    }, 180_000);
    afterAll(async () => {
      await browser?.close();
      if (start?.pid && start.exitCode === null) {
        // npm start stops the site and the room (and workerd) on SIGINT, like a Ctrl-C.
        const exited = new Promise((resolve) => start.once('exit', resolve));
        process.kill(-start.pid, 'SIGINT');
        await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 10_000))]);
        try {
          process.kill(-start.pid, 'SIGKILL');
        } catch {
          // Already gone.
        }
      }
      copy?.remove();
    });

    /** Runs `step`; on failure, adds what `npm start` printed, which is where the cause is. */
    async function withLog<T>(step: () => Promise<T>): Promise<T> {
      try {
        return await step();
      } catch (error) {
        throw new Error(`${String(error)}\n--- npm start ---\n${log.slice(-4000)}`);
      }
    }

    it('reloads the edited lesson; the room process and the demo stay up', () =>
      withLog(async () => {
        const page = await browser.newPage();
        const watch = await watchPage(page);
        await page.goto(`${siteUrl}lecciones/04-websocket/`, { timeout: 90_000 });
        const connected = page.getByTestId('push-status').first().getByText('conectado', { exact: true });
        // With a cold Vite cache the first visit reloads once, when the browser's dependencies
        // are pre-bundled; keep bringing the demo into view until the page that stays connects.
        await expect
          .poll(
            async () => {
              await page
                .locator('.push-demo')
                .first()
                .scrollIntoViewIfNeeded({ timeout: 5_000 })
                .catch(() => {});
              return connected.isVisible();
            },
            { timeout: 60_000, interval: 500 },
          )
          .toBe(true);
        const mark = log.length;

        appendFileSync(join(copy.dir, LESSON), `\n${ADDED}\n`);
        await page.getByText(ADDED).waitFor({ timeout: 60_000 });
        await page.locator('.push-demo').first().scrollIntoViewIfNeeded();
        await connected.waitFor({ timeout: 30_000 });

        expect((await fetch(`${roomOrigin}/parties/main/demo`)).status).toBe(200);
        expect(start.exitCode).toBeNull();
        expect(log.slice(mark)).not.toMatch(/\[sala\].*(error|exited)/i);
        // Only the dev server reports a hydration mismatch (an island whose first render differs
        // from the HTML the server sent); the built site hides it.
        expect(watch.problems).toEqual([]);
        expect(watch.external).toEqual([]);
        await page.close();
      }));

    it("runs lessons 03 and 04's snippets against npm start's room, on another origin than the site", () =>
      withLog(async () => {
        expect(new URL(roomOrigin).origin).not.toBe(new URL(siteUrl).origin);
        for (const [path, expected] of [
          ['lecciones/03-peticion-y-respuesta/', /a la vez \(Promise\.all\): \d+ ms en total/],
          ['lecciones/04-websocket/', /message: llegó «reaction»[\s\S]*close: canal cerrado/],
        ] as const) {
          const page = await browser.newPage();
          await page.goto(`${siteUrl}${path}`, { timeout: 90_000 });
          const runner = page.locator('.code-runner');
          // Dev mode may reload once while it pre-bundles; wait until the island is hydrated.
          await expect
            .poll(
              async () => {
                await runner.scrollIntoViewIfNeeded({ timeout: 5_000 }).catch(() => {});
                return page
                  .evaluate(() => {
                    const island = document.querySelector('.code-runner')?.closest('astro-island');
                    return island ? !island.hasAttribute('ssr') : false;
                  })
                  .catch(() => false);
              },
              { timeout: 60_000, interval: 500 },
            )
            .toBe(true);
          expect(await runner.locator('textarea').inputValue()).toContain(new URL(roomOrigin).host);
          await runner.getByRole('button', { name: 'Ejecutar' }).click();
          await expect.poll(() => runner.getAttribute('data-running'), { timeout: 20_000 }).toBe('false');
          const output = (await runner.locator('.cr-output li').allTextContents()).join('\n');
          expect(output).toMatch(expected);
          await page.close();
        }
      }));

    it('reports a diagram and a field broken mid-session with file:line, and keeps serving', () =>
      withLog(async () => {
        const source = readFileSync(join(copy.dir, LESSON), 'utf8');
        const broken = source
          .replace(/^sequenceDiagram$/m, 'sequenceDiagram\n    Cliente->>: roto')
          .replace(/^duration: .*$/m, 'duration: mucho');
        writeFileSync(join(copy.dir, LESSON), broken);
        await expect
          .poll(() => log, { timeout: 30_000 })
          .toMatch(/04-websocket\.mdx:\d+ — el diagrama mermaid no es válido/);
        expect(log).toMatch(/04-websocket\.mdx:\d+ — campo «duration»/);
        const page = await fetch(`${siteUrl}lecciones/03-peticion-y-respuesta/`);
        expect(page.status).toBe(200);
        expect(await page.text()).toContain('<h1');
      }));

    it('reports a self-check question broken mid-session with file:line', () =>
      withLog(async () => {
        const file = 'src/content/questions/04-websocket.yaml';
        const source = readFileSync(join(copy.dir, file), 'utf8');
        // The first question loses its only correct option.
        writeFileSync(join(copy.dir, file), source.replace('        correct: true\n', ''));
        await expect
          .poll(() => log, { timeout: 30_000 })
          .toMatch(/questions\/04-websocket\.yaml:\d+ — «questions\.0\.options»: ninguna opción es correcta/);
        expect(start.exitCode).toBeNull();
      }));
  },
);
