/**
 * The one page-load story the course tells, in order: cache, DNS, TCP, TLS, request, status,
 * HTML, then the other resources in parallel as the HTML reveals them. Lessons 01 and 02 show
 * it beside their seeds' steps (`<PageLoadSteps />`) and the page-load demo names its bars
 * after it, so the lessons and the demo cannot tell two different stories.
 *
 * The words live in `steps.json` (plain data); this module types them and checks that they
 * tell the steps in the order below. The build, the island and the tests all import it.
 */

import steps from './steps.json';

/** The steps' keys, in the story's order (the demo's bars, its `pasos` prop). */
export const PAGE_LOAD_KEYS = [
  'cache',
  'dns',
  'conexion',
  'tls',
  'peticion',
  'respuesta',
  'pagina',
  'recursos',
] as const;

/** A primary source, named for a reader and linked. */
export interface SourceLink {
  label: string;
  href: string;
}

export interface PageLoadStep {
  key: (typeof PAGE_LOAD_KEYS)[number];
  /** Short name, as the demo labels its bar. */
  label: string;
  /** One or two Spanish sentences: what happens in this step. */
  text: string;
  source: SourceLink;
}

// The JSON cannot be typed by its keys, so it is checked against them once, where it loads.
if (steps.map((step) => step.key).join() !== PAGE_LOAD_KEYS.join()) {
  throw new Error(
    `src/demos/page-load/steps.json: the steps must be ${PAGE_LOAD_KEYS.join(', ')}, in that order`,
  );
}

export const PAGE_LOAD_STEPS = steps as readonly PageLoadStep[];
