/**
 * Web storage that may be missing or throw. With site data blocked, merely reading
 * `window.sessionStorage` throws; quotas and private modes make writes throw. Every access
 * in the islands goes through here, where a failure means "nothing stored", never an error.
 */
export type StorageKind = 'localStorage' | 'sessionStorage';

function area(kind: StorageKind): Storage | undefined {
  try {
    return globalThis[kind] ?? undefined;
  } catch {
    return undefined;
  }
}

export function readStored(kind: StorageKind, name: string): string | null {
  try {
    return area(kind)?.getItem(name) ?? null;
  } catch {
    return null;
  }
}

/** Whether the value was stored. */
export function writeStored(kind: StorageKind, name: string, value: string): boolean {
  try {
    const storage = area(kind);
    if (!storage) return false;
    storage.setItem(name, value);
    return true;
  } catch {
    return false;
  }
}

export function removeStored(kind: StorageKind, name: string): void {
  try {
    area(kind)?.removeItem(name);
  } catch {
    // Nothing stored that could be removed.
  }
}
