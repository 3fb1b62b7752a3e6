/**
 * What the room keeps in its storage, and how it writes it: the room state under one key,
 * and one key record per address, so one failure writes one entry (the live question and
 * its answers: `liveClass.ts`). A failed state write puts the core back as it was, so no
 * seq is ever skipped.
 */
import type * as Party from 'partykit/server';
import type { KeyRecord } from './core/access';
import type { QuestionState } from './core/questions';
import type { RoomCore } from './core/room';
import { type Decision, emptyState, type RoomState } from './core/state';
import { LiveClass } from './liveClass';

const STATE_KEY = 'state';
const ACCESS_PREFIX = 'access:';

/** What a wake reads back. */
export interface Stored {
  state: RoomState;
  keyRecords: [string, KeyRecord][];
  question: QuestionState;
}

export class RoomStorage {
  constructor(private readonly storage: Party.Storage) {}

  /**
   * Everything a wake needs, read at once (every connect that woke the room waits for it):
   * the room state, the key records, and the live question with its answers.
   */
  async load(): Promise<Stored> {
    const [state, records, question] = await Promise.all([
      this.storage.get<RoomState>(STATE_KEY),
      this.storage.list<KeyRecord>({ prefix: ACCESS_PREFIX }),
      LiveClass.load(this.storage),
    ]);
    const keyRecords = [...records].map(([key, record]): [string, KeyRecord] => [
      key.slice(ACCESS_PREFIX.length),
      record,
    ]);
    return { state: state ?? emptyState(), keyRecords, question };
  }

  /** Writes the room state; on failure puts the core back as it was, so no seq is skipped. */
  async persisted(core: RoomCore, before: RoomState): Promise<boolean> {
    try {
      await this.storage.put(STATE_KEY, core.checkpoint());
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
