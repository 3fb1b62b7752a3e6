/**
 * The local teacher key does not leak: `npm start`, the preview and every test room get a
 * random key that never appears on a command line (`ps` shows those to every user of the
 * machine), and the file that carries it is gone as soon as the room has read it.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { describe, expect, it } from 'vitest';
import { type SharedRoom, setupRoom } from '../harness/room';

/** Every live process in the room's process group: partykit, esbuild and workerd. */
function groupProcesses(group: number): number[] {
  return readdirSync('/proc')
    .filter((name) => /^\d+$/.test(name))
    .map(Number)
    .filter((pid) => {
      try {
        // Fields after the command name, which is in parentheses: state, ppid, pgrp.
        const stat = readFileSync(`/proc/${String(pid)}/stat`, 'utf8');
        return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[2]) === group;
      } catch {
        return false;
      }
    });
}

const read = (pid: number, file: string) => {
  try {
    return readFileSync(`/proc/${String(pid)}/${file}`, 'utf8').replaceAll('\0', ' ');
  } catch {
    return '';
  }
};

const push = (room: SharedRoom, key: string) =>
  fetch(`${room.origin}/parties/main/clase-1`, {
    method: 'POST',
    headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
    body: JSON.stringify({ text: 'Hola, clase' }),
  });

describe.skipIf(!existsSync('/proc/self/stat'))('the local teacher key', () => {
  const room = setupRoom();

  it('is random, long enough for the room, and opens the class room', async () => {
    expect(room.teacherKey).toMatch(/^[0-9a-f]{32}$/);
    expect((await push(room, room.teacherKey)).status).toBe(201);
    expect((await push(room, 'profe-local')).status).toBe(403);
  });

  it('is on no command line nor environment of the room processes', () => {
    const pids = groupProcesses(room.current.child.pid ?? -1);
    const commands = pids.map((pid) => read(pid, 'cmdline'));
    // partykit itself, and the workerd that runs the room, are in the group.
    expect(commands.some((command) => command.includes('partykit dev'))).toBe(true);
    expect(commands.some((command) => command.includes('workerd'))).toBe(true);
    for (const pid of pids) {
      expect(read(pid, 'cmdline')).not.toContain(room.teacherKey);
      expect(read(pid, 'environ')).not.toContain(room.teacherKey);
    }
  });

  it('was in a config file that is gone once the room answers', () => {
    const command = read(room.current.child.pid ?? -1, 'cmdline');
    const config = /--config (\S+)/.exec(command)?.[1] ?? '';
    expect(config).toMatch(/partykit\.json$/);
    expect(existsSync(dirname(config))).toBe(false);
  });
});
