/**
 * The page's own steps, from the reader's Navigation Timing entry: cache, DNS, connection,
 * TLS, request, response and the page built, in the order the lesson tells them. Where a
 * number is 0 only because a step was not needed this time, the step says why.
 */
import {
  type CacheState,
  cacheState,
  type NavigationLike,
  STEP_LABELS,
  type Step,
  type StepKey,
  step,
} from './timing';

const IP_HOST = /^(\d{1,3}(\.\d{1,3}){3}|\[[0-9a-f:.]+\])$/i;

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

/** How the reader arrived at this visit, in words, for the demo's first sentence. */
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
