/**
 * Which class this browser joined: a room code kept in localStorage, set by a teacher's link
 * (`…/?clase=2b-redes`) or the «Unirme a una clase» form, cleared by «Salir de la clase».
 * Loaded on every page, so it imports nothing heavier than `storage.ts` (no zod).
 */
import { readStored, removeStored, writeStored } from '../lib/storage';

export const CLASS_STORAGE = 'cliente-servidor:clase';
/** The query parameter of a class link. */
export const CLASS_PARAM = 'clase';
/** Room names as the room accepts them (`ROOM_NAME` in party/protocol.ts, kept equal by a test). */
export const CLASS_CODE = /^[a-z0-9](?:[a-z0-9-]{0,46}[a-z0-9])?$/;

/** A class code as typed: trimmed and lowercased, or null if the room would refuse it. */
export function classCode(value: string | null | undefined): string | null {
  const code = value?.trim().toLowerCase() ?? '';
  return CLASS_CODE.test(code) ? code : null;
}

export function joinedClass(): string | null {
  return classCode(readStored('localStorage', CLASS_STORAGE));
}

/** Joins `code`; false when the browser cannot keep it (site data blocked): this page only. */
export function joinClass(code: string): boolean {
  return writeStored('localStorage', CLASS_STORAGE, code);
}

export function leaveClass(): void {
  removeStored('localStorage', CLASS_STORAGE);
}

/**
 * The class this page should connect to: a code in the address joins it (and is removed from
 * the address, so a shared or bookmarked page does not carry it on), else the remembered one.
 */
export function classForPage(
  location: { search: string },
  replaceSearch: (search: string) => void,
): string | null {
  const params = new URLSearchParams(location.search);
  if (!params.has(CLASS_PARAM)) return joinedClass();
  const code = classCode(params.get(CLASS_PARAM));
  params.delete(CLASS_PARAM);
  const rest = params.toString();
  replaceSearch(rest ? `?${rest}` : '');
  if (!code) return joinedClass();
  joinClass(code);
  return code;
}
