/**
 * Prefixes a root-relative URL (`/lecciones/…`) with the site's base path (`/curso/`).
 * Anything else is returned as is: external and protocol-relative URLs, fragments,
 * relative paths, and URLs that already start with the base, so it is safe to apply twice.
 */
export function withBase(url: string, base: string): string {
  const prefix = base.replace(/\/+$/, '');
  if (!prefix || !url.startsWith('/') || url.startsWith('//')) return url;
  if (
    url === prefix ||
    url.startsWith(`${prefix}/`) ||
    url.startsWith(`${prefix}#`) ||
    url.startsWith(`${prefix}?`)
  )
    return url;
  return `${prefix}${url}`;
}
