/**
 * The room's event catalogue (names, payload rules, the lesson's `encuesta:*` events), for
 * the event playground: islands import it from here, never from `party/`. Apart from
 * `frames.ts` so islands that only count bytes do not load the event schemas.
 */
export {
  CLIENT_EVENTS,
  EVENT_SPECS,
  type EventPayload,
  type EventSpec,
  parseEventPayload,
  specOf,
} from '../../party/wire/events';
