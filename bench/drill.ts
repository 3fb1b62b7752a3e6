/**
 * The reliability drill: many readers in room `demo`, a teacher pushing a numbered series,
 * the room process killed mid-series and restarted, then a flood from one client. It
 * checks that every reader ends with every notification exactly once and in order, how
 * long the class took to come back, and that a flooder is cut off without slowing the
 * others down. `npm run drill` runs it with 1,000 readers; a 50-reader version is a test.
 */
import WebSocket from 'ws';
import { startPartykit } from '../scripts/tools/partykit.mjs';
import { LOCAL_TEACHER_KEY } from '../scripts/tools/teacherKey.mjs';
import { connectRoom, createPartySocket, type RoomClient } from '../src/lib/room-client';
import { percentile, sleep, waitFor } from './lib/stats.mjs';

export interface DrillOptions {
  clients: number;
  pushes: number;
  /** The push after which the room process is killed. */
  killAfter: number;
  log?: (line: string) => void;
}

export interface DrillSummary {
  clients: number;
  pushes: number;
  joinMs: number;
  /** From the kill until every reader is connected again, restart included. */
  reconnectMs: number;
  /** How long the room process itself took to come back. */
  restartMs: number;
  allReconnected: boolean;
  lost: number;
  duplicated: number;
  outOfOrder: number;
  quiet: { p50: number; p99: number };
  flood: { p50: number; p99: number };
  floodRatio: number;
  flooderClose: number | null;
  /** Times the room cut the flooder off for flooding (1008). */
  flooderCuts: number;
  /** Reconnects refused before any room work: a 429 at the door, or 1013 from the room. */
  flooderRefused: number;
}

/**
 * A `WebSocket` for partysocket that carries a simulated client address, as Cloudflare's
 * `CF-Connecting-IP` would: each simulated reader is its own client, as in a real class.
 */
export function socketFrom(address: string): typeof globalThis.WebSocket {
  class AddressedSocket extends WebSocket {
    constructor(url: string | URL, protocols?: string | string[]) {
      super(url, protocols, { headers: { 'cf-connecting-ip': address } });
    }
  }
  return AddressedSocket as unknown as typeof globalThis.WebSocket;
}

/** A distinct simulated address per reader, 10.x.y.z. */
export function addressOf(i: number): string {
  return `10.${String((i >> 16) & 255)}.${String((i >> 8) & 255)}.${String(i & 255)}`;
}

const ROOM = 'demo';

export async function runDrill(options: DrillOptions): Promise<DrillSummary> {
  const log = options.log ?? (() => {});
  let room = await startPartykit();
  const received: number[][] = Array.from({ length: options.clients }, () => []);
  const arrivals = new Map<string, number[]>();
  const clients: RoomClient[] = [];
  const url = () => `${room.origin}/parties/main/${ROOM}`;

  /** Pushes over HTTP as a teacher would with curl, retrying while the room is down. */
  const push = async (text: string): Promise<number> => {
    for (;;) {
      try {
        const response = await fetch(url(), {
          method: 'POST',
          headers: {
            authorization: `Bearer ${LOCAL_TEACHER_KEY}`,
            'content-type': 'application/json',
            'cf-connecting-ip': '192.0.2.1',
          },
          body: JSON.stringify({ text }),
        });
        if (response.status === 201) return performance.now();
      } catch {
        // The room is restarting; try again.
      }
      await sleep(100);
    }
  };

  try {
    const joinStart = performance.now();
    for (let i = 0; i < options.clients; i++) {
      clients.push(
        connectRoom({
          room: ROOM,
          host: room.host,
          reader: `lector${String(i).padStart(8, '0')}`,
          createSocket: (settings) => createPartySocket(settings, socketFrom(addressOf(i + 1))),
          environment: { onOnline: () => () => {}, onVisible: () => () => {} },
          onMessage: (message) => {
            const seqs = received[i];
            if (!seqs) return;
            if (message.type === 'welcome') seqs.push(...message.history.map((n) => n.seq));
            if (message.type === 'notification') {
              seqs.push(message.seq);
              const at = arrivals.get(message.text);
              if (at) at.push(performance.now());
            }
          },
        }),
      );
      if (i % 100 === 99) await sleep(20);
    }
    const allOpen = () => clients.every((c) => c.status.status === 'open');
    await waitFor(allOpen, 120_000);
    const joinMs = performance.now() - joinStart;
    log(`${String(options.clients)} lectores conectados en ${joinMs.toFixed(0)} ms`);

    let reconnectMs = Number.NaN;
    let restartMs = Number.NaN;
    let allReconnected = true;
    for (let k = 1; k <= options.pushes; k++) {
      await push(`serie-${String(k)}`);
      if (k === options.killAfter) {
        log(`matando la sala tras la notificación ${String(k)}…`);
        const killedAt = performance.now();
        await room.stop('SIGKILL');
        room = await startPartykit({ port: room.port, persist: room.persist });
        restartMs = performance.now() - killedAt;
        allReconnected = await waitFor(allOpen, 60_000);
        reconnectMs = performance.now() - killedAt;
        log(
          `sala de vuelta en ${restartMs.toFixed(0)} ms; todos reconectados en ${reconnectMs.toFixed(0)} ms`,
        );
      } else {
        await sleep(100);
      }
    }
    const complete = () => received.every((seqs) => seqs.length >= options.pushes);
    await waitFor(complete, 30_000);

    let lost = 0;
    let duplicated = 0;
    let outOfOrder = 0;
    for (const seqs of received) {
      const unique = new Set(seqs);
      duplicated += seqs.length - unique.size;
      for (let seq = 1; seq <= options.pushes; seq++) if (!unique.has(seq)) lost++;
      for (let i = 1; i < seqs.length; i++) if ((seqs[i] ?? 0) <= (seqs[i - 1] ?? 0)) outOfOrder++;
    }

    /** Latency from a push to each reader receiving it, appended to `into`. */
    const measure = async (label: string, count: number, into: number[]) => {
      for (let k = 0; k < count; k++) {
        const text = `${label}-${String(into.length)}-${String(k)}`;
        const times: number[] = [];
        arrivals.set(text, times);
        const sentAt = performance.now();
        await push(text);
        await waitFor(() => times.length >= options.clients, 10_000);
        into.push(...times.map((t) => t - sentAt));
        await sleep(100);
      }
    };

    // One client sends 1,000 messages a second while it floods; each time the room cuts it
    // off it comes straight back, as a hostile script would, from its own address.
    const closes: number[] = [];
    let refusedAtDoor = 0;
    let flooding = false;
    let flooder: WebSocket | undefined;
    const startFlooder = () => {
      const socket = new WebSocket(`ws://${room.host}/parties/main/${ROOM}`, {
        headers: { 'cf-connecting-ip': '203.0.113.66' },
      });
      // A cut flooder's reconnects are turned away with a 429 before reaching the room.
      socket.on('error', (error) => {
        if (/\b429\b/.test(String(error.message))) refusedAtDoor++;
      });
      socket.once('close', (code) => {
        closes.push(code);
        if (flooding) setTimeout(startFlooder, 50);
      });
      flooder = socket;
    };
    const flood = setInterval(() => {
      for (let i = 0; i < 10 && flooding && flooder?.readyState === WebSocket.OPEN; i++) {
        flooder.send(JSON.stringify({ type: 'react', reaction: '👍' }));
      }
    }, 10);

    // Quiet and flooded rounds alternate, so load from outside the drill (a shared machine)
    // weighs on both sides of the ratio alike instead of on whichever ran second.
    const quietLatencies: number[] = [];
    const floodLatencies: number[] = [];
    for (let round = 0; round < 3; round++) {
      await measure('tranquila', 10, quietLatencies);
      flooding = true;
      startFlooder();
      await measure('inundada', 10, floodLatencies);
      flooding = false;
      flooder?.terminate();
    }
    clearInterval(flood);
    const summarize = (latencies: number[]) => ({
      p50: percentile(latencies, 50),
      p99: percentile(latencies, 99),
    });
    const quiet = summarize(quietLatencies);
    const flooded = summarize(floodLatencies);
    log(`latencia sin inundación: p50 ${quiet.p50.toFixed(1)} ms, p99 ${quiet.p99.toFixed(1)} ms`);
    const flooderClose = closes[0] ?? null;
    const flooderCuts = closes.filter((code) => code === 1008).length;
    const flooderRefused = refusedAtDoor + closes.filter((code) => code === 1013).length;
    log(
      `el que inunda fue cortado ${String(flooderCuts)} veces (código ${String(flooderClose)}) y rechazado al reconectar ${String(flooderRefused)}`,
    );
    log(`latencia con inundación: p50 ${flooded.p50.toFixed(1)} ms, p99 ${flooded.p99.toFixed(1)} ms`);

    return {
      clients: options.clients,
      pushes: options.pushes,
      joinMs,
      reconnectMs,
      restartMs,
      allReconnected,
      lost,
      duplicated,
      outOfOrder,
      quiet,
      flood: flooded,
      floodRatio: flooded.p99 / quiet.p99,
      flooderClose,
      flooderCuts,
      flooderRefused,
    };
  } finally {
    for (const client of clients) client.close();
    await room.stop();
  }
}
