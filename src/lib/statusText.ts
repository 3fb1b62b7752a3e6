/** Spanish words for a connection status, shared by every island that shows one. */
import type { StatusInfo } from './room-client';

export function statusText({ status, attempt }: StatusInfo): string {
  switch (status) {
    case 'connecting':
      return 'conectando…';
    case 'open':
      return 'conectado';
    case 'reconnecting':
      return `reconectando (intento ${String(attempt)})`;
    case 'offline':
      return 'sin conexión: sala no disponible';
  }
}
