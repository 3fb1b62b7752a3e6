/**
 * The wrong or dated claims the technical review found in the seeds, each with the primary
 * source its correction must cite and what that correction must say. The seed sentence stays
 * in its lesson; `claims.test.ts` checks that wherever a page states one of these, a
 * `<ConMasPrecision>` aside with that source follows it. The review's full table, correct
 * claims included, is in the closing note of issue 13.
 *
 * `pattern` matches the claim as lessons and the glossary have written it (case-insensitive,
 * any whitespace); `correction` is what the aside's text must contain.
 */

export interface ReviewedClaim {
  id: string;
  /** The page (under src/content/docs/) whose seed states it. */
  file: string;
  pattern: RegExp;
  /** Why it is wrong or dated, in one line (for whoever maintains this list). */
  verdict: string;
  /** The `fuente` of the aside that corrects it. */
  source: string;
  correction: RegExp;
}

const L1 = 'lecciones/01-modelo-cliente-servidor.mdx';
const L2 = 'lecciones/02-como-llega-una-pagina.mdx';
const L3 = 'lecciones/03-peticion-y-respuesta.mdx';
const L4 = 'lecciones/04-websocket.mdx';
const L5 = 'lecciones/05-websockets-y-socket-io.mdx';

const RFC = (n: number, section: string) =>
  `https://www.rfc-editor.org/rfc/rfc${String(n)}#section-${section}`;
const MDN_BROWSERS = 'https://developer.mozilla.org/en-US/docs/Web/Performance/Guides/How_browsers_work';

export const CLAIMS: ReviewedClaim[] = [
  {
    id: 'backend-es-el-clic',
    file: L1,
    pattern: /acciones que se realizan cuando le damos clic/,
    verdict: 'Imprecise: many clicks run frontend code; the backend is the code on the server.',
    source:
      'https://developer.mozilla.org/es/docs/Learn_web_development/Extensions/Server-side/First_steps/Introduction',
    correction: /corre en el servidor/,
  },
  {
    id: 'modelo-es-frontend-backend',
    file: L1,
    pattern: /a la relación que existe entre el frontend y el backend/,
    verdict: 'Client and server are roles per connection (RFC 9110 §3.3); frontend/backend is a code split.',
    source: RFC(9110, '3.3'),
    correction: /reparto de papeles/,
  },
  {
    id: 'cache-del-sistema-operativo',
    file: L1,
    pattern: /sistema operativo (?:para ver )?si tiene una versión en/,
    verdict: 'The HTTP cache is the browser’s own (a private cache, RFC 9111 §1), not the OS’s.',
    source: RFC(9111, '1'),
    correction: /la del propio navegador/,
  },
  {
    id: 'get-le-pide',
    file: L1,
    pattern: /GET le pide al servidor los datos/,
    verdict: 'Garbled: GET is the request method; DNS, TCP and TLS come before the request.',
    source: RFC(9110, '9.3.1'),
    correction: /es el método de la petición/,
  },
  {
    id: 'cache-despues-del-codigo',
    file: L1,
    pattern: /Se buscan los archivos que ya tenemos en caché/,
    verdict: 'Out of order: the cache is checked for each file before requesting it, the page first.',
    source: MDN_BROWSERS,
    correction: /para cada archivo justo antes de pedirlo/,
  },
  {
    id: 'texto-primero',
    file: L1,
    pattern: /empezando por el texto/,
    verdict: 'Rendering is progressive and usually waits for CSS; text does not come first by rule.',
    source: MDN_BROWSERS,
    correction: /hojas de estilo/,
  },
  {
    id: 'recursos-al-final',
    file: L1,
    pattern: /Por último se solicitan las imágenes/,
    verdict: 'Subresources are requested in parallel as the HTML parser (and preload scanner) finds them.',
    source: MDN_BROWSERS,
    correction: /en paralelo/,
  },
  {
    id: 'cookies-en-ambos-lados',
    file: L1,
    pattern: /datos guardados en variables/,
    verdict: 'The browser stores cookies; the server sets them with Set-Cookie and gets them back in Cookie.',
    source: RFC(6265, '3'),
    correction: /Set-Cookie[\s\S]*la guarda solo el navegador/,
  },
  {
    id: 'modelo-es-un-protocolo',
    file: L2,
    pattern: /es un protocolo de comunicación a través de una red/,
    verdict: 'Client-server is an architecture; HTTP is a protocol that follows it.',
    source: RFC(9110, '3.3'),
    correction: /no es un protocolo/,
  },
  {
    id: 'cliente-es-un-dispositivo',
    file: L2,
    pattern: /dispositivo conectado a Internet \(por ejemplo/,
    verdict: 'Loose: in HTTP the client is the program (a role per connection), not the device.',
    source: RFC(9110, '3.3'),
    correction: /cliente y servidor son programas/,
  },
  {
    id: 'servidor-es-un-computador',
    file: L2,
    pattern: /computador que almacena páginas web/,
    verdict: 'In HTTP a server is a program that accepts connections; many pages are generated.',
    source: RFC(9110, '3.3'),
    correction: /el servidor es el programa/,
  },
  {
    id: 'tcp-ip-de-la-web',
    file: L2,
    pattern: /cómo deben viajar los datos a través de la web/,
    verdict: 'TCP/IP carries all Internet traffic, not only the web; HTTP/3 runs over QUIC/UDP.',
    source: RFC(9293, '2.2'),
    correction: /no es solo de la web[\s\S]*QUIC/,
  },
  {
    id: 'pasos-sin-cache-tcp-tls',
    file: L2,
    pattern: /El navegador va al servidor DNS y encuentra la dirección real/,
    verdict: 'Incomplete: the cache comes first, TCP and TLS come before the request, resources in parallel.',
    source: MDN_BROWSERS,
    correction: /TCP y el cifrado TLS/,
  },
  {
    id: 'servidor-aprueba',
    file: L2,
    pattern: /Siempre que el servidor apruebe la solicitud/,
    verdict: 'Servers always answer, with a status code; each response carries one resource.',
    source: RFC(9110, '15'),
    correction: /responde siempre[\s\S]*código de estado/,
  },
  {
    id: 'una-vez-aprobada',
    file: L2,
    pattern: /Una vez aprobada la solicitud:/,
    verdict: 'Same as above: every request gets a response with a status code, approved or not.',
    source: RFC(9110, '15'),
    correction: /Aprobada o no, la petición recibe respuesta/,
  },
  {
    id: 'navegador-reune-paquetes',
    file: L2,
    pattern: /El navegador reúne los pequeños trozos/,
    verdict: 'TCP (in the OS) reorders and retransmits segments; the browser parses HTML as it streams.',
    source: RFC(9293, '3.4'),
    correction: /no los reúne el navegador, sino TCP/,
  },
  {
    id: 'cliente-emisor-servidor-receptor',
    file: L3,
    pattern: /\(emisor\) realiza una solicitud/,
    verdict: 'Simplified: both sides send and receive; the roles are who opens and asks, who answers.',
    source: RFC(9110, '3.3'),
    correction: /Emisor y receptor cambian con cada mensaje/,
  },
  {
    id: 'normalmente-sincrono',
    file: L3,
    pattern: /normalmente lo realizamos de forma/,
    verdict: 'Dated and conflates sequential with blocking: browsers fetch in parallel (HTTP/2 multiplexes).',
    source: RFC(9113, '5'),
    correction: /secuencial[\s\S]*bloqueante/,
  },
  {
    id: 'sincrono-bloquea-la-carga',
    file: L3,
    pattern: /tiene que esperar la\s+respuesta antes de proceder a la carga de una página/,
    verdict: 'That is blocking (synchronous XHR, deprecated), not what "síncrono" meant above.',
    source:
      'https://developer.mozilla.org/en-US/docs/Web/API/XMLHttpRequest_API/Synchronous_and_Asynchronous_Requests',
    correction: /bloquear[\s\S]*XMLHttpRequest/,
  },
  {
    id: 'ajax-varias-tareas',
    file: L3,
    pattern: /más de una ["«]tarea["»] a la vez/,
    verdict: 'AJAX is the 2005 name (XHR); today fetch(). JS runs one task at a time; network waits overlap.',
    source: 'https://developer.mozilla.org/es/docs/Web/API/Fetch_API',
    correction: /fetch\(\)[\s\S]*una cosa cada vez/,
  },
  {
    id: 'websocket-entre-redes',
    file: L4,
    pattern: /cómo deben intercambiarse datos entre redes/,
    verdict: 'WebSocket connects a client and a server over one TCP connection; IP links networks.',
    source: RFC(6455, '1.7'),
    correction: /no conecta redes/,
  },
  {
    id: 'websocket-todos-los-clientes',
    file: L4,
    pattern: /utilizado por prácticamente todos los clientes/,
    verdict: 'Describes TCP; most web traffic is HTTP, WebSocket only where a channel is needed.',
    source: RFC(6455, '1.7'),
    correction: /describe a TCP/,
  },
  {
    id: 'websocket-mas-rapido',
    file: L4,
    pattern: /se accede de forma más rápida a los datos/,
    verdict: 'The gain is no per-message request/headers (less latency and overhead than polling).',
    source: RFC(6455, '1.1'),
    correction: /no es descargar más rápido/,
  },
  {
    id: 'la-web-en-tiempo-real',
    file: L4,
    pattern: /la web que se solicita se muestra en tiempo real/,
    verdict: 'The page still loads over HTTP; messages arrive in real time and page script shows them.',
    source: RFC(6455, '1.1'),
    correction: /se sigue cargando por HTTP/,
  },
  {
    id: 'http-largas-esperas',
    file: L4,
    pattern: /largos tiempos de espera entre la solicitud y la respuesta/,
    verdict: 'Responses are fast; what HTTP lacks is server-initiated messages, hence polling delays.',
    source: RFC(6202, '2'),
    correction: /no permite es que el servidor hable primero/,
  },
  {
    id: 'websocket-primera-vez',
    file: L4,
    pattern: /permitió por primera vez/,
    verdict: 'Polling, long polling, streaming and Flash predate RFC 6455 (2011).',
    source: RFC(6455, '1.1'),
    correction: /No fue la primera vez/,
  },
  {
    id: 'handshake-identificacion',
    file: L4,
    pattern: /todos los datos de identificación/,
    verdict: 'The handshake carries Upgrade, a random key and the version; no authentication (§10.5).',
    source: RFC(6455, '1.3'),
    correction: /Sec-WebSocket-Key[\s\S]*no dice quién eres/,
  },
  {
    id: 'push-mismo-principio',
    file: L4,
    pattern:
      /también funcionan según este principio|funciona porque el canal de comunicación queda abierto tras el handshake/,
    verdict: 'Web Push uses the Push API, a push service (RFC 8030) and a service worker, not a WebSocket.',
    source: 'https://developer.mozilla.org/es/docs/Web/API/Push_API',
    correction: /API Push[\s\S]*service worker/,
  },
  {
    id: 'socketio-se-basa-en-websocket',
    file: L5,
    pattern: /Se basa en el protocolo WebSocket/,
    verdict: 'Socket.IO is not a WebSocket implementation; plain WebSocket clients cannot talk to it.',
    source: 'https://socket.io/docs/v4/#what-socketio-is-not',
    correction: /no es una implementación de WebSocket[\s\S]*PartyKit/,
  },
];
