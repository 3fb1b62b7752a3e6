/**
 * The project's one zod error map: how a failed check reads in Spanish, wherever zod
 * checks something a person wrote (a lesson's frontmatter, a demo's props, a question
 * file). Pass it per parse (`schema.safeParse(value, { error: spanishIssue })`), so a
 * schema's own message still wins and no global setting leaks into other code. What zod's
 * own Spanish locale says well is left to it; the rest is said in the course's words.
 */
import type * as z from 'zod/mini';
import es from 'zod/v4/locales/es.js';
import { TYPE_NAMES } from './errors';

const locale = es().localeError;

export function spanishIssue(issue: z.core.$ZodRawIssue): string | undefined {
  if (issue.code === 'invalid_type' && issue.input === undefined) return 'falta y es obligatorio';
  if (issue.code === 'invalid_type') {
    return `debe ser ${TYPE_NAMES[issue.expected] ?? issue.expected}`;
  }
  if (issue.code === 'invalid_value') {
    return `debe ser uno de: ${issue.values.map((v) => `«${String(v)}»`).join(', ')}`;
  }
  if (issue.code === 'unrecognized_keys') {
    const keys = issue.keys.map((k) => `«${k}»`).join(', ');
    return issue.keys.length === 1 ? `clave desconocida: ${keys}` : `claves desconocidas: ${keys}`;
  }
  const said = locale(issue);
  return typeof said === 'string' ? said : said?.message;
}
