/**
 * The class poll of the event playground: open, vote, and what a late client needs. Pure
 * functions of the room's poll state; one vote per reader through `ballot`. No PartyKit import.
 */
import type { EventName, EventPayload } from '../wire/events';
import type { ServerMessage } from '../wire/serverMessages';
import { listed, mayAnswer, recordAnswer } from './ballot';

export interface Poll {
  id: string;
  pregunta: string;
  opciones: string[];
  votos: number[];
  total: number;
  /** The readers who voted: one vote per reader, however many sockets or reconnects. */
  voters?: string[];
}

/** The part of the room state the poll owns. */
export interface PollState {
  poll?: Poll;
  /** How many polls were opened, to name the next one (`e1`, `e2`, …). */
  polls?: number;
}

/** A poll step's outcome: the new poll state (when it changed) and the event to send. */
export type PollStep =
  | { ok: true; state: PollState; event: ServerMessage }
  | { ok: false; event: ServerMessage };

export function pollEvent<K extends EventName>(
  event: K,
  payload: EventPayload<K>,
  at: number,
): ServerMessage {
  return { type: 'event', event, payload, at };
}

/** Poll refusals are events too, to the sender only, as in the lesson's protocol. */
const refusal = (mensaje: string, at: number): PollStep => ({
  ok: false,
  event: pollEvent('encuesta:error', { mensaje }, at),
});

export function openPoll(
  state: PollState,
  payload: EventPayload<'encuesta:crear'>,
  allowed: boolean,
  at: number,
): PollStep {
  if (!allowed) return refusal('Solo el docente puede crear encuestas en esta sala.', at);
  const polls = (state.polls ?? 0) + 1;
  const poll: Poll = {
    id: `e${String(polls)}`,
    pregunta: payload.pregunta,
    opciones: payload.opciones,
    votos: payload.opciones.map(() => 0),
    total: 0,
  };
  const { id, pregunta, opciones } = poll;
  return {
    ok: true,
    state: { polls, poll },
    event: pollEvent('encuesta:nueva', { id, pregunta, opciones }, at),
  };
}

export function vote(
  state: PollState,
  payload: EventPayload<'encuesta:voto'>,
  reader: string | undefined,
  at: number,
): PollStep {
  const poll = state.poll;
  if (!poll) return refusal('No hay ninguna encuesta abierta.', at);
  if (poll.id !== payload.id) {
    return refusal(`La encuesta «${payload.id}» ya no está abierta: la abierta es «${poll.id}».`, at);
  }
  if (payload.opcion >= poll.opciones.length) {
    const last = String(poll.opciones.length - 1);
    return refusal(`La opción ${String(payload.opcion)} no existe: elige de 0 a ${last}.`, at);
  }
  const ballot = mayAnswer(listed(poll.voters), reader);
  if (!ballot.ok || reader === undefined) {
    return refusal(ballot.ok ? 'Recarga la página para votar.' : ballot.message, at);
  }
  const votos = poll.votos.map((v, i) => (i === payload.opcion ? v + 1 : v));
  const next: Poll = { ...poll, votos, total: poll.total + 1, voters: recordAnswer(poll.voters, reader) };
  const event = pollEvent('encuesta:resultado', { id: poll.id, votos, total: next.total }, at);
  return { ok: true, state: { ...state, poll: next }, event };
}

/**
 * What a late or returning playground client needs to follow the poll: the open poll
 * and its latest count, as the lesson's Socket.IO server sends on `connection`.
 */
export function pollMessages(state: PollState, at: number): ServerMessage[] {
  const poll = state.poll;
  if (!poll) return [];
  const { id, pregunta, opciones, votos, total } = poll;
  return [
    pollEvent('encuesta:nueva', { id, pregunta, opciones }, at),
    pollEvent('encuesta:resultado', { id, votos, total }, at),
  ];
}
