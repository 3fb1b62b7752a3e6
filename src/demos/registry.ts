/**
 * Every tag authors write in MDX, where its `.astro` file lives and its props schema. Each
 * demo is one folder here (`src/demos/<demo>/`: the tag, `props.ts`, the island, its logic
 * and stylesheet); the authoring tags that are not demos live in `src/components/`. The
 * build-time check (`integrations/demoCheck.ts`) reads this registry to name the MDX file
 * and line of a bad prop, and the guide test (tests/build/authoring-guide.test.ts) fails
 * when a folder's tag is missing here or from the authors' guide.
 */
import * as components from '../components/props';
import { checkProps } from '../lib/demoProps';
import { props as codigo } from './code-runner/props';
import { props as connectionInspector } from './connection-inspector/props';
import { props as eventProtocol } from './event-protocol/props';
import { props as handshake } from './handshake/props';
import { props as httpStatus } from './http-status/props';
import { props as pageLoad } from './page-load/props';
import { props as pollingVsPush } from './polling-vs-push/props';
import { props as presence } from './presence/props';
import { props as push } from './push/props';
import { props as autoevaluacion } from './self-check/props';
import { props as syncAsync } from './sync-async/props';

/** Each tag by name: its folder (from the project root; the file is `<folder>/<Tag>.astro`) and schema. */
export const demoTags = {
  ConMasPrecision: { folder: 'src/components', props: components.conMasPrecision },
  PageLoadSteps: { folder: 'src/components', props: components.pageLoadSteps },
  Progreso: { folder: 'src/components', props: components.progreso },
  Autoevaluacion: { folder: 'src/demos/self-check', props: autoevaluacion },
  Codigo: { folder: 'src/demos/code-runner', props: codigo },
  ConnectionInspector: { folder: 'src/demos/connection-inspector', props: connectionInspector },
  EventProtocolDemo: { folder: 'src/demos/event-protocol', props: eventProtocol },
  HandshakeDemo: { folder: 'src/demos/handshake', props: handshake },
  HttpStatusDemo: { folder: 'src/demos/http-status', props: httpStatus },
  PageLoadDemo: { folder: 'src/demos/page-load', props: pageLoad },
  PollingVsPushDemo: { folder: 'src/demos/polling-vs-push', props: pollingVsPush },
  PresenceBadge: { folder: 'src/demos/presence', props: presence },
  PushDemo: { folder: 'src/demos/push', props: push },
  SyncAsyncDemo: { folder: 'src/demos/sync-async', props: syncAsync },
} as const;

export type DemoTag = keyof typeof demoTags;

export function isDemoTag(name: string): name is DemoTag {
  return Object.hasOwn(demoTags, name);
}

/** The tag's `.astro` file, from the project root, e.g. `src/demos/push/PushDemo.astro`. */
export function demoTagFile(tag: DemoTag): string {
  return `${demoTags[tag].folder}/${tag}.astro`;
}

/** Validates a tag's props by name; returns the problems, or the parsed props. */
export function checkDemoProps(tag: DemoTag, props: Record<string, unknown>) {
  return checkProps(tag, demoTags[tag].props, props);
}
