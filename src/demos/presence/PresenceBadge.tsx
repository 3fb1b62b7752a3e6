import { useEffect, useState } from 'preact/hooks';
import { connectRoom, type StatusInfo } from '../../lib/room-client';
import { statusText } from '../../lib/statusText';

export interface PresenceBadgeProps {
  sala: string;
}

/** Shows whether this page is connected to the room and how many people are in it. */
export default function PresenceBadge({ sala }: PresenceBadgeProps) {
  const [status, setStatus] = useState<StatusInfo>({ status: 'connecting', attempt: 0 });
  const [count, setCount] = useState<number | null>(null);

  useEffect(() => {
    const client = connectRoom({
      room: sala,
      onStatus: setStatus,
      onMessage: (message) => {
        if (message.type === 'welcome' || message.type === 'presence') setCount(message.count);
      },
    });
    return () => client.close();
  }, [sala]);

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
