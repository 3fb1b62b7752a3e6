// A reader in its own process, so a test can freeze it with SIGSTOP like a suspended tab.
import WebSocket from 'ws';

const socket = new WebSocket(process.argv[2]);
socket.on('message', (data) => {
  if (JSON.parse(data.toString()).type === 'welcome') console.log('ready');
});
socket.on('close', () => process.exit(0));
