/**
 * Which scripts the service worker should hold from its first install, so that diagrams
 * draw offline even on a page whose diagrams the reader never reached online: mermaid's
 * core, the chunks for the kinds of diagram the site actually uses (and dagre, their
 * layout), «Ampliar», and everything those import statically. The rest of mermaid (some
 * 3 MB of diagram kinds the course does not use) is never downloaded.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** Chunk name prefixes for each kind of diagram, as Vite names mermaid's lazy chunks. */
const KINDS: [RegExp, string[]][] = [
  [/^sequenceDiagram\b/, ['sequenceDiagram-']],
  [/^(flowchart|graph)\b/, ['flowDiagram-', 'dagre-']],
  [/^classDiagram\b/, ['classDiagram-', 'dagre-']],
];
const ALWAYS = ['mermaid.core.', 'diagramZoom.'];

function htmlFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.html'))
    .map((entry) => join(entry.parentPath, entry.name));
}

/** The first word of every diagram on the built pages: `sequenceDiagram`, `flowchart`… */
export function diagramKinds(dist: string): Set<string> {
  const kinds = new Set<string>();
  for (const file of htmlFiles(dist)) {
    for (const match of readFileSync(file, 'utf8').matchAll(
      /<pre class="mermaid(?:-diagram)?"[^>]*>\s*([A-Za-z-]+)/g,
    )) {
      if (match[1]) kinds.add(match[1]);
    }
  }
  return kinds;
}

/** Paths under `dist` (`_astro/…`) of the scripts offline diagrams need. */
export function diagramScripts(dist: string): string[] {
  const assets = join(dist, '_astro');
  const names = readdirSync(assets).filter((name) => name.endsWith('.js'));
  const prefixes = [...ALWAYS];
  for (const kind of diagramKinds(dist)) {
    for (const [pattern, chunks] of KINDS) if (pattern.test(kind)) prefixes.push(...chunks);
  }
  const wanted = new Set(names.filter((name) => prefixes.some((prefix) => name.startsWith(prefix))));
  // Static imports only: mermaid's dynamic ones are the diagram kinds left out on purpose.
  const queue = [...wanted];
  for (let name = queue.pop(); name !== undefined; name = queue.pop()) {
    const source = readFileSync(join(assets, name), 'utf8');
    for (const match of source.matchAll(/(?:from|import)\s*["'`]\.\/([^"'`]+\.js)["'`]/g)) {
      const imported = match[1];
      if (imported && !wanted.has(imported) && names.includes(imported)) {
        wanted.add(imported);
        queue.push(imported);
      }
    }
  }
  return [...wanted].sort().map((name) => `_astro/${name}`);
}
