/**
 * An Astro integration that fails `astro build` and `astro dev` early when course content
 * is wrong, naming each file. The individual checks live in their own modules.
 */
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import { checkLessons, formatProblems } from './lessonCheck';

export default function contentChecks(): AstroIntegration {
  return {
    name: 'cliente-servidor:content-checks',
    hooks: {
      'astro:config:setup': ({ config }) => {
        const root = fileURLToPath(config.root);
        const lessons = fileURLToPath(new URL('src/content/docs/lecciones/', config.root));
        const problems = checkLessons(lessons, root);
        if (problems.length > 0) {
          throw new Error(`Hay lecciones con frontmatter no válido:\n${formatProblems(problems)}`);
        }
      },
    },
  };
}
