/**
 * The page-load demo's rows. Every part that the reader's measurements fill in later is a
 * `Fit`: the real text stacked over an invisible copy of the longest text it can ever hold,
 * so the server-rendered demo already has its final size and nothing below it moves.
 */
import type { ComponentChildren } from 'preact';
import { formatMs } from '../../lib/format';
import {
  BADGE_SIZER,
  KIND_SIZER,
  NAME_SIZER,
  RESOURCE_MS_SIZER,
  RESOURCE_NOTE_SIZER,
  STEP_MS_SIZER,
  stepNoteSizer,
} from './reserve';
import { CACHE_LABELS, type ResourceRow, type Step, type StepKey, stepLink } from './timing';

interface FitProps {
  /** The longest content this slot can show; takes space, never seen nor read. */
  sizer: ComponentChildren;
  children?: ComponentChildren;
  class?: string;
  /** `div` for block content (paragraphs, lists); `span` inside a line. */
  as?: 'div' | 'span';
  testid?: string;
  role?: 'status';
}

export function Fit({ sizer, children, class: name, as: Tag = 'span', testid, role }: FitProps) {
  // The slot takes the layout (grid area); sizer and text share the styling class, so they
  // wrap alike, and only the text carries the class tests and readers look for.
  return (
    <Tag class={name ? `pl-fit ${name}-slot` : 'pl-fit'}>
      <Tag class={name ? `pl-sizer ${name}` : 'pl-sizer'} aria-hidden="true">
        {sizer}
      </Tag>
      <Tag class={name ? `pl-fill ${name}` : 'pl-fill'} data-testid={testid} role={role}>
        {children}
      </Tag>
    </Tag>
  );
}

export type Links = { seccion: string | undefined; pasos: Partial<Record<StepKey, number>> | undefined };
export type Pct = (ms: number) => string;

function stepTime(s: Step): string {
  if (s.visibility === 'shown' || s.visibility === 'zero') return formatMs(s.end - s.start);
  return s.visibility === 'hidden' ? 'oculto' : 'no aplica';
}

/** One step of the story; `step` is null until the visit is measured (label only). */
export function StepRow({
  stepKey,
  label,
  step,
  links,
  pct,
}: {
  stepKey: StepKey;
  label: string;
  step: Step | null;
  links: Links;
  pct: Pct;
}) {
  const link = stepLink(stepKey, links.seccion, links.pasos);
  return (
    <li class="pl-row" data-step={stepKey} data-visibility={step?.visibility}>
      <span class="pl-label">
        {link ? (
          <a href={link.href}>
            {label}
            <span class="pl-step-ref"> ({link.label})</span>
          </a>
        ) : (
          label
        )}
      </span>
      <span class="demo-track pl-track" aria-hidden="true">
        {step?.visibility === 'shown' && (
          <span
            class="demo-bar pl-bar"
            style={{ left: pct(step.start), width: pct(step.end - step.start) }}
          />
        )}
      </span>
      <Fit class="pl-ms" sizer={STEP_MS_SIZER} testid={`ms-${stepKey}`}>
        {step ? stepTime(step) : '…'}
      </Fit>
      <Fit class="pl-note" sizer={stepNoteSizer(stepKey)}>
        {step?.note}
      </Fit>
    </li>
  );
}

/** One resource; `row` is null for a reserved slot (before measuring, or fewer resources). */
export function ResourceItem({ row, pct }: { row: ResourceRow | null; pct: Pct }) {
  return (
    <li
      class={`pl-row pl-resource${row ? '' : ' pl-placeholder'}`}
      data-cache={row?.cache}
      data-hidden={row?.hidden}
      aria-hidden={row ? undefined : 'true'}
    >
      <Fit
        class="pl-label"
        sizer={
          <>
            <span class="pl-kind">{KIND_SIZER}</span> <span class="pl-name">{NAME_SIZER}</span>
          </>
        }
      >
        <span class="pl-kind">{row?.kind}</span>{' '}
        <span class="pl-name" title={row?.url}>
          {row?.name}
        </span>
      </Fit>
      <span class="demo-track pl-track" aria-hidden="true">
        {row && (
          <span class="demo-bar pl-bar" style={{ left: pct(row.start), width: pct(row.end - row.start) }} />
        )}
      </span>
      <span class="pl-ms">
        <Fit sizer={RESOURCE_MS_SIZER}>{row ? formatMs(row.end - row.start) : ''}</Fit>
        <Fit class="pl-badge" sizer={BADGE_SIZER}>
          {row ? CACHE_LABELS[row.cache] : ''}
        </Fit>
      </span>
      <Fit class="pl-note" sizer={RESOURCE_NOTE_SIZER}>
        {row?.note}
      </Fit>
    </li>
  );
}
