/**
 * The runtime's floor for `npm run bench:room`: the least a PartyKit room can do for the
 * same job, in the same `partykit dev` as the real room. Hibernation on, as the room has it;
 * a welcome on connect and a broadcast per push, with no validation, storage, presence,
 * limits or history. What the room costs above this is the room's code; the rest is the
 * runtime's. Served only by the bench (through `startPartykit({ parties })`), never deployed.
 */
import type * as Party from 'partykit/server';

export default class Floor implements Party.Server {
  readonly options: Party.ServerOptions = { hibernate: true };

  constructor(readonly room: Party.Room) {}

  onConnect(connection: Party.Connection): void {
    connection.send('{"type":"welcome"}');
  }

  onMessage(message: string | ArrayBuffer | ArrayBufferView): void {
    if (typeof message !== 'string') return;
    const { type, text } = JSON.parse(message) as { type?: string; text?: string };
    if (type === 'push') this.room.broadcast(JSON.stringify({ type: 'notification', text }));
  }

  onClose(connection: Party.Connection): void {
    // As in the room: under hibernation the runtime does not answer a close frame itself.
    connection.close();
  }
}
