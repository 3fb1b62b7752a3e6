/** The fenced code blocks of the lessons, for the tests that parse and run them. */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const lessonsDir = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../../src/content/docs/lecciones',
);
export const lessons = readdirSync(lessonsDir).filter((name) => /\.mdx?$/.test(name));

/** Languages the tests parse as JavaScript or TypeScript. */
export const SCRIPT = new Set(['js', 'mjs', 'jsx', 'ts', 'tsx']);

export interface Block {
  file: string;
  line: number;
  lang: string;
  code: string;
}

/** Fenced code blocks at any indentation (inside tabs too), with their language and line. */
export function codeBlocks(file: string): Block[] {
  const lines = readFileSync(path.join(lessonsDir, file), 'utf8').replace(/\r\n/g, '\n').split('\n');
  const out: Block[] = [];
  for (let i = 0; i < lines.length; i++) {
    const open = /^(\s*)(`{3,})(\w*)/.exec(lines[i] ?? '');
    if (!open) continue;
    const [, indent = '', fence = '', lang = ''] = open;
    const end = lines.findIndex((l, j) => j > i && l.trim() === fence);
    if (end < 0) throw new Error(`${file}:${String(i + 1)}: bloque de código sin cerrar`);
    const code = lines
      .slice(i + 1, end)
      .map((l) => (l.startsWith(indent) ? l.slice(indent.length) : l))
      .join('\n');
    out.push({ file, line: i + 1, lang, code });
    i = end;
  }
  return out;
}

/** The one script block that imports `module`, e.g. the Socket.IO server example. */
export function exampleImporting(module: string): Block {
  const quoted = module.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const found = lessons
    .flatMap(codeBlocks)
    .filter((b) => SCRIPT.has(b.lang) && new RegExp(`from ['"]${quoted}['"]`).test(b.code));
  if (found.length !== 1)
    throw new Error(`se esperaba un ejemplo que importe ${module}; hay ${String(found.length)}`);
  return found[0] as Block;
}
