import { useId, useState } from 'preact/hooks';
import { type Action, ActionButtons } from '../ActionButtons';
import { type CookieVerdict, cookieVerdict, relation } from './cookies';
import {
  describeExchange,
  type Exchange,
  FAMILY_NAMES,
  headersNote,
  protocolName,
  STATUS_CHOICES,
  UNREACHABLE,
} from './status';

/** One button per status code the room can answer with. */
const ASKS: readonly Action<(typeof STATUS_CHOICES)[number]>[] = STATUS_CHOICES.map((code) => ({
  value: code,
  label: `Pedir ${String(code)}`,
}));

export interface HttpStatusDemoProps {
  /** The room's HTTP base, from `roomHttpBase()`: a path or an absolute URL. */
  base: string;
}

interface Shown {
  request: string;
  exchange: Exchange;
  crossOrigin: boolean;
}

interface CookieSet {
  value: string;
  attributes: string[];
}

interface CookieEcho {
  header: string | null;
  verdict: CookieVerdict;
}

/** Asks the room for real status codes and shows a real cookie going out and coming back. */
export default function HttpStatusDemo({ base }: HttpStatusDemoProps) {
  const id = useId();
  const [shown, setShown] = useState<Shown | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');
  const [cookieSet, setCookieSet] = useState<CookieSet | null>(null);
  const [echo, setEcho] = useState<CookieEcho | null>(null);
  const [cookieError, setCookieError] = useState('');

  const ask = async (code: number) => {
    if (busy) return;
    setBusy(true);
    setError('');
    const url = new URL(`${base}/demo/status/${String(code)}`, location.href).href;
    try {
      const response = await fetch(url, { cache: 'no-store' });
      const body = await response.text();
      const timing = performance.getEntriesByName(url).at(-1) as PerformanceResourceTiming | undefined;
      setShown({
        request: `GET ${new URL(url).pathname}`,
        crossOrigin: new URL(url).origin !== location.origin,
        exchange: describeExchange({
          requested: code,
          status: response.status,
          statusText: response.statusText,
          protocol: protocolName(timing?.nextHopProtocol),
          redirected: response.redirected,
          finalUrl: response.url,
          headers: response.headers,
          body,
        }),
      });
    } catch {
      setShown(null);
      setError(UNREACHABLE);
    } finally {
      setBusy(false);
    }
  };

  const cookieRequest = async (step: 'set' | 'echo') => {
    setCookieError('');
    const url = new URL(`${base}/demo/cookie/${step}`, location.href).href;
    try {
      // 'include' so the cookie also travels when the room is on another origin.
      const response = await fetch(url, { cache: 'no-store', credentials: 'include' });
      if (!response.ok) throw new Error(String(response.status));
      const body = (await response.json()) as Record<string, unknown>;
      if (step === 'set') {
        setCookieSet({
          value: String(body['valor']),
          attributes: Array.isArray(body['atributos']) ? body['atributos'].map(String) : [],
        });
        setEcho(null);
        return;
      }
      const received = (body['recibidas'] ?? {}) as Record<string, unknown>;
      const echoed = typeof received['demo_visita'] === 'string' ? received['demo_visita'] : null;
      const room = new URL(url);
      setEcho({
        header: typeof body['cabeceraCookie'] === 'string' ? body['cabeceraCookie'] : null,
        verdict: cookieVerdict({
          relation: relation(new URL(location.href), room),
          pageHost: location.host,
          roomHost: room.host,
          roomSecure: room.protocol === 'https:',
          cookiesEnabled: navigator.cookieEnabled,
          setValue: cookieSet?.value ?? null,
          attributes: cookieSet?.attributes ?? [],
          echoedValue: echoed,
        }),
      });
    } catch {
      setCookieError(UNREACHABLE);
    }
  };

  const last = shown?.exchange.steps.at(-1);

  return (
    <section class="demo hs-demo not-content" aria-labelledby={`${id}-title`}>
      <p class="demo-title" id={`${id}-title`}>
        Demostración en vivo: códigos de estado y cookies
      </p>
      <p>
        Pide a la sala una respuesta con el código que elijas. Es una petición real; esto es lo que llega.
      </p>
      <fieldset class="hs-buttons">
        <legend class="sr-only">Código de estado que pedir</legend>
        <ActionButtons actions={ASKS} busy={busy} dataName="code" onAction={(code) => void ask(code)} />
      </fieldset>

      <div class="hs-result" role="status">
        {error && <p class="hs-error">{error}</p>}
        {shown && last && (
          <p class="hs-summary">
            Respuesta: <strong data-testid="status-line">{last.line}</strong>
            {last.family && (
              <>
                {' · '}
                <span data-testid="status-family">
                  {FAMILY_NAMES[last.family]} ({last.family})
                </span>
              </>
            )}
          </p>
        )}
      </div>

      {shown && (
        <div class="hs-exchange">
          <p class="hs-label">Petición</p>
          <pre class="hs-code">
            <code>{shown.request}</code>
          </pre>
          {shown.exchange.steps.map((s) => (
            <div key={s.line} class="hs-step" data-family={s.family ?? ''}>
              <p class="hs-label">Línea de estado</p>
              <pre class="hs-code">
                <code>{s.line}</code>
              </pre>
              <p class="hs-explanation">
                <strong>{s.family}:</strong> {s.explanation}
              </p>
              {s.note && <p class="hs-note">{s.note}</p>}
            </div>
          ))}
          <p class="hs-label">Cabeceras que esta página puede leer</p>
          <dl class="hs-headers">
            {shown.exchange.headers.map(([name, value]) => (
              <div key={name}>
                <dt>{name}:</dt> <dd>{value}</dd>
              </div>
            ))}
          </dl>
          <p class="hs-note">{headersNote(shown.crossOrigin)}</p>
          <p class="hs-label">Cuerpo</p>
          <pre class="hs-code hs-body">
            <code>{shown.exchange.body || '(vacío)'}</code>
          </pre>
        </div>
      )}

      <p class="hs-subtitle">Una cookie de ida y vuelta</p>
      <p>
        Primero el servidor te da una cookie con <code>Set-Cookie</code>; después, en otra petición, mira si
        tu navegador se la devuelve en la cabecera <code>Cookie</code>.
      </p>
      <div class="hs-buttons">
        <button type="button" data-cookie="set" onClick={() => void cookieRequest('set')}>
          1. Recibir una cookie
        </button>
        <button type="button" data-cookie="echo" onClick={() => void cookieRequest('echo')}>
          2. Enviar otra petición
        </button>
      </div>
      <div class="hs-cookie" role="status">
        {cookieError && <p class="hs-error">{cookieError}</p>}
        {cookieSet && (
          <>
            <p class="hs-label">El servidor respondió con</p>
            <pre class="hs-code">
              <code>
                {[`Set-Cookie: demo_visita=${cookieSet.value}`, ...cookieSet.attributes].join('; ')}
              </code>
            </pre>
          </>
        )}
        {echo && (
          <>
            <p class="hs-label">En la segunda petición, el servidor vio</p>
            <pre class="hs-code">
              <code data-testid="cookie-echo">
                {echo.header ? `Cookie: ${echo.header}` : '(ninguna cabecera Cookie)'}
              </code>
            </pre>
            <p class="hs-verdict" data-ok={echo.verdict.ok} data-rule={echo.verdict.rule}>
              {echo.verdict.text}
            </p>
          </>
        )}
      </div>
    </section>
  );
}
