/**
 * Parses every ```mermaid block at build time, so a diagram with a syntax error fails the
 * build with its file and line instead of showing a red error box in production.
 *
 * mermaid's parser needs a DOM, so the diagrams are parsed in a child process with a
 * happy-dom window (see `mermaidWorker.mjs`); one process parses every diagram of the site.
 */
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { Code } from 'mdast';
import { type ContentDocument, walk } from './contentDocuments';
import type { ContentProblem } from './lessonCheck';

export interface MermaidBlock {
  file: string;
  /** The line of the opening fence. */
  line: number;
  /** How many lines the diagram has. */
  lines: number;
  text: string;
}

export function findMermaidBlocks(document: ContentDocument): MermaidBlock[] {
  const blocks: MermaidBlock[] = [];
  walk(document.tree, (node) => {
    if (node.type !== 'code' || (node as Code).lang !== 'mermaid') return;
    const { value } = node as Code;
    blocks.push({
      file: document.file,
      line: node.position?.start.line ?? 1,
      lines: value.split('\n').length,
      text: value,
    });
  });
  return blocks;
}

/** Parses the diagrams in one child process; resolves to mermaid's error message (or null) for each. */
export function parseDiagrams(diagrams: string[], workerUrl: URL): Promise<(string | null)[]> {
  if (diagrams.length === 0) return Promise.resolve([]);
  return new Promise((resolve, reject) => {
    // A plain Node: no inherited flags. --preserve-symlinks (the build tests' copies use it,
    // also through NODE_OPTIONS) breaks one of mermaid's own imports.
    const child = fork(fileURLToPath(workerUrl), [], {
      execArgv: [],
      env: { ...process.env, NODE_OPTIONS: '' },
      stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
    });
    let results: (string | null)[] | undefined;
    let errors = '';
    child.stderr?.on('data', (chunk: Buffer) => {
      errors += chunk.toString();
    });
    child.once('message', (message) => {
      results = message as (string | null)[];
    });
    child.once('error', reject);
    child.once('exit', (code) => {
      if (results) resolve(results);
      else
        reject(
          new Error(
            `el proceso que revisa los diagramas mermaid terminó con código ${String(code)}\n${errors}`,
          ),
        );
    });
    child.send(diagrams);
  });
}

/**
 * Turns mermaid's message into a problem at the right line of the file. mermaid counts
 * lines from the diagram's first line; the fence sits one line above it.
 */
export function mermaidProblem(block: MermaidBlock, message: string): ContentProblem {
  const lines = message.split('\n').filter((line) => line.trim() !== '');
  const atLine = /^Parse error on line (\d+):/.exec(lines[0] ?? '');
  const diagramLine = atLine ? Math.min(Number(atLine[1]), block.lines) : 1;
  const detail = atLine ? lines.slice(1) : lines;
  const summary = detail.at(-1) ?? message;
  const context = detail.slice(0, -1).map((line) => `      ${line}`);
  return {
    file: block.file,
    line: block.line + diagramLine,
    message: [`el diagrama mermaid no es válido: ${summary}`, ...context].join('\n'),
  };
}

/** Diagrams without an accessible title or description: a warning, not an error. */
export function missingAccessibility(block: MermaidBlock): string[] {
  const missing = ['accTitle', 'accDescr'].filter(
    (key) => !new RegExp(`^\\s*${key}\\s*[:{]`, 'm').test(block.text),
  );
  return missing;
}

export async function checkMermaid(documents: ContentDocument[], workerUrl: URL): Promise<ContentProblem[]> {
  const blocks = documents.flatMap(findMermaidBlocks);
  const results = await parseDiagrams(
    blocks.map((block) => block.text),
    workerUrl,
  );
  return blocks.flatMap((block, index) => {
    const message = results[index];
    return message ? [mermaidProblem(block, message)] : [];
  });
}
