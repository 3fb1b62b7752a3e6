import { useEffect, useId, useRef, useState } from 'preact/hooks';
import type { Notification, Role } from '../../../party/wire/serverMessages';
import { OPEN_ROOM, REACTIONS } from '../../../party/wire/vocabulary';
import { type PushState, PushTracker } from '../../lib/pushTracker';
import { statusText } from '../../lib/statusText';
import { forgetKey, rememberKey } from '../../lib/teacherKey';
import { useRoom } from '../../lib/useRoom';
import { announcement, formatTime, LEVEL_LABEL, mergeFeed, shouldNotify } from './feed';
import { PresetForm, pushStateText, TeacherForm } from './PushForm';

export interface PushDemoProps {
  sala: string;
}

interface Seen {
  reaction: string;
  at: number;
  id: number;
}

let nextId = 0;

/** The live push-notification room: what the teacher pushes arrives here, unasked. */
export default function PushDemo({ sala }: PushDemoProps) {
  const tracker = useRef<PushTracker | null>(null);
  // Whether the browser keeps the teacher key past a reload (site data may be blocked).
  const keyKept = useRef(true);
  // Unique per instance, so two demos on one page never share an id.
  const uid = useId();
  const [now, setNow] = useState(Date.now());
  const [count, setCount] = useState<number | null>(null);
  const [feed, setFeed] = useState<Notification[]>([]);
  const [reactions, setReactions] = useState<Seen[]>([]);
  const [role, setRole] = useState<Role>('reader');
  // Known from the room's name, so the form is there from the first paint; the welcome confirms it.
  const [openPush, setOpenPush] = useState(sala === OPEN_ROOM);
  const [notice, setNotice] = useState('');
  const [live, setLive] = useState('');
  const [pushState, setPushState] = useState<PushState>({ phase: 'idle' });
  const [key, setKey] = useState('');
  // The server has no Notification API: start where its HTML stands ('unknown': an empty slot
  // of the button's size), then read the browser's. Reading it during the first render would
  // make hydration find nodes the server never sent.
  const [permission, setPermission] = useState<string>('unknown');
  useEffect(() => {
    setPermission(typeof Notification === 'undefined' ? 'unsupported' : Notification.permission);
  }, []);

  const room = useRoom(sala, {
    onDropped: () => setNotice('Sin conexión: se descartó una reacción antigua que esperaba para enviarse.'),
    on: {
      welcome: (message) => {
        setCount(message.count);
        setRole(message.role);
        setOpenPush(message.openPush);
        setFeed((f) => mergeFeed(f, message.history));
        if (message.gap) setNotice('Te perdiste notificaciones más antiguas de las que guarda la sala.');
      },
      presence: (message) => setCount(message.count),
      role: (message) => {
        setRole(message.role);
        setNotice(
          keyKept.current
            ? 'Clave aceptada: puedes enviar notificaciones a la sala.'
            : 'Clave aceptada. Tu navegador no deja guardar datos de este sitio: la clave vale hasta que recargues la página.',
        );
      },
      notification: (message) => {
        setFeed((f) => mergeFeed(f, [message]));
        setLive(announcement(message));
        if (
          shouldNotify(typeof Notification === 'undefined' ? '' : Notification.permission, document.hidden)
        ) {
          new Notification(`Cliente-Servidor · ${LEVEL_LABEL[message.level]}`, {
            body: message.text,
            tag: sala,
          });
        }
      },
      reaction: (message) =>
        setReactions((r) => [{ reaction: message.reaction, at: message.at, id: nextId++ }, ...r].slice(0, 6)),
      ack: (message) => tracker.current?.handle(message),
      error: (message) => {
        tracker.current?.handle(message);
        if (message.code === 'wrong_key') forgetKey(sala);
        // An error about the pending push is told by its state.
        if (message.ref === undefined || message.ref !== tracker.current?.ref) setNotice(message.message);
      },
    },
  });
  const { status, latency: rtt } = room;

  useEffect(() => {
    const pushes = new PushTracker(room.send, (state) => {
      setPushState(state);
      setNotice(pushStateText(state));
    });
    tracker.current = pushes;
    return () => {
      pushes.dispose();
      tracker.current = null;
    };
  }, [sala]);

  // A one-second tick only while a countdown is on screen.
  useEffect(() => {
    if (status.retryAt === undefined) return;
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [status.retryAt]);

  const unlock = (event: Event) => {
    event.preventDefault();
    if (!key.trim()) return;
    keyKept.current = rememberKey(sala, key.trim());
    room.send({ type: 'auth', key: key.trim() });
    setKey('');
  };
  const onPush = (fields: Parameters<PushTracker['push']>[0]) => tracker.current?.push(fields);
  const onRetry = () => tracker.current?.retry();

  const react = (reaction: (typeof REACTIONS)[number]) => {
    const sent = room.send({ type: 'react', reaction });
    if (sent.result === 'queued') setNotice('Sin conexión: tu reacción se enviará al reconectar.');
  };

  const askPermission = async () => {
    if (typeof Notification === 'undefined') return;
    setPermission(await Notification.requestPermission());
  };

  const offline = status.status === 'offline';
  return (
    <section
      class="demo push-demo not-content"
      aria-label={`Sala de notificaciones «${sala}»`}
      data-status={status.status}
    >
      <header class="push-head">
        <p class="demo-status" role="status">
          <span class="demo-dot" aria-hidden="true" />
          <span data-testid="push-status">{statusText(status, now)}</span>
          {status.status === 'open' && count !== null && (
            <span>
              {' · '}
              <strong data-testid="push-count">{count}</strong> {count === 1 ? 'persona' : 'personas'} en «
              {sala}»
            </span>
          )}
          {status.status === 'open' && rtt !== null && <span> · ida y vuelta {Math.round(rtt)} ms</span>}
        </p>
      </header>

      {offline && (
        <p class="demo-offline" data-testid="push-offline">
          <strong>Sala no disponible.</strong> Con la sala en línea, aquí verías llegar las notificaciones que
          envía el docente, sin que tu navegador las pida. La lección se puede leer igual; seguimos intentando
          conectar.
        </p>
      )}

      <div class="sr-only" aria-live="polite">
        {live}
      </div>

      <h3 class="push-title" id={`${uid}-feed`}>
        Notificaciones
      </h3>
      {/* A box of fixed height: the history a room sends on connect, and each push after it,
          arrive inside it instead of pushing the lesson down while someone reads. */}
      {/* biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling region must be reachable by keyboard (WCAG 2.1.1). */}
      <section class="demo-scroll push-feed-box" tabIndex={0} aria-labelledby={`${uid}-feed`}>
        {feed.length === 0 ? (
          <p class="push-empty">Todavía no hay notificaciones en esta sala.</p>
        ) : (
          <ol class="push-feed" data-testid="push-feed">
            {feed.map((n) => (
              <li key={n.seq} class={`push-item level-${n.level}`}>
                <span class="push-meta">
                  #{n.seq} · <time dateTime={new Date(n.at).toISOString()}>{formatTime(n.at)}</time> ·{' '}
                  {LEVEL_LABEL[n.level]}
                </span>
                <span class="push-text">{n.text}</span>
              </li>
            ))}
          </ol>
        )}
      </section>

      <div class="push-reactions">
        <fieldset>
          <legend>Reaccionar</legend>
          {REACTIONS.map((r) => (
            <button type="button" key={r} onClick={() => react(r)} aria-label={`Reaccionar con ${r}`}>
              {r}
            </button>
          ))}
        </fieldset>
        {/* Always there, so the first reaction from someone else does not move the page. */}
        <p class="push-seen">
          <span>Reacciones recientes:</span>
          {reactions.length === 0 ? (
            <span class="push-none">ninguna todavía</span>
          ) : (
            reactions.map((r) => <span key={r.id}>{r.reaction}</span>)
          )}
        </p>
      </div>

      {openPush ? (
        <PresetForm state={pushState} onPush={onPush} onRetry={onRetry} />
      ) : role === 'teacher' ? (
        <TeacherForm state={pushState} onPush={onPush} onRetry={onRetry} />
      ) : (
        <details class="push-teacher">
          <summary>Soy docente</summary>
          <form onSubmit={unlock}>
            <label>
              Clave de docente
              <input
                type="password"
                autoComplete="off"
                value={key}
                onInput={(e) => setKey(e.currentTarget.value)}
              />
            </label>
            <button type="submit">Desbloquear</button>
            <small>La clave solo se recuerda durante esta sesión del navegador.</small>
          </form>
        </details>
      )}

      {/* One slot whatever the browser allows, sized for the button, so reading the permission
          after hydration does not move the page. */}
      <div class="push-permission-slot">
        {(permission === 'default' || permission === 'denied') && (
          <button
            type="button"
            class="push-permission"
            onClick={askPermission}
            disabled={permission === 'denied'}
          >
            {permission === 'denied'
              ? 'Notificaciones del navegador bloqueadas'
              : 'Avisarme con notificaciones del navegador cuando la pestaña esté oculta'}
          </button>
        )}
        {permission === 'granted' && (
          <p class="push-hint">Si ocultas esta pestaña, recibirás las notificaciones del sistema.</p>
        )}
        {permission === 'unsupported' && (
          <p class="push-hint">
            Este navegador no muestra notificaciones del sistema desde una página: llegan solo aquí.
          </p>
        )}
      </div>

      <p class="push-notice" aria-live="polite">
        {notice}
      </p>
    </section>
  );
}
