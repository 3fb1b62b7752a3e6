/**
 * Puts the class bar on this page, loaded by `boot.ts` only for a reader who joined a class.
 * «Salir de la clase» forgets the class, unmounts the bar, and so closes the page's socket
 * to the class room (the registry closes it with its last subscriber). Its styles come
 * with it, so a page whose reader never joined a class loads neither.
 */
import { h, render } from 'preact';
import ClassBar from './ClassBar';
// Inlined into this chunk: a stylesheet import would put a <link> on every page.
import styles from './live-class.css?inline';
import { leaveClass } from './membership';

export function mountBar(sala: string): void {
  const sheet = document.createElement('style');
  sheet.textContent = styles;
  document.head.append(sheet);
  const host = document.createElement('div');
  host.dataset['classBar'] = sala;
  document.body.append(host);
  const leave = () => {
    leaveClass();
    render(null, host);
    host.remove();
    sheet.remove();
  };
  render(h(ClassBar, { sala, onLeave: leave }), host);
}
