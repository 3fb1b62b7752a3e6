import { useEffect, useId, useRef, useState } from 'preact/hooks';
import { type Action, ActionButtons } from '../ActionButtons';
import {
  bars,
  comparison,
  failureText,
  HttpStatusError,
  type Mode,
  runRequests,
  type Span,
  sharedScale,
  summary,
  ticks,
} from './timeline';

export interface SyncAsyncDemoProps {
  /** The room's HTTP base, from `roomHttpBase()`: a path or an absolute URL. */
  base: string;
  peticiones: number;
  espera: number;
}

interface Lane {
  spans: Span[];
  /** `performance.now()` when the run started. */
  t0: number;
  total: number | null;
  count: number;
  delay: number;
}

const MODES: readonly Action<Mode>[] = [
  { value: 'sync', label: 'Síncrono' },
  { value: 'async', label: 'Asíncrono (AJAX)' },
];
const COUNTS = [1, 2, 3, 4, 5, 6];
const DELAYS = [200, 400, 800, 1500, 3000];

/** Sends N real requests to the room one after another or all at once and draws them live. */
export default function SyncAsyncDemo({ base, peticiones, espera }: SyncAsyncDemoProps) {
  const id = useId();
  const [count, setCount] = useState(COUNTS.includes(peticiones) ? peticiones : 3);
  const [delay, setDelay] = useState(DELAYS.includes(espera) ? espera : 400);
  const [lanes, setLanes] = useState<Record<Mode, Lane | null>>({ sync: null, async: null });
  const [running, setRunning] = useState<Mode | null>(null);
  const [now, setNow] = useState(0);
  const [message, setMessage] = useState('');
  const [heartbeat, setHeartbeat] = useState(0);
  const runId = useRef(0);
  const aborter = useRef<AbortController | null>(null);

  // The counter proves the page keeps running while requests are out.
  useEffect(() => {
    const timer = setInterval(() => setHeartbeat((n) => n + 1), 100);
    return () => clearInterval(timer);
  }, []);

  // Redraw every frame while a run is in flight, so bars grow as time passes.
  useEffect(() => {
    if (!running) return;
    let frame = requestAnimationFrame(function tick() {
      setNow(performance.now());
      frame = requestAnimationFrame(tick);
    });
    return () => cancelAnimationFrame(frame);
  }, [running]);

  useEffect(() => () => aborter.current?.abort(), []);

  const start = async (mode: Mode) => {
    if (running) return;
    const run = ++runId.current;
    const controller = new AbortController();
    aborter.current = controller;
    const t0 = performance.now();
    const settings = { count, delay };
    setRunning(mode);
    setMessage(`${mode === 'sync' ? 'Síncrono' : 'Asíncrono'}: enviando ${String(count)}…`);
    setNow(t0);
    setLanes((all) => ({ ...all, [mode]: { spans: [], t0, total: null, ...settings } }));

    const send = async (index: number) => {
      const path = `/demo/delay?delay=${String(delay)}&corrida=${String(run)}&peticion=${String(index + 1)}`;
      // Unique URLs and no-store: the HTTP cache must not merge or answer these requests.
      const url = new URL(`${base}${path}`, location.href);
      const response = await fetch(url, { cache: 'no-store', signal: controller.signal });
      await response.arrayBuffer();
      if (!response.ok) throw new HttpStatusError(response.status);
    };
    const result = await runRequests({
      mode,
      count,
      send,
      now: () => performance.now() - t0,
      onChange: (spans) => setLanes((all) => ({ ...all, [mode]: { spans, t0, total: null, ...settings } })),
    });
    if (controller.signal.aborted) return;
    setLanes((all) => ({ ...all, [mode]: { spans: result.spans, t0, total: result.total, ...settings } }));
    setRunning(null);
    setMessage(
      result.error === undefined
        ? summary(mode, result, delay)
        : `${summary(mode, result, delay)} ${failureText(result.error)}`,
    );
  };

  const elapsed = (lane: Lane) => lane.total ?? Math.max(now - lane.t0, 0);
  const present = MODES.map(({ value }) => lanes[value]).filter((lane): lane is Lane => lane !== null);
  const scale = sharedScale(present.map(elapsed), delay);
  const { sync, async: parallel } = lanes;
  const compared =
    sync?.total != null &&
    parallel?.total != null &&
    sync.count === parallel.count &&
    sync.delay === parallel.delay &&
    sync.spans.every((s) => s.ok) &&
    parallel.spans.every((s) => s.ok)
      ? comparison(sync.total, parallel.total, sync.count)
      : '';

  return (
    <section class="demo sa-demo not-content" aria-labelledby={`${id}-title`}>
      <p class="demo-title" id={`${id}-title`}>
        Demostración en vivo: peticiones en secuencia (síncronas) y a la vez (asíncronas)
      </p>
      <div class="sa-controls">
        <div class="sa-field">
          <label for={`${id}-count`}>Peticiones</label>
          <select id={`${id}-count`} value={count} onChange={(e) => setCount(Number(e.currentTarget.value))}>
            {COUNTS.map((n) => (
              <option key={n} value={n}>
                {n}
              </option>
            ))}
          </select>
        </div>
        <div class="sa-field">
          <label for={`${id}-delay`}>Espera del servidor</label>
          <select id={`${id}-delay`} value={delay} onChange={(e) => setDelay(Number(e.currentTarget.value))}>
            {DELAYS.map((ms) => (
              <option key={ms} value={ms}>
                {ms} ms
              </option>
            ))}
          </select>
        </div>
        <div class="sa-buttons">
          <ActionButtons
            actions={MODES}
            busy={running !== null}
            dataName="mode"
            onAction={(mode) => void start(mode)}
          />
        </div>
      </div>

      <p class="sa-alive">
        <span class="sa-spinner" aria-hidden="true" />
        Contador de la página: <span class="sa-counter">{heartbeat}</span>
        <span class="sa-alive-note"> (sigue avanzando mientras esperas las respuestas)</span>
      </p>

      <figure class="sa-timeline" aria-label="Línea de tiempo de las peticiones">
        <div class="sa-axis" aria-hidden="true">
          <span class="sa-axis-unit">ms</span>
          <span class="sa-axis-track">
            {ticks(scale).map((t) => (
              <span key={t} class="sa-tick" style={{ left: `${String((t / scale) * 100)}%` }}>
                {t}
              </span>
            ))}
          </span>
          <span />
        </div>
        {MODES.map(({ value: mode, label }) => {
          const lane = lanes[mode];
          return (
            <div key={mode} class="sa-lane" data-mode={mode}>
              <p class="sa-lane-title">
                {label}:{' '}
                {!lane ? (
                  <span class="sa-muted">sin ejecutar</span>
                ) : lane.total === null ? (
                  <span>en curso… {Math.round(elapsed(lane))} ms</span>
                ) : (
                  <strong data-testid={`total-${mode}`} data-ms={Math.round(lane.total)}>
                    {Math.round(lane.total)} ms en total
                  </strong>
                )}
              </p>
              {lane && lane.spans.length > 0 && (
                <ol class="sa-rows">
                  {bars(lane.spans, elapsed(lane), scale).map((bar) => (
                    <li key={bar.index} class="sa-row" data-state={bar.state}>
                      <span class="sa-row-label">
                        <span class="sr-only">Petición </span>
                        {bar.index + 1}
                      </span>
                      <span class="demo-track sa-track" aria-hidden="true">
                        <span
                          class="demo-bar sa-bar"
                          style={{ left: `${String(bar.leftPct)}%`, width: `${String(bar.widthPct)}%` }}
                        />
                      </span>
                      <span class="sa-row-time">
                        {Math.round(bar.start)}–{bar.state === 'flight' ? '…' : Math.round(bar.end)} ms
                        {bar.state === 'error' && <span class="sa-error"> (falló)</span>}
                      </span>
                    </li>
                  ))}
                </ol>
              )}
            </div>
          );
        })}
      </figure>

      <p class="sa-status" role="status">
        {message}
        {compared && ` ${compared}`}
      </p>

      <p class="sa-notice">
        <strong>Fíjate:</strong> en «Síncrono» las peticiones van <em>en secuencia</em>: cada barra empieza
        cuando termina la anterior, así que el total es al menos el número de peticiones por la espera. En
        «Asíncrono (AJAX)» salen todas a la vez con <code>fetch</code>, en paralelo, y el total se parece a
        una sola espera. En los dos casos el contador sigue, porque ninguna petición <em>bloquea</em> la
        página: aquí «síncrono» quiere decir secuencial (esperar cada respuesta con <code>await</code>), no
        bloqueante. Una petición bloqueante de verdad, como un <code>XMLHttpRequest</code> síncrono (hoy
        desaconsejado), sí congelaría el contador hasta la respuesta.
      </p>
    </section>
  );
}
