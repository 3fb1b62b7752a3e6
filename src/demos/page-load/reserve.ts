/**
 * The longest text each part of the page-load demo can show, so the server-rendered demo can
 * reserve the box its measurements fill later (an invisible copy stacked under the real text,
 * see `Fit` in PageLoadDemo.tsx). Built by running the real formatters on made-up timings that
 * reach every branch, so a note edited in navigation.ts, resources.ts or visits.ts stays covered.
 */
import { navigationSteps, navigationTypeText } from './navigation';
import { resourceRows, resourcesStep } from './resources';
import { CACHE_LABELS, type NavigationLike, type ResourceLike, type StepKey } from './timing';
import { compareLoads, type LoadSummary } from './visits';

const longest = (texts: string[]) => texts.reduce((a, b) => (b.length > a.length ? b : a), '');

const BIG_MS = 99_999;
/** Wide enough for a typical deployed course's host name. */
const HOST = 'https://cliente-servidor-del-curso.example.org';

function entry(overrides: Partial<NavigationLike>): NavigationLike {
  return {
    name: `${HOST}/lecciones/`,
    initiatorType: 'navigation',
    type: 'navigate',
    startTime: 0,
    redirectStart: 0,
    redirectEnd: 0,
    fetchStart: 1,
    domainLookupStart: 2,
    domainLookupEnd: 3,
    connectStart: 3,
    connectEnd: 5,
    secureConnectionStart: 4,
    requestStart: 5,
    responseStart: 6,
    responseEnd: 7,
    domContentLoadedEventEnd: 8,
    loadEventEnd: 9,
    transferSize: 2000,
    encodedBodySize: 1000,
    decodedBodySize: 1000,
    responseStatus: 200,
    ...overrides,
  };
}

const BASE = entry({});
const zero = {
  domainLookupEnd: 2,
  connectEnd: 3,
  secureConnectionStart: 0,
  responseStart: 5,
  responseEnd: 6,
};
const SHAPES = [
  BASE,
  entry({ ...zero, domContentLoadedEventEnd: 6 }),
  entry({ ...zero, name: 'https://192.168.100.200/' }),
  entry({ ...zero, connectEnd: 4 }),
  entry({ name: 'http://cliente-servidor-del-curso.example.org/', secureConnectionStart: 0 }),
  entry({ transferSize: 0 }),
  entry({ responseStatus: 304, domContentLoadedEventEnd: 0 }),
];
/** Each shape as it is, and with every step taking 0 ms (the "menos de 1 ms" notes). */
const NAVS = SHAPES.flatMap((nav) => [
  nav,
  {
    ...nav,
    ...Object.fromEntries(
      ['fetchStart', 'domainLookupStart', 'domainLookupEnd', 'connectStart', 'connectEnd', 'requestStart']
        .concat(['responseStart', 'responseEnd', 'domContentLoadedEventEnd'])
        .map((field) => [field, 5]),
    ),
    secureConnectionStart: nav.secureConnectionStart > 0 ? 5 : 0,
  },
]);

const RESOURCES: ResourceLike[] = [
  entry({ name: 'https://otro-origen.example.net/a.js', requestStart: 0, responseStart: 0 }),
  entry({ name: 'https://otro-origen.example.net/b.css', transferSize: 0 }),
  entry({ name: `${HOST}/c.css`, responseStatus: 304 }),
  entry({ name: `${HOST}/d.png`, transferSize: 1023 * 1024 }),
];

const notes = new Map<StepKey, string[]>();
for (const step of NAVS.flatMap(navigationSteps))
  notes.set(step.key, [...(notes.get(step.key) ?? []), step.note]);
const manyRows = resourceRows(
  Array.from({ length: 999 }, () => BASE),
  HOST,
  0,
);
notes.set('recursos', [resourcesStep(manyRows, BASE).note, resourcesStep([], BASE).note]);

/** The longest note a step's row can show. */
export function stepNoteSizer(key: StepKey): string {
  return longest(notes.get(key) ?? []);
}

/** The widest time a step's row can show ("no aplica", "oculto", "99999 ms"). */
export const STEP_MS_SIZER = longest(['no aplica', 'oculto', `${String(BIG_MS)} ms`]);
export const RESOURCE_MS_SIZER = `${String(BIG_MS)} ms`;
export const BADGE_SIZER = longest(Object.values(CACHE_LABELS));
/** The widest resource label: the longest kind and a 32-character monospace name (`shortName`). */
export const KIND_SIZER = 'imagen';
export const NAME_SIZER = 'M'.repeat(32);
export const RESOURCE_NOTE_SIZER = longest(resourceRows(RESOURCES, HOST, 0).map((r) => r.note));

export const INTRO_TYPE_SIZER = longest(
  ['navigate', 'reload', 'back_forward', 'prerender'].map((type) => navigationTypeText(type)),
);
export const BIG_MS_TEXT = `${String(BIG_MS)} ms`;

const summary = (overrides: Partial<LoadSummary>): LoadSummary => ({
  at: 0,
  type: 'navigate',
  total: BIG_MS,
  page: 'red',
  resources: 999,
  fromCache: 999,
  revalidated: 0,
  hidden: 0,
  transferred: 9999 * 1024,
  ...overrides,
});
/** The longest comparison after a reload, line by line. */
export const COMPARE_SIZER = [
  compareLoads(summary({}), summary({ fromCache: 0 })),
  compareLoads(summary({ fromCache: 0 }), summary({})),
].reduce((a, b) => (b.join('').length > a.join('').length ? b : a));
