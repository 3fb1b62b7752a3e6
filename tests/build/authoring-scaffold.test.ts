/**
 * An author's and a deployer's path through a throwaway copy of the project:
 * `npm run new:lesson` scaffolds a lesson that builds (and refuses to run twice for the
 * same title); a build with `PUBLIC_PARTYKIT_HOST` bakes that host into the islands, and
 * when nothing answers there a lesson still reads and its demo says «Sala no disponible»;
 * and `npm run preview` serves the built lessons and the room from one port.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPartykit } from '../../scripts/tools/partykit.mjs';
import { freePort, startGroup, waitForHttp } from '../../scripts/tools/processes.mjs';
import { copyProject, type ProjectCopy } from '../../scripts/tools/project.mjs';
import { hasBrowser, launchBrowser, watchPage } from '../harness/browser';
import { connectClient } from '../harness/room';

const TITLE = 'Cookies y caché: ¿quién guarda qué?';
const SLUG = 'cookies-y-cache-quien-guarda-que';
const LESSONS = 'src/content/docs/lecciones';

describe('build: scaffold a lesson, build it against a deployed room, preview it', () => {
  let copy: ProjectCopy;
  let lessonsBefore: string[];
  let created: string;
  /** A room host where nothing listens: a deployer's wrong PUBLIC_PARTYKIT_HOST, kept on loopback. */
  let roomHost: string;

  beforeAll(async () => {
    roomHost = `127.0.0.1:${String(await freePort())}`;
    copy = copyProject();
    lessonsBefore = readdirSync(join(copy.dir, LESSONS));
  });
  afterAll(() => copy?.remove());

  const newLesson = () => copy.run([join(copy.dir, 'scripts/new-lesson.mjs'), TITLE]);
  const pathOf = (name: string) => `/lecciones/${name.replace(/\.mdx$/, '')}/`;

  it('creates NN-slug.mdx with the next sidebar order and a slug with the accents folded', async () => {
    const result = await newLesson();
    expect(result.code, result.output).toBe(0);
    const added = readdirSync(join(copy.dir, LESSONS)).filter((name) => !lessonsBefore.includes(name));
    expect(added).toHaveLength(1);
    created = added[0] ?? '';
    const orders = lessonsBefore.map((name) => {
      const order = /\n {2}order: (\d+)/.exec(readFileSync(join(copy.dir, LESSONS, name), 'utf8'))?.[1];
      return Number(order ?? 0);
    });
    const next = Math.max(...orders) + 1;
    expect(created).toBe(`${String(next).padStart(2, '0')}-${SLUG}.mdx`);
    const text = readFileSync(join(copy.dir, LESSONS, created), 'utf8');
    expect(text).toContain(`title: "${TITLE}"`);
    expect(text).toContain(`  order: ${String(next)}\n`);
    expect(result.output).toContain(`${LESSONS}/${created}`);
  });

  it('refuses to create it again, leaving the first file as it was', async () => {
    const before = readFileSync(join(copy.dir, LESSONS, created), 'utf8');
    const result = await newLesson();
    expect(result.code).toBe(1);
    expect(result.output).toContain('ya existe una lección');
    expect(result.output).toContain(created);
    expect(readFileSync(join(copy.dir, LESSONS, created), 'utf8')).toBe(before);
    expect(readdirSync(join(copy.dir, LESSONS))).toHaveLength(lessonsBefore.length + 1);
  });

  it('builds the new lesson, with PUBLIC_PARTYKIT_HOST baked into the islands', async () => {
    const result = await copy.build({ env: { PUBLIC_PARTYKIT_HOST: roomHost } });
    console.info(`astro build (lección nueva, PUBLIC_PARTYKIT_HOST): ${result.seconds.toFixed(1)} s`);
    expect(result.code, result.output).toBe(0);
    const dist = join(copy.dir, 'dist');
    const page = readFileSync(join(dist, pathOf(created), 'index.html'), 'utf8');
    expect(page).toContain(TITLE);
    // The socket demos read the host from room-client, bundled into an island chunk.
    const chunks = readdirSync(join(dist, '_astro')).filter((name) => name.endsWith('.js'));
    const baked = chunks.filter((name) =>
      readFileSync(join(dist, '_astro', name), 'utf8').includes(roomHost),
    );
    expect(baked.length, 'un chunk de isla con el host de la sala').toBeGreaterThan(0);
    // The fetch demos get the room's HTTP base as a prop, written into the page.
    const lesson01 = readFileSync(join(dist, 'lecciones/01-modelo-cliente-servidor/index.html'), 'utf8');
    expect(lesson01).toContain(`http://${roomHost}/parties/main/demo`);
  });

  it.skipIf(!hasBrowser)(
    'with the room host wrong, a lesson reads on and its demo says «Sala no disponible»',
    async () => {
      const site = await startPartykit({ serve: join(copy.dir, 'dist') });
      const browser = await launchBrowser();
      try {
        const page = await browser.newPage();
        const watch = await watchPage(page);
        await page.goto(`${site.origin}/lecciones/04-websocket/`);
        await page.locator('.push-demo').first().scrollIntoViewIfNeeded();
        await page.getByText('Sala no disponible.').first().waitFor({ timeout: 30_000 });
        expect(await page.locator('h1').first().textContent()).toMatch(/WebSocket/);
        // Failed connections may be logged; nothing on the page throws.
        expect(watch.problems.filter((problem) => problem.startsWith('pageerror'))).toEqual([]);
      } finally {
        await browser.close();
        await site.stop();
      }
    },
  );

  it('npm run preview serves the lessons and the room from one port', async () => {
    expect(existsSync(join(copy.dir, 'dist/index.html'))).toBe(true);
    const port = await freePort();
    const preview = startGroup('npm', ['run', 'preview'], { cwd: copy.dir, env: { PORT: String(port) } });
    try {
      const origin = `http://127.0.0.1:${String(port)}`;
      await waitForHttp(`${origin}/parties/main/__ready`, {
        timeoutMs: 60_000,
        exited: preview.exited,
        output: preview.output,
      });
      const lesson = await fetch(`${origin}${pathOf(created)}`);
      expect(lesson.status).toBe(200);
      expect(await lesson.text()).toContain('Primera sección');
      const home = await fetch(`${origin}/`);
      expect(home.status).toBe(200);
      const room = await fetch(`${origin}/parties/main/demo`);
      expect(room.status).toBe(200);
      expect(await room.json()).toMatchObject({ room: 'demo' });
      const client = await connectClient(`127.0.0.1:${String(port)}`, 'demo');
      expect((await client.next('welcome')).type).toBe('welcome');
      await client.close();
      // The script prints the one address to open.
      await expect.poll(() => preview.output(), { timeout: 10_000 }).toContain(`${origin}/`);
      // And the teacher key of this start, random, which the room takes.
      await expect.poll(() => preview.output(), { timeout: 10_000 }).toMatch(/clave de docente: \S{16,}/);
      const key = /clave de docente: (\S{16,})/.exec(preview.output())?.[1] ?? '';
      const pushed = await fetch(`${origin}/parties/main/clase-1`, {
        method: 'POST',
        headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
        body: JSON.stringify({ text: 'Desde la vista previa' }),
      });
      expect(pushed.status).toBe(201);
    } finally {
      await preview.stop();
    }
  });
});
