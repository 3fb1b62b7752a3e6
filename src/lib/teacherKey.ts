/**
 * The teacher key a teacher typed, sent as the page's `auth` greeting by the room registry: kept in
 * memory, and in sessionStorage where the browser allows it so a reload keeps it for this
 * tab. With site data blocked only the memory copy exists; the islands work the same.
 */
import { readStored, removeStored, writeStored } from './storage';

const inMemory = new Map<string, string>();

/** Where the teacher key is remembered: this tab's session only. */
export function keyStorageName(room: string): string {
  return `cliente-servidor:clave:${room}`;
}

export function rememberedKey(room: string): string {
  return inMemory.get(room) ?? readStored('sessionStorage', keyStorageName(room)) ?? '';
}

/** Whether the browser keeps it past a reload (false: this page only). */
export function rememberKey(room: string, key: string): boolean {
  inMemory.set(room, key);
  return writeStored('sessionStorage', keyStorageName(room), key);
}

export function forgetKey(room: string): void {
  inMemory.delete(room);
  removeStored('sessionStorage', keyStorageName(room));
}
