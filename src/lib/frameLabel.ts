/**
 * How the demos that log raw WebSocket frames (the inspector, the handshake, the event
 * playground) read a frame's text: as a JSON object when it is one, and labelled by its
 * `type` (and, for emits and events, the event's name), or `texto` when it is not a typed
 * message. Only for labels: what a frame means is decided by the protocol's schemas.
 */

/** The frame's text as a JSON object, or null (not JSON, or an array or a plain value). */
export function frameObject(data: string): Record<string, unknown> | null {
  try {
    const value: unknown = JSON.parse(data);
    return typeof value === 'object' && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : null;
  } catch {
    return null;
  }
}

/** A frame's label for a log line: `welcome`, `emit chat:mensaje`, or `texto` when untyped. */
export function frameLabel(data: string): string {
  const frame = frameObject(data);
  if (typeof frame?.['type'] !== 'string') return 'texto';
  const type = frame['type'].slice(0, 30);
  // The emit's event name is what a reader recognises.
  const event = frame['event'];
  if ((type === 'event' || type === 'emit') && typeof event === 'string')
    return `${type} ${event.slice(0, 40)}`;
  return type;
}
