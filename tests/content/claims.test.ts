/**
 * The lessons teach what is true: every wrong or dated claim the review found (listed with
 * its source in `claims.ts`) may stay as the seed wrote it only if a «Con más precisión»
 * aside citing that source follows it, in the lessons, the glossary and the home page alike.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { PAGE_LOAD_STEPS } from '../../src/demos/page-load/steps';
import { checkDemoProps } from '../../src/demos/registry';
import { CLAIMS, type ReviewedClaim } from './claims';

const docsDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../src/content/docs');
const PAGES = [
  'lecciones/01-modelo-cliente-servidor.mdx',
  'lecciones/02-como-llega-una-pagina.mdx',
  'lecciones/03-peticion-y-respuesta.mdx',
  'lecciones/04-websocket.mdx',
  'lecciones/05-websockets-y-socket-io.mdx',
  'glosario.mdx',
  'index.mdx',
];

const read = (page: string) => readFileSync(path.join(docsDir, page), 'utf8').replace(/\r\n/g, '\n');

interface Correction {
  fuente: string;
  cita: string;
  /** The aside's text, with `<PageLoadSteps />` expanded to the steps it renders. */
  body: string;
}

const OPEN = /^<ConMasPrecision\s+([^>]*)>\s*$/;
const STEPS_TEXT = PAGE_LOAD_STEPS.map((step) => `${step.label}. ${step.text}`).join('\n');

function attributes(source: string): Record<string, string> {
  return Object.fromEntries([...source.matchAll(/(\w+)="([^"]*)"/g)].map((m) => [m[1], m[2]]));
}

/** The asides (their text, links reduced to their words) that start at line `from` and follow one another, separated only by blank lines. */
function asideRun(lines: string[], from: number): Correction[] {
  const run: Correction[] = [];
  let i = from;
  while (i < lines.length) {
    const open = OPEN.exec(lines[i] ?? '');
    if (!open) break;
    const end = lines.indexOf('</ConMasPrecision>', i);
    if (end < 0) break;
    const { fuente = '', cita = '' } = attributes(open[1] ?? '');
    const body = lines
      .slice(i + 1, end)
      .join('\n')
      .replace(/<PageLoadSteps\s*\/>/g, STEPS_TEXT)
      .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
      .replace(/\*\*/g, '');
    run.push({ fuente, cita, body });
    i = end + 1;
    while (i < lines.length && (lines[i] ?? '').trim() === '') i++;
  }
  return run;
}

const LIST_OR_INDENT = /^(?:\s*(?:[-*]|\d+\.)\s|\s{2,}\S|<\/[A-Za-z]+>)/;

/**
 * The corrections right after the block that holds line `at`: the rest of its paragraph,
 * list (with nested items) or closing component tag, and the diagram it introduces, then a
 * run of asides. A heading, a code fence, another component or a new paragraph in between
 * means there is none.
 */
function correctionsAfter(lines: string[], at: number): Correction[] {
  let afterBlank = false;
  // A sentence ending in «:» may introduce a diagram; the correction then follows the diagram.
  let introduces = /:\s*$/.test(lines[at] ?? '');
  for (let i = at + 1; i < lines.length; i++) {
    const line = lines[i] ?? '';
    if (line.trim() === '') {
      afterBlank = true;
      continue;
    }
    if (OPEN.test(line)) return asideRun(lines, i);
    if (introduces && /^```mermaid/.test(line)) {
      i = lines.indexOf('```', i + 1);
      if (i < 0) return [];
      introduces = false;
      continue;
    }
    if (/^(?:#|```)/.test(line)) return [];
    if (afterBlank && !LIST_OR_INDENT.test(line)) return [];
    afterBlank = false;
  }
  return [];
}

function flexible(pattern: RegExp): RegExp {
  return new RegExp(pattern.source.replace(/ /g, '\\s+'), 'giu');
}

interface Occurrence {
  page: string;
  line: number;
  corrected: boolean;
}

function occurrences(claim: ReviewedClaim): Occurrence[] {
  return PAGES.flatMap((page) => {
    const text = read(page);
    const lines = text.split('\n');
    return [...text.matchAll(flexible(claim.pattern))].map((match) => {
      const endLine = text.slice(0, (match.index ?? 0) + match[0].length).split('\n').length - 1;
      const corrected = correctionsAfter(lines, endLine).some(
        (c) => c.fuente === claim.source && claim.correction.test(c.body),
      );
      return { page, line: endLine + 1, corrected };
    });
  });
}

describe('every reviewed claim is corrected where it stands', () => {
  it('lists each claim once, with a primary source on an official site', () => {
    expect(new Set(CLAIMS.map((c) => c.id)).size).toBe(CLAIMS.length);
    for (const claim of CLAIMS) {
      expect(claim.source, claim.id).toMatch(
        /^https:\/\/(?:www\.rfc-editor\.org\/rfc\/rfc\d+#section-[\d.]+|developer\.mozilla\.org\/(?:es|en-US)\/docs\/|socket\.io\/docs\/v4\/)/,
      );
    }
  });

  it.each(CLAIMS)('$id: the seed sentence stays in $file', (claim) => {
    const found = occurrences(claim).filter((o) => o.page === claim.file);
    expect(found.length, `${claim.file} no longer states «${claim.pattern.source}»`).toBeGreaterThan(0);
  });

  it.each(CLAIMS)('$id: every page that states it is followed by its correction', (claim) => {
    const bare = occurrences(claim)
      .filter((o) => !o.corrected)
      .map((o) => `${o.page}:${String(o.line)}`);
    expect(bare, `sin «Con más precisión» que cite ${claim.source}`).toEqual([]);
  });
});

describe('the <ConMasPrecision> tag', () => {
  it('refuses a source that is not an https:// address and a missing name', () => {
    expect(checkDemoProps('ConMasPrecision', { fuente: 'http://example.org', cita: 'RFC' }).ok).toBe(false);
    expect(checkDemoProps('ConMasPrecision', { fuente: 'https://www.rfc-editor.org/rfc/rfc6455' }).ok).toBe(
      false,
    );
    expect(
      checkDemoProps('ConMasPrecision', {
        fuente: 'https://www.rfc-editor.org/rfc/rfc6455#section-1.3',
        cita: 'RFC 6455, sección 1.3',
      }).ok,
    ).toBe(true);
  });

  it.each(PAGES)('%s: every aside has valid props, a body and a closing tag', (page) => {
    const lines = read(page).split('\n');
    lines.forEach((line, i) => {
      if (!line.startsWith('<ConMasPrecision')) return;
      const [aside] = asideRun(lines, i);
      expect(aside, `${page}:${String(i + 1)}`).toBeDefined();
      if (!aside) return;
      expect(checkDemoProps('ConMasPrecision', { fuente: aside.fuente, cita: aside.cita }).ok).toBe(true);
      expect(aside.body.trim().length, `${page}:${String(i + 1)} vacío`).toBeGreaterThan(40);
    });
  });
});
