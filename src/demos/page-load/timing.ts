/**
 * The page-load demo without the UI: turns the reader's own Navigation Timing and
 * Resource Timing entries into the lesson's steps (cache, DNS, connection, TLS, request,
 * response, page, resources) with real milliseconds. Where the browser hides a number, or
 * a 0 only means "not needed this time", each step says so instead of pretending.
 *
 * The inputs are plain objects with the fields this module reads, so tests can build them.
 */

import { PAGE_LOAD_STEPS, type PageLoadStep } from './steps';

/** The fields of a `PerformanceResourceTiming` entry this module reads. */
export interface ResourceLike {
  name: string;
  initiatorType: string;
  startTime: number;
  fetchStart: number;
  domainLookupStart: number;
  domainLookupEnd: number;
  connectStart: number;
  connectEnd: number;
  secureConnectionStart: number;
  requestStart: number;
  responseStart: number;
  responseEnd: number;
  transferSize: number;
  encodedBodySize: number;
  decodedBodySize: number;
  /** Not in every browser. */
  responseStatus?: number;
}

/** The fields of a `PerformanceNavigationTiming` entry this module reads. */
export interface NavigationLike extends ResourceLike {
  type: string;
  redirectStart: number;
  redirectEnd: number;
  domContentLoadedEventEnd: number;
  loadEventEnd: number;
}

/** The optional redirect, then the course's page-load story (`steps.ts`), key by key. */
export type StepKey = 'redireccion' | PageLoadStep['key'];

/**
 * `shown`: a real interval, drawn as a bar. `zero`: really 0 ms, with the reason.
 * `hidden`: the browser does not tell. `absent`: the step did not apply (e.g. no TLS on http).
 */
export type Visibility = 'shown' | 'zero' | 'hidden' | 'absent';

export interface Step {
  key: StepKey;
  label: string;
  start: number;
  end: number;
  visibility: Visibility;
  /** One Spanish sentence on what happened in this step, or why there is no bar. */
  note: string;
}

export type CacheState = 'cache' | 'revalidada' | 'red' | 'desconocido';

export interface ResourceRow {
  url: string;
  name: string;
  kind: string;
  start: number;
  end: number;
  cache: CacheState;
  /** Cross-origin without Timing-Allow-Origin: only start and end are known. */
  hidden: boolean;
  /** Requested after the page's load event (e.g. when the reader scrolled). */
  afterLoad: boolean;
  note: string;
}

/** Each bar is named as the lessons name the step, from the one shared story. */
export const STEP_LABELS = {
  redireccion: 'Redirección',
  ...Object.fromEntries(PAGE_LOAD_STEPS.map((step) => [step.key, step.label])),
} as Record<StepKey, string>;

/** Short on purpose: every resource row reserves room for the longest note (reserve.ts). */
const HIDDEN_NOTE = 'Otro origen sin Timing-Allow-Origin: el navegador da solo el total, sin desglose.';

/** True when the browser zeroed the detailed timings (cross-origin without Timing-Allow-Origin). */
export function detailHidden(entry: ResourceLike): boolean {
  return entry.requestStart === 0 && entry.responseStart === 0 && entry.responseEnd > 0;
}

/**
 * Where a response came from: `transferSize` 0 with a body means the HTTP cache; a transfer
 * smaller than the body means only headers travelled (a 304 revalidation).
 */
export function cacheState(entry: ResourceLike): CacheState {
  if (detailHidden(entry)) return 'desconocido';
  if (entry.responseStatus === 304) return 'revalidada';
  if (entry.transferSize === 0) return 'cache';
  if (entry.encodedBodySize > 0 && entry.transferSize < entry.encodedBodySize) return 'revalidada';
  return 'red';
}

export const CACHE_LABELS: Record<CacheState, string> = {
  cache: 'caché',
  revalidada: 'revalidada (304)',
  red: 'red',
  desconocido: '¿caché? oculto',
};

const IP_HOST = /^(\d{1,3}(\.\d{1,3}){3}|\[[0-9a-f:.]+\])$/i;

function step(key: StepKey, start: number, end: number, shownNote: string, zeroNote: string): Step {
  const duration = end - start;
  return {
    key,
    label: STEP_LABELS[key],
    start,
    end,
    visibility: duration > 0 ? 'shown' : 'zero',
    note: duration > 0 ? shownNote : zeroNote,
  };
}

/** The page's own steps, in the order the lesson tells them. */
export function navigationSteps(nav: NavigationLike): Step[] {
  const url = new URL(nav.name);
  const https = url.protocol === 'https:';
  const pageCache = cacheState(nav);
  const steps: Step[] = [];
  const absent = (key: StepKey, at: number, note: string): Step => ({
    key,
    label: STEP_LABELS[key],
    start: at,
    end: at,
    visibility: 'absent',
    note,
  });

  if (nav.redirectEnd > 0) {
    steps.push(
      step(
        'redireccion',
        nav.redirectStart,
        nav.redirectEnd,
        'El servidor respondió 3xx y el navegador siguió la nueva dirección.',
        'La redirección se resolvió en menos de 1 ms.',
      ),
    );
  }
  steps.push(
    step(
      'cache',
      nav.fetchStart,
      nav.domainLookupStart || nav.fetchStart,
      pageCacheNote(pageCache),
      `Menos de 1 ms. ${pageCacheNote(pageCache)}`,
    ),
  );

  if (pageCache === 'cache') {
    for (const key of ['dns', 'conexion', 'tls', 'peticion'] as const) {
      steps.push(absent(key, nav.fetchStart, 'No hizo falta: la página salió de la caché sin usar la red.'));
    }
  } else {
    const reused = nav.connectStart === nav.connectEnd;
    steps.push(
      step(
        'dns',
        nav.domainLookupStart,
        nav.domainLookupEnd,
        `El DNS tradujo ${url.hostname} a una dirección IP.`,
        IP_HOST.test(url.hostname)
          ? `0 ms: ${url.hostname} ya es una dirección IP, no hay nombre que traducir.`
          : reused
            ? '0 ms: se reutilizó una conexión abierta, así que no hubo que preguntar al DNS.'
            : '0 ms: la IP ya estaba guardada en la caché de DNS.',
      ),
    );
    const tcpEnd = nav.secureConnectionStart > 0 ? nav.secureConnectionStart : nav.connectEnd;
    steps.push(
      step(
        'conexion',
        nav.connectStart,
        tcpEnd,
        'El apretón de manos TCP abrió la conexión con el servidor.',
        '0 ms: el navegador reutilizó una conexión TCP ya abierta con este servidor.',
      ),
    );
    if (!https) {
      steps.push(absent('tls', nav.connectEnd, 'No hubo TLS: la página llegó por http://, sin cifrar.'));
    } else if (nav.secureConnectionStart > 0) {
      steps.push(
        step(
          'tls',
          nav.secureConnectionStart,
          nav.connectEnd,
          'El servidor demostró con su certificado quién es y los dos acordaron las claves para cifrar (https).',
          '0 ms: la conexión cifrada ya estaba lista.',
        ),
      );
    } else {
      steps.push({
        ...step('tls', nav.connectEnd, nav.connectEnd, '', ''),
        note: '0 ms: la conexión cifrada ya estaba abierta y se reutilizó.',
      });
    }
    steps.push(
      step(
        'peticion',
        nav.requestStart,
        nav.responseStart,
        'La petición GET viajó al servidor y este preparó la respuesta (hasta el primer byte).',
        'Menos de 1 ms hasta el primer byte de la respuesta.',
      ),
    );
  }

  const status = nav.responseStatus ? ` con el código ${String(nav.responseStatus)}` : '';
  steps.push(
    step(
      'respuesta',
      nav.responseStart,
      nav.responseEnd,
      `Llegó la respuesta${status}: primero el código de estado y las cabeceras, después el HTML.`,
      `La respuesta${status} llegó en menos de 1 ms.`,
    ),
  );
  if (nav.domContentLoadedEventEnd > 0) {
    steps.push(
      step(
        'pagina',
        nav.responseEnd,
        nav.domContentLoadedEventEnd,
        'El navegador terminó de analizar el HTML, que fue leyendo a medida que llegaba, y de construir la página (el DOM).',
        'La página quedó construida en menos de 1 ms.',
      ),
    );
  } else {
    steps.push(absent('pagina', nav.responseEnd, 'La página aún se está construyendo.'));
  }
  return steps;
}

function pageCacheNote(state: CacheState): string {
  switch (state) {
    case 'cache':
      return 'La página salió entera de la caché del navegador.';
    case 'revalidada':
      return 'Había una copia guardada; el servidor confirmó que seguía valiendo (304).';
    default:
      return 'El navegador buscó una copia guardada; no había una que sirviera, así que fue a la red.';
  }
}

const KINDS: Array<[RegExp, string]> = [
  [/\.(png|jpe?g|gif|webp|avif|svg|ico)$/i, 'imagen'],
  [/\.css$/i, 'estilo'],
  [/\.m?js$/i, 'script'],
  [/\.(woff2?|ttf|otf)$/i, 'fuente'],
  [/\.json$/i, 'datos'],
];

const INITIATORS: Record<string, string> = {
  img: 'imagen',
  image: 'imagen',
  css: 'estilo',
  script: 'script',
  fetch: 'fetch',
  xmlhttprequest: 'fetch',
  beacon: 'fetch',
};

/** A resource's kind in Spanish, from its file extension or who asked for it. */
export function resourceKind(url: URL, initiatorType: string): string {
  for (const [pattern, kind] of KINDS) if (pattern.test(url.pathname)) return kind;
  return INITIATORS[initiatorType] ?? 'otro';
}

/** The last path segment, shortened in the middle when long. */
export function shortName(url: URL, max = 32): string {
  const segments = url.pathname.split('/').filter(Boolean);
  let name = segments.at(-1) ?? url.host;
  try {
    name = decodeURIComponent(name);
  } catch {
    // Keep the raw segment.
  }
  if (name.length <= max) return name;
  const half = Math.floor((max - 1) / 2);
  return `${name.slice(0, half)}…${name.slice(-half)}`;
}

/** One row per resource, in the order they were requested. */
export function resourceRows(entries: ResourceLike[], pageOrigin: string, loadEnd: number): ResourceRow[] {
  return entries
    .filter((e) => /^https?:/.test(e.name))
    .map((entry) => {
      const url = new URL(entry.name);
      const hidden = detailHidden(entry);
      const cache = cacheState(entry);
      const crossOrigin = url.origin !== pageOrigin;
      return {
        url: entry.name,
        name: shortName(url),
        kind: resourceKind(url, entry.initiatorType),
        start: entry.startTime,
        end: entry.responseEnd,
        cache,
        hidden,
        afterLoad: loadEnd > 0 && entry.startTime > loadEnd,
        note: hidden
          ? HIDDEN_NOTE
          : cache === 'cache'
            ? `Salió de la caché: 0 bytes por la red${crossOrigin ? ' (otro origen, con permiso para medir)' : ''}.`
            : cache === 'revalidada'
              ? 'Había una copia; solo viajaron las cabeceras para confirmarla.'
              : `Viajó por la red: ${formatBytes(entry.transferSize)}.`,
      };
    })
    .sort((a, b) => a.start - b.start);
}

/** The resources step: from the first resource requested during the load to the load event. */
export function resourcesStep(rows: ResourceRow[], nav: NavigationLike): Step {
  const during = rows.filter((r) => !r.afterLoad);
  const fromCache = during.filter((r) => r.cache === 'cache').length;
  const start = during.length > 0 ? Math.min(...during.map((r) => r.start)) : nav.responseEnd;
  const end = Math.max(nav.loadEventEnd, ...during.map((r) => r.end));
  const base = step(
    'recursos',
    start,
    end,
    `${countWord(during.length, 'recurso', 'recursos')} durante la carga; ${String(fromCache)} desde la caché.`,
    'No se pidieron recursos durante la carga.',
  );
  return during.length === 0 ? { ...base, visibility: 'absent' } : base;
}

export interface LoadSummary {
  /** `Date.now()` when it was taken. */
  at: number;
  type: string;
  /** Milliseconds until the load event ended. */
  total: number;
  page: CacheState;
  resources: number;
  fromCache: number;
  revalidated: number;
  hidden: number;
  /** Bytes that crossed the network, counting only resources whose size is visible. */
  transferred: number;
}

export function summarize(
  nav: NavigationLike,
  rows: ResourceRow[],
  entries: ResourceLike[],
  at: number,
): LoadSummary {
  const during = rows.filter((r) => !r.afterLoad);
  const bytes = new Map(entries.map((e) => [e.name, e.transferSize]));
  return {
    at,
    type: nav.type,
    total: Math.round(nav.loadEventEnd),
    page: cacheState(nav),
    resources: during.length,
    fromCache: during.filter((r) => r.cache === 'cache').length,
    revalidated: during.filter((r) => r.cache === 'revalidada').length,
    hidden: during.filter((r) => r.hidden).length,
    transferred: nav.transferSize + during.reduce((sum, r) => sum + (bytes.get(r.url) ?? 0), 0),
  };
}

/** Spanish sentences comparing the previous visit to this one. */
export function compareLoads(before: LoadSummary, now: LoadSummary): string[] {
  const lines = [
    `Carga completa: antes ${String(before.total)} ms, ahora ${String(now.total)} ms.`,
    `Recursos desde la caché: antes ${String(before.fromCache)} de ${String(before.resources)}, ahora ${String(now.fromCache)} de ${String(now.resources)}.`,
    `Bytes por la red: antes ${formatBytes(before.transferred)}, ahora ${formatBytes(now.transferred)}.`,
  ];
  if (now.fromCache + now.revalidated === 0 && now.page === 'red') {
    lines.push(
      'Esta vez nada salió de la caché: el servidor no envió cabeceras que permitan reutilizar los archivos (Cache-Control para guardarlos, ETag o Last-Modified para confirmarlos con un 304), o la recarga fue forzada.',
    );
  } else if (now.fromCache > before.fromCache || now.transferred < before.transferred) {
    lines.push(
      'La segunda carga reutilizó lo que el navegador guardó en la primera: menos red, menos espera.',
    );
  }
  return lines;
}

export function navigationTypeText(type: string): string {
  switch (type) {
    case 'reload':
      return 'recargaste la página';
    case 'back_forward':
      return 'volviste con atrás o adelante';
    case 'prerender':
      return 'el navegador la precargó';
    default:
      return 'llegaste con un enlace o escribiendo la dirección';
  }
}

/** Where a step's bar links: the lesson section, and the step number when the author gave one. */
export function stepLink(
  key: StepKey,
  section: string | undefined,
  steps: Partial<Record<StepKey, number>> | undefined,
): { href: string; label: string } | null {
  if (!section) return null;
  const n = steps?.[key];
  const href = `#${section.replace(/^#/, '')}`;
  return { href, label: n ? `paso ${String(n)}` : 'en la lección' };
}

/** Milliseconds in Spanish notation: one decimal below 10 ms, whole numbers above. */
export function formatMs(ms: number): string {
  const value =
    ms < 10
      ? (Math.round(ms * 10) / 10).toFixed(1).replace('.', ',').replace(/,0$/, '')
      : String(Math.round(ms));
  return `${value} ms`;
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${String(bytes)} B`;
  return `${(bytes / 1024).toFixed(1).replace('.', ',')} KB`;
}

const countWord = (n: number, one: string, many: string) => `${String(n)} ${n === 1 ? one : many}`;
