import { readStored, writeStored } from './storage';

const READER_STORAGE = 'cliente-servidor:lector';
const READER_ID = /^[0-9a-f]{16}$/;

/**
 * This browser's reader id, sent with every socket its pages open, so the room counts a
 * reader once however many demos and tabs are open, and a reconnect cannot vote again.
 * Random, nothing personal; kept in localStorage, or for this page only where storage is off.
 */
export const PAGE_READER = storedReader();

function storedReader(): string {
  const stored = readStored('localStorage', READER_STORAGE);
  if (stored && READER_ID.test(stored)) return stored;
  const id = randomId();
  writeStored('localStorage', READER_STORAGE, id);
  return id;
}

function randomId(): string {
  const bytes = new Uint8Array(8);
  // getRandomValues works on plain-http pages too, where randomUUID does not exist.
  crypto.getRandomValues(bytes);
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}
