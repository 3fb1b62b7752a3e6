/**
 * The demos' numbers in Spanish, on `Intl.NumberFormat`, so the decimal comma and digit
 * grouping come from the locale rather than from string surgery. One set of rules for the
 * whole course: a byte count reads the same in the page-load demo and in polling-vs-push.
 */

const formats = new Map<string, Intl.NumberFormat>();

/** `value` with at most `max` decimals (and at least `min`), e.g. `1,5`, `2`, `12.345`. */
export function formatNumber(value: number, max = 1, min = 0): string {
  const key = `${String(min)}-${String(max)}`;
  let format = formats.get(key);
  if (!format) {
    format = new Intl.NumberFormat('es', { minimumFractionDigits: min, maximumFractionDigits: max });
    formats.set(key, format);
  }
  return format.format(value);
}

/** Bytes in words, approximate: `900 B`, `1,5 KB`, `2 KB`, `3,2 MB` (1 KB = 1024 B). */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${formatNumber(bytes, 0)} B`;
  if (bytes < 1024 * 1024) return `${formatNumber(bytes / 1024)} KB`;
  return `${formatNumber(bytes / (1024 * 1024))} MB`;
}

/** Milliseconds: one decimal below 10 ms, whole numbers above (`1,3 ms`, `124 ms`). */
export function formatMs(ms: number): string {
  return `${formatNumber(ms, ms < 10 ? 1 : 0)} ms`;
}

/** Milliseconds as seconds with `digits` decimals, always shown: `2,5 s`, `0,0 s`. */
export function formatSeconds(ms: number, digits = 1): string {
  return `${formatNumber(ms / 1000, digits, digits)} s`;
}
