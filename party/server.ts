/**
 * The PartyKit adapter: lifecycle hooks in, `RoomCore` decisions out. It owns I/O only
 * (sockets, storage, HTTP); every rule lives in `core/`, one module per feature.
 */
import type * as Party from 'partykit/server';
import { CLOSE_REASONS } from '../src/i18n/errors';
import type { ConfigResult } from './core/config';
import { LIMITS } from './core/limits';
import { findSilent, Presence } from './core/presence';
import { ConnectGate, clientAddress } from './core/rate';
import { RoomCore } from './core/room';
import { type Decision, emptyState, type MemberState } from './core/state';
import { checkedConfig, gatekeep, markRefused, type RefusalArgs, turnedAway } from './gatekeeper';
import { byteLength, connectQueryOf, type HttpContext, roomFromUrl, routeRequest } from './http';
import { LiveClass } from './liveClass';
import { PresenceAnnouncer } from './presenceAnnouncer';
import { RoomStorage, type Stored } from './roomStorage';
import { SweepAlarm } from './sweepAlarm';
import { parseClientMessage } from './wire/clientMessages';
import { errorOf } from './wire/errors';
import { handshakeReport } from './wire/rfc6455';
import { encodeServer, type ServerMessage } from './wire/serverMessages';
import { CLOSE_VERSION_MISMATCH, versionAccepted, versionMismatchError } from './wire/version';

/** The tag of connections that listen for playground events (`?events=1`). */
const EVENTS_TAG = 'events';
/** WebSocket readyState of a connection that is open (not closing). */
const OPEN = 1;
/** "Try again later": a connection refused for its address's churn, cap or cool-down. */
const CLOSE_TRY_LATER = 1013;

export default class Server implements Party.Server {
  // Hibernation lets one room hold thousands of idle sockets. What must survive it lives
  // in storage (room state, key records) and in each socket's attachment (its member
  // state); the presence table is rebuilt from the attachments once per wake.
  readonly options: Party.ServerOptions = { hibernate: true };
  /** What storage held at the last wake; the core is built from it. */
  private loaded: Stored = { state: emptyState(), keyRecords: [], question: {} };
  private built: RoomCore | undefined;
  private readonly announcer: PresenceAnnouncer;
  private readonly presence = new Presence();
  private readonly gate = new ConnectGate();
  private readonly config: ConfigResult;
  private readonly sweep: SweepAlarm;
  private queue: Promise<void> = Promise.resolve();
  private readonly http: HttpContext;
  private readonly storage: RoomStorage;
  private readonly live: LiveClass;

  constructor(readonly room: Party.Room) {
    this.config = checkedConfig(room.env);
    this.storage = new RoomStorage(room.storage);
    this.sweep = new SweepAlarm(room.storage, () => this.silenceMs());
    this.live = new LiveClass(room);
    this.announcer = new PresenceAnnouncer(room, this.presence, () => this.live.announce());
    this.http = {
      core: (url) => this.core(url),
      count: () => this.presence.count,
      allowedOrigins: this.config.ok ? this.config.config.allowedOrigins : [],
      serially: (task) => this.serially(task),
      storage: this.storage,
      broadcast: (message) => this.room.broadcast(encodeServer(message)),
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
    this.built ??= new RoomCore(roomFromUrl(url), this.loaded.state, {
      teacherKey: this.config.ok ? this.config.config.teacherKey : undefined,
      keyRecords: this.loaded.keyRecords,
      question: this.loaded.question,
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
    return connectQueryOf(context.request).query.events ? [EVENTS_TAG] : [];
  }

  async onStart(): Promise<void> {
    this.loaded = await this.storage.load();
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
      await this.refuse(connection, 'local', 1011, CLOSE_REASONS.config);
      return;
    }
    // Answered before any room work: a refused address costs one check and one close.
    const address = clientAddress(context.request.headers);
    const admission = this.gate.admit(address, this.presence.socketsFrom(address), Date.now());
    if (!admission.ok) {
      send(connection, { ...errorOf(admission.code), retryAfter: admission.retryAfterS });
      await this.refuse(connection, address, CLOSE_TRY_LATER, CLOSE_REASONS.tryLater);
      return;
    }
    const { version, query } = connectQueryOf(context.request);
    if (!versionAccepted(version)) {
      send(connection, versionMismatchError());
      await this.refuse(connection, address, CLOSE_VERSION_MISMATCH, CLOSE_REASONS.version);
      return;
    }
    const { since, reader, handshake, events } = query;
    // Opt-in extras, so the push and presence islands never receive frames they ignore.
    // The report is computed before the join, so it follows the welcome with nothing between.
    const report = handshake ? await handshakeReport(context.request) : undefined;
    // Seated first, so the welcome's count includes the newcomer; the join stores the member.
    this.presence.join(connection.id, { reader, address });
    const joined = this.core(context.request.url).join(this.presence.count, {
      since,
      reader,
      address,
      events,
    });
    await this.apply(connection, {
      ...joined,
      after: [...(report ? [report] : []), ...(joined.after ?? [])],
    });
    await this.sweep.arm();
  }

  /** Drops connections that went silent (a frozen tab never sends its close) and recounts. */
  async onAlarm(): Promise<void> {
    this.sweep.fired();
    const members = Array.from(this.room.getConnections<MemberState>(), ({ id, state }) => ({
      id,
      member: state,
    }));
    const silent = findSilent(members, Date.now(), this.silenceMs());
    for (const id of silent) {
      this.room.getConnection(id)?.close(4000, CLOSE_REASONS.silent);
      this.presence.leave(id);
      this.live.left(id);
    }
    if (silent.length > 0) this.announcer.announce();
    if (this.presence.sockets > 0) await this.sweep.arm(true);
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
    this.announcer.announce();
    if (this.presence.sockets === 0) await this.sweep.disarm();
  }

  async onMessage(
    message: string | ArrayBuffer | ArrayBufferView,
    sender: Party.Connection<MemberState>,
  ): Promise<void> {
    const core = this.core(sender.uri);
    // One message at a time, reading the member inside (once: each read deserializes): a
    // message arriving while an earlier one awaits storage must see its budgets, not stale ones.
    await this.serially(async () => {
      const stored = sender.state;
      if (stored?.refused) {
        sender.close(stored.refused.code, stored.refused.reason);
        return;
      }
      const member: MemberState = { ...(stored ?? core.newMember()) };
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
      if (decision.persist && !(await this.storage.persisted(core, before.room))) {
        const ref = decision.reply && 'ref' in decision.reply ? decision.reply.ref : undefined;
        const failed = errorOf('storage_failed', { over: 'socket' }, ref);
        await this.apply(sender, { member: current, reply: failed });
        return;
      }
      if (decision.storeAnswer) {
        this.live.answered(sender, core, decision, (c, d) => this.apply(c, d));
        return;
      }
      if (!(await this.live.questionStored(core, decision))) {
        core.restoreQuestion(before.question);
        const failed = errorOf('storage_failed', { over: 'answer' });
        await this.apply(sender, { member: current, reply: failed });
        return;
      }
      await this.apply(sender, { ...decision, persist: false });
    });
  }

  onRequest(request: Party.Request): Promise<Response> {
    return routeRequest(request, this.http);
  }

  /** Decisions that may write storage run one at a time: a seq is final only once stored. */
  private serially<T>(task: () => Promise<T>): Promise<T> {
    const run = this.queue.then(task);
    this.queue = run.then(noop, noop);
    return run;
  }

  /** Refuses a socket in `onConnect` (see `markRefused`); it counts against its address's cap. */
  private async refuse(connection: Party.Connection<MemberState>, ...why: RefusalArgs): Promise<void> {
    this.seat(connection.id, markRefused(connection, ...why));
    await this.sweep.arm();
  }

  private seat(id: string, member: MemberState): void {
    this.presence.join(id, { reader: member.reader, address: member.address ?? 'local' });
  }

  private silenceMs(): number {
    return this.config.ok ? this.config.config.silenceMs : LIMITS.silenceMs;
  }

  /** Carries out a decision: state first, then the reply, the broadcast, and a close. */
  private async apply(connection: Party.Connection, decision: Decision): Promise<void> {
    if (decision.member) (connection as Party.Connection<MemberState>).setState(decision.member);
    if (decision.access) await this.storage.storeAccess(decision.access);
    if (decision.persist && this.built) await this.storage.persisted(this.built, this.built.checkpoint());
    if (decision.reply) send(connection, decision.reply);
    for (const message of decision.after ?? []) send(connection, message);
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
    if (decision.presenceChanged || decision.close) this.announcer.announce();
  }
}

const noop = () => undefined;

function send(connection: Party.Connection, message: ServerMessage): void {
  connection.send(encodeServer(message));
}

Server satisfies Party.Worker;
