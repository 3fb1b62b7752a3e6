import { useId, useState } from 'preact/hooks';
import type { Role } from '../../../party/wire/serverMessages';
import { CLIENT_EVENTS, EVENT_SPECS, type EventSpec, specOf } from '../../lib/events';
import type { StatusInfo } from '../../lib/room-client';
import { statusText } from '../../lib/statusText';
import { useRoom } from '../../lib/useRoom';
import {
  appendEntry,
  entryFor,
  type FrameEntry,
  followPoll,
  type PollView,
  parsePayload,
  prettyPayload,
  share,
} from './frameLog';

/** The status without its countdown: it sits in a live region, which must not tick every second. */
const quiet = ({ status, attempt }: StatusInfo): StatusInfo => ({ status, attempt });

export interface EventProtocolDemoProps {
  sala: string;
}

let nextId = 0;

/** Emits this demo lets wait while offline: they leave at once on reconnect, within the room's burst. */
const OFFLINE_EMITS = 5;
/** Far above any valid payload (a poll is under 1 KB), far below the room's 64 KB frame limit. */
const MAX_PAYLOAD_TEXT = 2000;

const FIRST = CLIENT_EVENTS[0];

function Schema({ spec }: { spec: EventSpec }) {
  return (
    <table class="ep-fields">
      <caption>
        <code>{spec.name}</code> · de {spec.from === 'cliente' ? 'un cliente' : 'la sala'} a {spec.to}
      </caption>
      <thead>
        <tr>
          <th scope="col">Campo</th>
          <th scope="col">Tipo</th>
          <th scope="col">Regla</th>
        </tr>
      </thead>
      <tbody>
        {spec.fields.map((f) => (
          <tr key={f.name}>
            <th scope="row">
              <code>{f.name}</code>
            </th>
            <td>{f.type}</td>
            <td>{f.rule}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** A Socket.IO-style playground on the room: emit named events, see everyone's, see the rules. */
export default function EventProtocolDemo({ sala }: EventProtocolDemoProps) {
  // Unique per instance, so two demos on one page never share an id.
  const uid = useId();
  const [count, setCount] = useState<number | null>(null);
  const [role, setRole] = useState<Role>('reader');
  const [openRoom, setOpenRoom] = useState(true);
  const [name, setName] = useState<string>(FIRST);
  const [payload, setPayload] = useState(prettyPayload(specOf(FIRST)?.example));
  const [log, setLog] = useState<FrameEntry[]>([]);
  const [poll, setPoll] = useState<PollView | null>(null);
  const [notice, setNotice] = useState('');

  // The page's connection, with the room's events on: the tag declares `events` in the HTML.
  const room = useRoom(sala, {
    extras: ['events'],
    onSocketEvent: (event) => {
      const entry = entryFor(event, nextId++);
      if (entry) setLog((l) => appendEntry(l, entry));
    },
    on: {
      welcome: (message) => {
        setCount(message.count);
        setRole(message.role);
        setOpenRoom(message.openPush);
      },
      presence: (message) => setCount(message.count),
      role: (message) => setRole(message.role),
      error: (message) => {
        if (message.code !== 'wrong_key') setNotice(`La sala respondió con un error: ${message.message}`);
      },
      event: (message) => {
        if (message.event === 'encuesta:error') {
          const text = (message.payload as { mensaje?: unknown } | null)?.mensaje;
          if (typeof text === 'string') setNotice(`encuesta:error: ${text}`);
        }
        setPoll((p) => followPoll(p, message));
      },
    },
  });
  const { status } = room;

  const emit = (event: string, value: unknown) => {
    if (room.readyState !== 1 && room.queued.length >= OFFLINE_EMITS) {
      setNotice(`Sin conexión: ya esperan ${String(OFFLINE_EMITS)} eventos para salir; espera a que vuelva.`);
      return;
    }
    const sent = room.send({ type: 'emit', event, payload: value, ref: `ep${String(nextId++)}` });
    if (sent.result === 'queued') setNotice('Sin conexión: el evento saldrá al reconectar.');
    else if (sent.result === 'rejected') setNotice(`No se envió: ${sent.reason}`);
    else setNotice('');
  };

  const submit = (e: Event) => {
    e.preventDefault();
    const event = name.trim();
    if (!event) {
      setNotice('Escribe el nombre del evento, por ejemplo chat:mensaje.');
      return;
    }
    const parsed = parsePayload(payload);
    if (!parsed.ok) {
      setNotice(parsed.message);
      return;
    }
    emit(event, parsed.value);
  };

  const choose = (value: string) => {
    setName(value);
    const spec = specOf(value.trim());
    if (spec && spec.from === 'cliente') setPayload(prettyPayload(spec.example));
  };

  const spec = specOf(name.trim());
  const example = specOf('encuesta:crear')?.example;
  const live = status.status === 'open';

  return (
    <section class="demo ep not-content" aria-label={`Emitir y escuchar eventos en la sala «${sala}»`}>
      <p class="demo-status" role="status" data-status={status.status}>
        <span class="demo-dot" aria-hidden="true" />
        <span data-testid="ep-status">{statusText(quiet(status))}</span>
        {live && count !== null && (
          <span>
            {' · '}
            {count === 1 ? 'solo esta conexión recibe' : `${String(count)} conexiones reciben`} lo que se
            emite en «{sala}»
          </span>
        )}
      </p>

      {status.status === 'offline' && (
        <p class="demo-offline" data-testid="ep-offline">
          <strong>Sala no disponible.</strong> Con la sala en línea podrías emitir eventos y ver los de las
          demás personas. El protocolo de abajo se puede leer igual.
        </p>
      )}

      <form class="ep-emit" onSubmit={submit}>
        <label>
          Evento
          <input
            value={name}
            list={`${uid}-events`}
            maxLength={40}
            autoComplete="off"
            spellcheck={false}
            onInput={(e) => choose(e.currentTarget.value)}
          />
        </label>
        <datalist id={`${uid}-events`}>
          {CLIENT_EVENTS.map((n) => (
            <option key={n} value={n} />
          ))}
        </datalist>
        <label>
          Payload (JSON)
          <textarea
            value={payload}
            maxLength={MAX_PAYLOAD_TEXT}
            rows={4}
            spellcheck={false}
            onInput={(e) => setPayload(e.currentTarget.value)}
          />
        </label>
        <button type="submit">Emitir</button>
      </form>

      <div class="ep-schema" data-testid="ep-schema">
        {spec ? (
          <>
            <p>{spec.summary}</p>
            <Schema spec={spec} />
          </>
        ) : (
          <p>
            «{name.trim() || '…'}» no está en el protocolo de esta sala: si lo emites, la sala responderá con
            un error que lo dice.
          </p>
        )}
      </div>

      <p class="ep-notice" aria-live="polite" data-testid="ep-notice">
        {notice}
      </p>

      <h3 id={`${uid}-log`}>Tramas: → lo que emites, ← lo que escuchas</h3>
      {/* The live region exists before anything arrives, so screen readers hear what is added. */}
      <div
        class="demo-scroll ep-log"
        role="log"
        aria-labelledby={`${uid}-log`}
        // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling region must be reachable by keyboard (WCAG 2.1.1).
        tabIndex={0}
        data-testid="ep-log"
      >
        {log.length === 0 ? (
          <p class="ep-muted">Todavía no pasó ningún evento por esta conexión.</p>
        ) : (
          <ol>
            {log.map((f) => (
              <li
                key={f.id}
                class="demo-frame"
                data-direction={f.direction}
                data-error={f.error ? 'true' : undefined}
              >
                <span class="ep-frame-head">
                  {f.direction === 'emit' ? '→ emit' : '← on'} <strong>{f.name}</strong> · {f.bytes} B
                </span>
                <code>{f.payload}</code>
              </li>
            ))}
          </ol>
        )}
      </div>

      <section class="ep-poll" aria-labelledby={`${uid}-poll`} data-testid="ep-poll">
        <h3 id={`${uid}-poll`}>La encuesta del ejemplo resuelto (en Actividades), funcionando</h3>
        {poll ? (
          <>
            <p>
              <strong>{poll.pregunta}</strong> <span class="ep-muted">({poll.id})</span>
            </p>
            <ul class="ep-options">
              {poll.opciones.map((option, i) => (
                <li key={i}>
                  <button type="button" onClick={() => emit('encuesta:voto', { id: poll.id, opcion: i })}>
                    Votar «{option}»
                  </button>
                  <span class="ep-bar" aria-hidden="true">
                    <span style={{ width: `${String(share(poll.votos[i] ?? 0, poll.total))}%` }} />
                  </span>
                  <span>
                    {poll.votos[i] ?? 0} {poll.votos[i] === 1 ? 'voto' : 'votos'} (
                    {share(poll.votos[i] ?? 0, poll.total)} %)
                  </span>
                </li>
              ))}
            </ul>
            <p class="ep-muted">
              Total: {poll.total}. Tu voto sale como <code>→ emit encuesta:voto</code> y vuelve a todas las
              pantallas como <code>← on encuesta:resultado</code>; un segundo voto recibe{' '}
              <code>encuesta:error</code> solo en la tuya.
            </p>
          </>
        ) : (
          <p>No hay ninguna encuesta abierta en «{sala}».</p>
        )}
        {(openRoom || role === 'teacher') && (
          <button type="button" onClick={() => emit('encuesta:crear', example)}>
            {poll ? 'Abrir otra encuesta como la del ejemplo' : 'Abrir la encuesta del ejemplo'}
          </button>
        )}
        {!openRoom && role !== 'teacher' && (
          <p class="ep-muted">En esta sala solo el docente abre encuestas; cuando lo haga, aparecerá aquí.</p>
        )}
      </section>

      <details class="ep-protocol">
        <summary>Todo el protocolo de la sala ({EVENT_SPECS.length} eventos)</summary>
        {EVENT_SPECS.map((s) => (
          <Schema key={s.name} spec={s} />
        ))}
      </details>

      <section class="ep-exercise" aria-labelledby={`${uid}-exercise`}>
        <h3 id={`${uid}-exercise`}>Tu turno</h3>
        <p>
          Este protocolo no tiene forma de cerrar una encuesta. Emite <code>encuesta:cerrar</code> y lee qué
          responde la sala. Después diséñalo: qué payload lleva, quién puede emitirlo, qué evento difunde la
          sala a todos y qué error recibe quien vote en una encuesta cerrada. Escríbelo como filas nuevas de
          la tabla del ejemplo resuelto.
        </p>
      </section>
    </section>
  );
}
