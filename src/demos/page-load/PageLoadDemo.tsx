import { useEffect, useId, useState } from 'preact/hooks';
import { readStored, writeStored } from '../../lib/storage';
import {
  CACHE_LABELS,
  compareLoads,
  formatMs,
  type LoadSummary,
  type NavigationLike,
  navigationSteps,
  navigationTypeText,
  type ResourceRow,
  resourceRows,
  resourcesStep,
  type Step,
  type StepKey,
  stepLink,
  summarize,
} from './timing';

export interface PageLoadDemoProps {
  /** The heading anchor (without `#`) of the lesson section that tells the steps. */
  seccion?: string;
  /** The step number in that section for each demo step, e.g. `{ dns: 1 }`. */
  pasos?: Partial<Record<StepKey, number>>;
}

interface Measured {
  nav: NavigationLike;
  steps: Step[];
  rows: ResourceRow[];
  summary: LoadSummary;
}

/** Resource rows shown before the rest fold into a disclosure. */
const FIRST_ROWS = 8;

/** Reads this very visit's timings from the browser and draws them as the lesson's steps. */
export default function PageLoadDemo({ seccion, pasos }: PageLoadDemoProps) {
  const id = useId();
  const [measured, setMeasured] = useState<Measured | null>(null);
  const [previous, setPrevious] = useState<LoadSummary | null>(null);
  const [unsupported, setUnsupported] = useState(false);

  useEffect(() => {
    if (typeof performance === 'undefined' || typeof performance.getEntriesByType !== 'function') {
      setUnsupported(true);
      return;
    }
    const key = `cs-page-load:${location.pathname}`;
    let stored = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const measure = () => {
      const nav = performance.getEntriesByType('navigation')[0] as NavigationLike | undefined;
      if (!nav) {
        setUnsupported(true);
        return;
      }
      const entries = performance.getEntriesByType('resource') as unknown as NavigationLike[];
      const rows = resourceRows(entries, location.origin, nav.loadEventEnd);
      const summary = summarize(nav, rows, entries, Date.now());
      setMeasured({ nav, steps: [...navigationSteps(nav), resourcesStep(rows, nav)], rows, summary });
      if (stored) return;
      stored = true;
      // The previous visit in this tab, to compare after "recargar"; without storage (site
      // data blocked) there is simply nothing to compare.
      const before = readStored('sessionStorage', key);
      try {
        if (before) setPrevious(JSON.parse(before) as LoadSummary);
      } catch {
        // A value this demo did not write: ignore it.
      }
      writeStored('sessionStorage', key, JSON.stringify(summary));
    };
    // loadEventEnd is only filled in once the load handlers have returned.
    const afterLoad = () => {
      timer = setTimeout(measure, 0);
    };
    if (document.readyState === 'complete') afterLoad();
    else addEventListener('load', afterLoad, { once: true });
    // Resources requested later (lazy images, islands, demos) update the count below.
    const observer =
      typeof PerformanceObserver === 'function'
        ? new PerformanceObserver(() => {
            if (document.readyState !== 'complete') return;
            clearTimeout(timer);
            timer = setTimeout(measure, 300);
          })
        : null;
    observer?.observe({ type: 'resource' });
    return () => {
      removeEventListener('load', afterLoad);
      clearTimeout(timer);
      observer?.disconnect();
    };
  }, []);

  if (unsupported) {
    return (
      <section class="demo pl-demo not-content" aria-label="Tu visita a esta página, paso a paso">
        <p>
          Tu navegador no ofrece las mediciones de carga (Navigation Timing), así que aquí no hay cifras que
          mostrar. Los pasos de la lección siguen valiendo igual.
        </p>
      </section>
    );
  }

  const during = measured?.rows.filter((r) => !r.afterLoad) ?? [];
  const later = (measured?.rows.length ?? 0) - during.length;
  const scale = measured ? Math.max(...measured.steps.map((s) => s.end), ...during.map((r) => r.end), 1) : 1;
  const pct = (ms: number) => `${String(Math.min(100, Math.max(0, (ms / scale) * 100)))}%`;
  const resourcesLink = stepLink('recursos', seccion, pasos);

  const resourceItem = (row: ResourceRow, index: number) => (
    <li
      key={`${row.url}-${String(index)}`}
      class="pl-row pl-resource"
      data-cache={row.cache}
      data-hidden={row.hidden}
    >
      <span class="pl-label">
        <span class="pl-kind">{row.kind}</span>{' '}
        <span class="pl-name" title={row.url}>
          {row.name}
        </span>
      </span>
      <span class="pl-track" aria-hidden="true">
        <span class="pl-bar" style={{ left: pct(row.start), width: pct(row.end - row.start) }} />
      </span>
      <span class="pl-ms">
        {formatMs(row.end - row.start)}
        <span class="pl-badge">{CACHE_LABELS[row.cache]}</span>
      </span>
      <span class="pl-note">{row.note}</span>
    </li>
  );

  return (
    <section
      class="demo pl-demo not-content"
      aria-labelledby={`${id}-title`}
      data-ready={measured ? 'true' : 'false'}
    >
      <p class="demo-title" id={`${id}-title`}>
        Tu visita a esta página, paso a paso
      </p>
      {!measured ? (
        <p class="pl-muted">Midiendo tu visita… (los tiempos los da tu propio navegador).</p>
      ) : (
        <>
          <p class="pl-intro">
            Tiempos reales de tu navegador, medidos desde que pediste la página:{' '}
            {navigationTypeText(measured.nav.type)}, y todo terminó de cargar en{' '}
            <strong>{formatMs(measured.nav.loadEventEnd)}</strong>. Cada barra enlaza con su paso en la
            lección.
          </p>
          <ol class="pl-waterfall" aria-label="Cascada de la carga: un paso por fila">
            {measured.steps.map((s) => {
              const link = stepLink(s.key, seccion, pasos);
              const time =
                s.visibility === 'shown' || s.visibility === 'zero'
                  ? formatMs(s.end - s.start)
                  : s.visibility === 'hidden'
                    ? 'oculto'
                    : 'no aplica';
              return (
                <li key={s.key} class="pl-row" data-step={s.key} data-visibility={s.visibility}>
                  <span class="pl-label">
                    {link ? (
                      <a href={link.href}>
                        {s.label}
                        <span class="pl-step-ref"> ({link.label})</span>
                      </a>
                    ) : (
                      s.label
                    )}
                  </span>
                  <span class="pl-track" aria-hidden="true">
                    {s.visibility === 'shown' && (
                      <span class="pl-bar" style={{ left: pct(s.start), width: pct(s.end - s.start) }} />
                    )}
                  </span>
                  <span class="pl-ms" data-testid={`ms-${s.key}`}>
                    {time}
                  </span>
                  <span class="pl-note">{s.note}</span>
                </li>
              );
            })}
          </ol>

          {during.length > 0 && (
            <>
              <p class="pl-subtitle">
                {resourcesLink ? (
                  <a href={resourcesLink.href}>
                    Los recursos uno por uno <span class="pl-step-ref">({resourcesLink.label})</span>
                  </a>
                ) : (
                  'Los recursos uno por uno'
                )}
              </p>
              <ol class="pl-waterfall" aria-label="Recursos pedidos durante la carga">
                {during.slice(0, FIRST_ROWS).map(resourceItem)}
              </ol>
              {during.length > FIRST_ROWS && (
                <details class="pl-more">
                  <summary>Ver los otros {during.length - FIRST_ROWS} recursos</summary>
                  <ol class="pl-waterfall" start={FIRST_ROWS + 1}>
                    {during.slice(FIRST_ROWS).map(resourceItem)}
                  </ol>
                </details>
              )}
            </>
          )}
          {later > 0 && (
            <p class="pl-muted">
              Después de la carga se pidieron {later} recursos más (por ejemplo, al desplazarte por la
              página); no entran en la cascada.
            </p>
          )}

          <div class="pl-compare" role="status">
            {previous ? (
              <>
                <p>Comparado con tu visita anterior a esta página:</p>
                <ul>
                  {compareLoads(previous, measured.summary).map((line) => (
                    <li key={line}>{line}</li>
                  ))}
                </ul>
              </>
            ) : (
              <p>
                Recarga la página para ver cómo cambia una segunda carga cuando el navegador ya tiene cosas en
                caché.
              </p>
            )}
          </div>
          <button type="button" class="pl-reload" onClick={() => location.reload()}>
            Recargar la página
          </button>
        </>
      )}
    </section>
  );
}
