// @ts-check
/**
 * `npm start`: the site (astro dev) and a local room (partykit dev) together, with
 * prefixed logs. One Ctrl-C stops both, including partykit's workerd children.
 */
import { startPartykit } from './tools/partykit.mjs';
import { freePort, startGroup, waitForHttp } from './tools/processes.mjs';
import { describeLocalKey, LOCAL_TEACHER_KEY } from './tools/teacherKey.mjs';

/** @param {string} tag */
const prefixer = (tag) => (/** @type {string} */ line) => {
  if (line.trim()) process.stdout.write(`${tag} ${line}\n`);
};

const key = describeLocalKey(LOCAL_TEACHER_KEY);
if (!key.ok) {
  console.error(`[inicio] ${key.error}`);
  process.exit(1);
}
const roomPort = await freePort(Number(process.env.ROOM_PORT ?? 1999));
const sitePort = await freePort(Number(process.env.PORT ?? 4321));

console.log('[inicio] arrancando la sala (partykit dev) y el sitio (astro dev)…');
const room = await startPartykit({ port: roomPort, persist: '.partykit/state', onLine: prefixer('[sala] ') });
const site = startGroup('astro', ['dev', '--host', '127.0.0.1', '--port', String(sitePort)], {
  env: { PUBLIC_PARTYKIT_HOST: process.env.PUBLIC_PARTYKIT_HOST ?? room.host },
  onLine: prefixer('[sitio]'),
});

let stopping = false;
/** @param {number} code */
async function shutdown(code) {
  if (stopping) return;
  stopping = true;
  console.log('\n[inicio] deteniendo el sitio y la sala…');
  await Promise.all([site.stop(), room.stop()]);
  process.exit(code);
}
process.on('SIGINT', () => void shutdown(0));
process.on('SIGTERM', () => void shutdown(0));
site.exited.then(() => shutdown(1));
room.exited.then(() => shutdown(1));

const url = `http://127.0.0.1:${String(sitePort)}/`;
await waitForHttp(url, { timeoutMs: 120_000, exited: site.exited, output: site.output });
console.log(`\n[inicio] listo. Abre ${url}  (sala local en ${room.origin}; Ctrl-C para salir)`);
for (const line of key.lines) console.log(`[inicio] ${line}`);
console.log('');
