// @ts-check
/**
 * Parses mermaid diagrams in a worker thread. mermaid's parser sanitises labels with
 * DOMPurify, which needs a `window`; a happy-dom window is installed as a global here, in
 * the worker's own realm, so the Astro process that started the check never sees a fake DOM.
 *
 * In: `workerData.diagrams`, a list of diagram texts. Out: one message, a list with, for
 * each diagram, `null` when it parses or mermaid's error message when it does not.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { Window } from 'happy-dom';

const window = new Window();
Object.assign(globalThis, { window, document: window.document });

const { default: mermaid } = await import('mermaid');
mermaid.initialize({ startOnLoad: false });

/** @type {string[]} */
const diagrams = workerData.diagrams;
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
parentPort?.postMessage(results);
await window.happyDOM.close();
