/** What room-client drives in a browser: the real partysocket, the page's online and visibility events, close details. */
import PartySocket from 'partysocket';
import type { ClientEnvironment, SocketEvent, SocketLike, SocketSettings } from './roomTypes';

/** The real socket. `WebSocket` is injectable so Node tests and benches can count attempts. */
export function createPartySocket(
  settings: SocketSettings,
  WebSocket?: typeof globalThis.WebSocket,
): SocketLike {
  return new PartySocket({
    ...settings,
    ...(WebSocket ? { WebSocket } : {}),
    // Reconnects are scheduled here, with jitter, instead of partysocket's fixed steps.
    shouldReconnectOnClose: () => false,
  });
}

export const browserEnvironment: ClientEnvironment = {
  onOnline(listener) {
    window.addEventListener('online', listener);
    return () => window.removeEventListener('online', listener);
  },
  onVisible(listener) {
    const handler = () => {
      if (document.visibilityState === 'visible') listener();
    };
    document.addEventListener('visibilitychange', handler);
    return () => document.removeEventListener('visibilitychange', handler);
  },
  onOffline(listener) {
    window.addEventListener('offline', listener);
    return () => window.removeEventListener('offline', listener);
  },
};

/**
 * The close event's details. partysocket re-creates close events; the ones it makes for a
 * close it started itself carry no numeric code in browsers, so `code` is then undefined.
 */
export function closeDetails(event: Event): SocketEvent {
  const { code, reason, wasClean } = event as Partial<CloseEvent>;
  return {
    type: 'close',
    code: typeof code === 'number' ? code : undefined,
    reason: typeof reason === 'string' ? reason : '',
    wasClean: wasClean === true,
  };
}
