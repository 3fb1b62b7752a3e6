/**
 * The environment `npm run build` would see, for builds started from inside Vitest.
 * Vitest sets `DEV`, `PROD`, `MODE`, `NODE_ENV=test`… in its workers so tests see an
 * `import.meta.env`; a child `astro build` would take them as its own and build a
 * development flavour of the site (Starlight leaves search out, ignores `BASE_PATH`).
 */
export function productionBuildEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const clean: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (/^(BASE_URL|MODE|DEV|PROD|SSR|TEST|VITEST.*)$/.test(key)) continue;
    clean[key] = value;
  }
  return {
    ...clean,
    NODE_ENV: 'production',
    ASTRO_TELEMETRY_DISABLED: '1',
    NO_COLOR: '1',
    FORCE_COLOR: '0',
    PUBLIC_PARTYKIT_HOST: '',
    BASE_PATH: '',
    SITE_URL: '',
    ...extra,
  };
}
