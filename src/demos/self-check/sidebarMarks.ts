/**
 * Marks the lessons the reader has passed in Starlight's sidebar: a check mark and, for
 * screen readers, "(completada)" after the link. Runs on every page with a sidebar, and
 * again when a self-check on this page (or another tab) changes the progress.
 */
import { lessonFromPath, PROGRESS_EVENT, PROGRESS_KEY, pageStorage, readProgress } from './progress';

function mark(): void {
  const { done } = readProgress(pageStorage());
  for (const link of document.querySelectorAll<HTMLAnchorElement>('#starlight__sidebar a[href]')) {
    const lesson = lessonFromPath(new URL(link.href).pathname);
    if (!lesson) continue;
    const isDone = Object.hasOwn(done, lesson);
    link.toggleAttribute('data-done', isDone);
    let badge = link.querySelector('.lesson-done');
    if (isDone && !badge) {
      badge = document.createElement('span');
      badge.className = 'lesson-done';
      badge.innerHTML = '<span aria-hidden="true">✓</span><span class="sr-only"> (completada)</span>';
      link.append(badge);
    } else if (!isDone) badge?.remove();
  }
}

mark();
addEventListener(PROGRESS_EVENT, mark);
addEventListener('storage', (event) => {
  if (event.key === PROGRESS_KEY || event.key === null) mark();
});
