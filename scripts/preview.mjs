// @ts-check
/**
 * `npm run preview`: serves the built `dist/` and the room from one origin, the way a
 * deployer's production build behaves, so it can be tried end to end locally.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { startPartykit } from './tools/partykit.mjs';
import { freePort } from './tools/processes.mjs';
import { ROOT } from './tools/root.mjs';
import { describeLocalKey, LOCAL_TEACHER_KEY } from './tools/teacherKey.mjs';

const dist = join(ROOT, 'dist');
if (!existsSync(join(dist, 'index.html'))) {
  console.error('No hay sitio construido en dist/. Ejecuta primero: npm run build');
  process.exit(1);
}
const key = describeLocalKey(LOCAL_TEACHER_KEY);
if (!key.ok) {
  console.error(key.error);
  process.exit(1);
}
const port = await freePort(Number(process.env.PORT ?? 8787));
const room = await startPartykit({ port, serve: dist, persist: '.partykit/state' });
console.log(`Vista previa del sitio construido y de la sala en ${room.origin}/  (Ctrl-C para salir)`);
for (const line of key.lines) console.log(line);

const stop = async () => {
  await room.stop();
  process.exit(0);
};
process.on('SIGINT', () => void stop());
process.on('SIGTERM', () => void stop());
room.exited.then(() => process.exit(1));
