/**
 * Wakes the tables of contents `LazyToc.astro` rendered asleep: each `cs-toc` becomes the
 * Starlight element named in its `data-tag`, with the same attributes and children, and
 * Starlight's script (already loaded) upgrades it.
 */
const EVENTS = ['scroll', 'keydown', 'click', 'resize', 'hashchange'] as const;

function wake(): void {
  const focused = document.activeElement;
  for (const asleep of document.querySelectorAll<HTMLElement>('cs-toc[data-tag]')) {
    const tag = asleep.dataset['tag'];
    if (!tag) continue;
    // Made in a document with no custom elements, so that Starlight's element is upgraded
    // only once it is in the page with its children (its constructor looks for them).
    const awake = document.implementation.createHTMLDocument('').createElement(tag);
    for (const { name, value } of asleep.attributes) if (name !== 'data-tag') awake.setAttribute(name, value);
    awake.append(...asleep.childNodes);
    asleep.replaceWith(awake);
    if (focused instanceof HTMLElement && awake.contains(focused)) focused.focus();
  }
}

/** Wakes every table of contents on the reader's first move, or at once on a page opened at an anchor. */
export function wakeTablesOfContents(): void {
  if (location.hash) {
    wake();
    return;
  }
  const once = () => {
    for (const type of EVENTS) removeEventListener(type, once, true);
    // After the event has done its work: moving the nodes a click or tap lands on, while it
    // is under way, would cancel it (the reader's first tap on «En esta página» would not open it).
    setTimeout(wake);
  };
  for (const type of EVENTS) addEventListener(type, once, { capture: true, passive: true });
}
