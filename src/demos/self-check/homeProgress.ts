/**
 * The home page's progress card, filled from the reader's stored progress: the count,
 * the first lesson not yet passed, and a reset that asks before forgetting.
 */
import { PROGRESS_EVENT, pageStorage, readProgress, resetProgress } from './progress';

interface LessonLink {
  id: string;
  title: string;
  href: string;
}

/** The sentence and link for where the reader should go next. */
export function nextStep(
  lessons: readonly LessonLink[],
  done: Record<string, number>,
): { lead: string; lesson?: LessonLink } {
  const count = lessons.filter((l) => Object.hasOwn(done, l.id)).length;
  const next = lessons.find((l) => !Object.hasOwn(done, l.id));
  if (!next) return { lead: '¡Completaste todas las lecciones! Puedes repasar cualquiera desde el menú.' };
  return { lead: count === 0 ? 'Empieza por ' : 'Continúa con ', lesson: next };
}

export function mountProgress(card: HTMLElement): void {
  const lessons = JSON.parse(card.dataset['lessons'] ?? '[]') as LessonLink[];
  const count = card.querySelector<HTMLElement>('.progreso-count');
  const next = card.querySelector<HTMLElement>('.progreso-next');
  const reset = card.querySelector<HTMLButtonElement>('.progreso-reset');
  const live = card.querySelector<HTMLElement>('.progreso-live');
  const render = () => {
    const { done } = readProgress(pageStorage());
    const n = lessons.filter((l) => Object.hasOwn(done, l.id)).length;
    if (count) {
      count.textContent = `${String(n)} de ${String(lessons.length)} lecciones completadas.`;
      count.dataset['count'] = String(n);
    }
    if (next) {
      const step = nextStep(lessons, done);
      next.replaceChildren(step.lead);
      if (step.lesson) {
        const link = document.createElement('a');
        link.href = step.lesson.href;
        link.textContent = step.lesson.title;
        next.append(link, '.');
      }
    }
    if (reset) reset.hidden = n === 0;
  };
  reset?.addEventListener('click', () => {
    if (!confirm('¿Borrar tu progreso en este navegador? Las lecciones dejarán de estar marcadas.')) return;
    const { saved } = resetProgress(pageStorage());
    if (live)
      live.textContent = saved ? 'Progreso borrado.' : 'Este navegador no deja cambiar el progreso guardado.';
    next?.querySelector('a')?.focus();
  });
  addEventListener(PROGRESS_EVENT, render);
  addEventListener('storage', render);
  render();
}
