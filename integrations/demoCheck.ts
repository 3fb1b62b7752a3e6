/**
 * Checks every demo tag an MDX page uses (`<PushDemo sala="clase-1" />` and the like)
 * against the tag's props schema (its folder's `props.ts`, gathered in `src/demos/registry.ts`), before Astro renders
 * anything, so a bad prop fails the build naming the file and the line of the tag. Without
 * it, the tag's own check fires while rendering and Astro names only the page's route.
 */

import { dirname, join, relative } from 'node:path';
import { runInNewContext } from 'node:vm';
import type { MdxJsxAttributeUnion, MdxJsxFlowElement, MdxjsEsm } from 'satteri';
import { checkDemoProps, demoTagFile, isDemoTag } from '../src/demos/registry';
import { type DemoPropProblem, formatDemoProblem } from '../src/lib/demoProps';
import { type ContentDocument, walk } from './contentDocuments';
import type { ContentProblem } from './lessonCheck';

/** A value the check could not know before rendering, e.g. a variable. */
const UNKNOWN = Symbol('unknown');

/**
 * The value of one attribute as MDX passes it: `sala="x"` is a string, a bare `attr` is
 * `true`, `{3}` or `{{ dns: 1 }}` is evaluated as a literal in an empty context (anything
 * that names a variable or import is unknown here and left to the tag's own check).
 */
export function attributeValue(attribute: MdxJsxAttributeUnion): unknown {
  if (attribute.type !== 'mdxJsxAttribute') return UNKNOWN;
  const { value } = attribute;
  if (value === null || value === undefined) return true;
  if (typeof value === 'string') return value;
  try {
    return runInNewContext(`(${value.value})`, Object.create(null), { timeout: 50 });
  } catch {
    return UNKNOWN;
  }
}

function importedNames(document: ContentDocument): Set<string> {
  const names = new Set<string>();
  walk(document.tree, (node) => {
    if (node.type !== 'mdxjsEsm') return;
    for (const match of (node as MdxjsEsm).value.matchAll(/import\s+([A-Za-z_$][\w$]*)\s+from\s/g)) {
      if (match[1]) names.add(match[1]);
    }
    for (const match of (node as MdxjsEsm).value.matchAll(/import\s*\{([^}]*)\}\s*from\s/g)) {
      for (const part of (match[1] ?? '').split(',')) {
        const local = part
          .trim()
          .split(/\s+as\s+/)
          .at(-1);
        if (local) names.add(local);
      }
    }
  });
  return names;
}

/** `rootPath` is the project's folder, which the registry's tag files are relative to. */
export function checkDemoTags(document: ContentDocument, rootPath: string): ContentProblem[] {
  const problems: ContentProblem[] = [];
  const imported = importedNames(document);
  walk(document.tree, (node) => {
    if (node.type !== 'mdxJsxFlowElement' && node.type !== 'mdxJsxTextElement') return;
    const element = node as MdxJsxFlowElement;
    const tag = element.name;
    if (!tag || !isDemoTag(tag)) return;
    const line = element.position?.start.line;
    const at = { file: document.file, ...(line === undefined ? {} : { line }) };
    if (!imported.has(tag)) {
      const from = relative(dirname(document.path), join(rootPath, demoTagFile(tag)))
        .split('\\')
        .join('/');
      problems.push({
        ...at,
        message: `<${tag}> se usa sin importarlo; añade tras el frontmatter: import ${tag} from '${from}';`,
      });
    }
    if (element.attributes.some((attribute) => attribute.type !== 'mdxJsxAttribute')) return;
    const props: Record<string, unknown> = {};
    const unknown = new Set<string>();
    for (const attribute of element.attributes) {
      if (attribute.type !== 'mdxJsxAttribute') continue;
      const value = attributeValue(attribute);
      if (value === UNKNOWN) unknown.add(attribute.name);
      else props[attribute.name] = value;
    }
    const result = checkDemoProps(tag, props);
    if (result.ok) return;
    const known = (problem: DemoPropProblem) => !unknown.has(problem.prop?.split('.')[0] ?? '');
    for (const problem of result.problems.filter(known)) {
      problems.push({ ...at, message: formatDemoProblem(tag, problem) });
    }
  });
  return problems;
}
