// @ts-check
/**
 * Parses mermaid diagrams in a child process. mermaid's parser sanitises labels with
 * DOMPurify, which needs a `window`; a happy-dom window is installed as a global here, in
 * a process of its own, so the Astro process that started the check never sees a fake DOM.
 *
 * In: one IPC message, a list of diagram texts. Out: one IPC message, a list with, for
 * each diagram, `null` when it parses or mermaid's error message when it does not.
 */
import { Window } from 'happy-dom';

const window = new Window();
Object.assign(globalThis, { window, document: window.document });

const { default: mermaid } = await import('mermaid');
mermaid.initialize({ startOnLoad: false });

/** @type {string[]} */
const diagrams = await new Promise((resolve) => process.once('message', resolve));
/** @type {(string | null)[]} */
const results = [];
for (const text of diagrams) {
  try {
    await mermaid.parse(text);
    results.push(null);
  } catch (error) {
    results.push(error instanceof Error ? error.message : String(error));
  }
}
await window.happyDOM.close();
// Started by `fork`, so the IPC channel is there; disconnecting lets the process end.
process.send?.(results, () => process.disconnect?.());
