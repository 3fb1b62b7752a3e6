/**
 * `client:reader`, for islands that make the page a reader of a room (the presence badge):
 * Astro's own `client:idle`, not hydrated when scrolled to, because every open page counts
 * as a reader. An island folded inside a closed `<details>` (the authors' guide folds its
 * live demos) waits until the reader unfolds it: folded, it would load the room's code and
 * open a socket for something nobody asked to see.
 */
import type { ClientDirective } from 'astro';
import idle from 'astro/runtime/client/idle.js';

const reader: ClientDirective = (load, options, el) => {
  const folded = el.parentElement?.closest('details:not([open])');
  if (folded) folded.addEventListener('toggle', () => reader(load, options, el), { once: true });
  else idle(load, options, el);
};

export default reader;
