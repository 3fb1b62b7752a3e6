/**
 * Shared pieces of the hostile-student suite: simulated client addresses (the
 * `CF-Connecting-IP` header Cloudflare sets in production), and the check every case ends
 * with: a teacher and a bystander on other addresses still push and receive.
 */
import { expect } from 'vitest';
import { connectClient, setupRoom, type TestClient } from '../harness/room';

export const KEY = 'clave-larga-de-la-suite-hostil';

/** A real `partykit dev` with the suite's key for this file, and URLs into it. */
export const hostileRoom = (vars: Record<string, string> = {}) =>
  setupRoom({ vars: { TEACHER_KEY: KEY, ...vars } });

/** A stable simulated address per name, from the documentation range 198.51.100.0/24. */
const addresses = new Map<string, string>();
export function addressOf(who: string): string {
  let address = addresses.get(who);
  if (!address) {
    address = `198.51.100.${String(addresses.size + 1)}`;
    addresses.set(who, address);
  }
  return address;
}

export const from = (who: string, extra: Record<string, string> = {}) => ({
  'cf-connecting-ip': addressOf(who),
  ...extra,
});

let readers = 0;
/** A reader id as a page sends it: short, random-looking, distinct per call. */
export const readerId = () => `lector${String(++readers).padStart(10, '0')}`;

/** Headers every page of the suite sends besides its address (an allowed Origin). */
export type Extra = Record<string, string>;

export async function join(
  host: string,
  room: string,
  who: string,
  query = '',
  extra: Extra = {},
): Promise<TestClient> {
  const q = query.includes('reader=') ? query : `${query}${query ? '&' : '?'}reader=${readerId()}`;
  const client = await connectClient(host, room, q, { headers: from(who, extra) });
  await client.next('welcome');
  return client;
}

export async function teacherIn(
  host: string,
  room: string,
  who = 'docente',
  extra: Extra = {},
): Promise<TestClient> {
  const teacher = await join(host, room, who, '', extra);
  teacher.send({ type: 'auth', key: KEY });
  expect(await teacher.next('role')).toEqual({ type: 'role', role: 'teacher' });
  return teacher;
}

let pushes = 0;
/**
 * The bystanders' proof of life: the teacher (on its own address) pushes over the socket,
 * is acknowledged, and a reader on another address receives it.
 */
export async function classStillWorks(host: string, room: string, extra: Extra = {}): Promise<void> {
  const teacher = await teacherIn(host, room, 'docente', extra);
  const bystander = await join(host, room, 'compañera', '', extra);
  const ref = `vida-${String(++pushes)}`;
  teacher.send({ type: 'push', text: `Seguimos (${ref})`, ref });
  expect(await teacher.next('ack')).toMatchObject({ type: 'ack', ref });
  expect(await bystander.next('notification')).toMatchObject({ text: `Seguimos (${ref})` });
  await Promise.all([teacher.close(), bystander.close()]);
}
