/**
 * The two ways to push from the demo: the teacher's free text in a class room, and the
 * open room's prepared notifications. Both keep what was sent on screen until the room
 * acknowledges it, and offer a retry (same ref, so never a duplicate) when it does not.
 */
import type { ComponentChildren } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { LEVELS, type Level, MAX_TEXT, OPEN_PRESETS } from '../../../party/wire/vocabulary';
import type { PushFields, PushState } from '../../lib/pushTracker';
import { LEVEL_LABEL } from './feed';

/** One line on where the last push stands, or '' when there is nothing to say. */
export function pushStateText(state: PushState): string {
  switch (state.phase) {
    case 'idle':
      return '';
    case 'waiting':
      return state.queued
        ? 'Sin conexión: la notificación se enviará al reconectar.'
        : 'Enviando: esperando la confirmación de la sala…';
    case 'unconfirmed':
      return 'No confirmado: la sala no respondió a tiempo. Reintentar no la duplica.';
    case 'acked':
      return `Notificación enviada: #${String(state.seq)}.`;
    case 'refused':
      return `No se envió: ${state.reason}`;
  }
}

/** Whether a push is on its way, so the form holds its text and takes no new one. */
export const inFlight = (state: PushState): boolean =>
  state.phase === 'waiting' || state.phase === 'unconfirmed';

function Retry({ state, onRetry }: { state: PushState; onRetry: () => void }) {
  if (state.phase !== 'unconfirmed') return null;
  return (
    <button type="button" class="push-retry" onClick={onRetry}>
      Reintentar
    </button>
  );
}

export interface TeacherFormProps {
  state: PushState;
  onPush: (fields: PushFields) => void;
  onRetry: () => void;
  /** More fields, after the level (the live-class console's «Vamos a…»). */
  children?: ComponentChildren;
}

/**
 * The teacher's free-text form. It keeps its own draft, held while the push is on its way
 * and cleared once the room acknowledges it.
 */
export function TeacherForm({ state, onPush, onRetry, children }: TeacherFormProps) {
  const [text, setText] = useState('');
  const [level, setLevel] = useState<Level>('info');
  useEffect(() => {
    if (state.phase === 'acked' && state.message.text !== undefined) setText('');
  }, [state]);
  const busy = inFlight(state);
  const submit = (event: Event) => {
    event.preventDefault();
    const trimmed = text.trim();
    if (trimmed && !busy) onPush({ text: trimmed, level });
  };
  return (
    <form class="push-form" onSubmit={submit}>
      <label>
        Notificación para la clase
        <textarea
          value={text}
          maxLength={MAX_TEXT}
          rows={2}
          required
          readOnly={busy}
          onInput={(e) => setText(e.currentTarget.value)}
        />
      </label>
      <span class="push-counter">
        {text.length}/{MAX_TEXT}
      </span>
      <label>
        Nivel
        <select value={level} disabled={busy} onChange={(e) => setLevel(e.currentTarget.value as Level)}>
          {LEVELS.map((l) => (
            <option key={l} value={l}>
              {LEVEL_LABEL[l]}
            </option>
          ))}
        </select>
      </label>
      {children}
      <button type="submit" disabled={busy}>
        Enviar notificación
      </button>
      <Retry state={state} onRetry={onRetry} />
    </form>
  );
}

export interface PresetFormProps {
  state: PushState;
  onPush: (fields: PushFields) => void;
  onRetry: () => void;
}

/** The open room takes no free text: anyone may send one of these, whose text the room writes. */
export function PresetForm({ state, onPush, onRetry }: PresetFormProps) {
  const busy = inFlight(state);
  return (
    <fieldset class="push-presets">
      <legend>Prueba a enviar una notificación a todas las personas de esta sala</legend>
      {OPEN_PRESETS.map((preset) => (
        <button
          type="button"
          key={preset.id}
          class={`level-${preset.level}`}
          disabled={busy}
          onClick={() => onPush({ preset: preset.id })}
        >
          {preset.label}
        </button>
      ))}
      <Retry state={state} onRetry={onRetry} />
    </fieldset>
  );
}
