import { useEffect, useId, useRef, useState } from 'preact/hooks';
import { absoluteRoom, fillRoom, type OutputLine, type RunEnd, runSnippet } from './runner';

export interface CodeRunnerProps {
  /** The snippet as written, with `{{sala}}` / `{{sala-ws}}` where the room's address goes. */
  code: string;
  /** The room's HTTP base, from `roomHttpBase()`: a path or a (scheme-relative) URL. */
  base: string;
  /** The time limit, in seconds. */
  limit: number;
}

/** At most this many lines are kept, so a chatty loop cannot grow the page without end. */
const MAX_LINES = 200;

function endText(end: RunEnd, limit: number): string {
  switch (end.how) {
    case 'done':
      return `Terminado en ${String(end.ms)} ms.`;
    case 'error':
      return `Se detuvo por un error a los ${String(end.ms)} ms.`;
    case 'timeout':
      return `Tiempo agotado: tu código seguía en marcha a los ${String(limit)} s y se detuvo.`;
    case 'stopped':
      return `Lo detuviste a los ${String(end.ms)} ms.`;
  }
}

/** An editable snippet the reader runs in a fresh Web Worker, with its console under it. */
export default function CodeRunner({ code, base, limit }: CodeRunnerProps) {
  const id = useId();
  const [original, setOriginal] = useState(() => fillRoom(code, base));
  const [text, setText] = useState(original);
  const [lines, setLines] = useState<OutputLine[]>([]);
  const [status, setStatus] = useState('');
  const stop = useRef<(() => void) | null>(null);
  const [running, setRunning] = useState(false);

  // The absolute address needs the page's origin, known only here.
  useEffect(() => {
    const filled = fillRoom(code, absoluteRoom(base, location.href));
    setOriginal(filled);
    setText(filled);
  }, [code, base]);
  useEffect(() => () => stop.current?.(), []);

  const run = () => {
    if (running) return;
    setLines([]);
    setStatus('Ejecutando…');
    setRunning(true);
    stop.current = runSnippet(text, {
      limitMs: limit * 1000,
      onLine: (line) => setLines((old) => [...old, line].slice(-MAX_LINES)),
      onEnd: (end) => {
        stop.current = null;
        setRunning(false);
        setStatus(endText(end, limit));
      },
    });
  };
  const reset = () => {
    stop.current?.();
    setText(original);
    setLines([]);
    setStatus('');
  };

  return (
    <div class="demo code-runner" data-running={String(running)}>
      <label for={`${id}-code`} class="cr-label">
        Código (puedes editarlo; se ejecuta en un Web Worker aparte, como mucho {limit} s)
      </label>
      <textarea
        id={`${id}-code`}
        class="cr-code"
        value={text}
        rows={Math.min(24, Math.max(6, text.split('\n').length + 1))}
        spellcheck={false}
        autocapitalize="off"
        autocomplete="off"
        onInput={(event) => setText(event.currentTarget.value)}
      />
      <div class="cr-actions">
        <button type="button" onClick={run} aria-disabled={running ? 'true' : undefined}>
          Ejecutar
        </button>
        <button type="button" onClick={() => stop.current?.()} aria-disabled={running ? undefined : 'true'}>
          Detener
        </button>
        <button type="button" onClick={reset}>
          Restablecer
        </button>
      </div>
      <p class="cr-status" role="status">
        {status}
      </p>
      <div class="cr-output-wrap">
        <p class="cr-output-title" id={`${id}-out`}>
          Salida
        </p>
        {/* biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling region must be reachable by keyboard (WCAG 2.1.1). */}
        <div class="cr-output" role="log" aria-labelledby={`${id}-out`} tabIndex={0}>
          <ol>
            {lines.length === 0 ? (
              <li class="cr-empty">Pulsa «Ejecutar» y aquí verás lo que escribe console.log.</li>
            ) : (
              lines.map((line, index) => (
                <li key={index} data-kind={line.kind}>
                  {line.kind === 'error' ? '✗ ' : line.kind === 'warn' ? '⚠ ' : ''}
                  {line.text}
                </li>
              ))
            )}
          </ol>
        </div>
      </div>
    </div>
  );
}
