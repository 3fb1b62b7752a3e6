/**
 * The push demo's framework-free logic: merging notifications by seq, labels in Spanish,
 * and when to raise a real browser notification.
 */
import type { Notification } from '../../../party/wire/serverMessages';
import type { Level } from '../../../party/wire/vocabulary';

/** How many notifications the demo shows. */
export const FEED_SIZE = 50;

/** Adds notifications to a newest-first list, once each, keeping the newest `FEED_SIZE`. */
export function mergeFeed(feed: readonly Notification[], incoming: readonly Notification[]): Notification[] {
  const bySeq = new Map(feed.map((n) => [n.seq, n]));
  for (const n of incoming) bySeq.set(n.seq, n);
  return [...bySeq.values()].sort((a, b) => b.seq - a.seq).slice(0, FEED_SIZE);
}

export const LEVEL_LABEL: Record<Level, string> = {
  info: 'Información',
  warning: 'Aviso',
  urgent: 'Urgente',
};

export function formatTime(at: number): string {
  return new Date(at).toLocaleTimeString('es', { hour: '2-digit', minute: '2-digit', second: '2-digit' });
}

/** The sentence a screen reader hears when a notification arrives. */
export function announcement(n: Notification): string {
  return `Nueva notificación, ${LEVEL_LABEL[n.level].toLowerCase()}: ${n.text}`;
}

/** A browser notification only makes sense when the reader is looking elsewhere. */
export function shouldNotify(permission: string, hidden: boolean): boolean {
  return permission === 'granted' && hidden;
}
