// @ts-check
/** The simulated readers every room bench opens: one socket each, or several per page. */
import WebSocket from 'ws';

let joined = 0;

/**
 * Opens a socket and resolves once the server's welcome arrives. Each socket is its own
 * simulated reader: its own reader id and its own client address (`CF-Connecting-IP`, as
 * Cloudflare sets it), as the readers of a real class would be.
 * @param {string} url
 * @param {(data: string) => void} onMessage
 * @param {number} [reader] a reader id several sockets share (one page's sockets); a new one by default
 */
export async function join(url, onMessage, reader = undefined) {
  const n = reader ?? ++joined;
  const address = `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}`;
  const socket = new WebSocket(`${url}?reader=lector${String(n).padStart(10, '0')}`, {
    headers: { 'cf-connecting-ip': address },
  });
  // A reset under load must not crash the bench; the lost count reports it instead.
  socket.on('error', () => {});
  await new Promise((resolve, reject) => {
    socket.once('error', reject);
    // Closed before its welcome (the room refused it, or the room died): fail loudly. A
    // promise left waiting with no socket open would let Node exit 0 with no table.
    socket.once('close', (code, reason) => {
      reject(
        new Error(`La sala cerró la conexión antes de la bienvenida (${String(code)} ${reason.toString()})`),
      );
    });
    socket.on('message', (data) => {
      const text = data.toString();
      if (text.includes('"type":"welcome"')) resolve(undefined);
      onMessage(text);
    });
  });
  return socket;
}

/**
 * Runs `task` over `items` with at most `limit` in flight.
 * @template T, R
 * @param {T[]} items
 * @param {number} limit
 * @param {(item: T) => Promise<R>} task
 */
export async function pool(items, limit, task) {
  /** @type {R[]} */
  const results = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, async () => {
      while (next < items.length) {
        const i = next++;
        results[i] = await task(/** @type {T} */ (items[i]));
      }
    }),
  );
  return results;
}
