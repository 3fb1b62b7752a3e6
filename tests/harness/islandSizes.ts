/**
 * Each island's own gzipped JS in a build: its entry chunk and everything it imports that
 * no other island imports. Chunks several islands load (preact, room-client with
 * partysocket and zod, small shared helpers) are counted once, apart, in `shared`.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

export function islandSizes(
  dist: string,
  names: readonly string[],
): { sizes: Record<string, number | undefined>; shared: number } {
  const dir = join(dist, '_astro');
  const files = readdirSync(dir).filter((f) => f.endsWith('.js'));
  const imports = (file: string) =>
    [...readFileSync(join(dir, file), 'utf8').matchAll(/(?:import|from)\s*["']\.\/([^"']+\.js)["']/g)].map(
      (m) => m[1] ?? '',
    );
  const closure = (file: string, seen = new Set<string>()): Set<string> => {
    if (seen.has(file)) return seen;
    seen.add(file);
    for (const next of imports(file)) closure(next, seen);
    return seen;
  };
  const gz = (file: string) => gzipSync(readFileSync(join(dir, file)), { level: 9 }).length;
  const islands = files.filter((f) => /^[A-Z]\w+\.[\w-]+\.js$/.test(f) && !f.includes('astro_type_script'));
  const loads = new Map(islands.map((f) => [f, closure(f)]));
  const users = new Map<string, number>();
  for (const set of loads.values()) for (const f of set) users.set(f, (users.get(f) ?? 0) + 1);
  const shared = [...users].filter(([, n]) => n > 1).map(([f]) => f);
  const sizes: Record<string, number | undefined> = {};
  for (const island of names) {
    const entry = islands.find((f) => f.startsWith(`${island}.`));
    const own = entry ? [...(loads.get(entry) ?? [])].filter((f) => !shared.includes(f)) : undefined;
    sizes[island] = own?.reduce((total, f) => total + gz(f), 0);
  }
  return { sizes, shared: shared.reduce((total, f) => total + gz(f), 0) };
}
