// @ts-check
/** Small helpers shared by the benches: percentiles and fixed-width tables. */

/**
 * @param {number[]} values
 * @param {number} p  0..100
 */
export function percentile(values, p) {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index] ?? Number.NaN;
}

/** @param {number} ms */
export const ms = (ms) => (Number.isFinite(ms) ? `${ms.toFixed(1)} ms` : '—');

/** @param {number} x */
export const ratio = (x) => (Number.isFinite(x) ? `${x.toFixed(2)}×` : '—');

/**
 * Prints rows as a Markdown table, so the output can go straight into the README.
 * @param {string[]} header
 * @param {string[][]} rows
 */
export function table(header, rows) {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (/** @type {string[]} */ cells) =>
    `| ${cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join(' | ')} |`;
  console.log(line(header));
  console.log(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
  for (const row of rows) console.log(line(row));
}

/** @param {number} ms */
export const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Polls `condition` every `everyMs` until it holds or `timeoutMs` has passed; whether it held.
 * @param {() => boolean} condition
 * @param {number} timeoutMs
 * @param {number} [everyMs]
 */
export async function waitFor(condition, timeoutMs, everyMs = 50) {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) return false;
    await sleep(everyMs);
  }
  return true;
}
