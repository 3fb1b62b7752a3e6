import { useEffect, useId, useRef, useState } from 'preact/hooks';
import { validate } from '../../../party/wire/errors';
import { pollResponse } from '../../../party/wire/serverMessages';
import { frameBytes, responseHeadBytes, utf8Bytes } from '../../lib/frames';
import { randomRef } from '../../lib/pushTracker';
import { roomHttpUrl } from '../../lib/room-client';
import { statusText } from '../../lib/statusText';
import { useRoom } from '../../lib/useRoom';
import {
  betterOffset,
  clampInterval,
  clockOffset,
  conclusion,
  emptyStats,
  formatBytes,
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
  useEffect(() => {
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let since = 0;
    // True for the first answer and after a pause: that answer is caught up, not timed,
    // since the delay would measure the pause rather than polling.
    let resync = true;

    const schedule = (from: number) => {
      const at = from + intervalRef.current * 1000;
      setNextPollAt(at);
      timer = setTimeout(tick, Math.max(0, at - Date.now()));
    };

    const tick = async () => {
      // A page of another protocol version stops asking, as its WebSocket did.
      if (stopped || outdated.current) return;
      if (document.hidden) {
        resync = true;
        setPollState('paused');
        setNextPollAt(null);
        timer = setTimeout(tick, 1000);
        return;
      }
      const sentAt = Date.now();
      try {
        const response = await fetch(roomHttpUrl(sala, `?since=${String(since)}`), { cache: 'no-store' });
        const text = await response.text();
        const receivedAt = Date.now();
        if (stopped) return;
        const parsed = response.ok ? validate(pollResponse, JSON.parse(text)) : null;
        if (!parsed?.ok) throw new Error('respuesta no válida');
        const body = parsed.value;
        clock.current = betterOffset(clock.current, {
          offset: clockOffset(sentAt, receivedAt, body.now),
          rtt: receivedAt - sentAt,
        });
        baseline.current ??= body.lastSeq;
        const base = baseline.current;
        const at = receivedAt + clock.current.offset;
        const responseBytes =
          responseHeadBytes(response.status, response.statusText || 'OK', response.headers) + utf8Bytes(text);
        const fresh = body.notifications.filter((n) => n.seq > base);
        const timed = resync ? [] : fresh;
        setPoll((s) =>
          recordPoll(resync ? skip(s, fresh) : notice(s, fresh, at, base), {
            requestBytes: body.requestBytes,
            responseBytes,
            fresh: timed.length,
          }),
        );
        setStrip((s) => [...s, timed.length > 0].slice(-STRIP));
        if (timed.length > 0) {
          const delays = timed.map((n) => formatDelay(Math.max(0, at - n.at))).join(', ');
          setAnnounce(`El sondeo se enteró en su petición: ${delays}.`);
        }
        resync = false;
        since = body.lastSeq;
        setPollState('ok');
      } catch {
        if (stopped) return;
        setPollState('error');
      }
      schedule(sentAt);
    };

    void tick();
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, [sala]);

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
            {pollState === 'ok' &&
              nextIn !== null &&
              `Próxima petición en ${(nextIn / 1000).toFixed(1).replace('.', ',')} s`}
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

      <p class="pvp-conclusion" data-testid="pvp-conclusion">
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

function Figures({
  stats,
  summary,
  kind,
}: {
  stats: PanelStats;
  summary: ReturnType<typeof summarize>;
  kind: 'poll' | 'push';
}) {
  return (
    <dl class="pvp-figures">
      <dt>Tardó en enterarse</dt>
      <dd data-testid={`pvp-${kind}-delay`} data-value={summary ? Math.round(summary.last) : ''}>
        {summary
          ? `${formatDelay(summary.last)} la última · media ${formatDelay(summary.mean)} (${String(summary.count)})`
          : '—'}
      </dd>
      <dt>Peticiones HTTP</dt>
      <dd data-testid={`pvp-${kind}-requests`} data-value={stats.requests}>
        {stats.requests}
        {kind === 'push' && ' (el handshake)'}
      </dd>
      <dt>Sin nada nuevo</dt>
      <dd data-testid={`pvp-${kind}-empty`} data-value={stats.empty}>
        {kind === 'poll' ? stats.empty : '0: no pregunta, la sala avisa'}
      </dd>
      {kind === 'push' && (
        <>
          <dt>Tramas</dt>
          <dd data-testid="pvp-push-frames">{stats.frames} (incluye el latido ping/pong cada 25 s)</dd>
        </>
      )}
      <dt>Enviados / recibidos</dt>
      <dd>
        ≈ {formatBytes(stats.bytesSent)} / ≈ {formatBytes(stats.bytesReceived)}
      </dd>
    </dl>
  );
}
