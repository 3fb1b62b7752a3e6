/**
 * A lesson's credits as a Spanish bibliography entry (APA-like): author, year, title, kind
 * and course, institution, licence. What the source does not say is written as such
 * («autor no indicado», «s. f.»), so a reader never mistakes a gap for a fact.
 */
import type { Reference } from './lessonSchema';

export interface ReferenceParts {
  /** Everything before the title, e.g. `Martin Enrique Aguilar Valencia (s. f.).` */
  lead: string;
  /** The title, to be set in italics. */
  title: string;
  /** The full stop after the title, unless the title ends in its own mark (`¿…?`). */
  titleEnd: string;
  /** Everything after the title, e.g. `[Ensayo de estudiante, asignatura Cliente-Servidor]. …` */
  tail: string;
  url?: string;
}

const sentence = (text: string) => (/[.!?]$/.test(text) ? text : `${text}.`);

export function referenceParts(ref: Reference): ReferenceParts {
  const lead = `${ref.author ?? 'Autor no indicado'} (${ref.year === undefined ? 's. f.' : String(ref.year)}).`;
  const kind = [ref.kind.charAt(0).toUpperCase() + ref.kind.slice(1), ref.course].filter(Boolean).join(', ');
  const tail = [
    `[${kind}].`,
    ref.institution ? sentence(ref.institution) : undefined,
    ref.licence ? `Licencia: ${sentence(ref.licence)}` : 'Licencia no indicada.',
    ref.note ? sentence(ref.note) : undefined,
  ]
    .filter(Boolean)
    .join(' ');
  const titleEnd = /[.!?]$/.test(ref.title) ? '' : '.';
  return { lead, title: ref.title, titleEnd, tail, ...(ref.url ? { url: ref.url } : {}) };
}

/** How the lesson header introduces each kind of credit. */
export const ROLE_LABELS: Record<Reference['role'], string> = {
  adapta: 'Esta lección adapta',
  enlaza: 'Material enlazado',
};

/** The whole entry as plain text, as the lesson header reads: for tests and plain-text uses. */
export function referenceText(ref: Reference): string {
  const parts = referenceParts(ref);
  return [`${ROLE_LABELS[ref.role]}:`, parts.lead, `${parts.title}${parts.titleEnd}`, parts.tail, parts.url]
    .filter(Boolean)
    .join(' ');
}
