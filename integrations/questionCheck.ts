/**
 * Checks the self-check questions (`src/content/questions/*.yaml`) before Astro builds,
 * naming the file and line: the schema's problems (no correct option, a repeated option,
 * a missing explanation…), a file with no lesson of the same name, a `section` that is no
 * heading of that lesson, an `<Autoevaluacion preguntas="…">` tag with no such file, and a
 * `<Codigo archivo="…">` tag with no snippet of that name.
 */

import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import GithubSlugger from 'github-slugger';
import type { MdastNode, MdxJsxFlowElement } from 'satteri';
import { isMap, isScalar, isSeq, LineCounter, parseDocument } from 'yaml';
import { questionSet } from '../src/content/questionSchema';
import { spanishIssue } from '../src/i18n/zodErrors';
import { type ContentDocument, isProblem, readContentDocument, walk } from './contentDocuments';
import type { ContentProblem } from './lessonCheck';

const QUESTIONS_DIR = 'src/content/questions/';
const LESSONS_DIR = 'src/content/docs/lecciones/';
const SNIPPETS_DIR = 'src/content/snippets/';

/** The tags that name a file, and where that file must be. */
const NAMED_FILES = {
  Autoevaluacion: { prop: 'preguntas', dir: QUESTIONS_DIR, ext: '.yaml' },
  Codigo: { prop: 'archivo', dir: SNIPPETS_DIR, ext: '.js' },
} as const;

function plainText(node: MdastNode): string {
  if ('value' in node && typeof node.value === 'string') return node.value;
  if ('children' in node && Array.isArray(node.children))
    return (node.children as MdastNode[]).map(plainText).join('');
  return '';
}

/** The heading anchors Starlight gives a page (github-slugger, duplicates numbered). */
export function headingAnchors(document: ContentDocument): Set<string> {
  const slugger = new GithubSlugger();
  const anchors = new Set<string>();
  walk(document.tree, (node) => {
    if (node.type === 'heading') anchors.add(slugger.slug(plainText(node)));
  });
  return anchors;
}

/**
 * Checks one question file's text. `anchors` are the lesson's heading anchors, or
 * undefined when there is no lesson of that name.
 */
export function checkQuestionSource(
  file: string,
  source: string,
  anchors: Set<string> | undefined,
): ContentProblem[] {
  const lines = new LineCounter();
  const doc = parseDocument(source, { lineCounter: lines, prettyErrors: false });
  if (doc.errors.length > 0)
    return doc.errors.map((error) => ({
      file,
      line: lines.linePos(error.pos[0]).line,
      message: `no es YAML válido: ${error.message.split('\n')[0]}`,
    }));
  /**
   * The line of the deepest node that exists along `path`: a key's own line (so a list's
   * problem points at `options:`), or for a missing key its parent's.
   */
  const lineOf = (path: readonly PropertyKey[]): number => {
    for (let depth = path.length; depth > 0; depth--) {
      const parent = doc.getIn(path.slice(0, depth - 1) as (string | number)[], true);
      const last = path[depth - 1];
      if (isMap(parent)) {
        const pair = parent.items.find((item) => isScalar(item.key) && item.key.value === last);
        if (isScalar(pair?.key) && pair.key.range) return lines.linePos(pair.key.range[0]).line;
      } else if (isSeq(parent) && typeof last === 'number') {
        const item = parent.items[last] as { range?: [number, number, number] } | undefined;
        if (item?.range) return lines.linePos(item.range[0]).line;
      }
    }
    return 1;
  };
  const problems: ContentProblem[] = [];
  if (!anchors)
    problems.push({
      file,
      line: 1,
      message: `no hay una lección ${LESSONS_DIR}${file
        .split('/')
        .at(-1)
        ?.replace(/\.ya?ml$/, '.mdx')}: el archivo de preguntas lleva el nombre de su lección`,
    });
  const result = questionSet.safeParse(doc.toJS(), { error: spanishIssue });
  if (!result.success) {
    for (const issue of result.error.issues) {
      const where = issue.path.map(String).join('.') || '(raíz)';
      problems.push({ file, line: lineOf(issue.path), message: `«${where}»: ${issue.message}` });
    }
    return problems;
  }
  if (!anchors) return problems;
  result.data.questions.forEach((q, index) => {
    const sections: Array<{ value: string; path: (string | number)[] }> = [
      { value: q.section, path: ['questions', index, 'section'] },
    ];
    if (q.kind !== 'order')
      q.options.forEach((o, at) => {
        if (o.section)
          sections.push({ value: o.section, path: ['questions', index, 'options', at, 'section'] });
      });
    for (const { value, path } of sections)
      if (!anchors.has(value))
        problems.push({
          file,
          line: lineOf(path),
          message: `«section: ${value}» no es un encabezado de la lección; anclas: ${[...anchors].join(', ')}`,
        });
  });
  return problems;
}

/** Every question file, and every `<Autoevaluacion>` in `documents`, against each other. */
export function checkQuestions(root: URL, documents: ContentDocument[]): ContentProblem[] {
  const rootPath = fileURLToPath(root);
  const dir = join(rootPath, QUESTIONS_DIR);
  const names = existsSync(dir) ? readdirSync(dir).filter((n) => /\.ya?ml$/.test(n)) : [];
  const problems = names.flatMap((name) => {
    const lesson = join(rootPath, LESSONS_DIR, name.replace(/\.ya?ml$/, '.mdx'));
    const read = existsSync(lesson) ? readContentDocument(lesson, rootPath) : undefined;
    const anchors = read && !isProblem(read) ? headingAnchors(read) : undefined;
    return checkQuestionSource(`${QUESTIONS_DIR}${name}`, readFileSync(join(dir, name), 'utf8'), anchors);
  });
  for (const document of documents)
    walk(document.tree, (node) => {
      const element = node as MdxJsxFlowElement;
      if (node.type !== 'mdxJsxFlowElement' || !Object.hasOwn(NAMED_FILES, element.name ?? '')) return;
      const tag = element.name as keyof typeof NAMED_FILES;
      const { prop, dir: where, ext } = NAMED_FILES[tag];
      const attribute = element.attributes.find((a) => a.type === 'mdxJsxAttribute' && a.name === prop);
      const value = attribute && 'value' in attribute ? attribute.value : undefined;
      if (
        typeof value === 'string' &&
        /^[\w-]+$/.test(value) &&
        !existsSync(join(rootPath, where, value + ext))
      )
        problems.push({
          file: document.file,
          ...(element.position ? { line: element.position.start.line } : {}),
          message: `<${tag}> prop «${prop}»: no existe ${where}${value}${ext}`,
        });
    });
  return problems;
}
