/**
 * The one page-load story the course tells, in order: cache, DNS, TCP, TLS, request, status,
 * HTML, then the other resources in parallel as the HTML reveals them. Lessons 01 and 02 show
 * it beside their seeds' steps (`<PageLoadSteps />`) and the page-load demo names its bars
 * after it, so the lessons and the demo cannot tell two different stories.
 *
 * Plain data, no framework: the build, the island and the tests all import it.
 */

/** A primary source, named for a reader and linked. */
export interface SourceLink {
  label: string;
  href: string;
}

export interface PageLoadStep {
  /** The demo's key for the step (its bar, its `pasos` prop). */
  key: 'cache' | 'dns' | 'conexion' | 'tls' | 'peticion' | 'respuesta' | 'pagina' | 'recursos';
  /** Short name, as the demo labels its bar. */
  label: string;
  /** One or two Spanish sentences: what happens in this step. */
  text: string;
  source: SourceLink;
}

export const PAGE_LOAD_STEPS: readonly PageLoadStep[] = [
  {
    key: 'cache',
    label: 'Caché',
    text: 'El navegador mira su propia caché HTTP (no la del sistema operativo). Si guarda una copia fresca de la página, la usa sin ir a la red; si la copia caducó, puede preguntar al servidor si sigue valiendo (y este responde 304).',
    source: { label: 'RFC 9111, sección 4', href: 'https://www.rfc-editor.org/rfc/rfc9111#section-4' },
  },
  {
    key: 'dns',
    label: 'DNS',
    text: 'Si no conoce ya la dirección IP del servidor, se la pide al resolutor del sistema operativo, que pregunta a un servidor DNS. Cada uno guarda las respuestas un tiempo, así que a menudo no hace falta preguntar.',
    source: { label: 'RFC 1034, sección 5', href: 'https://www.rfc-editor.org/rfc/rfc1034#section-5' },
  },
  {
    key: 'conexion',
    label: 'Conexión TCP',
    text: 'Abre una conexión TCP con esa IP con un apretón de manos de tres mensajes (SYN, SYN-ACK, ACK). Si ya tenía una abierta con ese servidor, la reutiliza.',
    source: { label: 'RFC 9293, sección 3.5', href: 'https://www.rfc-editor.org/rfc/rfc9293#section-3.5' },
  },
  {
    key: 'tls',
    label: 'TLS (cifrado)',
    text: 'Con https://, navegador y servidor negocian TLS: el servidor demuestra con su certificado quién es y los dos acuerdan las claves que cifran todo lo que sigue.',
    source: { label: 'RFC 8446, sección 2', href: 'https://www.rfc-editor.org/rfc/rfc8446#section-2' },
  },
  {
    key: 'peticion',
    label: 'Petición',
    text: 'Envía la petición HTTP: el método (GET), la ruta y cabeceras como Host y las cookies que guarda para ese sitio.',
    source: {
      label: 'RFC 9110, sección 9.3.1',
      href: 'https://www.rfc-editor.org/rfc/rfc9110#section-9.3.1',
    },
  },
  {
    key: 'respuesta',
    label: 'Código de estado',
    text: 'El servidor contesta siempre, empezando por un código de estado: 200 (OK), 301 (la página se mudó), 304 (tu copia sigue valiendo), 404 (no encontrado), 500 (error del servidor)… Después vienen las cabeceras y el cuerpo.',
    source: { label: 'RFC 9110, sección 15', href: 'https://www.rfc-editor.org/rfc/rfc9110#section-15' },
  },
  {
    key: 'pagina',
    label: 'HTML',
    text: 'El cuerpo, el HTML, llega en paquetes que TCP ordena y completa. El navegador lo analiza a medida que llega y construye con él la página (el DOM), sin esperar a tenerlo entero.',
    source: {
      label: 'MDN: cómo funcionan los navegadores (en inglés)',
      href: 'https://developer.mozilla.org/en-US/docs/Web/Performance/Guides/How_browsers_work',
    },
  },
  {
    key: 'recursos',
    label: 'Otros recursos, en paralelo',
    text: 'Al leer el HTML descubre hojas de estilo, scripts, imágenes y fuentes, y los pide en cuanto los encuentra, varios a la vez (cada uno pasa antes por la caché). Muestra la página en cuanto tiene lo necesario y la sigue completando.',
    source: {
      label: 'MDN: cómo funcionan los navegadores (en inglés)',
      href: 'https://developer.mozilla.org/en-US/docs/Web/Performance/Guides/How_browsers_work',
    },
  },
];

/** The steps' keys, in the story's order. */
export const PAGE_LOAD_KEYS = PAGE_LOAD_STEPS.map((step) => step.key);
