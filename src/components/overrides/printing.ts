/** What the print pieces share: the address a printed page points readers to. */
export function pageAddress(pathname: string, site: URL | undefined, current: URL): string {
  return new URL(pathname, site ?? current).href;
}

/** A CSS string literal, so an address can be a custom property's value. */
export function cssString(value: string): string {
  return JSON.stringify(value).replace(/</g, '\\3C ');
}

export const COURSE_PATH = 'curso-completo/';
