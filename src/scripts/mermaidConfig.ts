/**
 * The mermaid settings both renderers share: the project's lazy one (MDX pages) and
 * astro-mermaid's (plain `.md` pages). `strict` is mermaid's default today; pinning it
 * means a future default, or a diagram's own `%%{init}%%`, cannot turn on HTML labels
 * and click handlers that would run an author's markup as code.
 */
export const MERMAID_CONFIG = { startOnLoad: false, securityLevel: 'strict' } as const;
