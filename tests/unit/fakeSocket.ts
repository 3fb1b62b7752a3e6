import { encodeServer, type ServerMessage } from '../../party/wire/serverMessages';
import type { SocketSettings } from '../../src/lib/room-client';

/** A socket the test drives by hand: it records sends and reconnects. */
export class FakeSocket {
  readyState = 0;
  sent: string[] = [];
  reconnects = 0;
  private listeners = new Map<string, ((event: Event) => void)[]>();
  /** The query of every connect: the first, then one per reconnect. */
  queries: Record<string, string>[] = [];
  constructor(readonly settings: SocketSettings) {
    this.queries.push(settings.query());
  }
  addEventListener(type: string, listener: (event: Event) => void) {
    this.listeners.set(type, [...(this.listeners.get(type) ?? []), listener]);
  }
  emit(type: string, event: Event = new Event(type)) {
    for (const listener of this.listeners.get(type) ?? []) listener(event);
  }
  send(data: string) {
    this.sent.push(data);
  }
  reconnect() {
    this.reconnects++;
    this.queries.push(this.settings.query());
    this.readyState = 0;
  }
  close() {
    this.readyState = 3;
  }
  open() {
    this.readyState = 1;
    this.emit('open');
  }
  drop(code?: number) {
    this.readyState = 3;
    this.emit('close', Object.assign(new Event('close'), code === undefined ? {} : { code }));
  }
  receive(message: ServerMessage) {
    this.emit('message', new MessageEvent('message', { data: encodeServer(message) }));
  }
  sentOf(type: string) {
    return this.sent.map((s) => JSON.parse(s)).filter((m) => m.type === type);
  }
}
