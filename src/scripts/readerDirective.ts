/**
 * `client:reader`, for islands that make the page a reader of a room (the presence badge):
 * hydrates when the browser is idle, as `client:idle` does, and not when scrolled to,
 * because every open page counts as a reader. An island folded inside a closed `<details>`
 * (the authors' guide folds its live demos) waits until the reader unfolds it: folded, it
 * would load the room's code and open a socket for something nobody asked to see.
 */
import type { ClientDirective } from 'astro';

const reader: ClientDirective = (load, _options, el) => {
  const hydrate = async () => {
    const run = await load();
    await run();
  };
  const start = () => {
    const folded = el.parentElement?.closest('details:not([open])');
    if (folded) folded.addEventListener('toggle', start, { once: true });
    else if ('requestIdleCallback' in window) window.requestIdleCallback(() => void hydrate());
    else setTimeout(() => void hydrate(), 200);
  };
  start();
};

export default reader;
