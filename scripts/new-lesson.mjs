// @ts-check
/**
 * `npm run new:lesson -- "Título de la lección"`: creates
 * `src/content/docs/lecciones/NN-titulo-de-la-leccion.mdx` with a valid frontmatter, the
 * next sidebar order and a slug made from the title (accents folded, «ñ» becomes «n»).
 * It never overwrites: if a lesson with that slug exists, whatever its number, it stops.
 *
 * Options: `--tipo lectura|guía|práctica` (default `lectura`), `--duracion <min>`
 * (default 15), `--fuente <archivo semilla>`.
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parseArgs } from 'node:util';
import { parse, stringify } from 'yaml';
import { ROOT } from './tools/root.mjs';

const LESSONS = join(ROOT, 'src/content/docs/lecciones');
const KINDS = ['lectura', 'guía', 'práctica'];
/** A placeholder that passes the `source` check; the author replaces it with the real seed file. */
const PLACEHOLDER_SOURCE = '000_0000000000000000.txt';

/**
 * "¿Qué es un Socket?" -> "que-es-un-socket".
 * @param {string} title
 */
export function slugify(title) {
  return title
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .replace(/-+$/, '');
}

/** @param {string} message */
function fail(message) {
  console.error(`new:lesson: ${message}`);
  process.exit(1);
}

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    tipo: { type: 'string', default: 'lectura' },
    duracion: { type: 'string', default: '15' },
    fuente: { type: 'string', default: PLACEHOLDER_SOURCE },
  },
});
const title = positionals.join(' ').trim();
if (!title) fail('falta el título. Uso: npm run new:lesson -- "Título de la lección"');
const slug = slugify(title);
if (!slug) fail(`el título «${title}» no tiene letras ni números para formar la dirección de la página.`);
if (!KINDS.includes(values.tipo)) fail(`--tipo debe ser ${KINDS.join(', ')}.`);
const duration = Number(values.duracion);
if (!Number.isInteger(duration) || duration < 1 || duration > 240) fail('--duracion: minutos, de 1 a 240.');
if (!/^\d{3}_[0-9a-f]{16}\.txt$/.test(values.fuente)) {
  fail('--fuente debe ser el nombre de un archivo semilla, como 000_2d90ef659e7d20b1.txt.');
}

const names = existsSync(LESSONS) ? readdirSync(LESSONS).filter((name) => /\.mdx?$/.test(name)) : [];
const same = names.find((name) => name.replace(/\.mdx?$/, '').replace(/^\d+-/, '') === slug);
if (same) {
  fail(
    `ya existe una lección con la dirección «${slug}»: ${relative(ROOT, join(LESSONS, same))}. No se sobrescribe.`,
  );
}

/** The highest `sidebar.order` among the lessons, read from each frontmatter. */
const orders = names.map((name) => {
  const text = readFileSync(join(LESSONS, name), 'utf8');
  const match = /^---\r?\n([\s\S]*?)\r?\n---/.exec(text);
  const order = match?.[1] ? parse(match[1])?.sidebar?.order : undefined;
  return typeof order === 'number' ? order : 0;
});
const order = Math.max(0, ...orders) + 1;
const file = join(LESSONS, `${String(order).padStart(2, '0')}-${slug}.mdx`);

const frontmatter = stringify(
  {
    title,
    description: `De qué trata «${title}», en una frase (se usa en buscadores y vistas previas).`,
    sidebar: { order },
    objectives: ['Lo que quien lee sabrá hacer al terminar (una línea por objetivo).'],
    duration,
    kind: values.tipo,
    source: values.fuente,
  },
  { lineWidth: 0 },
);
const sourceNote =
  values.fuente === PLACEHOLDER_SOURCE
    ? '{/* `source` es un marcador: pon el archivo semilla de la lección (ver /autores/frontmatter/). */}\n'
    : '';

const body = `---
${frontmatter}---

import { Aside } from '@astrojs/starlight/components';

${sourceNote}{/* Guía para autores: /autores/ (frontmatter, diagramas, componentes y demostraciones). */}

## Primera sección

Escribe aquí la lección. Cada encabezado \`##\` aparece en «En esta página».

<Aside type="note" title="Para recordar">
  Una idea clave de la sección.
</Aside>
`;

writeFileSync(file, body, { flag: 'wx' });
console.log(`Lección creada: ${relative(ROOT, file)}`);
console.log(
  `Se verá en /lecciones/${String(order).padStart(2, '0')}-${slug}/ (npm start para la vista previa).`,
);
