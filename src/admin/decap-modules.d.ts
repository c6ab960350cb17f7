// decap-cms-locales ships no type declarations.
declare module 'decap-cms-locales' {
  type LocalePhrases = { [key: string]: string | LocalePhrases };
  export const vi: LocalePhrases;
  export const en: LocalePhrases;
}
