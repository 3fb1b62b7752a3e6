/**
 * The PartyKit adapter: lifecycle hooks in, `RoomCore` decisions out. It owns I/O only
 * (sockets, storage, HTTP); every rule lives in `room.ts`.
 */
import type * as Party from 'partykit/server';
import { handleDemoRequest } from './httpDemos';
import { encodeServer, parseClientMessage, type ServerMessage } from './protocol';
import { countPresent, type Outcome, RoomCore } from './room';

export default class Server implements Party.Server {
  // Hibernation lets one room hold thousands of idle sockets; nothing below keeps
  // per-connection state in memory, so a woken instance behaves the same.
  readonly options: Party.ServerOptions = { hibernate: true };
  readonly core: RoomCore;

  constructor(readonly room: Party.Room) {
    this.core = new RoomCore(room.id);
  }

  onConnect(connection: Party.Connection): void {
    this.apply(connection, this.core.join(this.count()));
  }

  onClose(connection: Party.Connection): void {
    // With hibernation the runtime does not answer the client's close frame by itself;
    // closing here completes the handshake at once instead of after a timeout.
    connection.close();
    this.apply(connection, this.core.leave(this.count(connection.id)));
  }

  onError(connection: Party.Connection): void {
    this.apply(connection, this.core.leave(this.count(connection.id)));
  }

  onMessage(message: string | ArrayBuffer | ArrayBufferView, sender: Party.Connection): void {
    if (typeof message !== 'string') {
      sender.close(1003, 'Solo se aceptan mensajes de texto.');
      return;
    }
    const parsed = parseClientMessage(message);
    if (!parsed.ok) {
      send(sender, parsed.error);
      return;
    }
    this.apply(sender, this.core.receive(parsed.value));
  }

  onRequest(request: Party.Request): Response | Promise<Response> {
    const path = subpath(new URL(request.url).pathname, this.room.id);
    if (path.startsWith('/demo/')) return handleDemoRequest(request as unknown as Request, path);
    if (request.method === 'GET') return json(this.core.snapshot(this.count()));
    return json({ error: 'Método no permitido.' }, { status: 405, headers: { allow: 'GET' } });
  }

  private count(leavingId?: string): number {
    return countPresent(
      Array.from(this.room.getConnections(), (c) => c.id),
      leavingId,
    );
  }

  private apply(connection: Party.Connection, outcome: Outcome): void {
    if (outcome.reply) send(connection, outcome.reply);
    if (outcome.broadcast) this.room.broadcast(encodeServer(outcome.broadcast));
  }
}

/** The part of the path after `/parties/main/<room>`. */
function subpath(pathname: string, roomId: string): string {
  const marker = `/${encodeURIComponent(roomId)}`;
  const at = pathname.indexOf(marker);
  return at === -1 ? '' : pathname.slice(at + marker.length);
}

function send(connection: Party.Connection, message: ServerMessage): void {
  connection.send(encodeServer(message));
}

function json(body: unknown, init: ResponseInit = {}): Response {
  const headers = new Headers(init.headers);
  headers.set('content-type', 'application/json; charset=utf-8');
  headers.set('access-control-allow-origin', '*');
  return new Response(JSON.stringify(body), { ...init, headers });
}

Server satisfies Party.Worker;
