/** A CSS string literal, so an address can be a custom property's value. */
export function cssString(value: string): string {
  return JSON.stringify(value).replace(/</g, '\\3C ');
}
