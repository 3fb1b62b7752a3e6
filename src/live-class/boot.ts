/**
 * On every page: if this browser joined a class (or the address carries `?clase=`), load the
 * class bar; otherwise do nothing more. The bar, Preact and the protocol come in a chunk of
 * their own, so a reader who never joined a class pays only for this file.
 */
import { classForPage } from './membership';

// The teacher's console reads `?clase=` itself and shows the class its own way.
const off = document.querySelector('[data-class-bar="off"]') !== null;
const code = off
  ? null
  : classForPage(window.location, (search) => {
      const { pathname, hash } = window.location;
      history.replaceState(history.state, '', `${pathname}${search}${hash}`);
    });
if (code) void import('./mountBar').then(({ mountBar }) => mountBar(code));
