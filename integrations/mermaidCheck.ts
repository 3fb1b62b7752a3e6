/**
 * Parses every ```mermaid block at build time, so a diagram with a syntax error fails the
 * build with its file and line instead of showing a red error box in production.
 *
 * mermaid's parser needs a DOM, so the diagrams are parsed in a worker thread with a
 * happy-dom window (see `mermaidWorker.mjs`); one worker parses every diagram of the site.
 */
import { Worker } from 'node:worker_threads';
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

/** Parses the diagrams in one worker; resolves to mermaid's error message (or null) for each. */
export function parseDiagrams(diagrams: string[], workerUrl: URL): Promise<(string | null)[]> {
  if (diagrams.length === 0) return Promise.resolve([]);
  return new Promise((resolve, reject) => {
    // No inherited flags: --preserve-symlinks (used by the build tests' copies) breaks mermaid's imports.
    const worker = new Worker(workerUrl, { workerData: { diagrams }, execArgv: [] });
    let results: (string | null)[] | undefined;
    worker.once('message', (message: (string | null)[]) => {
      results = message;
    });
    worker.once('error', reject);
    worker.once('exit', (code) => {
      if (results) resolve(results);
      else
        reject(new Error(`el proceso que revisa los diagramas mermaid terminó con código ${String(code)}`));
    });
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
