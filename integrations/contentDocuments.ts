/**
 * The course's content files, each read and parsed once into an mdast tree with positions,
 * for the checks that look inside a page: mermaid diagrams and demo tags. The tree comes
 * from Sätteri, the same parser Astro 7 compiles MDX with, so a line number here is the
 * line the author sees in the editor.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { type MdastNode, markdownToMdast, mdxToMdast } from 'satteri';
import type { ContentProblem } from './lessonCheck';

export interface ContentDocument {
  /** The file relative to the project root, with `/`, as messages name it. */
  file: string;
  /** Absolute path on disk. */
  path: string;
  source: string;
  tree: MdastNode;
}

/** Every `.md`/`.mdx` file under `dir`, recursively, in a stable order. */
export function listContentFiles(dir: string): string[] {
  let entries: import('node:fs').Dirent[];
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return [];
  }
  return entries
    .sort((a, b) => a.name.localeCompare(b.name))
    .flatMap((entry) => {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) return listContentFiles(path);
      return /\.mdx?$/.test(entry.name) ? [path] : [];
    });
}

/** Reads and parses one file; a file Sätteri cannot parse becomes a problem instead. */
export function readContentDocument(path: string, root: string): ContentDocument | ContentProblem {
  const file = relative(root, path).split(sep).join('/');
  const source = readFileSync(path, 'utf8');
  try {
    const tree = path.endsWith('.mdx') ? mdxToMdast(source) : markdownToMdast(source);
    return { file, path, source, tree };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return { file, message: `no se pudo leer como MDX: ${message.split('\n')[0]}` };
  }
}

export function isProblem(value: ContentDocument | ContentProblem): value is ContentProblem {
  return 'message' in value;
}

/** Calls `visit` for every node of the tree, depth first, in document order. */
export function walk(node: MdastNode, visit: (node: MdastNode) => void): void {
  visit(node);
  if ('children' in node && Array.isArray(node.children)) {
    for (const child of node.children as MdastNode[]) walk(child, visit);
  }
}
