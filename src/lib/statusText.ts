/** Spanish words for a connection status, shared by every island that shows one. */
import { VERSION_MISMATCH_MESSAGE } from '../../party/wire/version';
import type { StatusInfo } from './room-client';

export function statusText({ status, attempt, retryAt }: StatusInfo, now = Date.now()): string {
  const next =
    retryAt === undefined ? '' : `, próximo en ${String(Math.max(0, Math.ceil((retryAt - now) / 1000)))} s`;
  switch (status) {
    case 'connecting':
      return 'conectando…';
    case 'open':
      return 'conectado';
    case 'reconnecting':
      return `reconectando (intento ${String(attempt)}${next})`;
    case 'offline':
      return `sin conexión: sala no disponible${next ? ` (reintento${next.slice(1)})` : ''}`;
    case 'outdated':
      return VERSION_MISMATCH_MESSAGE;
  }
}
