import { useEffect, useId, useRef, useState } from 'preact/hooks';
import type { ClientMessage } from '../../../party/wire/clientMessages';
import { HANGUP_CODES, type HangupCode } from '../../../party/wire/vocabulary';
import { OUTBOX_LIMIT } from '../../lib/outbox';
import { connectRoom, createPartySocket, type RoomClient, type StatusInfo } from '../../lib/room-client';
import { statusText } from '../../lib/statusText';
import { closeMeaning, readyStateText } from './closeCodes';
import { type Droppable, droppable } from './droppableSocket';
import { appendLog, backoffWindow, describeEvent, type LogEntry, seconds } from './inspector';

/** The status without its countdown: it sits in a live region, which must not tick every second. */
const quiet = ({ status, attempt }: StatusInfo): StatusInfo => ({ status, attempt });

export interface ConnectionInspectorProps {
  sala: string;
}

let nextId = 0;

/**
 * How much this demo lets wait in the buffer. On reconnect everything queued leaves at
 * once, and the room cuts a connection that sends more than its burst of frames (1008);
 * ten stays well inside it.
 */
const DEMO_QUEUE = 10;

const queuedText = (message: ClientMessage) =>
  message.type === 'echo' ? `echo «${message.text}»` : message.type;

/** A live view of one partysocket connection: its state, its events, its buffer, its retries. */
export default function ConnectionInspector({ sala }: ConnectionInspectorProps) {
  const client = useRef<RoomClient | null>(null);
  // Unique per instance, so two demos on one page never share an id.
  const uid = useId();
  const network = useRef<Droppable | null>(null);
  const [status, setStatus] = useState<StatusInfo>({ status: 'connecting', attempt: 0 });
  const [ready, setReady] = useState(0);
  const [log, setLog] = useState<LogEntry[]>([]);
  const [queued, setQueued] = useState<ClientMessage[]>([]);
  const [lastClose, setLastClose] = useState<LogEntry | null>(null);
  const [closedAt, setClosedAt] = useState<number | null>(null);
  const [code, setCode] = useState<HangupCode>(1000);
  const [notice, setNotice] = useState('');
  const [now, setNow] = useState(Date.now());

  useEffect(() => {
    const net = droppable();
    network.current = net;
    const sync = () => {
      setReady(room.readyState);
      setQueued([...room.queued]);
    };
    // Its own socket, not the page's shared one: the inspector shows one connection's whole
    // life (readyState, outbox, close codes) and cuts its network on purpose.
    const room = connectRoom({
      room: sala,
      createSocket: (settings) => createPartySocket(settings, net.WebSocket),
      onStatus: (info) => {
        setStatus(info);
        sync();
      },
      onSocketEvent: (event) => {
        const entry: LogEntry = { id: nextId++, at: Date.now(), ...describeEvent(event) };
        setLog((l) => appendLog(l, entry));
        if (event.type === 'close') {
          setLastClose(entry);
          setClosedAt(Date.now());
        }
        if (event.type === 'receive' && entry.text.startsWith('← echo')) {
          setNotice('La sala devolvió el eco: lo que esperaba en el búfer llegó al reconectar.');
        }
        // After the handlers run, readyState and the buffer have their new values.
        queueMicrotask(sync);
      },
    });
    client.current = room;
    return () => room.close();
  }, [sala]);

  // A fine tick while something is changing on screen: a countdown or a connection in progress.
  const waiting = status.retryAt !== undefined || ready !== 1;
  useEffect(() => {
    if (!waiting) return;
    const timer = setInterval(() => {
      setNow(Date.now());
      if (client.current) setReady(client.current.readyState);
    }, 200);
    return () => clearInterval(timer);
  }, [waiting]);

  const open = ready === 1;

  const hangUp = () => {
    // Checked on the socket itself: a hangup must never wait in the buffer for the next connection.
    if (client.current?.readyState !== 1) return;
    client.current.send({ type: 'hangup', code });
    setNotice(`Pediste a la sala que cerrara la conexión con el código ${String(code)}.`);
  };

  const drop = () => {
    if (network.current?.drop()) {
      setNotice('Red «caída»: partysocket recibió un cierre 1006, como con un cable desconectado.');
    } else {
      setNotice('No hay conexión que cortar ahora mismo.');
    }
  };

  const sendWhileClosed = () => {
    if (!client.current) return;
    if (client.current.queued.length >= DEMO_QUEUE) {
      setNotice(
        `Ya esperan ${String(DEMO_QUEUE)} mensajes. Al volver saldrían todos de golpe, y la sala corta a quien envía demasiados seguidos.`,
      );
      return;
    }
    const sent = client.current.send({ type: 'echo', text: `eco n.º ${String(nextId++)}` });
    if (sent.result === 'sent') {
      setNotice('La conexión está abierta: el mensaje salió al momento. Córtala primero para verlo esperar.');
    } else if (sent.result === 'queued') {
      setNotice('Sin conexión: el mensaje espera en el búfer y saldrá en cuanto vuelva.');
    } else {
      setNotice(`No se guardó: ${sent.reason}`);
    }
    setQueued([...client.current.queued]);
  };

  const retryIn = status.retryAt === undefined ? null : Math.max(0, status.retryAt - now);
  const drawn = status.retryAt !== undefined && closedAt !== null ? status.retryAt - closedAt : null;
  const range = status.attempt > 0 ? backoffWindow(status.attempt) : null;
  const offline = status.status === 'offline' && !open;
  const logId = `${uid}-log`;

  return (
    <section
      class="demo inspector not-content"
      aria-label={`Inspector de la conexión con la sala «${sala}»`}
      data-status={status.status}
    >
      <p class="inspector-muted">
        Este inspector abre su propia conexión, aparte de la que comparten las demás demostraciones de la
        página.
      </p>
      <div class="inspector-state">
        <p>
          <span class="demo-dot inspector-dot" aria-hidden="true" />
          <strong>readyState</strong>{' '}
          <span data-testid="inspector-ready" data-value={ready}>
            {readyStateText(ready)}
          </span>
        </p>
        <p role="status">
          <strong>Estado</strong> <span data-testid="inspector-status">{statusText(quiet(status))}</span>
        </p>
        {retryIn !== null && (
          <div class="inspector-retry" data-testid="inspector-retry">
            <p>
              Intento de reconexión <strong>{status.attempt}</strong>: faltan{' '}
              <strong data-testid="inspector-countdown">{seconds(retryIn)}</strong>
              {drawn !== null && <> de una espera de {seconds(drawn)}</>}
              {range && (
                <>
                  {' '}
                  (elegida al azar entre {seconds(range.min)} y {seconds(range.max)}, para que no vuelva toda
                  la clase a la vez)
                </>
              )}
              .
            </p>
            {drawn !== null && drawn > 0 && (
              <progress
                max={drawn}
                value={Math.max(0, drawn - retryIn)}
                aria-label="Espera hasta el próximo intento"
              />
            )}
            <button type="button" onClick={() => client.current?.reconnectNow()}>
              Reintentar ya
            </button>
          </div>
        )}
        {lastClose && (
          <p class="demo-callout inspector-close" data-testid="inspector-close">
            <strong>Último cierre:</strong> {lastClose.text.replace(/^close · /, '')}. {lastClose.detail}
          </p>
        )}
      </div>

      {offline && (
        <p class="demo-offline" data-testid="inspector-offline">
          <strong>Sala no disponible.</strong> Aquí verías la conexión abrirse, cerrarse y recuperarse.
          Mientras tanto, mira la cuenta atrás: partysocket sigue reintentando solo, cada vez con más calma.
        </p>
      )}

      <fieldset class="inspector-controls">
        <legend>Prueba a romperla</legend>
        <div class="inspector-control">
          <label>
            Código de cierre
            <select value={code} onChange={(e) => setCode(Number(e.currentTarget.value) as HangupCode)}>
              {HANGUP_CODES.map((c) => (
                <option key={c} value={c}>
                  {c} · {closeMeaning(c).name}
                </option>
              ))}
            </select>
          </label>
          <button type="button" onClick={hangUp} disabled={!open}>
            Cortar conexión
          </button>
          <small>La sala cierra la conexión con ese código.</small>
        </div>
        <div class="inspector-control">
          <button type="button" onClick={drop} disabled={!open}>
            Simular red caída
          </button>
          <small>
            El navegador no deja desenchufar la red desde JavaScript: la página abandona el socket sin esperar
            la trama de cierre, y partysocket ve un 1006.
          </small>
        </div>
        <div class="inspector-control">
          <button type="button" onClick={sendWhileClosed}>
            Enviar mientras está cerrada
          </button>
          <small>Envía un «eco»: si no hay conexión, espera en el búfer.</small>
        </div>
      </fieldset>

      <div class="inspector-buffer">
        <h3>
          Búfer de envío: <span data-testid="inspector-buffer-count">{queued.length}</span> de {OUTBOX_LIMIT}
        </h3>
        {queued.length === 0 ? (
          <p class="inspector-muted">Vacío: todo lo enviado salió.</p>
        ) : (
          <ol data-testid="inspector-buffer">
            {queued.map((m, i) => (
              <li key={i}>{queuedText(m)}</li>
            ))}
          </ol>
        )}
      </div>

      <p class="inspector-notice" aria-live="polite">
        {notice}
      </p>

      <h3 id={logId}>Eventos del socket (el más reciente arriba)</h3>
      {/* The live region wraps the list, so the list keeps its own semantics; it scrolls, so it takes focus. */}
      <div
        class="demo-scroll inspector-log"
        role="log"
        aria-labelledby={logId}
        // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling region must be reachable by keyboard (WCAG 2.1.1).
        tabIndex={0}
        data-testid="inspector-log"
      >
        <ol>
          {log.map((entry) => (
            <li key={entry.id} data-kind={entry.kind}>
              <time dateTime={new Date(entry.at).toISOString()}>
                {new Date(entry.at).toLocaleTimeString('es', { hour12: false })}
              </time>{' '}
              <span>{entry.text}</span>
              {entry.detail && <small>{entry.detail}</small>}
            </li>
          ))}
        </ol>
      </div>
    </section>
  );
}
