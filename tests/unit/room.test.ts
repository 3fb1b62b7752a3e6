import { describe, expect, it } from 'vitest';
import { PROTOCOL_VERSION } from '../../party/protocol';
import { countPresent, RoomCore } from '../../party/room';

describe('room core: presence', () => {
  it('counts every connection', () => {
    expect(countPresent(['a', 'b', 'c'])).toBe(3);
  });

  it('does not count a connection that is leaving', () => {
    expect(countPresent(['a', 'b', 'c'], 'b')).toBe(2);
    expect(countPresent(['a'], 'a')).toBe(0);
  });

  it('ignores a leaving id it does not know', () => {
    expect(countPresent(['a', 'b'], 'z')).toBe(2);
  });

  it('welcomes a new member and tells everyone the new count', () => {
    const core = new RoomCore('clase-1');
    expect(core.join(3)).toEqual({
      reply: { type: 'welcome', version: PROTOCOL_VERSION, room: 'clase-1', count: 3 },
      broadcast: { type: 'presence', count: 3 },
    });
  });

  it('tells everyone the count when someone leaves', () => {
    expect(new RoomCore('demo').leave(1)).toEqual({ broadcast: { type: 'presence', count: 1 } });
  });

  it('answers a ping with a pong that echoes the client time', () => {
    expect(new RoomCore('demo').receive({ type: 'ping', t: 42 })).toEqual({ reply: { type: 'pong', t: 42 } });
  });
});
