/**
 * The service worker exists only in production builds: under `astro dev` (`npm start`) no
 * page registers one, so an author always sees the lesson just saved.
 */
import type { AstroIntegration } from 'astro';
import { describe, expect, it, vi } from 'vitest';
import offline, { SW_FILE } from '../../integrations/offline';

type Setup = NonNullable<AstroIntegration['hooks']['astro:config:setup']>;

function injectedFor(command: 'dev' | 'build' | 'preview'): string[] {
  const injectScript = vi.fn();
  const setup = offline().hooks['astro:config:setup'] as Setup;
  void setup({ command, injectScript } as unknown as Parameters<Setup>[0]);
  return injectScript.mock.calls.map(([stage, code]) => `${String(stage)}: ${String(code)}`);
}

describe('offline(): the service worker only in production builds', () => {
  it('registers nothing under astro dev', () => {
    expect(injectedFor('dev')).toEqual([]);
  });

  it('registers the generated worker on every page of a build', () => {
    const [script, ...rest] = injectedFor('build');
    expect(rest).toEqual([]);
    expect(script).toMatch(/^page: /);
    expect(script).toContain(`navigator.serviceWorker.register(base + ${JSON.stringify(SW_FILE)}`);
  });
});
