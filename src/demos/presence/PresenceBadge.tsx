import { useState } from 'preact/hooks';
import { statusText } from '../../lib/statusText';
import { useRoom } from '../../lib/useRoom';

export interface PresenceBadgeProps {
  sala: string;
}

/** Shows whether this page is connected to the room and how many people are in it. */
export default function PresenceBadge({ sala }: PresenceBadgeProps) {
  const [count, setCount] = useState<number | null>(null);
  const { status } = useRoom(sala, {
    on: { welcome: (m) => setCount(m.count), presence: (m) => setCount(m.count) },
  });

  const live = status.status === 'open' && count !== null;
  return (
    <p class="presence-badge" data-status={status.status} role="status">
      <span class="demo-dot" aria-hidden="true" />
      <span class="presence-state">{statusText(status)}</span>
      {live && (
        <span class="presence-count">
          {' · '}
          <strong data-testid="presence-count">{count}</strong>{' '}
          {count === 1 ? 'persona leyendo ahora' : 'personas leyendo ahora'}
        </span>
      )}
      {status.status === 'offline' && (
        <span class="presence-help">
          {' '}
          La página se puede leer igual; las demostraciones en vivo volverán cuando la sala responda.
        </span>
      )}
    </p>
  );
}
