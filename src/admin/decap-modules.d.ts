// Decap's backend, widget and locale packages ship no type declarations.
declare module 'decap-cms-locales' {
  type LocalePhrases = { [key: string]: string | LocalePhrases };
  export const vi: LocalePhrases;
  export const en: LocalePhrases;
}
declare module 'decap-cms-backend-github' {
  export const GitHubBackend: unknown;
}
declare module 'decap-cms-backend-proxy' {
  export const ProxyBackend: unknown;
}
declare module 'decap-cms-widget-*' {
  const widget: {
    Widget(options?: { name: string; controlComponent?: unknown }): unknown;
    controlComponent: unknown;
    previewComponent: unknown;
  };
  export default widget;
}
