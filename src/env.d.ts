interface ImportMetaEnv {
  /** Host of the deployed room (e.g. `cliente-servidor.usuario.partykit.dev`); empty means the page's own origin. */
  readonly PUBLIC_PARTYKIT_HOST?: string;
}
