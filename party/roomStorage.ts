/**
 * What the room keeps in its storage, and how it writes it: the room state under one key,
 * and one key record per address, so one failure writes one entry. A failed state write
 * puts the core back as it was, so no seq is ever skipped.
 */
import type * as Party from 'partykit/server';
import type { KeyRecord } from './core/access';
import type { RoomCore } from './core/room';
import { type Decision, emptyState, type RoomState } from './core/state';

const STATE_KEY = 'state';
const ACCESS_PREFIX = 'access:';

export class RoomStorage {
  constructor(private readonly storage: Party.Storage) {}

  /** The room state and the key records, once per wake. */
  async load(): Promise<{ state: RoomState; keyRecords: [string, KeyRecord][] }> {
    const state = (await this.storage.get<RoomState>(STATE_KEY)) ?? emptyState();
    const records = await this.storage.list<KeyRecord>({ prefix: ACCESS_PREFIX });
    const keyRecords = [...records].map(([key, record]): [string, KeyRecord] => [
      key.slice(ACCESS_PREFIX.length),
      record,
    ]);
    return { state, keyRecords };
  }

  /** Writes the room state; on failure puts the core back as it was, so no seq is skipped. */
  async persisted(core: RoomCore, before: RoomState): Promise<boolean> {
    try {
      await this.storage.put(STATE_KEY, core.snapshotState());
      return true;
    } catch (error) {
      console.error('No se pudo guardar el estado de la sala', error);
      core.restore(before);
      return false;
    }
  }

  async storeAccess(access: NonNullable<Decision['access']>): Promise<void> {
    const key = `${ACCESS_PREFIX}${access.address}`;
    try {
      if (access.record) await this.storage.put(key, access.record);
      else await this.storage.delete(key);
    } catch (error) {
      // The record is still enforced in memory; only a restart could forget it.
      console.error('No se pudo guardar el registro de claves', error);
    }
  }
}
