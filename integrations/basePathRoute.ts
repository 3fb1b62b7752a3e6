/**
 * Starlight route middleware: prefixes the home page's hero action links (frontmatter,
 * which Starlight renders as written) with the base path. See `basePathLinks.ts`.
 */
import { defineRouteMiddleware } from '@astrojs/starlight/route-data';
import { withBase } from './withBase';

export const onRequest = defineRouteMiddleware((context) => {
  const base = import.meta.env.BASE_URL;
  const hero = context.locals.starlightRoute.entry.data.hero;
  if (!hero?.actions || base === '/') return;
  hero.actions = hero.actions.map((action) => ({ ...action, link: withBase(action.link, base) }));
});
