/**
 * Draws each `<pre class="mermaid">` as an SVG only when the reader comes near it, so a
 * lesson does not download and run mermaid (some 200 KB gzipped) before anyone scrolls.
 *
 * Until the reader scrolls, only diagrams in the top three quarters of the screen are
 * drawn: one that merely peeks in at the bottom edge cannot be read yet, and waits. The
 * first scroll starts loading mermaid, and from then on diagrams are drawn two screens
 * ahead. The box each drawing fills is reserved at build time from its source
 * (`integrations/diagramBox.ts`), so a swap from placeholder to SVG moves nothing, in view
 * or not. A diagram in a closed tab or `<details>` has no box to intersect: it is drawn
 * when revealed. A change of Starlight's theme redraws the diagrams already drawn.
 *
 * Each drawing gets an «Ampliar» button that opens it full screen (`diagramZoom.ts`, loaded
 * on the first click). Before printing, the print action asks for every diagram at once
 * with a `cs:draw-all` event (see `drawAllDiagrams` in `print.ts`).
 *
 * Injected on every page by `integrations/mermaidLazy.ts`; on a page without diagrams it
 * does nothing.
 */
import { MERMAID_CONFIG } from './mermaidConfig';
import type { DrawAllEvent } from './print';

type Mermaid = typeof import('mermaid').default;

const THEMES: Record<string, 'default' | 'dark'> = { light: 'default', dark: 'dark' };

const sources = new Map<HTMLElement, string>();
/** Diagrams already drawn or waiting in line, so two observers never queue one twice. */
const queued = new Set<HTMLElement>();
let mermaid: Promise<Mermaid> | undefined;
/** mermaid renders through one hidden element at a time: drawings wait in line. */
let queue: Promise<void> = Promise.resolve();
let next = 0;

function currentTheme(): 'default' | 'dark' {
  return THEMES[document.documentElement.dataset['theme'] ?? ''] ?? 'default';
}

function loadMermaid(): Promise<Mermaid> {
  mermaid ??= import('mermaid').then(
    ({ default: loaded }) => loaded,
    (error: unknown) => {
      // Offline, say: the next diagram the reader reaches tries again.
      mermaid = undefined;
      throw error;
    },
  );
  return mermaid;
}

function draw(diagram: HTMLElement): Promise<void> {
  queued.add(diagram);
  queue = queue.then(async () => {
    const source = sources.get(diagram);
    if (source === undefined) return;
    let loaded: Mermaid;
    try {
      loaded = await loadMermaid();
    } catch {
      // Without mermaid the source is all there is: show it rather than an empty box.
      diagram.setAttribute('data-processed', 'sin-mermaid');
      return;
    }
    loaded.initialize({ ...MERMAID_CONFIG, theme: currentTheme() });
    try {
      const { svg } = await loaded.render(`mermaid-${String(next++)}`, source);
      diagram.innerHTML = svg;
      diagram.append(zoomButton(diagram));
    } catch (error) {
      // The build rejects invalid diagrams, so this is a browser mermaid cannot draw in.
      diagram.textContent = `No se pudo dibujar el diagrama: ${error instanceof Error ? error.message : String(error)}`;
    }
    diagram.setAttribute('data-processed', 'true');
  });
  return queue;
}

/** «Ampliar»: opens the drawing full screen, to zoom and pan it on a small screen. */
function zoomButton(diagram: HTMLElement): HTMLButtonElement {
  const button = document.createElement('button');
  button.type = 'button';
  button.className = 'diagram-zoom';
  button.textContent = 'Ampliar';
  const title = diagram.dataset['title'];
  if (title) button.setAttribute('aria-label', `Ampliar el diagrama: ${title}`);
  button.addEventListener('click', () => {
    void import('./diagramZoom').then(({ openZoom }) => openZoom(diagram, button));
  });
  return button;
}

function observe(rootMargin: string): IntersectionObserver {
  const observer = new IntersectionObserver(
    (entries) => {
      for (const entry of entries) {
        if (!entry.isIntersecting) continue;
        observer.unobserve(entry.target);
        if (!queued.has(entry.target as HTMLElement)) void draw(entry.target as HTMLElement);
      }
    },
    { rootMargin },
  );
  for (const diagram of sources.keys()) {
    if (!queued.has(diagram)) observer.observe(diagram);
  }
  return observer;
}

const diagrams = document.querySelectorAll<HTMLElement>('pre.mermaid-diagram');
if (diagrams.length > 0) {
  for (const diagram of diagrams) sources.set(diagram, diagram.textContent ?? '');
  // A page can ask to wait for the first scroll (the whole-course handout, whose first
  // screen would otherwise load mermaid as it opens); «Imprimir» still draws everything.
  const onScreen = document.querySelector('[data-diagrams-on-scroll]')
    ? undefined
    : observe('0px 0px -25% 0px');
  addEventListener(
    'scroll',
    () => {
      onScreen?.disconnect();
      loadMermaid().catch(() => {
        // The next diagram the reader reaches tries again.
      });
      observe('200% 0px');
    },
    { once: true, passive: true },
  );
  addEventListener('cs:draw-all', (event) => {
    const pending = [...sources.keys()].filter((d) => !queued.has(d)).map(draw);
    (event as DrawAllEvent).detail.pending.push(queue, ...pending);
  });
  new MutationObserver(() => {
    for (const diagram of sources.keys()) {
      if (diagram.hasAttribute('data-processed')) void draw(diagram);
    }
  }).observe(document.documentElement, { attributes: true, attributeFilter: ['data-theme'] });
}
