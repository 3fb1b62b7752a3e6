// @ts-check
// The baseline: a bare `ws` server that does the same job as the room's fan-out, with no
// validation, storage, presence or hibernation. Rooms by path, like PartyKit's URLs.
import { WebSocketServer } from 'ws';

const port = Number(process.argv[2] ?? 0);
const server = new WebSocketServer({ port, host: '127.0.0.1' });
/** @type {Map<string, Set<import('ws').WebSocket>>} */
const rooms = new Map();

server.on('connection', (socket, request) => {
  // The path names the room; the query (the reader id the room bench sends) does not.
  const name = (request.url ?? '/').split('?')[0] ?? '/';
  const members = rooms.get(name) ?? new Set();
  rooms.set(name, members);
  members.add(socket);
  socket.send(JSON.stringify({ type: 'welcome', count: members.size }));
  socket.on('message', (data) => {
    const message = JSON.parse(data.toString());
    if (message.type !== 'push') return;
    const out = JSON.stringify({ type: 'notification', text: message.text, level: 'info', at: Date.now() });
    for (const member of members) member.send(out);
  });
  socket.on('close', () => members.delete(socket));
});
server.on('listening', () => {
  const address = server.address();
  console.log(typeof address === 'object' && address ? address.port : port);
});
