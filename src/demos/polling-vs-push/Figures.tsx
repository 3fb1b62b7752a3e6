/** One panel's figures in the polling-versus-push demo: delays, requests, frames and bytes. */
import { formatBytes } from '../../lib/format';
import { formatDelay, type PanelStats, type summarize } from './stats';

export function Figures({
  stats,
  summary,
  kind,
}: {
  stats: PanelStats;
  summary: ReturnType<typeof summarize>;
  kind: 'poll' | 'push';
}) {
  return (
    <dl class="pvp-figures">
      <dt>Tardó en enterarse</dt>
      <dd data-testid={`pvp-${kind}-delay`} data-value={summary ? Math.round(summary.last) : ''}>
        {summary
          ? `${formatDelay(summary.last)} la última · media ${formatDelay(summary.mean)} (${String(summary.count)})`
          : '—'}
      </dd>
      <dt>Peticiones HTTP</dt>
      <dd data-testid={`pvp-${kind}-requests`} data-value={stats.requests}>
        {stats.requests}
        {kind === 'push' && ' (el handshake)'}
      </dd>
      <dt>Sin nada nuevo</dt>
      <dd data-testid={`pvp-${kind}-empty`} data-value={stats.empty}>
        {kind === 'poll' ? stats.empty : '0: no pregunta, la sala avisa'}
      </dd>
      {kind === 'push' && (
        <>
          <dt>Tramas</dt>
          <dd data-testid="pvp-push-frames">{stats.frames} (incluye el latido ping/pong cada 25 s)</dd>
        </>
      )}
      <dt>Enviados / recibidos</dt>
      <dd>
        ≈ {formatBytes(stats.bytesSent)} / ≈ {formatBytes(stats.bytesReceived)}
      </dd>
    </dl>
  );
}
