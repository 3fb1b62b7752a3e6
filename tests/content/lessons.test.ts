/**
 * Content checks for the five lessons, the glossary and the home page.
 *
 * Each lesson is compared with the Spanish teaching document (seed) it was
 * written from: the seed's section headings must survive, source-specific
 * syntax and hot-linked images must not, every diagram must be an accessible
 * mermaid block, and personal data from the seeds must never appear.
 */

import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

const here = path.dirname(fileURLToPath(import.meta.url));
const repoRoot = path.resolve(here, '../..');
const seedsDir = path.resolve(here, '../../../shared/seeds');
const docsDir = path.join(repoRoot, 'src/content/docs');

interface Lesson {
  file: string;
  seed: string;
  order: number;
  minDiagrams: number;
}

const lessons: Lesson[] = [
  {
    file: 'lecciones/01-modelo-cliente-servidor.mdx',
    seed: '002_2517aa3737fcb163.txt',
    order: 1,
    minDiagrams: 1,
  },
  {
    file: 'lecciones/02-como-llega-una-pagina.mdx',
    seed: '001_b7015cdf701af593.txt',
    order: 2,
    minDiagrams: 2,
  },
  {
    file: 'lecciones/03-peticion-y-respuesta.mdx',
    seed: '000_2d90ef659e7d20b1.txt',
    order: 3,
    minDiagrams: 2,
  },
  { file: 'lecciones/04-websocket.mdx', seed: '004_0bf5fce65956bc0e.txt', order: 4, minDiagrams: 1 },
  {
    file: 'lecciones/05-websockets-y-socket-io.mdx',
    seed: '003_6ca33f1c4f8e9558.txt',
    order: 5,
    minDiagrams: 1,
  },
];

const otherPages = ['glosario.mdx', 'index.mdx'];

/** Typos in the seeds that the lessons fix; applied before comparing. */
const TYPOS: Array<[RegExp, string]> = [
  [/cúal/g, 'cuál'],
  [/clinete/g, 'cliente'],
  [/meidnate/g, 'mediante'],
  [/librer\[ia\]/g, 'librería'],
];

/**
 * Seed headings that are not lesson sections: they move to frontmatter (objectives, the
 * credited institution) or are the source course's own numbering («Guía 11»), which the
 * lesson drops and the credits keep as the source's title.
 */
const EXCLUDED_HEADINGS = new Set([
  'objetivos de aprendizaje',
  'universidad politécnica de quintana roo',
  'guía 11',
]);

/**
 * Deliberate changes to seed text, applied to the seed before comparing its sentences with
 * the lesson. Each is a garbled sentence fixed or a seed element the lesson replaces; every
 * other seed sentence must appear in its lesson word for word.
 */
const SEED_CHANGES: Array<[RegExp, string, string]> = [
  [/la siguiente imagen/g, 'el siguiente diagrama', 'the hot-linked image became an accessible diagram'],
  [
    /En la imagen se puede apreciar como/g,
    'En el diagrama se puede apreciar cómo',
    'same diagram; accent fixed',
  ],
  [/de que manera/g, 'de qué manera', 'missing accent'],
  [/son transportados/g, 'son transportadas', 'agreement with «peticiones y respuestas»'],
  [/:muscle:/g, '', 'the emoji shortcode became the emoji itself'],
  [/van ambos lados/g, 'van a ambos lados', 'dropped word'],
];

/**
 * Personal data from the seeds' headers (a student ID, a group code) that must never be
 * published. Read from the seeds at test time, so the values themselves never enter the
 * repository, not even in this test.
 */
const PERSONAL_DATA = personalData();

function personalData(): string[] {
  const values: string[] = [];
  for (const lesson of lessons) {
    const header = read(path.join(seedsDir, lesson.seed)).split(/^##\s+¿/m)[0] ?? '';
    for (const m of header.matchAll(/^\s*(?:Grupo|Matr[ií]cula)\s*:\s*(\S+)\s*$/gim)) {
      if (m[1]) values.push(m[1]);
    }
  }
  return values;
}

/** Seed text → its sentences as the lesson must keep them (markup, images and links stripped). */
function seedSentences(seedText: string): string[] {
  let { body } = splitFrontmatter(seedText);
  // Seed 004 opens with a personal header (name, group, ID) that no lesson reproduces.
  if (/^\s*Matr[ií]cula\s*:/im.test(body)) body = body.slice(body.search(/^##\s+¿/m));
  body = body.replace(/\{\{<\s*mermaid\s*>\}\}[\s\S]*?\{\{<\s*\/mermaid\s*>\}\}/g, '');
  body = body.replace(/### Referencias[\s\S]*$/, '');
  // The objectives move to frontmatter, where another test checks them word for word.
  body = body.replace(/^## Objetivos de Aprendizaje\n[\s\S]*?(?=^#)/m, '');
  for (const [re, fix] of SEED_CHANGES) body = body.replace(re, fix);
  const prose = body
    .split('\n')
    .filter((line) => !/^\s*#/.test(line) && !/^\s*\[Regresar\]/.test(line))
    .join('\n')
    .replace(/\[!\[[^\]]*\]\([^)]*\)\]\([^)]*\)/g, '')
    .replace(/!\[[^\]]*\]\([^)]*\)/g, '')
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1');
  return prose
    .split(/(?<=[.!?])\s+|\n\s*\n|\n\s*(?:[-*>]+|\d+\.)\s+/)
    .map(normalize)
    .filter((sentence) => sentence.split(' ').length >= 3);
}

/** Lesson text as prose: no frontmatter, imports, component tags or link targets. */
function lessonProse(text: string): string {
  const { body } = splitFrontmatter(text);
  return normalize(
    body
      .replace(/^import .*$/gm, '')
      .replace(/^<\/?[A-Z][^>]*>\s*$/gm, ' ')
      .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1'),
  );
}

function normalize(text: string): string {
  let s = text.normalize('NFC').toLowerCase();
  for (const [re, fix] of TYPOS) s = s.replace(re, fix);
  return s.replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
}

function read(file: string): string {
  return readFileSync(file, 'utf8').replace(/\r\n/g, '\n');
}

function splitFrontmatter(text: string): { data: Record<string, unknown>; body: string } {
  const m = /^---\n([\s\S]*?)\n---\n?/.exec(text);
  if (!m) return { data: {}, body: text };
  return { data: (parse(m[1] ?? '') ?? {}) as Record<string, unknown>, body: text.slice(m[0].length) };
}

/** Markdown headings outside fenced code blocks. */
function headings(body: string, maxLevel = 6): Array<{ level: number; text: string }> {
  const out: Array<{ level: number; text: string }> = [];
  let inFence = false;
  for (const line of body.split('\n')) {
    if (/^\s*```/.test(line)) {
      inFence = !inFence;
      continue;
    }
    if (inFence) continue;
    const m = /^(#{1,6})\s+(.+?)\s*#*\s*$/.exec(line);
    const [, hashes = '', text = ''] = m ?? [];
    if (m && hashes.length <= maxLevel) out.push({ level: hashes.length, text });
  }
  return out;
}

/** The seed's section headings that a lesson must keep. */
function seedSectionHeadings(seedText: string): string[] {
  const { body } = splitFrontmatter(seedText);
  const all = headings(body, 3);
  const rest = all[0]?.level === 1 ? all.slice(1) : all;
  return rest.map((h) => normalize(h.text)).filter((h) => h && !EXCLUDED_HEADINGS.has(h));
}

function mermaidBlocks(body: string): string[] {
  return [...body.matchAll(/^```mermaid[^\n]*\n([\s\S]*?)^```\s*$/gm)].map((m) => m[1] ?? '');
}

/** Plain-text heading → anchor, like github-slugger (used by Astro/Starlight). */
function slug(heading: string): string {
  const text = heading
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/[`*_]/g, '')
    .trim()
    .toLowerCase();
  return text.replace(/[^\p{L}\p{M}\p{N}\p{Pc} -]/gu, '').replace(/ /g, '-');
}

function anchorsOf(file: string): Set<string> {
  const { body } = splitFrontmatter(read(file));
  const seen = new Map<string, number>();
  const anchors = new Set<string>();
  for (const h of headings(body)) {
    const base = slug(h.text);
    const n = seen.get(base) ?? 0;
    seen.set(base, n + 1);
    anchors.add(n === 0 ? base : `${base}-${n}`);
  }
  return anchors;
}

/** Maps a site path like /lecciones/04-websocket/ to its content file. */
function pageFile(sitePath: string): string | undefined {
  const clean = sitePath.replace(/^\/|\/$/g, '');
  const candidates =
    clean === '' ? ['index.mdx', 'index.md'] : [`${clean}.mdx`, `${clean}.md`, `${clean}/index.mdx`];
  return candidates.map((c) => path.join(docsDir, c)).find((c) => existsSync(c));
}

describe('seeds are available', () => {
  it.each(lessons)('$seed exists', ({ seed }) => {
    expect(existsSync(path.join(seedsDir, seed)), `missing seed ${path.join(seedsDir, seed)}`).toBe(true);
  });
});

describe.each(lessons)('$file', ({ file, seed, order, minDiagrams }) => {
  const lessonPath = path.join(docsDir, file);
  const load = () => splitFrontmatter(read(lessonPath));

  it('exists', () => {
    expect(existsSync(lessonPath)).toBe(true);
  });

  it('has the expected frontmatter and names its seed as source', () => {
    const { data } = load();
    expect(data.source).toBe(seed);
    expect(typeof data.title).toBe('string');
    expect(typeof data.description).toBe('string');
    expect((data.description as string).length).toBeLessThanOrEqual(170);
    expect((data.sidebar as { order?: number })?.order).toBe(order);
    expect(['lectura', 'guía', 'práctica']).toContain(data.kind);
    expect(data.duration).toBeGreaterThanOrEqual(10);
    expect(data.duration).toBeLessThanOrEqual(30);
    const objectives = data.objectives as string[];
    expect(Array.isArray(objectives)).toBe(true);
    expect(objectives.length).toBeGreaterThanOrEqual(2);
    expect(objectives.length).toBeLessThanOrEqual(5);
  });

  it('keeps every section heading of its seed', () => {
    const { data, body } = load();
    const lessonHeadings = new Set(headings(body).map((h) => normalize(h.text)));
    const title = normalize(String(data.title));
    const expected = seedSectionHeadings(read(path.join(seedsDir, seed)));
    expect(expected.length).toBeGreaterThan(0);
    const missing = expected.filter((h) => !lessonHeadings.has(h) && !title.includes(h));
    expect(missing, `seed headings missing from ${file}`).toEqual([]);
  });

  it('keeps every sentence of its seed, word for word (apart from the listed changes)', () => {
    const prose = lessonProse(read(lessonPath));
    const sentences = seedSentences(read(path.join(seedsDir, seed)));
    expect(sentences.length).toBeGreaterThan(3);
    const missing = sentences.filter((sentence) => !prose.includes(sentence));
    expect(missing, `seed sentences missing from ${file}`).toEqual([]);
  });

  it('names its sources as a bibliography, not a file name', () => {
    const { data } = load();
    const credits = data.credits as Array<Record<string, unknown>>;
    expect(Array.isArray(credits) && credits.length > 0, 'credits').toBe(true);
    expect(credits[0]?.role ?? 'adapta').toBe('adapta');
    for (const credit of credits) {
      expect(typeof credit.title).toBe('string');
      expect(typeof credit.kind).toBe('string');
      expect(JSON.stringify(credit)).not.toMatch(/\d{3}_[0-9a-f]{16}/);
    }
  });

  it('keeps no course numbering from its source in its own text', () => {
    const { data, body } = load();
    expect(String(data.title)).not.toMatch(/Gu[ií]a \d+/);
    expect(body).not.toMatch(/Gu[ií]a \d+/);
  });

  it('drops source-specific syntax, hot-linked images and personal data', () => {
    const text = read(lessonPath);
    expect(text).not.toMatch(/!\[[^\]]*\]\(\s*https?:/);
    expect(text).not.toContain('{{<');
    expect(text).not.toMatch(/Regresar/i);
    expect(text).not.toContain(':muscle:');
    for (const s of PERSONAL_DATA) expect(text).not.toContain(s);
  });

  it(`has at least ${minDiagrams} accessible mermaid diagram(s)`, () => {
    const { body } = load();
    const blocks = mermaidBlocks(body);
    const openings = body.match(/^```mermaid/gm) ?? [];
    expect(blocks.length).toBe(openings.length);
    expect(blocks.length).toBeGreaterThanOrEqual(minDiagrams);
    for (const block of blocks) {
      const lines = block
        .split('\n')
        .map((l) => l.trim())
        .filter(Boolean);
      expect(lines[0]).toMatch(/^(flowchart|sequenceDiagram|classDiagram)\b/);
      expect(block).toContain('accTitle:');
      expect(block).toContain('accDescr:');
      expect(lines[1], 'accTitle right after the diagram type').toMatch(/^accTitle:\s*\S/);
      expect(lines[2], 'accDescr right after accTitle').toMatch(/^accDescr:\s*\S/);
    }
  });
});

describe('lesson-specific content', () => {
  it('lesson 03 uses the seed objectives verbatim and is a 30-minute reading', () => {
    const { data } = splitFrontmatter(read(path.join(docsDir, 'lecciones/03-peticion-y-respuesta.mdx')));
    expect(data.objectives).toEqual([
      'Entender el flujo de petición y respuesta',
      'Qué significa que sea asíncrono',
    ]);
    expect(data.duration).toBe(30);
    expect(data.kind).toBe('lectura');
  });

  it('lesson 04 credits the student essay it adapts, author and university, only in frontmatter', () => {
    const { data, body } = splitFrontmatter(read(path.join(docsDir, 'lecciones/04-websocket.mdx')));
    expect(data.credits).toEqual([
      {
        title: '¿Qué es WebSocket?',
        kind: 'ensayo de estudiante',
        author: 'Martin Enrique Aguilar Valencia',
        course: 'asignatura Cliente-Servidor',
        institution: 'Universidad Politécnica de Quintana Roo',
      },
    ]);
    expect(body).not.toContain('Martin Enrique');
    expect(body).not.toMatch(/Quintana Roo/i);
    expect(body).not.toMatch(/Matr[ií]cula|Grupo:/i);
    expect(body).toContain('Sec-WebSocket-Key');
    expect(body).toContain('101 Switching Protocols');
  });

  it('lesson 05 keeps the seed references in a Spanish format, with their data', () => {
    const { body } = splitFrontmatter(read(path.join(docsDir, 'lecciones/05-websockets-y-socket-io.mdx')));
    const refs = body.slice(body.indexOf('## Referencias'));
    expect(refs).not.toMatch(/Retrieved|from https/);
    expect(refs.match(/Recuperado el 11 de julio de 2022 de/g)?.length).toBe(2);
    for (const url of [
      'https://developer.mozilla.org/es/docs/Web/API/WebSockets_API',
      'https://levelup.gitconnected.com/getting-started-with-node-js-and-websockets-f22dd0452105',
    ])
      expect(refs).toContain(url);
    expect(refs).toMatch(/\(2022\)/);
    expect(refs).toMatch(/\(2020\)/);
  });

  it('lesson 05 is a guide with the worked example, Términos and Referencias', () => {
    const { data, body } = splitFrontmatter(
      read(path.join(docsDir, 'lecciones/05-websockets-y-socket-io.mdx')),
    );
    expect(data.kind).toBe('guía');
    const hs = headings(body).map((h) => h.text);
    expect(hs).toContain('Ejemplo resuelto: una encuesta en clase');
    expect(hs).toContain('Términos');
    expect(hs).toContain('Referencias');
    expect(body).toContain(
      'Diseñe el protocolo de comunicación entre el cliente y el servidor para una aplicación asíncrona mediante sockets de comunicación.',
    );
    for (const ev of ['encuesta:crear', 'encuesta:voto', 'encuesta:resultado']) expect(body).toContain(ev);
  });
});

describe('glossary and home page', () => {
  it.each(otherPages)('%s exists and contains no personal data or hot-linked images', (page) => {
    const text = read(path.join(docsDir, page));
    expect(text).not.toMatch(/!\[[^\]]*\]\(\s*https?:/);
    for (const s of PERSONAL_DATA) expect(text).not.toContain(s);
  });

  it('glossary has one heading per required term, in alphabetical order, each linked to lessons', () => {
    const { body } = splitFrontmatter(read(path.join(docsDir, 'glosario.mdx')));
    const terms = headings(body)
      .filter((h) => h.level === 3)
      .map((h) => h.text);
    const required = [
      'AJAX',
      'API',
      'Asíncrono',
      'Backend',
      'Caché',
      'Cliente',
      'Código de estado',
      'Cookie',
      'DNS',
      'Frontend',
      'Apretón de manos (handshake)',
      'fetch',
      'HTTP',
      'HTTPS y TLS',
      'JSON',
      'Método HTTP',
      'Notificación push',
      'Paquete de datos',
      'Payload',
      'Petición y respuesta',
      'Sala',
      'Servidor',
      'Síncrono',
      'Socket',
      'Socket.IO',
      'Sondeo (polling)',
      'Sondeo largo (long polling)',
      'Stack',
      'TCP/IP',
      'Upgrade y 101 Switching Protocols',
      'URI',
      'URL',
      'WebSocket',
    ];
    for (const t of required) expect(terms).toContain(t);
    const key = (s: string) => s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
    expect(terms).toEqual([...terms].sort((a, b) => key(a).localeCompare(key(b))));
    const sections = body.split(/^### /m).slice(1);
    for (const section of sections)
      expect(section, section.split('\n')[0]).toMatch(/Se usa en: \[.+\]\(\/lecciones\//);
    expect(body).toContain('apretón de manos');
  });

  it('home page is a splash page leading to the first lesson and the glossary', () => {
    const { data, body } = splitFrontmatter(read(path.join(docsDir, 'index.mdx')));
    expect(data.template).toBe('splash');
    const actions = (data.hero as { actions: Array<{ link: string; variant: string }> }).actions;
    expect(actions.map((a) => a.link)).toEqual(['/lecciones/01-modelo-cliente-servidor/', '/glosario/']);
    const cards = [...body.matchAll(/href="(\/lecciones\/[^"]+)"/g)].map((m) => m[1]);
    expect(cards).toEqual(lessons.map((l) => `/${l.file.replace(/\.mdx$/, '')}/`));
  });
});

describe('internal links', () => {
  const files = [...lessons.map((l) => l.file), ...otherPages];
  it.each(files)('%s links only to existing pages and anchors', (file) => {
    const { data, body } = splitFrontmatter(read(path.join(docsDir, file)));
    const hrefs = [
      ...[...body.matchAll(/\]\((\/[^)\s]*)\)/g)].map((m) => m[1] ?? ''),
      ...[...body.matchAll(/href="(\/[^"]*)"/g)].map((m) => m[1] ?? ''),
      ...((data.hero as { actions?: Array<{ link: string }> })?.actions ?? []).map((a) => a.link),
    ];
    const broken: string[] = [];
    for (const href of hrefs) {
      const [pagePath = '', hash] = href.split('#');
      const target = pageFile(pagePath);
      if (!target) {
        broken.push(href);
        continue;
      }
      if (hash && !anchorsOf(target).has(decodeURIComponent(hash))) broken.push(href);
    }
    expect(broken).toEqual([]);
  });
});

describe('privacy', () => {
  it('finds the personal data in the seed header it guards against', () => {
    // If the seed changes shape, the scan below would pass vacuously; fail loudly instead.
    expect(PERSONAL_DATA.length).toBeGreaterThanOrEqual(2);
    for (const value of PERSONAL_DATA) expect(value.length).toBeGreaterThanOrEqual(3);
  });

  it('no file in the working tree contains it, tests and fixtures included', () => {
    const files = execFileSync('git', ['ls-files', '--cached', '--others', '--exclude-standard', '-z'], {
      cwd: repoRoot,
      encoding: 'utf8',
    })
      .split('\0')
      .filter((f) => f && existsSync(path.join(repoRoot, f)));
    expect(files.length).toBeGreaterThan(50);
    const leaks: string[] = [];
    for (const file of files) {
      const text = readFileSync(path.join(repoRoot, file), 'latin1');
      for (const value of PERSONAL_DATA) if (text.includes(value)) leaks.push(file);
    }
    expect(leaks).toEqual([]);
  });
});
