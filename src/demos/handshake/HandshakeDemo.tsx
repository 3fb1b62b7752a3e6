import { useEffect, useId, useRef, useState } from 'preact/hooks';
import type { ServerMessageOf } from '../../../party/wire/serverMessages';
import { type AcceptSteps, acceptSteps, WEBSOCKET_GUID } from '../../lib/frames';
import { connectRoom, type RoomClient, type StatusInfo } from '../../lib/room-client';
import { statusText } from '../../lib/statusText';
import {
  addFrame,
  enoughFrames,
  type FrameRecord,
  type HttpLine,
  headerValue,
  RFC_EXAMPLE,
  RFC_KEY,
  RFC_STEPS,
  requestLines,
  responseLines,
} from './handshakeView';

/** The status without its countdown: it sits in a live region, which must not tick every second. */
const quiet = ({ status, attempt }: StatusInfo): StatusInfo => ({ status, attempt });

export interface HandshakeDemoProps {
  sala: string;
}

type Phase = 'connecting' | 'open' | 'closed' | 'offline' | 'outdated';
type Steps = AcceptSteps | 'unsupported' | null;

let nextId = 0;

async function stepsFor(key: string): Promise<Steps> {
  // Web Crypto only exists on secure pages (https or localhost).
  if (typeof crypto === 'undefined' || !crypto.subtle) return 'unsupported';
  try {
    return await acceptSteps(key);
  } catch {
    return 'unsupported';
  }
}

function Http({ lines, testId }: { lines: HttpLine[]; testId: string | undefined }) {
  return (
    <pre class="hsk-http" data-testid={testId}>
      {lines.map((line) => (
        <span key={line.text} class={line.key ? 'hsk-key' : undefined}>
          {line.text}
          {'\n'}
        </span>
      ))}
    </pre>
  );
}

/** Opens a fresh connection and shows its handshake as the room saw it, then its first frames. */
export default function HandshakeDemo({ sala }: HandshakeDemoProps) {
  const client = useRef<RoomClient | null>(null);
  // Unique per instance, so two demos on one page never share an id.
  const uid = useId();
  const [phase, setPhase] = useState<Phase>('connecting');
  const [status, setStatus] = useState<StatusInfo>({ status: 'connecting', attempt: 0 });
  const [report, setReport] = useState<ServerMessageOf<'handshake'> | null>(null);
  const [steps, setSteps] = useState<Steps>(null);
  const [rfc, setRfc] = useState<Steps>(null);
  const [frames, setFrames] = useState<FrameRecord[]>([]);
  const [opened, setOpened] = useState(0);

  const connect = () => {
    client.current?.close();
    setReport(null);
    setSteps(null);
    setFrames([]);
    setPhase('connecting');
    setOpened((n) => n + 1);
    let seen: FrameRecord[] = [];
    let done = false;
    // Its own socket, not the page's shared one: this demo shows a connection's own opening.
    const room = connectRoom({
      room: sala,
      query: { handshake: '1' },
      onStatus: (info) => {
        setStatus(info);
        if (info.status === 'offline' || info.status === 'outdated') setPhase(info.status);
        else if (info.status === 'open') setPhase('open');
      },
      onSocketEvent: (event) => {
        seen = addFrame(seen, event, nextId++);
        setFrames(seen);
        if (!done && enoughFrames(seen)) {
          done = true;
          // Outside the socket's own handler: close once the frames are on screen.
          setTimeout(() => {
            room.close();
            setPhase('closed');
          }, 0);
        }
      },
      onMessage: (message) => {
        if (message.type !== 'handshake') return;
        setReport(message);
        const key = headerValue(message.request.headers, 'sec-websocket-key');
        if (key) void stepsFor(key).then(setSteps);
      },
    });
    client.current = room;
  };

  useEffect(() => {
    connect();
    void stepsFor(RFC_KEY).then(setRfc);
    return () => client.current?.close();
  }, [sala]);

  // Until this connection's report is in, the RFC's example fills the same places (see
  // RFC_EXAMPLE). Test ids mark live values only, so nothing mistakes the example for them.
  const live = report !== null;
  const shown = report ?? RFC_EXAMPLE;
  const computed = live ? (steps && steps !== 'unsupported' ? steps : null) : RFC_STEPS;
  const matches = computed !== null && computed.accept === shown.accept;
  const liveId = (id: string) => (live ? id : undefined);

  return (
    <section class="demo handshake not-content" aria-label="El handshake de una conexión WebSocket real">
      <div class="hsk-head">
        <p class="demo-status" role="status" data-testid="hsk-status">
          {phase === 'connecting' && 'Abriendo una conexión nueva con la sala…'}
          {phase === 'open' && 'Conexión abierta: recibiendo los primeros mensajes…'}
          {phase === 'closed' &&
            `Conexión n.º ${String(opened)} abierta y cerrada: abajo, su handshake y sus primeros mensajes.`}
          {phase === 'offline' && `La sala no responde (${statusText(quiet(status))}).`}
          {phase === 'outdated' && statusText(status)}
        </p>
        <button type="button" onClick={connect}>
          Abrir otra conexión
        </button>
      </div>
      <p class="hsk-note">
        Esta demostración abre su propia conexión, aparte de la que comparten las demás de la página.
      </p>

      {phase === 'offline' && (
        <p class="demo-offline" data-testid="hsk-offline">
          <strong>Sala no disponible.</strong> Con la sala en línea verías aquí la petición real de tu
          navegador, con su clave, y la respuesta 101. Abajo, el mismo intercambio con la clave de ejemplo del
          RFC 6455.
        </p>
      )}

      <div class="hsk-exchange" data-example={live ? undefined : 'rfc'}>
        <div>
          <h3>1. La petición, {live ? 'tal como llegó a la sala' : 'en el ejemplo del RFC'}</h3>
          <Http lines={requestLines(shown)} testId={liveId('hsk-request')} />
        </div>
        <div>
          <h3>2. La respuesta</h3>
          <Http lines={responseLines(shown)} testId={liveId('hsk-response')} />
          <p class="hsk-note">
            {live ? (
              <>
                El entorno de la sala escribe este 101; la sala calculó por su cuenta el mismo{' '}
                <code>sec-websocket-accept</code> a partir de la clave que vio.
              </>
            ) : (
              <>
                El servidor del ejemplo responde con este 101, y con el <code>sec-websocket-accept</code> que
                calculó a partir de la clave.
              </>
            )}
          </p>
        </div>
      </div>

      <div class="hsk-steps" data-example={live ? undefined : 'rfc'}>
        <h3>3. De la clave al accept, paso a paso (RFC 6455)</h3>
        {steps === 'unsupported' && live && (
          <p>Este navegador solo calcula SHA-1 en páginas seguras (https): aquí se ve el valor de la sala.</p>
        )}
        {computed && (
          <ol>
            <li>
              La clave que envió {live ? 'tu navegador' : 'el cliente del ejemplo'}:{' '}
              <code data-testid={liveId('hsk-key')}>{computed.key}</code>. Son 16 bytes al azar en base64 (
              <code>{computed.nonceHex ?? '—'}</code>), nuevos en cada conexión.
            </li>
            <li>
              Se le añade el GUID fijo del RFC 6455, <code>{WEBSOCKET_GUID}</code>:{' '}
              <code>{computed.joined}</code>
            </li>
            <li>
              Se calcula el SHA-1 de ese texto, 20 bytes: <code>{computed.sha1Hex}</code>
            </li>
            <li>
              Se escriben en base64: <code data-testid={liveId('hsk-accept')}>{computed.accept}</code>. Ese es
              el <code>Sec-WebSocket-Accept</code>.
            </li>
          </ol>
        )}
        <p data-testid={liveId('hsk-match')}>
          {computed &&
            (matches
              ? live
                ? '✓ Tu navegador hizo la misma cuenta y coincide con la de la sala. Si no coincidiera, cerraría la conexión: así sabe que al otro lado hay un servidor que entiende WebSocket.'
                : '✓ Es el accept que publica el RFC. Tu navegador hará esta misma cuenta con su clave; si no coincidiera con la de la sala, cerraría la conexión: así sabe que al otro lado hay un servidor que entiende WebSocket.'
              : '✗ La cuenta de tu navegador no coincide con la de la sala.')}
        </p>
        {/* Rendered from the first paint (with the RFC's value) so the demo keeps its height; the
            test id marks only the value this browser computed. */}
        <p class="hsk-note">
          Con la clave de ejemplo del RFC, <code>{RFC_KEY}</code>, la misma función da{' '}
          {rfc && rfc !== 'unsupported' ? (
            <code data-testid="hsk-rfc">{rfc.accept}</code>
          ) : (
            <code>{RFC_STEPS.accept}</code>
          )}
          , como en el diagrama.
        </p>
      </div>

      <div class="hsk-frames">
        <h3 id={`${uid}-frames`}>4. Los primeros mensajes, ya sin HTTP</h3>
        <p class="hsk-note">
          Tras el 101 los dos lados hablan con tramas WebSocket: 2 bytes de cabecera (4 si el mensaje pasa de
          125 bytes) y, en las del cliente, 4 bytes de máscara.
        </p>
        {/* A box of fixed height, like a log, so the frames arriving never push the lesson. */}
        {/* biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling region must be reachable by keyboard (WCAG 2.1.1). */}
        <div class="demo-scroll hsk-frames-box" role="log" tabIndex={0} aria-labelledby={`${uid}-frames`}>
          {frames.length === 0 ? (
            <p class="hsk-note">
              {phase === 'offline' ? 'Sin conexión, no hay tramas.' : 'Esperando las primeras tramas…'}
            </p>
          ) : (
            <ol data-testid="hsk-frames">
              {frames.map((f) => (
                <li key={f.id} class="demo-frame" data-direction={f.direction}>
                  <span class="hsk-frame-head">
                    {f.direction === 'sent' ? '→ cliente a sala' : '← sala a cliente'} ·{' '}
                    <strong>{f.type}</strong> · {f.payload} B de datos, {f.wire} B en la red
                  </span>
                  <code>{f.text}</code>
                </li>
              ))}
            </ol>
          )}
        </div>
      </div>
    </section>
  );
}
