/**
 * The «Imprimir» action and what a printed page needs from a script.
 *
 * `beforeprint` is synchronous: mermaid cannot draw in it. So «Imprimir» first asks every
 * renderer for its diagrams (a `cs:draw-all` event; each listener adds the promise of its
 * drawings) and prints once they are drawn. A plain Ctrl-P still gets a clean page: the
 * print sheet shows an undrawn diagram's title and description instead of its source.
 */
import { cssString } from './cssString';

export type DrawAllEvent = CustomEvent<{ pending: Promise<unknown>[] }>;

/** astro-mermaid (plain `.md` pages) draws on load by itself: wait until it has, for a while. */
function astroMermaidDrawn(timeoutMs = 15_000): Promise<void> {
  const done = () => document.querySelector('pre.mermaid:not([data-processed])') === null;
  if (done()) return Promise.resolve();
  return new Promise((resolve) => {
    const observer = new MutationObserver(() => {
      if (!done()) return;
      observer.disconnect();
      resolve();
    });
    observer.observe(document.body, { subtree: true, attributes: true, attributeFilter: ['data-processed'] });
    setTimeout(() => {
      observer.disconnect();
      resolve();
    }, timeoutMs);
  });
}

export async function drawAllDiagrams(): Promise<void> {
  const event: DrawAllEvent = new CustomEvent('cs:draw-all', { detail: { pending: [] } });
  dispatchEvent(event);
  await Promise.allSettled([...event.detail.pending, astroMermaidDrawn()]);
}

/** Writes each link's full address beside it on paper, where it cannot be followed. */
function markLinks(): void {
  for (const link of document.querySelectorAll<HTMLAnchorElement>('.sl-markdown-content a[href]')) {
    const target = new URL(link.href);
    const samePage = target.origin === location.origin && target.pathname === location.pathname;
    if (samePage || link.closest('.demo') || link.textContent?.trim() === link.href) continue;
    link.dataset['printHref'] = link.href;
  }
}

/**
 * The address each printed lesson points to, made absolute from where the page is served
 * (the build knows only the path when no `site` is configured). A lesson page sets it for
 * the whole page; the whole-course page, for each lesson's section. Only just before
 * printing: a custom property changed on the root restyles every element of the page,
 * which on load cost lessons up to ~1400 elements' style recalculation (a long task on a
 * phone) for something only paper shows.
 */
function completeAddresses(): void {
  for (const footer of document.querySelectorAll<HTMLElement>('[data-lesson-url]')) {
    const url = new URL(footer.dataset['lessonUrl'] ?? '', location.href).href;
    const scope = footer.closest<HTMLElement>('.course-lesson') ?? document.documentElement;
    scope.style.setProperty('--lesson-url', cssString(url));
    const text = footer.querySelector('.lesson-print-url');
    if (text) text.textContent = url;
  }
}

/** What paper needs that the screen does not; `beforeprint` covers a plain Ctrl-P. */
function prepareForPaper(): void {
  completeAddresses();
  markLinks();
}

addEventListener('beforeprint', prepareForPaper);
for (const button of document.querySelectorAll<HTMLButtonElement>('[data-print-action]')) {
  button.addEventListener('click', async () => {
    button.disabled = true;
    button.textContent = 'Preparando los diagramas…';
    await drawAllDiagrams();
    prepareForPaper();
    button.disabled = false;
    button.textContent = 'Imprimir';
    print();
  });
}
