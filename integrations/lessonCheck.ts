/**
 * Validates the frontmatter of every lesson before Astro builds anything, so an author
 * sees the file, the line and the field, in Spanish, instead of a stack trace.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parseDocument } from 'yaml';
import { lessonFrontmatter } from '../src/content/lessonSchema';
import { spanishIssue } from '../src/i18n/zodErrors';

export interface ContentProblem {
  file: string;
  line?: number;
  message: string;
}

const FRONTMATTER = /^---\r?\n([\s\S]*?)\r?\n---/;

/** Checks one lesson file's text; `file` is only used in the messages. */
export function checkLessonSource(file: string, source: string): ContentProblem[] {
  const match = FRONTMATTER.exec(source);
  if (!match?.[1])
    return [{ file, line: 1, message: 'falta el bloque de frontmatter (--- … ---) al inicio.' }];
  const doc = parseDocument(match[1], { prettyErrors: true });
  if (doc.errors.length > 0) {
    return doc.errors.map((error) => ({
      file,
      line: (error.linePos?.[0].line ?? 0) + 1,
      message: `el frontmatter no es YAML válido: ${error.message.split('\n')[0]}`,
    }));
  }
  const result = lessonFrontmatter.safeParse(doc.toJS(), { error: spanishIssue });
  if (result.success) return [];
  return result.error.issues.map((issue) => {
    const field = issue.path.join('.') || '(raíz)';
    const top = String(issue.path[0] ?? '');
    const lineIndex = match[1]?.split(/\r?\n/).findIndex((l) => l.startsWith(`${top}:`)) ?? -1;
    return {
      file,
      ...(lineIndex >= 0 ? { line: lineIndex + 2 } : {}),
      message: `campo «${field}»: ${issue.message}`,
    };
  });
}

/** Checks every `.md`/`.mdx` file directly under `dir`. */
export function checkLessons(dir: string, root: string): ContentProblem[] {
  let names: string[];
  try {
    names = readdirSync(dir).filter((name) => /\.mdx?$/.test(name));
  } catch {
    return [];
  }
  return names.flatMap((name) => {
    const path = join(dir, name);
    return checkLessonSource(relative(root, path), readFileSync(path, 'utf8'));
  });
}

export function formatProblems(problems: ContentProblem[]): string {
  return problems
    .map((p) => `  ${p.file}${p.line === undefined ? '' : `:${String(p.line)}`} — ${p.message}`)
    .join('\n');
}
