/**
 * The props of every demo tag authors write in MDX, as one zod schema per tag. The same
 * definition runs twice: in the build-time check (`integrations/demoCheck.ts`), which reads
 * each MDX file and names the file and line of a bad prop, and in each tag's `.astro`
 * frontmatter, which parses `Astro.props` through `parseDemoProps` so a prop the check
 * could not read statically (an expression) is still refused. Adding a demo tag means
 * adding its schema here; the authoring guide lists the same props.
 */
import { z } from 'zod';
import { ROOM_NAME } from '../../party/wire/vocabulary';
import { PAGE_LOAD_KEYS } from '../demos/page-load/steps';
import type { StepKey } from '../demos/page-load/timing';

/** A room's name, as the room server accepts it. */
const sala = z
  .string({ error: 'debe ser texto entre comillas, por ejemplo sala="clase-1"' })
  .regex(ROOM_NAME, 'nombre de sala no válido: usa minúsculas, números y guiones, por ejemplo "clase-1"')
  .default('demo');

/** The page-load demo's steps: an optional redirect, then the course's one page-load story. */
const STEP_KEYS = ['redireccion', ...PAGE_LOAD_KEYS] as [StepKey, ...StepKey[]];

const FUENTE_EJEMPLO = 'fuente="https://www.rfc-editor.org/rfc/rfc6455#section-1.3"';

/** One schema per demo tag, keyed by the tag's name. Unknown props are refused (`strict`). */
export const demoProps = {
  /** The correction aside: what is precise today, next to a seed sentence that is not. */
  ConMasPrecision: z.strictObject({
    fuente: z.url({
      protocol: /^https$/,
      error: `debe ser la dirección https:// de la fuente primaria, por ejemplo ${FUENTE_EJEMPLO}`,
    }),
    cita: z
      .string({
        error: 'debe ser texto entre comillas que nombre la fuente, por ejemplo cita="RFC 6455, sección 1.3"',
      })
      .trim()
      .min(3, 'debe nombrar la fuente, por ejemplo cita="RFC 6455, sección 1.3"')
      .max(120, 'debe ser un nombre corto de la fuente (hasta 120 caracteres)'),
  }),
  /** The course's one corrected page-load sequence, from `src/demos/page-load/steps.ts`. */
  PageLoadSteps: z.strictObject({}),
  PresenceBadge: z.strictObject({ sala }),
  PushDemo: z.strictObject({ sala }),
  HttpStatusDemo: z.strictObject({ sala }),
  ConnectionInspector: z.strictObject({ sala }),
  HandshakeDemo: z.strictObject({ sala }),
  EventProtocolDemo: z.strictObject({ sala }),
  PollingVsPushDemo: z.strictObject({
    sala,
    intervalo: z
      .number({ error: 'debe ser un número entre llaves, por ejemplo intervalo={5}' })
      .int('debe ser un número entero de segundos, de 1 a 10')
      .min(1, 'debe ser un número entero de segundos, de 1 a 10')
      .max(10, 'debe ser un número entero de segundos, de 1 a 10')
      .default(5),
  }),
  SyncAsyncDemo: z.strictObject({
    sala,
    peticiones: z
      .number({ error: 'debe ser un número entre llaves, por ejemplo peticiones={3}' })
      .int('debe ser un número entero de 1 a 6')
      .min(1, 'debe ser un número entero de 1 a 6')
      .max(6, 'debe ser un número entero de 1 a 6')
      .default(3),
    espera: z
      .union([z.literal(200), z.literal(400), z.literal(800), z.literal(1500), z.literal(3000)], {
        error: 'debe ser 200, 400, 800, 1500 o 3000, entre llaves: espera={800}',
      })
      .default(400),
  }),
  /** A lesson's self-check; `preguntas` names `src/content/questions/<preguntas>.yaml`. */
  Autoevaluacion: z.strictObject({
    preguntas: z
      .string({
        error:
          'debe ser el nombre de la lección entre comillas, por ejemplo preguntas="03-peticion-y-respuesta"',
      })
      .regex(/^\d{2}-[a-z0-9-]+$/, 'debe ser el nombre de la lección, por ejemplo "03-peticion-y-respuesta"'),
    /** A demonstration outside its lesson (the authors' guide): passing it records nothing. */
    ejemplo: z
      .boolean({ error: 'se escribe sola, sin valor: <Autoevaluacion preguntas="…" ejemplo />' })
      .default(false),
  }),
  /** Code the reader runs in a Web Worker; `archivo` names `src/content/snippets/<archivo>.js`. */
  Codigo: z.strictObject({
    sala,
    archivo: z
      .string({
        error: 'debe ser el nombre de un ejemplo entre comillas, por ejemplo archivo="03-fetch-await"',
      })
      .regex(/^[a-z0-9-]+$/, 'debe ser el nombre de un archivo de src/content/snippets/, sin «.js»'),
    limite: z
      .number({ error: 'debe ser un número entre llaves, por ejemplo limite={10}' })
      .int('debe ser un número entero de segundos, de 1 a 30')
      .min(1, 'debe ser un número entero de segundos, de 1 a 30')
      .max(30, 'debe ser un número entero de segundos, de 1 a 30')
      .default(10),
  }),
  /** The home page's progress: lessons done, where to continue, reset. No props. */
  Progreso: z.strictObject({}),
  PageLoadDemo: z.strictObject({
    seccion: z
      .string({ error: 'debe ser texto entre comillas' })
      .regex(/^[^#\s]+$/, 'debe ser el ancla de un encabezado sin «#», por ejemplo "qué-ocurre-entonces"')
      .optional(),
    pasos: z
      .partialRecord(
        z.enum(STEP_KEYS, { error: `las claves válidas son: ${STEP_KEYS.join(', ')}` }),
        z
          .number({ error: 'cada paso es un número' })
          .int('cada paso es un número entero')
          .min(1, 'los pasos empiezan en 1'),
        { error: 'debe ser un objeto entre llaves dobles, por ejemplo pasos={{ dns: 1, peticion: 2 }}' },
      )
      .optional(),
  }),
} as const;

export type DemoTag = keyof typeof demoProps;
export type DemoPropsInput<T extends DemoTag> = z.input<(typeof demoProps)[T]>;
export type DemoPropsOutput<T extends DemoTag> = z.output<(typeof demoProps)[T]>;

export function isDemoTag(name: string): name is DemoTag {
  return Object.hasOwn(demoProps, name);
}

/** One problem with one prop, in Spanish, e.g. `prop «sala»: nombre de sala no válido…`. */
export interface DemoPropProblem {
  prop?: string;
  message: string;
}

/** Validates a tag's props; returns the problems, or the parsed props with defaults filled in. */
export function checkDemoProps<T extends DemoTag>(
  tag: T,
  props: Record<string, unknown>,
): { ok: true; props: DemoPropsOutput<T> } | { ok: false; problems: DemoPropProblem[] } {
  const result = demoProps[tag].safeParse(props);
  if (result.success) return { ok: true, props: result.data as DemoPropsOutput<T> };
  const problems = result.error.issues.flatMap((issue): DemoPropProblem[] => {
    const path = issue.path.map(String);
    if (issue.code === 'unrecognized_keys') {
      if (path.length > 0) {
        return issue.keys.map((key) => ({ prop: [...path, key].join('.'), message: 'clave desconocida' }));
      }
      const known = Object.keys(demoProps[tag].shape).join(', ');
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
export function parseDemoProps<T extends DemoTag>(
  tag: T,
  props: Record<string, unknown>,
): DemoPropsOutput<T> {
  const result = checkDemoProps(tag, props);
  if (result.ok) return result.props;
  throw new Error(result.problems.map((problem) => formatDemoProblem(tag, problem)).join('\n'));
}
