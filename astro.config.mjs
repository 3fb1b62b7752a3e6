// @ts-check
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import mdx from '@astrojs/mdx';
import preact from '@astrojs/preact';
import starlight from '@astrojs/starlight';
import { defineConfig } from 'astro/config';
import mermaid from 'astro-mermaid';
import starlightLinksValidator from 'starlight-links-validator';
import basePathLinks from './integrations/basePathLinks.ts';
import contentChecks from './integrations/contentChecks.ts';
import lazyCodeBlocks from './integrations/lazyCodeBlocks.ts';
import mermaidLazy from './integrations/mermaidLazy.ts';
import mermaidMdx from './integrations/mermaidMdx.ts';
import offline from './integrations/offline.ts';
import plainCodeTokens from './integrations/plainCodeTokens.ts';
import readerDirective from './integrations/readerDirective.ts';
import { MERMAID_CONFIG } from './src/scripts/mermaidConfig.ts';

// Deployers set these at build time; see "Despliegue" in the README and .env.example.
// A `.env` file counts too, as it does for PUBLIC_PARTYKIT_HOST; the shell's values win.
const envFile = fileURLToPath(new URL('.env', import.meta.url));
if (existsSync(envFile)) process.loadEnvFile(envFile);
const site = process.env.SITE_URL || undefined;
const base = process.env.BASE_PATH || undefined;

export default defineConfig({
  ...(site ? { site } : {}),
  ...(base ? { base } : {}),
  trailingSlash: 'always',
  integrations: [
    contentChecks(),
    readerDirective(),
    // MDX lessons: ```mermaid blocks become placeholders that mermaidLazy() draws when the
    // reader nears them. astro-mermaid cannot compile them under Sätteri, and its script
    // loads mermaid on page load, which cost lessons 20–30 Lighthouse points on a phone.
    mermaidMdx(),
    mermaidLazy(),
    // Plain Markdown pages: astro-mermaid as usual. Before Starlight, so its markdown plugin
    // sees ```mermaid blocks first; its theme follows Starlight's light/dark switch.
    mermaid({ theme: 'default', autoTheme: true, enableLog: false, mermaidConfig: { ...MERMAID_CONFIG } }),
    starlight({
      title: 'Cliente-Servidor',
      description: 'Curso interactivo sobre cómo se comunican clientes y servidores.',
      defaultLocale: 'root',
      locales: { root: { label: 'Español', lang: 'es' } },
      // basePathLinks() prefixes authors' root-relative links with BASE_PATH, before the validator reads them.
      plugins: [starlightLinksValidator(), basePathLinks()],
      // Lesson pages show their kind, duration, objectives, credit and source under the title;
      // the sidebar marks the lessons whose self-check the reader has passed; MarkdownContent
      // adds the «Imprimir» action and what a printed lesson ends with; the tables of contents
      // wait for the reader's first move before walking the page.
      components: {
        PageTitle: './src/components/overrides/PageTitle.astro',
        Sidebar: './src/components/overrides/Sidebar.astro',
        MarkdownContent: './src/components/overrides/MarkdownContent.astro',
        TableOfContents: './src/components/overrides/TableOfContents.astro',
        MobileTableOfContents: './src/components/overrides/MobileTableOfContents.astro',
      },
      customCss: ['./src/styles/custom.css', './src/styles/print.css'],
      // Code blocks far from the screen wait to be styled and laid out, at their exact height;
      // tokens in the code's own colour need no element of their own.
      expressiveCode: { plugins: [plainCodeTokens(), lazyCodeBlocks()] },
      sidebar: [
        { label: 'Inicio', link: '/' },
        { label: 'Lecciones', items: [{ autogenerate: { directory: 'lecciones' } }] },
        { label: 'Glosario', link: '/glosario/' },
        { label: 'El curso completo, para imprimir', link: '/curso-completo/' },
        { label: 'Para autores', collapsed: true, items: [{ autogenerate: { directory: 'autores' } }] },
      ],
    }),
    mdx(),
    preact(),
    // Production builds only: a Workbox service worker for reading without a network.
    offline(),
  ],
});
