// Decap's own slug code, loaded by the tests from its ES module build, which ships no types.
declare module 'decap-cms-lib-widgets/dist/esm/stringTemplate.js' {
  export function compileStringTemplate(
    template: string,
    date: Date | null,
    identifier: string,
    data: unknown,
    processor: (value: string) => string,
  ): string;
}
declare module 'decap-cms-core/dist/esm/lib/urlHelper.js' {
  export function sanitizeSlug(
    text: string,
    options: { encoding: string; clean_accents: boolean; sanitize_replacement: string },
  ): string;
}
