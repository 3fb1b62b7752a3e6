/**
 * Runs a reader's snippet in a dedicated Web Worker made for that run: no DOM, no
 * `localStorage` or `sessionStorage` (workers have neither; IndexedDB and the Cache API are
 * hidden too), and the page's own origin, so the room's origin rules apply as they do to
 * the page. `console.*` and errors come back as lines. The run ends when the snippet's
 * last `await` settles, when the time limit passes (a runaway loop is terminated) or when
 * the reader stops it; ending it terminates the worker, which closes any socket it opened.
 */

export type LineKind = 'log' | 'warn' | 'error' | 'info';
export interface OutputLine {
  kind: LineKind;
  text: string;
}
export type RunEnd =
  | { how: 'done'; ms: number }
  | { how: 'error'; ms: number }
  | { how: 'timeout'; ms: number }
  | { how: 'stopped'; ms: number };

/** The worker's own code: a console that posts lines, sockets closed at the end. */
const WORKER_SOURCE = `
const show = (v) => {
  if (typeof v === 'string') return v;
  if (v instanceof Error) return v.name + ': ' + v.message;
  try { const s = JSON.stringify(v); return s === undefined ? String(v) : s; } catch { return String(v); }
};
const post = (kind, args) => postMessage({ kind, text: args.map(show).join(' ') });
for (const kind of ['log', 'info', 'warn', 'error']) console[kind] = (...args) => post(kind, args);
for (const name of ['indexedDB', 'caches']) Object.defineProperty(self, name, { value: undefined });
const sockets = new Set();
const NativeSocket = self.WebSocket;
self.WebSocket = class WebSocket extends NativeSocket {
  constructor(...args) { super(...args); sockets.add(this); }
};
const fail = (error) => postMessage({ kind: 'error', text: show(error), fatal: true });
self.addEventListener('error', (event) => { event.preventDefault(); fail(event.error ?? event.message); });
self.addEventListener('unhandledrejection', (event) => { event.preventDefault(); fail(event.reason); });
self.onmessage = async (event) => {
  try {
    const AsyncFunction = (async () => {}).constructor;
    await new AsyncFunction(event.data)();
    for (const socket of sockets) socket.close(1000, 'fin del ejemplo');
    postMessage({ kind: 'done' });
  } catch (error) {
    fail(error);
  }
};
`;

/** Puts the room's addresses into a snippet: `{{sala}}` (http/https) and `{{sala-ws}}`. */
export function fillRoom(code: string, http: string): string {
  const ws = http.replace(/^http/, 'ws');
  return code.replaceAll('{{sala-ws}}', ws).replaceAll('{{sala}}', http);
}

/** The room's absolute HTTP address, from `roomHttpBase()`'s path or `//host/…` form. */
export function absoluteRoom(base: string, pageHref: string): string {
  return new URL(base, pageHref).href.replace(/\/+$/, '');
}

export interface RunOptions {
  limitMs: number;
  onLine: (line: OutputLine) => void;
  onEnd: (end: RunEnd) => void;
}

let workerUrl: string | undefined;

/** Starts one run; the returned function stops it. */
export function runSnippet(code: string, { limitMs, onLine, onEnd }: RunOptions): () => void {
  workerUrl ??= URL.createObjectURL(new Blob([WORKER_SOURCE], { type: 'text/javascript' }));
  const worker = new Worker(workerUrl);
  const started = performance.now();
  let over = false;
  const finish = (how: RunEnd['how']) => {
    if (over) return;
    over = true;
    clearTimeout(timer);
    worker.terminate();
    onEnd({ how, ms: Math.round(performance.now() - started) });
  };
  const timer = setTimeout(() => finish('timeout'), limitMs);
  worker.onmessage = (event: MessageEvent<{ kind: LineKind | 'done'; text?: string; fatal?: boolean }>) => {
    if (over) return;
    const { kind, text = '', fatal } = event.data;
    if (kind === 'done') return finish('done');
    onLine({ kind, text });
    if (fatal) finish('error');
  };
  worker.onerror = (event) => {
    event.preventDefault();
    onLine({ kind: 'error', text: event.message || 'Error al arrancar el código.' });
    finish('error');
  };
  worker.postMessage(code);
  return () => finish('stopped');
}
