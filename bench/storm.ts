/**
 * `npm run bench:storm`: a whole class cut at once by a room restart, with stock
 * partysocket (fixed 3 s then ×1.3, no jitter) and with our room-client (jittered), in the
 * same run. Prints the busiest 100 ms of reconnection attempts and how long until every
 * client was back. STORM_CLIENTS (default 200).
 */
import { cpus } from 'node:os';
import PartySocket from 'partysocket';
import { startPartykit } from '../scripts/tools/partykit.mjs';
import { connectRoom, createPartySocket } from '../src/lib/room-client';
import { ms, sleep, table, waitFor } from './lib/stats.mjs';

const N = Number(process.env['STORM_CLIENTS'] ?? 200);

interface Opened {
  isOpen(): boolean;
  close(): void;
}

async function storm(label: string, open: (host: string, Counting: typeof WebSocket) => Opened) {
  let room = await startPartykit();
  const attempts: number[] = [];
  const Counting = class extends WebSocket {
    constructor(url: string | URL, protocols?: string | string[]) {
      super(url, protocols);
      attempts.push(performance.now());
    }
  };
  const clients = Array.from({ length: N }, () => open(room.host, Counting));
  while (!clients.every((c) => c.isOpen())) await sleep(50);
  attempts.length = 0;
  const cut = performance.now();
  await room.stop('SIGKILL');
  room = await startPartykit({ port: room.port, persist: room.persist });
  const back = performance.now();
  // Polled every 20 ms: the reconnect time is read when this returns.
  await waitFor(() => clients.every((c) => c.isOpen()), 120_000, 20);
  const done = performance.now();
  for (const c of clients) c.close();
  await room.stop();

  const buckets = new Map<number, number>();
  for (const at of attempts)
    buckets.set(Math.floor((at - cut) / 100), (buckets.get(Math.floor((at - cut) / 100)) ?? 0) + 1);
  const peak = Math.max(0, ...buckets.values());
  return [
    label,
    String(attempts.length),
    `${String(peak)} (${((peak / N) * 100).toFixed(0)} %)`,
    ms(back - cut),
    ms(done - back),
  ];
}

const stock = await storm('partysocket 1.3.0 tal cual', (host, Counting) => {
  const socket = new PartySocket({ host, room: 'tormenta', WebSocket: Counting });
  return { isOpen: () => socket.readyState === 1, close: () => socket.close() };
});
const ours = await storm('room-client (con jitter)', (host, Counting) => {
  const client = connectRoom({
    room: 'tormenta',
    host,
    createSocket: (settings) => createPartySocket(settings, Counting),
    environment: { onOnline: () => () => {}, onVisible: () => () => {} },
  });
  return { isOpen: () => client.status.status === 'open', close: () => client.close() };
});

console.log(
  `\nTormenta de reconexión: ${String(N)} clientes, sala reiniciada, ${String(cpus().length)} núcleos\n`,
);
table(
  ['cliente', 'intentos', 'pico en 100 ms', 'sala de vuelta tras', 'todos conectados tras volver'],
  [stock, ours],
);
