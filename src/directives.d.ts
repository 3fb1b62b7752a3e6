// The project's own client directive, so `client:reader` type-checks in .astro files.
declare module 'astro' {
  interface AstroClientDirectives {
    'client:reader'?: boolean;
  }
}

export {};
