/**
 * The PartyKit adapter: lifecycle hooks in, `RoomCore` decisions out. It owns I/O only
 * (sockets, storage, HTTP); every rule lives in `room.ts`.
 */
import type * as Party from 'partykit/server';
import { handshakeReport, requestHeadBytes } from './handshake';
import { handleDemoRequest } from './httpDemos';
import { encodeServer, parseClientMessage, pushRequest, type ServerMessage, validate } from './protocol';
import {
  countReaders,
  type Decision,
  emptyState,
  findSilent,
  INVALID_ROOM,
  isValidRoomName,
  LIMITS,
  type MemberState,
  ORIGIN_REFUSED,
  originAllowed,
  parseReader,
  RoomCore,
  type RoomState,
  secretsMatch,
} from './room';

const STATE_KEY = 'state';
/**
 * Joins and leaves within this window share one presence broadcast, sent only if the count
 * changed. Announcing each of a thousand arrivals to everyone already there would be a
 * million sends, and a client that connects and drops in a loop would cost one per cycle.
 */
const PRESENCE_COALESCE_MS = 500;
/** The tag of connections that listen for playground events (`?eventos=1`). */
const EVENTS_TAG = 'eventos';
/** WebSocket readyState of a connection that is open (not closing). */
const OPEN = 1;

export default class Server implements Party.Server {
  // Hibernation lets one room hold thousands of idle sockets. Nothing below keeps state
  // in plain fields: the room's lives in storage and each member's in its attachment,
  // and the core is rebuilt from storage whenever the room wakes.
  readonly options: Party.ServerOptions = { hibernate: true };
  private stored: RoomState = emptyState();
  private built: RoomCore | undefined;
  private presenceTimer: ReturnType<typeof setTimeout> | undefined;
  /** The last count announced; lost on hibernation, which only costs one extra broadcast. */
  private announced: number | undefined;

  constructor(readonly room: Party.Room) {}

  /**
   * The core, built on first use from the room name in a request's URL. Never from
   * `room.id`: an instance the sweep alarm woke is built by PartyKit without a request, so
   * `room.id` stays unset for its whole life and reading it throws on every later connect,
   * message and request (the 1011 «Party.id is not yet initialized»). Every hook but the
   * alarm has a URL, and the alarm needs no core.
   */
  private core(url: string): RoomCore {
    this.built ??= new RoomCore(roomFromUrl(url), this.stored, { teacherKey: this.teacherKey() });
    return this.built;
  }

  static onBeforeConnect(request: Party.Request, lobby: Party.Lobby): Party.Request | Response {
    if (!isValidRoomName(lobby.id)) return json({ error: INVALID_ROOM }, { status: 400 });
    const allowList = lobby.env['ALLOWED_ORIGINS'];
    if (
      !originAllowed(request.headers.get('origin'), typeof allowList === 'string' ? allowList : undefined)
    ) {
      return json({ error: ORIGIN_REFUSED }, { status: 403 });
    }
    return request;
  }

  static onBeforeRequest(request: Party.Request, lobby: Party.Lobby): Party.Request | Response {
    if (!isValidRoomName(lobby.id)) return json({ error: INVALID_ROOM }, { status: 400 });
    return request;
  }

  /** Tags survive hibernation with the socket, so events reach only their listeners. */
  getConnectionTags(_connection: Party.Connection, context: Party.ConnectionContext): string[] {
    return new URL(context.request.url).searchParams.get('eventos') === '1' ? [EVENTS_TAG] : [];
  }

  async onStart(): Promise<void> {
    this.stored = (await this.room.storage.get<RoomState>(STATE_KEY)) ?? emptyState();
  }

  async onConnect(
    connection: Party.Connection<MemberState>,
    context: Party.ConnectionContext,
  ): Promise<void> {
    const url = context.request.url;
    const query = new URL(url).searchParams;
    const since = parseSince(query.get('since'));
    // Opt-in extras, so the push and presence islands never receive frames they ignore.
    // The report is computed before the join, so it follows the welcome with nothing between.
    const report = query.get('handshake') === '1' ? await handshakeReport(context.request) : undefined;
    // The page id goes into the attachment first, so the welcome's count already knows it.
    const core = this.core(url);
    const member = core.newMember(parseReader(query.get('lector')));
    connection.setState(member);
    await this.apply(connection, core.join(this.count(), since, member));
    if (report) send(connection, report);
    if (query.get('eventos') === '1') for (const message of core.pollState()) send(connection, message);
    await this.scheduleSweep();
  }

  /** Drops connections that went silent (a frozen tab never sends its close) and recounts. */
  async onAlarm(): Promise<void> {
    const members = Array.from(this.room.getConnections<MemberState>(), (c) => ({
      id: c.id,
      member: c.state,
    }));
    const silent = findSilent(members, Date.now(), this.silenceMs());
    for (const id of silent) {
      this.room.getConnection(id)?.close(4000, 'Sin actividad: la sala cerró la conexión.');
    }
    if (silent.length > 0) this.announcePresence();
    if (this.count() > 0) await this.scheduleSweep(true);
  }

  async onClose(connection: Party.Connection): Promise<void> {
    // With hibernation the runtime does not answer the client's close frame by itself;
    // closing here completes the handshake at once instead of after a timeout.
    connection.close();
    await this.left(connection);
  }

  async onError(connection: Party.Connection): Promise<void> {
    await this.left(connection);
  }

  /** An empty room has nothing to sweep: no alarm is left to wake it for nothing. */
  private async left(connection: Party.Connection): Promise<void> {
    await this.apply(connection, this.core(connection.uri).leave());
    if (this.count(connection.id) === 0) await this.room.storage.deleteAlarm();
  }

  async onMessage(
    message: string | ArrayBuffer | ArrayBufferView,
    sender: Party.Connection<MemberState>,
  ): Promise<void> {
    const core = this.core(sender.uri);
    const member: MemberState = { ...(sender.state ?? core.newMember()) };
    const binary = typeof message !== 'string';
    const admitted = core.admit({ binary, bytes: byteLength(message) }, member);
    if (admitted.close || binary) {
      await this.apply(sender, admitted);
      return;
    }
    const current = admitted.member ?? member;
    const parsed = parseClientMessage(message as string);
    if (!parsed.ok) {
      await this.apply(sender, { member: current, reply: parsed.error });
      return;
    }
    const decision = core.receive(parsed.value, current);
    await this.apply(sender, { member: current, ...decision });
  }

  async onRequest(request: Party.Request): Promise<Response> {
    const url = new URL(request.url);
    const core = this.core(request.url);
    const path = subpath(url.pathname);
    if (path.startsWith('/demo/')) return handleDemoRequest(request as unknown as Request, path);
    if (request.method === 'OPTIONS') return new Response(null, { status: 204, headers: CORS });
    if (request.method === 'GET') {
      const since = parseSince(url.searchParams.get('since'));
      if (since === undefined) return json(core.snapshot(this.count()));
      // The polling endpoint: what is new since `since`, the room's clock, and the size of
      // the request it received, so a page can weigh polling against a WebSocket.
      const requestBytes = requestHeadBytes(request.method, url.pathname + url.search, request.headers);
      return json({ ...core.changesSince(since), now: Date.now(), requestBytes });
    }
    if (request.method === 'POST') return this.pushOverHttp(request, core);
    return json(
      { error: 'Método no permitido: usa GET o POST.' },
      { status: 405, headers: { allow: 'GET, POST' } },
    );
  }

  /** `POST` with the teacher key pushes a notification: request/response feeding a push. */
  private async pushOverHttp(request: Party.Request, core: RoomCore): Promise<Response> {
    // Read the body even when refusing: an unread body makes the runtime reset the connection.
    const raw = await request.text();
    const key = /^Bearer\s+(.+)$/i.exec(request.headers.get('authorization') ?? '')?.[1]?.trim();
    const expected = this.teacherKey();
    const asTeacher = Boolean(key && expected && secretsMatch(key, expected));
    if (key && !asTeacher) return json({ error: 'Clave de docente incorrecta.' }, { status: 403 });
    if (!asTeacher && !core.openPush) {
      return json(
        { error: 'Falta la clave de docente: envíala como «Authorization: Bearer <clave>».' },
        { status: 401, headers: { 'www-authenticate': 'Bearer' } },
      );
    }
    if (raw.length > LIMITS.maxFrameBytes)
      return json({ error: 'Cuerpo demasiado grande.' }, { status: 413 });
    let body: unknown;
    try {
      body = JSON.parse(raw);
    } catch {
      return json(
        { error: 'El cuerpo no es JSON válido: envía {"text": "…", "level": "info"}.' },
        { status: 400 },
      );
    }
    const parsed = validate(pushRequest, body);
    if (!parsed.ok) return json({ error: parsed.error.message }, { status: 400 });
    const accepted = core.accept(parsed.value.text, parsed.value.level ?? 'info', asTeacher);
    if ('code' in accepted)
      return json({ error: accepted.message }, { status: 429, headers: { 'retry-after': '2' } });
    await this.persist(core);
    this.room.broadcast(encodeServer({ type: 'notification', ...accepted }));
    return json({ seq: accepted.seq, notification: accepted }, { status: 201 });
  }

  /** Broadcasts the count once the current burst of joins and leaves settles. */
  private announcePresence(): void {
    if (this.presenceTimer !== undefined) return;
    this.presenceTimer = setTimeout(() => {
      this.presenceTimer = undefined;
      const count = this.count();
      if (count === this.announced) return;
      this.announced = count;
      this.room.broadcast(encodeServer({ type: 'presence', count }));
    }, PRESENCE_COALESCE_MS);
  }

  /** Keeps one alarm pending while anyone is connected; `force` re-arms after it fired. */
  private async scheduleSweep(force = false): Promise<void> {
    if (!force && (await this.room.storage.getAlarm()) !== null) return;
    await this.room.storage.setAlarm(Date.now() + Math.min(30_000, this.silenceMs() / 2));
  }

  private silenceMs(): number {
    const configured = Number(this.room.env['SILENCE_MS']);
    return Number.isFinite(configured) && configured > 0 ? configured : LIMITS.silenceMs;
  }

  private teacherKey(): string | undefined {
    const key = this.room.env['TEACHER_KEY'];
    return typeof key === 'string' && key.length > 0 ? key : undefined;
  }

  /** Open connections only: one the room just closed may still be listed while closing. */
  private count(leavingId?: string): number {
    const open: { id: string; reader?: string | undefined }[] = [];
    for (const c of this.room.getConnections<MemberState>()) {
      if (c.id !== leavingId && c.readyState === OPEN) open.push({ id: c.id, reader: c.state?.reader });
    }
    return countReaders(open);
  }

  private persist(core: RoomCore): Promise<void> {
    return this.room.storage.put(STATE_KEY, core.snapshotState());
  }

  /** Carries out a decision: state first, then the reply, the broadcast, and a close. */
  private async apply(connection: Party.Connection, decision: Decision): Promise<void> {
    if (decision.member) (connection as Party.Connection<MemberState>).setState(decision.member);
    if (decision.persist && this.built) await this.persist(this.built);
    if (decision.reply) send(connection, decision.reply);
    if (decision.broadcast) this.room.broadcast(encodeServer(decision.broadcast));
    if (decision.toListeners) {
      const raw = encodeServer(decision.toListeners);
      for (const listener of this.room.getConnections(EVENTS_TAG))
        if (listener.readyState === OPEN) listener.send(raw);
    }
    if (decision.close) connection.close(decision.close.code, decision.close.reason);
    if (decision.presenceChanged) this.announcePresence();
  }
}

function parseSince(value: string | null): number | undefined {
  if (value === null || !/^\d{1,15}$/.test(value)) return undefined;
  return Number(value);
}

function byteLength(message: string | ArrayBuffer | ArrayBufferView): number {
  if (typeof message !== 'string') return message.byteLength;
  // Characters never outnumber UTF-8 bytes, so only long strings need encoding.
  return message.length * 3 <= LIMITS.maxFrameBytes
    ? message.length
    : new TextEncoder().encode(message).length;
}

/**
 * The room name in a PartyKit URL, by path segments as PartyKit routes it:
 * `/parties/<party>/<room>/…` or `/party/<room>/…`.
 */
export function roomFromUrl(url: string): string {
  const segments = new URL(url).pathname.split('/');
  const room = segments[1] === 'party' ? segments[2] : segments[1] === 'parties' ? segments[3] : undefined;
  if (!room) throw new Error(`La URL no nombra una sala: ${url}`);
  return decodeURIComponent(room);
}

/** The part of the path after the room's segment (`/demo/…`), by segments, never by search. */
export function subpath(pathname: string): string {
  const segments = pathname.split('/');
  const skip = segments[1] === 'party' ? 3 : segments[1] === 'parties' ? 4 : segments.length;
  const rest = segments.slice(skip);
  return rest.length > 0 ? `/${rest.join('/')}` : '';
}

function send(connection: Party.Connection, message: ServerMessage): void {
  connection.send(encodeServer(message));
}

const CORS = {
  'access-control-allow-origin': '*',
  'access-control-allow-methods': 'GET, POST, OPTIONS',
  'access-control-allow-headers': 'authorization, content-type',
};

function json(body: unknown, init: ResponseInit = {}): Response {
  const headers = new Headers(init.headers);
  headers.set('content-type', 'application/json; charset=utf-8');
  for (const [name, value] of Object.entries(CORS)) headers.set(name, value);
  return new Response(JSON.stringify(body), { ...init, headers });
}

Server satisfies Party.Worker;
