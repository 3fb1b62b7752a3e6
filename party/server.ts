/**
 * The PartyKit adapter: lifecycle hooks in, `RoomCore` decisions out. It owns I/O only
 * (sockets, storage, HTTP); every rule lives in `room.ts` and `core/`.
 */
import type * as Party from 'partykit/server';
import type { KeyRecord } from './core/access';
import { type ConfigResult, configErrorMessage, originAllowed, readConfig } from './core/config';
import { Presence } from './core/presence';
import type { QuestionState } from './core/questions';
import { ConnectGate, clientAddress, TurnedAway } from './core/rate';
import { handshakeReport } from './handshake';
import { type HttpContext, json, readBody, roomPath, routeRequest } from './http';
import { LiveClass } from './liveClass';
import {
  CLOSE_VERSION_MISMATCH,
  encodeServer,
  errorOf,
  parseClientMessage,
  type ServerMessage,
  VERSION_PARAM,
  versionAccepted,
  versionMismatchError,
} from './protocol';
import {
  type Decision,
  emptyState,
  findSilent,
  INVALID_ROOM,
  isValidRoomName,
  LIMITS,
  type MemberState,
  parseReader,
  RoomCore,
  type RoomState,
} from './room';

const STATE_KEY = 'state';
/** Key records live under this prefix, one per address, so one failure writes one entry. */
const ACCESS_PREFIX = 'access:';
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
/** "Try again later": a connection refused for its address's churn, cap or cool-down. */
const CLOSE_TRY_LATER = 1013;

export const ORIGIN_REFUSED = 'Esta sala solo acepta conexiones desde las páginas del curso.';

/** The configuration problem is logged once per isolate, and answered on every request. */
let reported = false;
function checkedConfig(env: Record<string, unknown>): ConfigResult {
  const result = readConfig(env);
  if (!result.ok && !reported) {
    reported = true;
    console.error(configErrorMessage(result.problems));
  }
  return result;
}

/** Shared by the worker's static hooks and the rooms in this isolate. */
const turnedAway = new TurnedAway();

/** What the worker answers before a request reaches a room, or null to let it through. */
function gatekeep(request: Party.Request, lobby: Party.Lobby, websocket: boolean): Response | null {
  const config = checkedConfig(lobby.env);
  // Readable from any page, so a misconfigured deploy explains itself in the browser too.
  const cors = { 'access-control-allow-origin': '*' };
  if (!config.ok) {
    const error = configErrorMessage(config.problems);
    return json({ error, code: 'config_invalid' }, { status: 500, headers: cors });
  }
  if (!isValidRoomName(lobby.id)) {
    return json({ error: INVALID_ROOM, code: 'invalid_room' }, { status: 400, headers: cors });
  }
  if (!originAllowed(request.headers.get('origin'), config.config.allowedOrigins, websocket)) {
    return json({ error: ORIGIN_REFUSED, code: 'origin_refused' }, { status: 403 });
  }
  const wait = websocket ? turnedAway.waitS(lobby.id, clientAddress(request.headers), Date.now()) : 0;
  if (wait > 0) {
    const error = 'La sala cortó tu conexión por abuso: espera antes de volver a conectar.';
    return json(
      { error, code: 'cooling_down', retryAfter: wait },
      { status: 429, headers: { ...cors, 'retry-after': String(wait) } },
    );
  }
  return null;
}

export default class Server implements Party.Server {
  // Hibernation lets one room hold thousands of idle sockets. What must survive it lives
  // in storage (room state, key records) and in each socket's attachment (its member
  // state); the presence table is rebuilt from the attachments once per wake.
  readonly options: Party.ServerOptions = { hibernate: true };
  private stored: RoomState = emptyState();
  private keyRecords: [string, KeyRecord][] = [];
  private built: RoomCore | undefined;
  private presenceTimer: ReturnType<typeof setTimeout> | undefined;
  /** The last count announced; lost on hibernation, which only costs one extra broadcast. */
  private announced: number | undefined;
  private readonly presence = new Presence();
  private readonly gate = new ConnectGate();
  private readonly config: ConfigResult;
  /** Whether the sweep alarm is known to be pending, so a join need not ask storage. */
  private alarmArmed = false;
  /** Decisions that may write storage run one at a time: a seq is final only once stored. */
  private queue: Promise<void> = Promise.resolve();
  private readonly http: HttpContext;
  private storedQuestion: QuestionState = {};
  private readonly live: LiveClass;

  constructor(readonly room: Party.Room) {
    this.config = checkedConfig(room.env);
    this.live = new LiveClass(room);
    this.http = {
      core: (url) => this.core(url),
      count: () => this.presence.count,
      allowedOrigins: this.config.ok ? this.config.config.allowedOrigins : [],
      push: (request, core) => this.pushOverHttp(request, core),
    };
  }

  /**
   * The core, built on first use from the room name in a request's URL. Never from
   * `room.id`: an instance the sweep alarm woke is built by PartyKit without a request, so
   * `room.id` stays unset for its whole life and reading it throws on every later connect,
   * message and request (the 1011 «Party.id is not yet initialized»). Every hook but the
   * alarm has a URL, and the alarm needs no core.
   */
  private core(url: string): RoomCore {
    this.built ??= new RoomCore(roomFromUrl(url), this.stored, {
      teacherKey: this.config.ok ? this.config.config.teacherKey : undefined,
      keyRecords: this.keyRecords,
      question: this.storedQuestion,
    });
    return this.built;
  }

  static onBeforeConnect(request: Party.Request, lobby: Party.Lobby): Party.Request | Response {
    return gatekeep(request, lobby, true) ?? request;
  }

  static onBeforeRequest(request: Party.Request, lobby: Party.Lobby): Party.Request | Response {
    return gatekeep(request, lobby, false) ?? request;
  }

  /** Tags survive hibernation with the socket, so events reach only their listeners. */
  getConnectionTags(_connection: Party.Connection, context: Party.ConnectionContext): string[] {
    return new URL(context.request.url).searchParams.get('eventos') === '1' ? [EVENTS_TAG] : [];
  }

  async onStart(): Promise<void> {
    this.stored = (await this.room.storage.get<RoomState>(STATE_KEY)) ?? emptyState();
    const records = await this.room.storage.list<KeyRecord>({ prefix: ACCESS_PREFIX });
    this.keyRecords = [...records].map(([key, record]) => [key.slice(ACCESS_PREFIX.length), record]);
    this.storedQuestion = await LiveClass.load(this.room.storage);
    // Once per wake, never per join: reseat every open socket from its attachment.
    for (const c of this.room.getConnections<MemberState>()) {
      const member = c.state;
      if (member && c.readyState === OPEN) {
        this.seat(c.id, member);
        this.live.reseat(c.id, member);
      }
    }
  }

  async onConnect(
    connection: Party.Connection<MemberState>,
    context: Party.ConnectionContext,
  ): Promise<void> {
    if (!this.config.ok) {
      const reason = 'La sala no arranca: revisa su configuración (ver el registro).';
      await this.refuse(connection, 'local', 1011, reason);
      return;
    }
    // Answered before any room work: a refused address costs one check and one close.
    const address = clientAddress(context.request.headers);
    const admission = this.gate.admit(address, this.presence.socketsFrom(address), Date.now());
    if (!admission.ok) {
      send(connection, {
        ...errorOf(admission.code, 'Demasiadas conexiones desde tu red: espera unos segundos.'),
        retryAfter: admission.retryAfterS,
      });
      await this.refuse(connection, address, CLOSE_TRY_LATER, 'Demasiadas conexiones: espera unos segundos.');
      return;
    }
    const url = context.request.url;
    const query = new URL(url).searchParams;
    if (!versionAccepted(query.get(VERSION_PARAM))) {
      send(connection, versionMismatchError());
      await this.refuse(connection, address, CLOSE_VERSION_MISMATCH, 'Versión del protocolo no compatible.');
      return;
    }
    const since = parseSince(query.get('since'));
    // Opt-in extras, so the push and presence islands never receive frames they ignore.
    // The report is computed before the join, so it follows the welcome with nothing between.
    const report = query.get('handshake') === '1' ? await handshakeReport(context.request) : undefined;
    // Seated first, so the welcome's count includes the newcomer; the join stores the member.
    const core = this.core(url);
    const member = core.newMember(parseReader(query.get('lector')), address);
    this.seat(connection.id, member);
    await this.apply(connection, core.join(this.presence.count, since, member));
    if (report) send(connection, report);
    const question = core.openQuestionFor(member.reader);
    if (question) send(connection, question);
    if (query.get('eventos') === '1') for (const message of core.pollState()) send(connection, message);
    await this.scheduleSweep();
  }

  /** Drops connections that went silent (a frozen tab never sends its close) and recounts. */
  async onAlarm(): Promise<void> {
    this.alarmArmed = false;
    const members = Array.from(this.room.getConnections<MemberState>(), (c) => ({
      id: c.id,
      member: c.state,
    }));
    const silent = findSilent(members, Date.now(), this.silenceMs());
    for (const id of silent) {
      this.room.getConnection(id)?.close(4000, 'Sin actividad: la sala cerró la conexión.');
      this.presence.leave(id);
      this.live.left(id);
    }
    if (silent.length > 0) this.announcePresence();
    if (this.presence.sockets > 0) await this.scheduleSweep(true);
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
    this.presence.leave(connection.id);
    this.live.left(connection.id);
    this.announcePresence();
    if (this.presence.sockets === 0) {
      this.alarmArmed = false;
      await this.room.storage.deleteAlarm();
    }
  }

  async onMessage(
    message: string | ArrayBuffer | ArrayBufferView,
    sender: Party.Connection<MemberState>,
  ): Promise<void> {
    const refused = sender.state?.refused;
    if (refused) {
      sender.close(refused.code, refused.reason);
      return;
    }
    const core = this.core(sender.uri);
    // One message at a time, reading the member inside: a message that arrives while an
    // earlier one awaits storage must see that one's budgets and key count, not stale ones.
    await this.serially(async () => {
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
      const before = { room: core.checkpoint(), question: core.questionState() };
      const decision = { member: current, ...core.receive(parsed.value, current) };
      if (decision.persist && !(await this.persisted(core, before.room))) {
        const ref = decision.reply && 'ref' in decision.reply ? decision.reply.ref : undefined;
        const failed = errorOf(
          'storage_failed',
          'La sala no pudo guardar tu mensaje y no lo envió: vuelve a intentarlo.',
          ref,
        );
        await this.apply(sender, { member: current, reply: failed });
        return;
      }
      if (decision.storeAnswer) {
        this.answered(sender, core, decision);
        return;
      }
      if (!(await this.questionStored(core, decision))) {
        core.restoreQuestion(before.question);
        const failed = errorOf(
          'storage_failed',
          'La sala no pudo guardar tu respuesta: vuelve a intentarlo.',
        );
        await this.apply(sender, { member: current, reply: failed });
        return;
      }
      await this.apply(sender, { ...decision, persist: false });
    });
  }

  onRequest(request: Party.Request): Promise<Response> {
    return routeRequest(request, this.http);
  }

  /** `POST` pushes a notification: with the teacher key anywhere, a preset in `demo`. */
  private async pushOverHttp(request: Party.Request, core: RoomCore): Promise<Response> {
    const body = await readBody(request);
    if (!body.ok) return body.response;
    const bearer = /^Bearer\s+(.+)$/i.exec(request.headers.get('authorization') ?? '')?.[1]?.trim();
    const address = clientAddress(request.headers);
    return this.serially(async () => {
      const before = core.checkpoint();
      const result = core.httpPush(bearer, address, body.value);
      if (result.access) await this.storeAccess(result.access);
      if (!result.ok) {
        const headers: Record<string, string> = {};
        if (result.retryAfterS !== undefined) headers['retry-after'] = String(result.retryAfterS);
        if (result.status === 401) headers['www-authenticate'] = 'Bearer';
        return json({ error: result.message, code: result.code }, { status: result.status, headers });
      }
      if (result.duplicate) {
        const { seq, notification } = result;
        return json({ seq, ...(notification ? { notification } : {}), duplicate: true });
      }
      const { notification } = result;
      if (!(await this.persisted(core, before))) {
        return json(
          {
            error: 'La sala no pudo guardar la notificación y no la envió: vuelve a intentarlo.',
            code: 'storage_failed',
          },
          { status: 503, headers: { 'retry-after': '1' } },
        );
      }
      this.room.broadcast(encodeServer({ type: 'notification', ...notification }));
      return json({ seq: notification.seq, notification }, { status: 201 });
    });
  }

  /** Stores the question when a live-question step changed it (answers go in batches). */
  private questionStored(core: RoomCore, decision: Decision): Promise<boolean> {
    if (!decision.storeQuestion) return Promise.resolve(true);
    return LiveClass.store(this.room.storage, core.questionState());
  }

  /**
   * A counted answer: its member state now, its replies once its batch is stored, without
   * holding the queue, so the answers that arrive meanwhile share the next write. If the
   * write fails, the count goes back to what storage holds and the reader is told.
   */
  private answered(sender: Party.Connection<MemberState>, core: RoomCore, decision: Decision): void {
    const { member, storeAnswer, ...rest } = decision;
    if (member) sender.setState(member);
    if (!storeAnswer) return;
    void this.live.writeAnswer(storeAnswer).then(async (ok) => {
      if (ok) return this.apply(sender, rest);
      core.restoreQuestion(await LiveClass.load(this.room.storage));
      const failed = errorOf('storage_failed', 'La sala no pudo guardar tu respuesta: vuelve a intentarlo.');
      return this.apply(sender, { reply: failed });
    });
  }

  private serially<T>(task: () => Promise<T>): Promise<T> {
    const run = this.queue.then(task);
    this.queue = run.then(
      () => undefined,
      () => undefined,
    );
    return run;
  }

  /** Writes the room state; on failure puts the core back as it was, so no seq is skipped. */
  private async persisted(core: RoomCore, before: RoomState): Promise<boolean> {
    try {
      await this.room.storage.put(STATE_KEY, core.snapshotState());
      return true;
    } catch (error) {
      console.error('No se pudo guardar el estado de la sala', error);
      core.restore(before);
      return false;
    }
  }

  private async storeAccess(access: NonNullable<Decision['access']>): Promise<void> {
    const key = `${ACCESS_PREFIX}${access.address}`;
    try {
      if (access.record) await this.room.storage.put(key, access.record);
      else await this.room.storage.delete(key);
    } catch (error) {
      // The record is still enforced in memory; only a restart could forget it.
      console.error('No se pudo guardar el registro de claves', error);
    }
  }

  /**
   * Refuses a socket in `onConnect`. A close sent from the upgrade's own request never
   * completes its handshake in the runtime (the client hangs in CLOSING until its own
   * timeout), so the socket is only marked: its first frame, which every client sends at
   * once (greeting, ping, or the flood itself), gets the close, and the next sweep closes
   * it if it stays silent. Until then it counts against its address's socket cap.
   */
  private async refuse(
    connection: Party.Connection<MemberState>,
    address: string,
    code: number,
    reason: string,
  ): Promise<void> {
    const member: MemberState = { role: 'reader', seen: 0, address, refused: { code, reason } };
    connection.setState(member);
    this.seat(connection.id, member);
    await this.scheduleSweep();
  }

  private seat(id: string, member: MemberState): void {
    this.presence.join(id, { reader: member.reader, address: member.address ?? 'local' });
  }

  /** Broadcasts the count once the current burst of joins and leaves settles. */
  private announcePresence(): void {
    if (this.presenceTimer !== undefined) return;
    this.presenceTimer = setTimeout(() => {
      this.presenceTimer = undefined;
      const count = this.presence.count;
      this.live.announce();
      if (count === this.announced) return;
      this.announced = count;
      this.room.broadcast(encodeServer({ type: 'presence', count }));
    }, PRESENCE_COALESCE_MS);
  }

  /** Keeps one alarm pending while anyone is connected; `force` re-arms after it fired. */
  private async scheduleSweep(force = false): Promise<void> {
    if (!force && this.alarmArmed) return;
    if (!force && (await this.room.storage.getAlarm()) !== null) {
      this.alarmArmed = true;
      return;
    }
    await this.room.storage.setAlarm(Date.now() + Math.min(30_000, this.silenceMs() / 2));
    this.alarmArmed = true;
  }

  private silenceMs(): number {
    return this.config.ok ? this.config.config.silenceMs : LIMITS.silenceMs;
  }

  /** Carries out a decision: state first, then the reply, the broadcast, and a close. */
  private async apply(connection: Party.Connection, decision: Decision): Promise<void> {
    if (decision.member) (connection as Party.Connection<MemberState>).setState(decision.member);
    if (decision.access) await this.storeAccess(decision.access);
    if (decision.persist && this.built) await this.persisted(this.built, this.built.checkpoint());
    if (decision.reply) send(connection, decision.reply);
    if (decision.broadcast) this.room.broadcast(encodeServer(decision.broadcast));
    if (decision.toTeachers) this.live.toTeachers(decision.toTeachers);
    if (this.built) {
      const core = this.built;
      this.live.applied(connection, decision.member, decision.page, () => core.teacherView());
    }
    if (decision.toListeners) {
      const raw = encodeServer(decision.toListeners);
      for (const listener of this.room.getConnections(EVENTS_TAG))
        if (listener.readyState === OPEN) listener.send(raw);
    }
    if (decision.close) {
      connection.close(decision.close.code, decision.close.reason);
      this.presence.leave(connection.id);
      this.live.left(connection.id);
      if (decision.abuse) {
        const address = (connection as Party.Connection<MemberState>).state?.address ?? 'local';
        const until = this.gate.punish(address, Date.now());
        turnedAway.note(roomFromUrl(connection.uri), address, until);
      }
    }
    if (decision.presenceChanged || decision.close) this.announcePresence();
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
  const { room } = roomPath(new URL(url).pathname);
  if (!room) throw new Error(`La URL no nombra una sala: ${url}`);
  return decodeURIComponent(room);
}

function send(connection: Party.Connection, message: ServerMessage): void {
  connection.send(encodeServer(message));
}

Server satisfies Party.Worker;
