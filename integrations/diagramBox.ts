/**
 * Estimates, from a diagram's source, the size mermaid will draw it at, so the page can
 * reserve that box before mermaid loads: the drawing then fits the box (scaled, never
 * cropped) and nothing below it moves. The numbers follow mermaid's defaults (actors
 * 150 px wide with 50 px between them, 65 px boxes, ~16 px text); they need not be exact,
 * only close enough that the drawing does not look lost in its box.
 */
export interface DiagramBox {
  width: number;
  height: number;
}

const CHAR = 8.5;
const ARROW = /(-{1,2}(?:>>|>|x|\)))/;

function lines(source: string): string[] {
  return source
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '' && !/^(%%|acc(Title|Descr))/.test(line));
}

/** How many text lines a label takes: mermaid breaks them at `<br/>`. */
function textLines(label: string): string[] {
  return label.split(/<br\s*\/?>/i);
}

function widest(label: string, char = CHAR): number {
  return Math.max(...textLines(label).map((line) => line.length)) * char;
}

function sequenceBox(body: string[]): DiagramBox {
  const actors = new Map<string, number>();
  const addActor = (id: string, label = id) => {
    if (!actors.has(id)) actors.set(id, Math.max(150, widest(label) + 30));
  };
  let height = 2 * 65 + 40;
  let widestMessage = 0;
  let left = 0;
  let right = 0;
  for (const line of body.slice(1)) {
    const declared = /^(?:participant|actor)\s+(\S+)(?:\s+as\s+(.+))?$/.exec(line);
    if (declared?.[1]) {
      addActor(declared[1], declared[2] ?? declared[1]);
      continue;
    }
    const message = new RegExp(`^([^\\s:-]+)\\s*${ARROW.source}\\s*([^\\s:]+)\\s*:(.*)$`).exec(line);
    if (message?.[1] && message[3]) {
      addActor(message[1]);
      addActor(message[3].replace(/^[+-]/, ''));
      const label = message[4] ?? '';
      height += 30 + 22 * textLines(label).length;
      if (message[1] !== message[3]) widestMessage = Math.max(widestMessage, widest(label, 11.5) + 40);
      else height += 20;
      continue;
    }
    const note = /^note\s+(left of|right of|over)\s+([^:]+):(.*)$/i.exec(line);
    if (note) {
      const text = note[3] ?? '';
      height += 30 + 22 * textLines(text).length;
      // A note beside the first or last actor widens the drawing on that side.
      const side = note[1]?.toLowerCase();
      const first = [...actors.keys()][0];
      const at = note[2]?.trim();
      if (side === 'left of' && at === first) left = Math.max(left, widest(text, 7) + 20);
      if (side === 'right of' && at !== first) right = Math.max(right, widest(text, 7) + 20);
      continue;
    }
    if (/^(loop|alt|else|opt|par|and|critical|break|rect)\b/.test(line)) height += 45;
    else if (line === 'end') height += 15;
  }
  const widths = [...actors.values()];
  const gaps = Math.max(0, widths.length - 1);
  const width = widths.reduce((sum, w) => sum + w, 0) + gaps * 50 + 100;
  // A long message widens the gap it crosses; spread the extra over the gaps.
  const extra = gaps > 0 ? Math.max(0, widestMessage - (widths[0] ?? 150) - 50) : 0;
  return { width: Math.round(width + extra + left + right), height: Math.round(height) };
}

/**
 * Each node's rank, 0 for the first: set where an edge first reaches the node, so an edge back
 * to it (a reply) adds none. A node on no edge sits in the first rank.
 */
function rankNodes(
  edges: readonly (readonly [string, string])[],
  nodes: Iterable<string>,
): Map<string, number> {
  const rank = new Map<string, number>();
  for (const [from, to] of edges) {
    if (!rank.has(from)) rank.set(from, 0);
    if (!rank.has(to)) rank.set(to, (rank.get(from) ?? 0) + 1);
  }
  for (const id of nodes) if (!rank.has(id)) rank.set(id, 0);
  return rank;
}

function flowchartBox(body: string[]): DiagramBox {
  const horizontal = /\b(LR|RL)\b/.test(body[0] ?? '');
  const edges: [string, string][] = [];
  const labels = new Map<string, string>();
  for (const raw of body.slice(1)) {
    // Edge labels (`-- "texto" -->`, `-->|texto|`) name no node.
    const line = raw.replace(/\|[^|]*\|/g, '').replace(/--\s*"[^"]*"\s*--/g, '--');
    // Node ids with an optional shape and label: id1("Texto"), id4[("Servidor")], C[Cliente].
    const nodes = [...line.matchAll(/([A-Za-z_][\w]*)\s*(?:([[({>]+)"?([^\])}"]*)"?[\])}]+)?/g)];
    const ids: string[] = [];
    for (const [, id, , label] of nodes) {
      if (!id || /^(subgraph|end|style|classDef|class|click|direction)$/.test(id)) continue;
      if (label && !labels.has(id)) labels.set(id, label);
      if (!labels.has(id)) labels.set(id, id);
      ids.push(id);
    }
    if (/--|==|-\./.test(line)) {
      for (let i = 1; i < ids.length; i++) edges.push([ids[i - 1] ?? '', ids[i] ?? '']);
    }
  }
  const rank = rankNodes(edges, labels.keys());
  const perRank = new Map<number, { count: number; width: number }>();
  for (const [id, r] of rank) {
    const entry = perRank.get(r) ?? { count: 0, width: 60 };
    perRank.set(r, {
      count: entry.count + 1,
      width: Math.max(entry.width, widest(labels.get(id) ?? id) + 40),
    });
  }
  const ranks = [...perRank.values()];
  const across = Math.max(1, ...ranks.map((r) => r.count));
  const along = ranks.reduce((sum, r) => sum + r.width, 0) + (ranks.length - 1) * 60;
  const side = across * 60 + (across - 1) * 50;
  const nodeWidth = Math.max(...ranks.map((r) => r.width));
  return horizontal
    ? { width: Math.round(along + 16), height: Math.round(side + 16) }
    : {
        width: Math.round(across * nodeWidth + (across - 1) * 50 + 16),
        height: Math.round(ranks.length * 60 + (ranks.length - 1) * 50 + 16),
      };
}

/** Classes stack top to bottom along their relations (mermaid's default direction). */
function classBox(body: string[]): DiagramBox {
  const members = new Map<string, number>();
  const relations: [string, string][] = [];
  let open: string | undefined;
  for (const line of body.slice(1)) {
    const declared = /^class\s+(\w+)/.exec(line)?.[1];
    if (declared) {
      members.set(declared, members.get(declared) ?? 0);
      if (line.endsWith('{')) open = declared;
      continue;
    }
    if (line === '}') open = undefined;
    else if (open) members.set(open, (members.get(open) ?? 0) + 1);
    const relation = /^(\w+)\s*(?:"[^"]*")?\s*[<|*o.-]*(?:--|\.\.)[>|*o.-]*\s*(?:"[^"]*")?\s*(\w+)/.exec(
      line,
    );
    if (relation?.[1] && relation[2]) {
      const [, from, to] = relation;
      for (const id of [from, to]) members.set(id, members.get(id) ?? 0);
      relations.push([from, to]);
    }
  }
  const rank = rankNodes(relations, members.keys());
  const rows = new Map<number, { count: number; height: number }>();
  for (const [id, r] of rank) {
    const row = rows.get(r) ?? { count: 0, height: 0 };
    rows.set(r, { count: row.count + 1, height: Math.max(row.height, 120 + 30 * (members.get(id) ?? 0)) });
  }
  const all = [...rows.values()];
  const across = Math.max(1, ...all.map((row) => row.count));
  return {
    width: across * 200 + (across - 1) * 50,
    height: all.reduce((sum, row) => sum + row.height, 0) + (all.length - 1) * 100,
  };
}

export function estimateDiagramBox(source: string): DiagramBox {
  const body = lines(source);
  const kind = body[0] ?? '';
  if (kind.startsWith('sequenceDiagram')) return sequenceBox(body);
  if (/^(flowchart|graph)\b/.test(kind)) return flowchartBox(body);
  if (kind.startsWith('classDiagram')) return classBox(body);
  return { width: 600, height: Math.max(200, body.length * 40) };
}

/** The accessible title and description, as the reader's page announces them. */
export function accessibleText(source: string): { title?: string; description?: string } {
  const title = /^\s*accTitle\s*:\s*(.+)$/m.exec(source)?.[1]?.trim();
  const inline = /^\s*accDescr\s*:\s*(.+)$/m.exec(source)?.[1];
  const block = /^\s*accDescr\s*\{([\s\S]*?)\}/m.exec(source)?.[1];
  const description = (inline ?? block)?.replace(/\s+/g, ' ').trim();
  return { ...(title ? { title } : {}), ...(description ? { description } : {}) };
}
