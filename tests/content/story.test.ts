/**
 * One page-load story and readable credits. Lessons 01 and 02 and the page-load demo tell the
 * same corrected sequence, from one module; each lesson's header reads its sources as a
 * bibliography entry, with what the source does not say written as such.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { referenceText } from '../../src/content/bibliography';
import { reference } from '../../src/content/lessonSchema';
import { PAGE_LOAD_KEYS, PAGE_LOAD_STEPS } from '../../src/demos/page-load/steps';
import { checkDemoProps } from '../../src/demos/registry';

const lessonsDir = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../../src/content/docs/lecciones',
);
const read = (file: string) => readFileSync(path.join(lessonsDir, file), 'utf8');

describe('one page-load story', () => {
  it('goes cache, DNS, TCP, TLS, request, status, HTML, then the other resources', () => {
    expect(PAGE_LOAD_KEYS).toEqual([
      'cache',
      'dns',
      'conexion',
      'tls',
      'peticion',
      'respuesta',
      'pagina',
      'recursos',
    ]);
    expect(PAGE_LOAD_STEPS.find((s) => s.key === 'recursos')?.text).toMatch(/varios a la vez/);
    for (const step of PAGE_LOAD_STEPS) expect(step.source.href).toMatch(/^https:\/\//);
  });

  it('is what the demo’s `pasos` prop accepts (plus the optional redirect)', () => {
    const pasos = Object.fromEntries(PAGE_LOAD_KEYS.map((key) => [key, 1]));
    expect(checkDemoProps('PageLoadDemo', { pasos }).ok).toBe(true);
    expect(checkDemoProps('PageLoadDemo', { pasos: { redireccion: 1 } }).ok).toBe(true);
  });

  it.each(['01-modelo-cliente-servidor.mdx', '02-como-llega-una-pagina.mdx'])(
    '%s shows it once, after its seed’s steps, next to the demo',
    (file) => {
      const text = read(file);
      expect(text.match(/<PageLoadSteps \/>/g)?.length).toBe(1);
      const steps = text.indexOf('</Steps>');
      const story = text.indexOf('<PageLoadSteps />');
      const demo = text.indexOf('<PageLoadDemo');
      expect(steps).toBeGreaterThan(0);
      expect(story).toBeGreaterThan(steps);
      expect(demo).toBeGreaterThan(story);
    },
  );
});

describe('credits read as a bibliography', () => {
  const credits = (file: string) => {
    const frontmatter = /^---\n([\s\S]*?)\n---/.exec(read(file))?.[1] ?? '';
    return ((parse(frontmatter) as { credits: unknown[] }).credits ?? []).map((c) => reference.parse(c));
  };

  it('lesson 04 names the student essay, its author, subject and university', () => {
    expect(credits('04-websocket.mdx').map(referenceText)).toEqual([
      'Esta lección adapta: Martin Enrique Aguilar Valencia (s. f.). ¿Qué es WebSocket? [Ensayo de estudiante, asignatura Cliente-Servidor]. Universidad Politécnica de Quintana Roo. Licencia no indicada.',
    ]);
  });

  it('lesson 03 credits its reading and the Udacity video it links', () => {
    const [reading, video] = credits('03-peticion-y-respuesta.mdx').map(referenceText);
    expect(reading).toMatch(
      /^Esta lección adapta: Autor no indicado \(s\. f\.\)\. Comunicación Cliente Servidor\./,
    );
    expect(video).toBe(
      'Material enlazado: Udacity (s. f.). Client-server communication. [Vídeo en inglés]. Licencia no indicada. https://youtu.be/nozbz6J3_4w',
    );
  });

  it('lesson 05 credits its course guide with the course and year the guide itself shows', () => {
    expect(referenceText(credits('05-websockets-y-socket-io.mdx')[0] ?? reference.parse({}))).toMatch(
      /^Esta lección adapta: Autor no indicado \(2022\)\. Guía 11\. \[Guía de curso, curso DAWM-2022\]\./,
    );
  });
});
