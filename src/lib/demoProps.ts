/**
 * How a tag authors write in MDX checks its props. Each tag's zod schema lives in its own
 * folder (`src/demos/<demo>/props.ts`, or `src/components/props.ts` for the authoring tags
 * that are not demos), and `src/demos/registry.ts` gathers them for the build-time check
 * (`integrations/demoCheck.ts`), which names the MDX file and line of a bad prop. The tag's
 * `.astro` frontmatter parses `Astro.props` through `parseDemoProps` with the same schema,
 * so a prop the check could not read statically (an expression) is still refused.
 */
import { z } from 'zod';
import { ROOM_NAME } from '../../party/wire/vocabulary';
import { spanishIssue } from '../i18n/zodErrors';

/** A room's name, as the room server accepts it. Shared by every tag that talks to a room. */
export const sala = z
  .string({ error: 'debe ser texto entre comillas, por ejemplo sala="clase-1"' })
  .regex(ROOM_NAME, 'nombre de sala no válido: usa minúsculas, números y guiones, por ejemplo "clase-1"')
  .default('demo');

/**
 * A whole number from `min` to `max` written between braces (`intervalo={5}`), `fallback` when
 * left out; `unit` names what it counts in the message, e.g. `segundos`.
 */
export function wholeNumber(prop: string, min: number, max: number, fallback: number, unit?: string) {
  const range = `debe ser un número entero ${unit ? `de ${unit}, ` : ''}de ${String(min)} a ${String(max)}`;
  return z
    .number({ error: `debe ser un número entre llaves, por ejemplo ${prop}={${String(fallback)}}` })
    .int(range)
    .min(min, range)
    .max(max, range)
    .default(fallback);
}

/** Any tag's props schema: an object that refuses unknown props (`z.strictObject`). */
export type TagSchema = z.ZodObject;

/** The props a tag's `.astro` accepts, as authors write them: `type Props = PropsOf<typeof props>`. */
export type PropsOf<S extends TagSchema> = z.input<S>;

/** One problem with one prop, in Spanish, e.g. `prop «sala»: nombre de sala no válido…`. */
export interface DemoPropProblem {
  prop?: string;
  message: string;
}

/** Validates a tag's props; returns the problems, or the parsed props with defaults filled in. */
export function checkProps<S extends TagSchema>(
  tag: string,
  schema: S,
  props: Record<string, unknown>,
): { ok: true; props: z.output<S> } | { ok: false; problems: DemoPropProblem[] } {
  const result = schema.safeParse(props, { error: spanishIssue });
  if (result.success) return { ok: true, props: result.data };
  const problems = result.error.issues.flatMap((issue): DemoPropProblem[] => {
    const path = issue.path.map(String);
    if (issue.code === 'unrecognized_keys') {
      if (path.length > 0) {
        return issue.keys.map((key) => ({ prop: [...path, key].join('.'), message: 'clave desconocida' }));
      }
      const known = Object.keys(schema.shape).join(', ');
      return issue.keys.map((key) => ({
        prop: key,
        message: `prop desconocida; <${tag}> acepta: ${known || '(ninguna)'}`,
      }));
    }
    const missing = path.length === 1 && path[0] !== undefined && !Object.hasOwn(props, path[0]);
    return [
      {
        ...(path.length > 0 ? { prop: path.join('.') } : {}),
        message: missing ? 'falta y es obligatoria' : issue.message,
      },
    ];
  });
  return { ok: false, problems };
}

export function formatDemoProblem(tag: string, problem: DemoPropProblem): string {
  return `<${tag}> ${problem.prop ? `prop «${problem.prop}»` : 'props'}: ${problem.message}`;
}

/**
 * For a tag's `.astro` frontmatter: the parsed props, or an error naming the tag and prop.
 * The build-time check reports the same problem earlier, with the file and line.
 */
export function parseDemoProps<S extends TagSchema>(
  tag: string,
  schema: S,
  props: Record<string, unknown>,
): z.output<S> {
  const result = checkProps(tag, schema, props);
  if (result.ok) return result.props;
  throw new Error(result.problems.map((problem) => formatDemoProblem(tag, problem)).join('\n'));
}
