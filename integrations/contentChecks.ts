/**
 * An Astro integration that fails `astro build` and `astro dev` early when course content
 * is wrong, naming each file. The individual checks live in their own modules.
 */
import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import { checkAuthoring } from './authoringChecks';
import { checkLessonSource, checkLessons, formatProblems } from './lessonCheck';

/** How long a saved page must stay unchanged before it is read and checked again. */
const SETTLE_MS = 150;

/**
 * Calls `run(key)` once `key` has had no new event for `ms`. A save truncates the file before
 * writing it, and the watcher may report the empty file: reading at the first event told
 * authors their lesson had no frontmatter.
 */
export function settledPerKey(ms: number, run: (key: string) => void): (key: string) => void {
  const timers = new Map<string, ReturnType<typeof setTimeout>>();
  return (key) => {
    clearTimeout(timers.get(key));
    timers.set(
      key,
      setTimeout(() => {
        timers.delete(key);
        run(key);
      }, ms),
    );
  };
}

export default function contentChecks(): AstroIntegration {
  let projectRoot: URL | undefined;
  return {
    name: 'cliente-servidor:content-checks',
    hooks: {
      'astro:config:setup': async ({ config, logger }) => {
        projectRoot = config.root;
        const root = fileURLToPath(config.root);
        const lessons = fileURLToPath(new URL('src/content/docs/lecciones/', config.root));
        const problems = checkLessons(lessons, root);
        if (problems.length > 0) {
          throw new Error(`Hay lecciones con frontmatter no válido:\n${formatProblems(problems)}`);
        }
        // Demo tags and mermaid diagrams, in every page (see authoringChecks.ts).
        const report = await checkAuthoring(config.root);
        if (report.warnings.length > 0)
          logger.warn(`Avisos del contenido:\n${formatProblems(report.warnings)}`);
        if (report.problems.length > 0) {
          throw new Error(`Hay errores en el contenido del curso:\n${formatProblems(report.problems)}`);
        }
      },
      // While `astro dev` runs, an edited page is checked again and its problems are
      // printed, without stopping the server (the page itself reloads as usual).
      'astro:server:setup': ({ server, logger }) => {
        if (!projectRoot) return;
        const root = projectRoot;
        const docs = fileURLToPath(new URL('src/content/docs/', root));
        const lessons = fileURLToPath(new URL('src/content/docs/lecciones/', root));
        const questions = fileURLToPath(new URL('src/content/questions/', root));
        const check = settledPerKey(SETTLE_MS, (path) => {
          const file = relative(fileURLToPath(root), path);
          const frontmatter = path.startsWith(lessons)
            ? checkLessonSource(file, readFileSync(path, 'utf8'))
            : [];
          // A question file is checked with every other (no page to read): see questionCheck.ts.
          const pages = path.startsWith(questions) ? [] : [path];
          void checkAuthoring(root, pages).then(({ problems }) => {
            const all = [...frontmatter, ...problems];
            if (all.length > 0) logger.error(`Errores en el contenido:\n${formatProblems(all)}`);
          });
        });
        server.watcher.on('change', (path) => {
          if (
            (path.startsWith(docs) && /\.mdx?$/.test(path)) ||
            (path.startsWith(questions) && /\.ya?ml$/.test(path))
          )
            check(path);
        });
      },
    },
  };
}
