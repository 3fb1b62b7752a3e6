import { useEffect, useId, useState } from 'preact/hooks';
import { formatMs } from '../../lib/format';
import { readStored, writeStored } from '../../lib/storage';
import { navigationSteps, navigationTypeText } from './navigation';
import { BIG_MS_TEXT, COMPARE_SIZER, INTRO_TYPE_SIZER } from './reserve';
import { resourceRows, resourcesStep } from './resources';
import { Fit, ResourceItem, StepRow } from './rows';
import { PAGE_LOAD_STEPS } from './steps';
import { type NavigationLike, type Step, type StepKey, stepLink } from './timing';
import { compareLoads, type LoadSummary, summarize } from './visits';

export interface PageLoadDemoProps {
  /** The heading anchor (without `#`) of the lesson section that tells the steps. */
  seccion?: string;
  /** The step number in that section for each demo step, e.g. `{ dns: 1 }`. */
  pasos?: Partial<Record<StepKey, number>>;
}

interface Measured {
  nav: NavigationLike;
  steps: Step[];
  rows: ReturnType<typeof resourceRows>;
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
  const links = { seccion, pasos };
  const resourcesLink = stepLink('recursos', seccion, pasos);
  // Before measuring, the story's own steps hold their rows (a redirect, when there is one,
  // adds a row); so do the first resources' slots, filled or not.
  const steps: Array<{ key: StepKey; label: string; step: Step | null }> = measured
    ? measured.steps.map((step) => ({ key: step.key, label: step.label, step }))
    : PAGE_LOAD_STEPS.map(({ key, label }) => ({ key, label, step: null }));
  const firstRows = Array.from({ length: FIRST_ROWS }, (_, i) => during[i] ?? null);
  const loading = 'Midiendo tu visita… (los tiempos los da tu propio navegador).';

  return (
    <section
      class="demo pl-demo not-content"
      aria-labelledby={`${id}-title`}
      aria-busy={measured ? 'false' : 'true'}
      data-ready={measured ? 'true' : 'false'}
    >
      <p class="demo-title" id={`${id}-title`}>
        Tu visita a esta página, paso a paso
      </p>
      <Fit as="div" sizer={<p>{intro(INTRO_TYPE_SIZER, BIG_MS_TEXT)}</p>}>
        <p class={measured ? 'pl-intro' : 'pl-muted'}>
          {measured
            ? intro(navigationTypeText(measured.nav.type), formatMs(measured.nav.loadEventEnd))
            : loading}
        </p>
      </Fit>
      <ol class="pl-waterfall" aria-label="Cascada de la carga: un paso por fila">
        {steps.map(({ key, label, step }) => (
          <StepRow key={key} stepKey={key} label={label} step={step} links={links} pct={pct} />
        ))}
      </ol>

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
        {firstRows.map((row, i) => (
          <ResourceItem key={row ? `${row.url}-${String(i)}` : `slot-${String(i)}`} row={row} pct={pct} />
        ))}
      </ol>
      {during.length > FIRST_ROWS ? (
        <details class="pl-more">
          <summary>Ver los otros {during.length - FIRST_ROWS} recursos</summary>
          <ol class="pl-waterfall" start={FIRST_ROWS + 1}>
            {during.slice(FIRST_ROWS).map((row, i) => (
              <ResourceItem key={`${row.url}-${String(i)}`} row={row} pct={pct} />
            ))}
          </ol>
        </details>
      ) : (
        <p class="pl-more pl-muted">{measured ? `No hubo más recursos durante la carga.` : '\u00a0'}</p>
      )}
      <Fit as="div" sizer={<p>{laterText(999)}</p>}>
        <p class="pl-muted">{measured ? laterText(later) : ''}</p>
      </Fit>

      <Fit
        as="div"
        class="pl-compare"
        role="status"
        sizer={
          <>
            <p>{COMPARED}</p>
            <ul>
              {COMPARE_SIZER.map((line) => (
                <li key={line}>{line}</li>
              ))}
            </ul>
          </>
        }
      >
        {measured && previous ? (
          <>
            <p>{COMPARED}</p>
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
      </Fit>
      <button type="button" class="pl-reload" disabled={!measured} onClick={() => location.reload()}>
        Recargar la página
      </button>
    </section>
  );
}

const COMPARED = 'Comparado con tu visita anterior a esta página:';

function intro(how: string, total: string) {
  return (
    <>
      Tiempos reales de tu navegador, medidos desde que pediste la página: {how}, y todo terminó de cargar en{' '}
      <strong>{total}</strong>. Cada barra enlaza con su paso en la lección.
    </>
  );
}

function laterText(n: number): string {
  return n > 0
    ? `Después de la carga se pidieron ${String(n)} recursos más (por ejemplo, al desplazarte por la página); no entran en la cascada.`
    : 'Después de la carga no se pidió ningún recurso más.';
}
