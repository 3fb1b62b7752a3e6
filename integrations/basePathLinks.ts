/**
 * Makes the links authors write work under a base path (`BASE_PATH=/curso/`, e.g. on
 * GitHub Pages). Authors write course links from the site's root, `/lecciones/…` and
 * `/glosario/#…`; Starlight prefixes its own links (sidebar, pagination, search, assets)
 * with `base`, but not the ones in a page's text, in a `<LinkCard href>` or in the home
 * page's hero buttons. This Starlight plugin prefixes those at build time:
 *
 * - a Sätteri mdast plugin rewrites Markdown links, images and definitions, and the
 *   `href`/`src` of JSX tags, in every MDX page; it runs before starlight-links-validator
 *   reads the page, so the validator checks the links as the reader will follow them;
 * - a route middleware (`basePathRoute.ts`) prefixes the hero's action links, which are
 *   frontmatter; the mdast plugin prefixes the validator's copy of them too.
 *
 * With no base path (the default) it does nothing.
 */
import { fileURLToPath } from 'node:url';
import type { StarlightPlugin } from '@astrojs/starlight/types';
import type { AstroIntegration } from 'astro';
import { defineMdastPlugin } from 'satteri';
import { addMdastPlugin } from './mdastPlugins';
import { withBase } from './withBase';

/** JSX attributes that hold a URL. */
const URL_ATTRIBUTES = new Set(['href', 'src']);

interface HeroFrontmatter {
  hero?: { actions?: { link?: unknown }[] };
}

/** The attributes with `href`/`src` prefixed, or `undefined` when none changes. */
function prefixAttributes<A extends { type: string; name?: string; value?: unknown }>(
  attributes: readonly A[],
  base: string,
): A[] | undefined {
  let changed = false;
  const out = attributes.map((attribute) => {
    if (attribute.type !== 'mdxJsxAttribute' || !URL_ATTRIBUTES.has(attribute.name ?? '')) return attribute;
    if (typeof attribute.value !== 'string') return attribute;
    const value = withBase(attribute.value, base);
    if (value === attribute.value) return attribute;
    changed = true;
    return { ...attribute, value };
  });
  return changed ? out : undefined;
}

export function basePathMdastPlugin(base: string) {
  return defineMdastPlugin({
    name: 'cliente-servidor:base-path-links',
    before(_root, context) {
      const astro = (context.data as { astro?: { frontmatter?: HeroFrontmatter } }).astro;
      const actions = astro?.frontmatter?.hero?.actions;
      if (!astro?.frontmatter || !Array.isArray(actions)) return;
      astro.frontmatter = {
        ...astro.frontmatter,
        hero: {
          ...astro.frontmatter.hero,
          actions: actions.map((action) =>
            typeof action.link === 'string' ? { ...action, link: withBase(action.link, base) } : action,
          ),
        },
      };
    },
    link(node, context) {
      const url = withBase(node.url, base);
      if (url !== node.url) context.setProperty(node, 'url', url);
    },
    image(node, context) {
      const url = withBase(node.url, base);
      if (url !== node.url) context.setProperty(node, 'url', url);
    },
    definition(node, context) {
      const url = withBase(node.url, base);
      if (url !== node.url) context.setProperty(node, 'url', url);
    },
    // Sätteri cannot set `attributes` in place; returning a copy replaces the element.
    mdxJsxFlowElement(node) {
      const attributes = prefixAttributes(node.attributes, base);
      return attributes ? { ...node, attributes, children: [...node.children] } : undefined;
    },
    mdxJsxTextElement(node) {
      const attributes = prefixAttributes(node.attributes, base);
      return attributes ? { ...node, attributes, children: [...node.children] } : undefined;
    },
  });
}

function basePathIntegration(): AstroIntegration {
  return {
    name: 'cliente-servidor:base-path-links',
    hooks: {
      'astro:config:setup': (setup) => {
        const { base } = setup.config;
        if (base === '/' || base === '') return;
        addMdastPlugin(setup, basePathMdastPlugin(base), 'last');
      },
    },
  };
}

export default function basePathLinks(): StarlightPlugin {
  return {
    name: 'cliente-servidor:base-path-links',
    hooks: {
      'config:setup': ({ addIntegration, addRouteMiddleware, astroConfig }) => {
        addIntegration(basePathIntegration());
        addRouteMiddleware({
          entrypoint: fileURLToPath(new URL('integrations/basePathRoute.ts', astroConfig.root)),
        });
      },
    },
  };
}
