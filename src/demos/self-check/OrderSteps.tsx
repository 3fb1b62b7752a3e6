/**
 * The ordering control: a numbered list with «Subir» and «Bajar» buttons per step, which
 * works by keyboard and by touch, and a polite line that says where the moved step went.
 * The lessons' self-check and the live class's question card share it.
 */
import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import { move } from './grading';

export interface OrderStepsProps {
  /** Each step's text, by step index. */
  texts: readonly string[];
  /** The step indexes in the order shown, first to last. */
  order: readonly number[];
  onChange: (order: number[]) => void;
  /** Buttons that do nothing (a closed question). */
  locked?: boolean;
  /** What follows a step's text at a place (feedback, a mark). */
  after?: (place: number, step: number) => ComponentChildren;
}

export default function OrderSteps({ texts, order, onChange, locked = false, after }: OrderStepsProps) {
  const [moved, setMoved] = useState('');
  const last = order.length - 1;
  const shift = (place: number, by: -1 | 1) => {
    const to = place + by;
    if (locked || to < 0 || to > last) return;
    const next = move(order, place, by);
    onChange(next);
    setMoved(`«${texts[next[to] ?? 0] ?? ''}» ahora es el paso ${String(to + 1)}.`);
  };
  return (
    <>
      <ol class="sc-steps">
        {order.map((step, place) => {
          const text = texts[step];
          if (text === undefined) return null;
          return (
            <li key={text}>
              <span class="sc-step-text">{text}</span>
              <span class="sc-step-moves">
                <button
                  type="button"
                  aria-label={`Subir «${text}»`}
                  aria-disabled={locked || place === 0 ? 'true' : undefined}
                  onClick={() => shift(place, -1)}
                >
                  ↑
                </button>
                <button
                  type="button"
                  aria-label={`Bajar «${text}»`}
                  aria-disabled={locked || place === last ? 'true' : undefined}
                  onClick={() => shift(place, 1)}
                >
                  ↓
                </button>
              </span>
              {after?.(place, step)}
            </li>
          );
        })}
      </ol>
      <p class="sc-moved" aria-live="polite">
        {moved}
      </p>
    </>
  );
}
