import { useEffect, useId, useRef, useState } from 'preact/hooks';
import { formatSeconds } from '../../lib/format';
import { frameBytes, responseHeadBytes, utf8Bytes } from '../../lib/frames';
import { randomRef } from '../../lib/pushTracker';
import { roomHttpUrl } from '../../lib/room-client';
import { statusText } from '../../lib/statusText';
import { useRoom } from '../../lib/useRoom';
import { Figures } from './Figures';
import { readPoll, startPoller } from './poller';
import {
  clampInterval,
  conclusion,
  emptyStats,
  formatDelay,
  MAX_INTERVAL_S,
  MIN_INTERVAL_S,
  notice,
  type PanelStats,
  recordFrame,
  recordHandshake,
  recordPoll,
  skip,
  summarize,
} from './stats';

export interface PollingVsPushProps {
  sala: string;
  /** Initial polling interval in seconds, 1–10. */
  intervalo: number;
}

/** The last polls, drawn as a strip: filled when the answer had news. */
const STRIP = 24;

type PollState = 'waiting' | 'ok' | 'paused' | 'error';

/** Two panels watching one room: HTTP polling every N seconds, and the WebSocket. */
export default function PollingVsPushDemo({ sala, intervalo }: PollingVsPushProps) {
  // The refs of this demo's own pushes, to tell their acks and errors from anyone else's.
  const ownRefs = useRef(new Set<string>());
  const outdated = useRef(false);
  // Unique per instance, so two demos on one page never share an id.
  const uid = useId();
  const clock = useRef<{ offset: number; rtt: number } | null>(null);
  /** The room's lastSeq when watching began: only later notifications are timed. */
  const baseline = useRef<number | null>(null);
  const intervalRef = useRef(clampInterval(intervalo));
  const [interval, setIntervalSeconds] = useState(clampInterval(intervalo));
  const [poll, setPoll] = useState<PanelStats>(emptyStats);
  const [push, setPush] = useState<PanelStats>(emptyStats);
  const [strip, setStrip] = useState<boolean[]>([]);
  const [pollState, setPollState] = useState<PollState>('waiting');
  const [nextPollAt, setNextPollAt] = useState<number | null>(null);
  const [openPush, setOpenPush] = useState<boolean | null>(null);
  const [message, setMessage] = useState('');
  const [announce, setAnnounce] = useState('');
  const [now, setNow] = useState(Date.now());

  /** The page's clock moved onto the room's. */
  const roomNow = () => Date.now() + (clock.current?.offset ?? 0);

  // The WebSocket panel, on the page's connection: its frames are the ones counted, and its
  // handshake report comes from the `handshake` extra this tag declares in the HTML.
  const room = useRoom(sala, {
    extras: ['handshake'],
    onSocketEvent: (event) => {
      if (event.type === 'send' || event.type === 'receive') {
        const sent = event.type === 'send';
        const bytes = frameBytes(utf8Bytes(event.data), sent);
        setPush((s) => recordFrame(s, sent ? 'sent' : 'received', bytes));
      }
    },
    on: {
      welcome: (m) => {
        setOpenPush(m.openPush);
        baseline.current ??= m.lastSeq;
        const base = baseline.current;
        const at = roomNow();
        setPush((s) => notice(s, m.history, at, base));
      },
      handshake: (m) =>
        setPush((s) =>
          recordHandshake(
            s,
            m.request.bytes,
            responseHeadBytes(m.response.status, m.response.statusText, m.response.headers),
          ),
        ),
      notification: (m) => {
        const at = roomNow();
        const base = baseline.current ?? m.seq - 1;
        setPush((s) => notice(s, [m], at, base));
        if (m.seq > base) {
          setAnnounce(
            `El WebSocket se enteró de la notificación #${String(m.seq)} en ${formatDelay(Math.max(0, at - m.at))}.`,
          );
        }
      },
      ack: (m) => {
        if (m.ref !== undefined && ownRefs.current.has(m.ref)) {
          setMessage(`Notificación #${String(m.seq)} enviada: mira cuánto tarda cada panel en enterarse.`);
        }
      },
      error: (m) => {
        if (m.ref !== undefined && ownRefs.current.has(m.ref)) setMessage(m.message);
      },
    },
  });
  const { status } = room;
  // A page of another protocol version stops polling too, as its WebSocket did.
  if (status.status === 'outdated') outdated.current = true;

  // The polling panel: one request every N seconds, paused while the page is hidden.
  useEffect(
    () =>
      startPoller({
        url: (since) => roomHttpUrl(sala, `?since=${String(since)}`),
        intervalSeconds: () => intervalRef.current,
        halted: () => outdated.current,
        hidden: () => document.hidden,
        onPaused: () => setPollState('paused'),
        onError: () => setPollState('error'),
        onNextAt: setNextPollAt,
        onAnswer: (answer) => {
          const read = readPoll(answer, clock.current, baseline.current);
          clock.current = read.clock;
          baseline.current = read.baseline;
          const { at, fresh, timed } = read;
          setPoll((s) =>
            recordPoll(answer.resync ? skip(s, fresh) : notice(s, fresh, at, read.baseline), {
              requestBytes: answer.requestBytes,
              responseBytes: answer.responseBytes,
              fresh: timed.length,
            }),
          );
          setStrip((s) => [...s, timed.length > 0].slice(-STRIP));
          if (timed.length > 0) {
            const delays = timed.map((n) => formatDelay(Math.max(0, at - n.at))).join(', ');
            setAnnounce(`El sondeo se enteró en su petición: ${delays}.`);
          }
          setPollState('ok');
        },
      }),
    [sala],
  );

  // The countdown to the next poll.
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 250);
    return () => clearInterval(timer);
  }, []);

  const changeInterval = (value: number) => {
    const seconds = clampInterval(value);
    intervalRef.current = seconds;
    setIntervalSeconds(seconds);
  };

  const reset = () => {
    setPoll((s) => ({ ...emptyStats(), seen: s.seen }));
    setPush((s) => ({ ...emptyStats(), seen: s.seen }));
    setStrip([]);
    setMessage('Contadores a cero.');
  };

  const sendPush = () => {
    // The open room takes prepared notifications only; its "warning" carries the room's time.
    const ref = randomRef();
    ownRefs.current.add(ref);
    const sent = room.send({ type: 'push', preset: 'warning', ref });
    if (sent.result === 'queued') setMessage('Sin conexión: la notificación saldrá al reconectar.');
    if (sent.result === 'rejected') setMessage(`No se envió: ${sent.reason}`);
  };

  const polled = summarize(poll.delays);
  const pushed = summarize(push.delays);
  const pollDown = pollState === 'error';
  const wsDown = status.status === 'offline';
  const nextIn = nextPollAt === null ? null : Math.max(0, nextPollAt - now);

  return (
    <section class="demo pvp not-content" aria-label={`Sondeo frente a push en la sala «${sala}»`}>
      <div class="pvp-controls">
        <label class="pvp-interval">
          <span>
            Sondeo: preguntar cada <strong data-testid="pvp-interval">{interval}</strong> s
          </span>
          <input
            type="range"
            min={MIN_INTERVAL_S}
            max={MAX_INTERVAL_S}
            step={1}
            value={interval}
            aria-valuetext={`${String(interval)} segundos`}
            onInput={(e) => changeInterval(Number(e.currentTarget.value))}
          />
        </label>
        <div class="pvp-buttons">
          <button type="button" onClick={sendPush} disabled={openPush !== true || wsDown}>
            Enviar un aviso de prueba
          </button>
          <button type="button" onClick={reset}>
            Poner a cero
          </button>
        </div>
        {openPush === false && (
          <p class="pvp-hint">
            En «{sala}» solo el docente envía notificaciones: cuando envíe una, los dos paneles medirán cuánto
            tardan en enterarse.
          </p>
        )}
      </div>

      {pollDown && wsDown && (
        <p class="demo-offline" data-testid="pvp-offline">
          <strong>Sala no disponible.</strong> Con la sala en línea, el panel de la izquierda preguntaría cada{' '}
          {interval} s y el de la derecha esperaría a que la sala le avise. La lección se lee igual; seguimos
          intentándolo.
        </p>
      )}

      <div class="pvp-panels">
        <section class="pvp-panel" aria-labelledby={`${uid}-poll`} data-testid="pvp-poll">
          <h3 id={`${uid}-poll`}>Sondeo HTTP (polling)</h3>
          <p class="pvp-state">
            {pollState === 'ok' && nextIn !== null && `Próxima petición en ${formatSeconds(nextIn)}`}
            {pollState === 'waiting' && 'Primera petición…'}
            {pollState === 'paused' && 'En pausa mientras la página está oculta.'}
            {pollState === 'error' && 'La sala no responde a las peticiones HTTP.'}
          </p>
          <Figures stats={poll} summary={polled} kind="poll" />
          <p class="pvp-strip" aria-hidden="true">
            {strip.map((news, i) => (
              <span key={i} class={news ? 'news' : undefined} />
            ))}
          </p>
        </section>
        <section class="pvp-panel" aria-labelledby={`${uid}-push`} data-testid="pvp-push">
          <h3 id={`${uid}-push`}>WebSocket (push)</h3>
          <p class="pvp-state">{statusText(status, now)}</p>
          <Figures stats={push} summary={pushed} kind="push" />
        </section>
      </div>

      <p class="demo-callout pvp-conclusion" data-testid="pvp-conclusion">
        <strong>Conclusión, con tus números:</strong> {conclusion(poll, push, interval)}
      </p>
      <p class="pvp-hint">
        Los tiempos se miden desde la hora del servidor en cada notificación. Los bytes son aproximados: en
        HTTP, cabeceras y cuerpo; en WebSocket, el handshake y cada trama con su cabecera (sin TCP ni TLS).
      </p>
      <p class="pvp-message" aria-live="polite">
        {message}
      </p>
      <p class="sr-only" aria-live="polite">
        {announce}
      </p>
    </section>
  );
}
