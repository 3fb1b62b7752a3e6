/** What the print pieces share: the address a printed page points readers to. */
export function pageAddress(pathname: string, site: URL | undefined): string {
  return site ? new URL(pathname, site).href : pathname;
}

export { cssString } from '../../scripts/cssString';

export const COURSE_PATH = 'curso-completo/';
