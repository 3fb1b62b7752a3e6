import { describe, expect, it } from 'vitest';
import { navigationSteps } from '../../src/demos/page-load/navigation';
import { resourceKind, resourceRows, resourcesStep, shortName } from '../../src/demos/page-load/resources';
import { PAGE_LOAD_KEYS, PAGE_LOAD_STEPS } from '../../src/demos/page-load/steps';
import {
  cacheState,
  detailHidden,
  type NavigationLike,
  type ResourceLike,
  STEP_LABELS,
  stepLink,
} from '../../src/demos/page-load/timing';
import { compareLoads, type LoadSummary, summarize } from '../../src/demos/page-load/visits';
import { formatBytes, formatMs } from '../../src/lib/format';

/** A first visit over plain http to a loopback IP, on a fresh connection. */
function nav(overrides: Partial<NavigationLike> = {}): NavigationLike {
  return {
    name: 'http://127.0.0.1:8787/lecciones/02-como-llega-una-pagina/',
    initiatorType: 'navigation',
    type: 'navigate',
    startTime: 0,
    redirectStart: 0,
    redirectEnd: 0,
    fetchStart: 2,
    domainLookupStart: 3,
    domainLookupEnd: 3,
    connectStart: 3,
    connectEnd: 4.2,
    secureConnectionStart: 0,
    requestStart: 4.5,
    responseStart: 20,
    responseEnd: 25,
    domContentLoadedEventEnd: 120,
    loadEventEnd: 300,
    transferSize: 5000,
    encodedBodySize: 4700,
    decodedBodySize: 20000,
    responseStatus: 200,
    ...overrides,
  };
}

function resource(name: string, overrides: Partial<ResourceLike> = {}): ResourceLike {
  return {
    name,
    initiatorType: 'img',
    startTime: 30,
    fetchStart: 30,
    domainLookupStart: 30,
    domainLookupEnd: 30,
    connectStart: 30,
    connectEnd: 30,
    secureConnectionStart: 0,
    requestStart: 31,
    responseStart: 40,
    responseEnd: 45,
    transferSize: 1300,
    encodedBodySize: 1000,
    decodedBodySize: 1000,
    ...overrides,
  };
}

/** What Chrome reports for another origin's resource without Timing-Allow-Origin. */
function hiddenResource(name: string): ResourceLike {
  return resource(name, {
    domainLookupStart: 0,
    domainLookupEnd: 0,
    connectStart: 0,
    connectEnd: 0,
    requestStart: 0,
    responseStart: 0,
    transferSize: 0,
    encodedBodySize: 0,
    decodedBodySize: 0,
    startTime: 50,
    fetchStart: 50,
    responseEnd: 140,
  });
}

const byKey = (steps: ReturnType<typeof navigationSteps>) => Object.fromEntries(steps.map((s) => [s.key, s]));

describe('the bars tell the lessons’ page-load story', () => {
  it('in its order and with its names, from the one shared module', () => {
    const steps = navigationSteps(nav());
    expect(steps.map((s) => s.key)).toEqual(PAGE_LOAD_KEYS.slice(0, -1));
    for (const s of steps) expect(s.label).toBe(PAGE_LOAD_STEPS.find((p) => p.key === s.key)?.label);
    expect(STEP_LABELS.recursos).toBe(PAGE_LOAD_STEPS.at(-1)?.label);
  });
});

describe('page-load: navigation → steps', () => {
  it('gives the lesson steps in order with real intervals', () => {
    const steps = navigationSteps(nav());
    expect(steps.map((s) => s.key)).toEqual([
      'cache',
      'dns',
      'conexion',
      'tls',
      'peticion',
      'respuesta',
      'pagina',
    ]);
    const s = byKey(steps);
    expect(s['cache']).toMatchObject({ start: 2, end: 3, visibility: 'shown' });
    expect(s['conexion']).toMatchObject({ start: 3, end: 4.2, visibility: 'shown' });
    expect(s['peticion']).toMatchObject({ start: 4.5, end: 20, visibility: 'shown' });
    expect(s['respuesta']).toMatchObject({ start: 20, end: 25, visibility: 'shown' });
    expect(s['respuesta']?.note).toContain('código 200');
    expect(s['pagina']).toMatchObject({ start: 25, end: 120, visibility: 'shown' });
  });

  it('explains a 0 ms DNS on an IP address instead of drawing it', () => {
    const dns = byKey(navigationSteps(nav()))['dns'];
    expect(dns?.visibility).toBe('zero');
    expect(dns?.note).toMatch(/127\.0\.0\.1 ya es una dirección IP/);
  });

  it('says there is no TLS on http', () => {
    const tls = byKey(navigationSteps(nav()))['tls'];
    expect(tls?.visibility).toBe('absent');
    expect(tls?.note).toMatch(/http:\/\/, sin cifrar/);
  });

  it('splits TCP and TLS on a fresh https connection after a real DNS lookup', () => {
    const s = byKey(
      navigationSteps(
        nav({
          name: 'https://curso.example.org/',
          domainLookupStart: 3,
          domainLookupEnd: 30,
          connectStart: 30,
          secureConnectionStart: 60,
          connectEnd: 100,
          requestStart: 100,
        }),
      ),
    );
    expect(s['dns']).toMatchObject({ start: 3, end: 30, visibility: 'shown' });
    expect(s['dns']?.note).toContain('curso.example.org');
    expect(s['conexion']).toMatchObject({ start: 30, end: 60, visibility: 'shown' });
    expect(s['tls']).toMatchObject({ start: 60, end: 100, visibility: 'shown' });
  });

  it('names a reused connection as the reason for 0 ms DNS, TCP and TLS', () => {
    const s = byKey(
      navigationSteps(
        nav({
          name: 'https://curso.example.org/',
          domainLookupStart: 2,
          domainLookupEnd: 2,
          connectStart: 2,
          connectEnd: 2,
          secureConnectionStart: 0,
        }),
      ),
    );
    for (const key of ['dns', 'conexion', 'tls']) expect(s[key]?.visibility).toBe('zero');
    expect(s['dns']?.note).toMatch(/reutilizó una conexión/);
    expect(s['conexion']?.note).toMatch(/reutilizó una conexión TCP/);
    expect(s['tls']?.note).toMatch(/reutilizó/);
  });

  it('says DNS came from its cache when the connection was new', () => {
    const dns = byKey(
      navigationSteps(nav({ name: 'https://curso.example.org/', secureConnectionStart: 3.5 })),
    )['dns'];
    expect(dns?.note).toMatch(/caché de DNS/);
  });

  it('marks network steps as not needed when the page came from the cache', () => {
    const s = byKey(navigationSteps(nav({ transferSize: 0 })));
    expect(s['cache']?.note).toMatch(/salió entera de la caché/);
    for (const key of ['dns', 'conexion', 'tls', 'peticion']) {
      expect(s[key]?.visibility).toBe('absent');
      expect(s[key]?.note).toMatch(/No hizo falta/);
    }
  });

  it('recognises a revalidated page (304) and adds a redirect row when there was one', () => {
    const steps = navigationSteps(nav({ responseStatus: 304, redirectStart: 0.5, redirectEnd: 1.5 }));
    expect(steps[0]).toMatchObject({ key: 'redireccion', start: 0.5, end: 1.5, visibility: 'shown' });
    expect(byKey(steps)['cache']?.note).toMatch(/304/);
  });

  it('says the page is still being built before DOMContentLoaded', () => {
    expect(byKey(navigationSteps(nav({ domContentLoadedEventEnd: 0 })))['pagina']?.visibility).toBe('absent');
  });
});

describe('page-load: resources', () => {
  const origin = 'http://127.0.0.1:8787';

  it('tells the cache apart from the network and from a revalidation', () => {
    expect(cacheState(resource('http://x/a.png', { transferSize: 0 }))).toBe('cache');
    expect(cacheState(resource('http://x/a.png'))).toBe('red');
    expect(cacheState(resource('http://x/a.png', { transferSize: 300, encodedBodySize: 9000 }))).toBe(
      'revalidada',
    );
    expect(cacheState(resource('http://x/a.png', { transferSize: 300, responseStatus: 304 }))).toBe(
      'revalidada',
    );
  });

  it('does not read a hidden cross-origin resource as cached', () => {
    const entry = hiddenResource('https://cdn.example.com/font.woff2');
    expect(detailHidden(entry)).toBe(true);
    expect(cacheState(entry)).toBe('desconocido');
    const [row] = resourceRows([entry], origin, 300);
    expect(row).toMatchObject({ hidden: true, cache: 'desconocido', kind: 'fuente', start: 50, end: 140 });
    expect(row?.note).toMatch(/Timing-Allow-Origin/);
    expect(row?.note).toMatch(/solo el total/);
  });

  it('lists resources in request order, with kind, short name and when they were asked for', () => {
    const rows = resourceRows(
      [
        resource(`${origin}/_astro/SyncAsyncDemo.CkH_40fj.js`, { startTime: 900, initiatorType: 'script' }),
        resource(`${origin}/favicon.svg`, { startTime: 10, transferSize: 0 }),
        resource(`${origin}/_astro/common.css`, { startTime: 5, initiatorType: 'link' }),
        resource('data:image/png;base64,AAAA', { startTime: 1 }),
      ],
      origin,
      300,
    );
    expect(rows.map((r) => [r.name, r.kind, r.cache, r.afterLoad])).toEqual([
      ['common.css', 'estilo', 'red', false],
      ['favicon.svg', 'imagen', 'cache', false],
      ['SyncAsyncDemo.CkH_40fj.js', 'script', 'red', true],
    ]);
    expect(rows[1]?.note).toMatch(/0 bytes por la red/);
    expect(rows[0]?.note).toMatch(/1,3 KB/);
  });

  it('names kinds by extension first, then by initiator', () => {
    expect(resourceKind(new URL('http://x/api/estado'), 'fetch')).toBe('fetch');
    expect(resourceKind(new URL('http://x/pagefind/x.json'), 'fetch')).toBe('datos');
    expect(resourceKind(new URL('http://x/algo'), 'other')).toBe('otro');
  });

  it('shortens long names in the middle', () => {
    const name = shortName(new URL(`http://x/${'a'.repeat(20)}${'b'.repeat(20)}.js`), 21);
    expect(name).toBe(`${'a'.repeat(10)}…${'b'.repeat(7)}.js`);
    expect(shortName(new URL('http://x/'))).toBe('x');
  });

  it('spans the resources step from the first resource to the load event', () => {
    const rows = resourceRows(
      [
        resource(`${origin}/a.png`, { startTime: 30 }),
        resource(`${origin}/b.png`, { startTime: 60, transferSize: 0 }),
      ],
      origin,
      300,
    );
    const step = resourcesStep(rows, nav());
    expect(step).toMatchObject({ key: 'recursos', start: 30, end: 300, visibility: 'shown' });
    expect(step.note).toBe('2 recursos durante la carga; 1 desde la caché.');
    expect(resourcesStep([], nav()).visibility).toBe('absent');
  });
});

describe('page-load: first and second load', () => {
  const origin = 'http://127.0.0.1:8787';
  const entries = [resource(`${origin}/a.png`), resource(`${origin}/b.css`, { initiatorType: 'link' })];

  it('summarises a load: total, cache use and bytes over the network', () => {
    const rows = resourceRows(entries, origin, 300);
    expect(summarize(nav(), rows, entries, 1000)).toEqual({
      at: 1000,
      type: 'navigate',
      total: 300,
      page: 'red',
      resources: 2,
      fromCache: 0,
      revalidated: 0,
      hidden: 0,
      transferred: 5000 + 1300 + 1300,
    });
  });

  const first: LoadSummary = {
    at: 0,
    type: 'navigate',
    total: 800,
    page: 'red',
    resources: 14,
    fromCache: 0,
    revalidated: 0,
    hidden: 0,
    transferred: 250_000,
  };

  it('compares a second load that used the cache', () => {
    const lines = compareLoads(first, {
      ...first,
      type: 'reload',
      total: 400,
      page: 'revalidada',
      fromCache: 12,
      transferred: 9000,
    });
    expect(lines[0]).toBe('Carga completa: antes 800 ms, ahora 400 ms.');
    expect(lines[1]).toBe('Recursos desde la caché: antes 0 de 14, ahora 12 de 14.');
    expect(lines[2]).toBe('Bytes por la red: antes 244,1 KB, ahora 8,8 KB.');
    expect(lines[3]).toMatch(/reutilizó/);
  });

  it('explains a second load that used no cache at all', () => {
    const lines = compareLoads(first, { ...first, type: 'reload' });
    expect(lines.at(-1)).toMatch(/nada salió de la caché.*Cache-Control/);
  });
});

describe('page-load: words and links', () => {
  it('links a step to the lesson section, naming the step when known', () => {
    expect(stepLink('dns', 'qué-ocurre-entonces', { dns: 1 })).toEqual({
      href: '#qué-ocurre-entonces',
      label: 'paso 1',
    });
    expect(stepLink('cache', '#qué-ocurre-entonces', { dns: 1 })).toEqual({
      href: '#qué-ocurre-entonces',
      label: 'en la lección',
    });
    expect(stepLink('dns', undefined, { dns: 1 })).toBeNull();
  });

  it('formats milliseconds and bytes the Spanish way', () => {
    expect(formatMs(0)).toBe('0 ms');
    expect(formatMs(1.25)).toBe('1,3 ms');
    expect(formatMs(4)).toBe('4 ms');
    expect(formatMs(123.6)).toBe('124 ms');
    expect(formatBytes(512)).toBe('512 B');
    expect(formatBytes(1536)).toBe('1,5 KB');
  });
});
