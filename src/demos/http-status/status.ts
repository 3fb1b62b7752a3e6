/**
 * The status demo without the UI: what a response's status code means, the status line,
 * the headers JavaScript was allowed to read, and the body as text.
 */

/** The codes the reader can ask the room for. */
export const STATUS_CHOICES = [200, 301, 404, 500] as const;
export type StatusChoice = (typeof STATUS_CHOICES)[number];

export type Family = '1xx' | '2xx' | '3xx' | '4xx' | '5xx';

export const FAMILY_TEXT: Record<Family, string> = {
  '1xx': 'Informativa: el servidor avisa de que sigue procesando; la respuesta de verdad llega después.',
  '2xx': 'Éxito: el servidor entendió la petición y responde con lo que se pidió.',
  '3xx': 'Redirección: lo pedido está en otra dirección; el navegador la sigue por su cuenta.',
  '4xx': 'Error del cliente: la petición pide algo que no existe o está mal hecha.',
  '5xx': 'Error del servidor: la petición era válida, pero el servidor falló al atenderla.',
};

export const FAMILY_NAMES: Record<Family, string> = {
  '1xx': 'Informativa',
  '2xx': 'Éxito',
  '3xx': 'Redirección',
  '4xx': 'Error del cliente',
  '5xx': 'Error del servidor',
};

/** The standard reason phrases, for HTTP/2 and HTTP/3 where `statusText` is empty. */
const REASONS: Record<number, string> = {
  200: 'OK',
  301: 'Moved Permanently',
  302: 'Found',
  304: 'Not Modified',
  400: 'Bad Request',
  404: 'Not Found',
  405: 'Method Not Allowed',
  500: 'Internal Server Error',
};

export function family(status: number): Family | null {
  if (status < 100 || status > 599) return null;
  return `${String(Math.floor(status / 100))}xx` as Family;
}

/** `nextHopProtocol` (e.g. `http/1.1`, `h2`) as people write it; plain `HTTP` when unknown. */
export function protocolName(nextHop: string | undefined): string {
  switch (nextHop?.toLowerCase()) {
    case 'http/1.0':
      return 'HTTP/1.0';
    case 'http/1.1':
      return 'HTTP/1.1';
    case 'h2':
    case 'h2c':
      return 'HTTP/2';
    case 'h3':
      return 'HTTP/3';
    default:
      return 'HTTP';
  }
}

export function statusLine(protocol: string, status: number, statusText: string): string {
  const reason = statusText.trim() || REASONS[status] || '';
  return `${protocol} ${String(status)}${reason ? ` ${reason}` : ''}`;
}

export interface StatusStep {
  line: string;
  family: Family | null;
  explanation: string;
  /** For a redirect the browser followed: what the reader cannot see and why. */
  note?: string;
}

export interface ExchangeInput {
  /** The code the reader asked for. */
  requested: number;
  status: number;
  statusText: string;
  protocol: string;
  redirected: boolean;
  finalUrl: string;
  headers: Iterable<[string, string]>;
  body: string;
}

export interface Exchange {
  /** One step per response: the redirect (if followed), then the final answer. */
  steps: StatusStep[];
  headers: Array<[string, string]>;
  body: string;
}

/** Puts a fetch result into the words and lines the demo shows. */
export function describeExchange(input: ExchangeInput): Exchange {
  const steps: StatusStep[] = [];
  if (input.redirected && family(input.requested) === '3xx') {
    const target = new URL(input.finalUrl);
    steps.push({
      line: statusLine(input.protocol, input.requested, ''),
      family: '3xx',
      explanation: FAMILY_TEXT['3xx'],
      note: `El navegador recibió ${String(input.requested)} con la cabecera Location y pidió ${target.pathname}${target.search} sin preguntarte; fetch solo entrega la respuesta final.`,
    });
  }
  const fam = family(input.status);
  steps.push({
    line: statusLine(input.protocol, input.status, input.statusText),
    family: fam,
    explanation: fam ? FAMILY_TEXT[fam] : 'Código fuera de los rangos de HTTP.',
  });
  return { steps, headers: headerList(input.headers), body: prettyBody(input.body) };
}

/** Headers as name/value pairs, sorted by name, as the browser let the page read them. */
export function headerList(headers: Iterable<[string, string]>): Array<[string, string]> {
  return [...headers].sort(([a], [b]) => a.localeCompare(b));
}

/** JSON indented for reading; anything else as it came, cut at `max` characters. */
export function prettyBody(text: string, max = 2000): string {
  let out = text;
  try {
    out = JSON.stringify(JSON.parse(text), null, 2);
  } catch {
    // Not JSON: show the text as is.
  }
  return out.length > max ? `${out.slice(0, max)}…` : out;
}

/** Why some headers are missing from what the page sees. */
export function headersNote(crossOrigin: boolean): string {
  const base = 'JavaScript nunca puede leer Set-Cookie.';
  return crossOrigin
    ? `${base} Como la sala está en otro origen, además solo se ven las cabeceras básicas (Content-Type, Cache-Control…) y las que el servidor declara en Access-Control-Expose-Headers.`
    : `${base} La sala está en el mismo origen que esta página, así que el resto se ve.`;
}

/** Spanish for a request that never got an answer. */
export const UNREACHABLE =
  'No se pudo contactar con la sala: esta demostración necesita su servidor HTTP. La lección se lee igual; prueba de nuevo más tarde.';
