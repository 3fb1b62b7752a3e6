/**
 * A WebSocket that can pretend the network dropped. JavaScript cannot unplug a cable, so
 * `drop()` does the closest thing: it tells partysocket the connection ended abnormally
 * (close code 1006, not clean, no close frame received), then abandons the real socket,
 * whose own late close event is swallowed. partysocket sees what a dead network looks like
 * and recovers the same way.
 */

const CONNECTING = 0;
const OPEN = 1;

export interface Droppable {
  /** Pass to `createPartySocket` as the WebSocket implementation. */
  WebSocket: typeof WebSocket;
  /** Drops the newest socket; false when it was not connected or connecting. */
  drop(): boolean;
}

type Listener = EventListenerOrEventListenerObject;

export function droppable(Base: typeof WebSocket = WebSocket): Droppable {
  let current: { cut(): boolean } | undefined;
  // Events this module made up; once a socket is dropped, only these still get through.
  const ours = new WeakSet<Event>();

  class DroppableWebSocket extends Base {
    private dropped = false;
    private readonly wrappers = new Map<Listener, EventListener>();

    constructor(url: string | URL, protocols?: string | string[]) {
      super(url, protocols);
      current = this;
    }

    override addEventListener(
      type: string,
      listener: Listener | null,
      options?: AddEventListenerOptions | boolean,
    ) {
      if (!listener) return;
      const wrapper = (event: Event) => {
        if (this.dropped && !ours.has(event)) return;
        if (typeof listener === 'function') listener.call(this, event);
        else listener.handleEvent(event);
      };
      this.wrappers.set(listener, wrapper);
      super.addEventListener(type, wrapper, options);
    }

    override removeEventListener(
      type: string,
      listener: Listener | null,
      options?: EventListenerOptions | boolean,
    ) {
      if (!listener) return;
      super.removeEventListener(type, this.wrappers.get(listener) ?? listener, options);
      this.wrappers.delete(listener);
    }

    cut(): boolean {
      if (this.dropped || (this.readyState !== OPEN && this.readyState !== CONNECTING)) return false;
      this.dropped = true;
      const event = new CloseEvent('close', { code: 1006, reason: '', wasClean: false });
      ours.add(event);
      this.dispatchEvent(event);
      try {
        super.close();
      } catch {
        // Already closing: nothing left to abandon.
      }
      return true;
    }
  }

  return { WebSocket: DroppableWebSocket, drop: () => current?.cut() ?? false };
}
