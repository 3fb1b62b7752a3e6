/** `npm run drill`: the reliability drill with 1,000 readers (DRILL_CLIENTS to change). */
import { cpus } from 'node:os';
import { runDrill } from './drill';
import { ms, ratio, table } from './lib/stats.mjs';

const clients = Number(process.env['DRILL_CLIENTS'] ?? 1000);
const summary = await runDrill({
  clients,
  pushes: 30,
  killAfter: 10,
  log: (line) => console.log(`· ${line}`),
});
console.log(`\nSimulacro con ${String(clients)} lectores en ${String(cpus().length)} núcleos:\n`);
table(
  ['medida', 'resultado', 'objetivo'],
  [
    ['notificaciones perdidas', String(summary.lost), '0'],
    ['notificaciones duplicadas', String(summary.duplicated), '0'],
    ['fuera de orden', String(summary.outOfOrder), '0'],
    ['la sala vuelve a arrancar (proceso)', ms(summary.restartMs), ''],
    ['todos reconectados, desde que vuelve', ms(summary.reconnectMs - summary.restartMs), '≤ 10 s'],
    ['todos reconectados, desde el corte', ms(summary.reconnectMs), ''],
    ['p99 sin inundación / con inundación', `${ms(summary.quiet.p99)} / ${ms(summary.flood.p99)}`, ''],
    ['p99 con inundación ÷ sin ella', ratio(summary.floodRatio), '≤ 1,2×'],
    ['código de cierre del que inunda', String(summary.flooderClose), '1008'],
    [
      'cortes al que inunda / reconexiones rechazadas',
      `${String(summary.flooderCuts)} / ${String(summary.flooderRefused)}`,
      '',
    ],
  ],
);
const ok =
  summary.lost === 0 &&
  summary.duplicated === 0 &&
  summary.outOfOrder === 0 &&
  summary.allReconnected &&
  summary.reconnectMs - summary.restartMs <= 10_000 &&
  summary.floodRatio <= 1.2 &&
  summary.flooderClose === 1008;
console.log(ok ? '\nTodos los objetivos se cumplen.' : '\nAlgún objetivo no se cumple (ver tabla).');
process.exit(ok ? 0 : 1);
