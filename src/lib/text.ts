import slugifyLib from '@sindresorhus/slugify';

/**
 * Vietnamese text without tone and vowel marks, `đ` → `d`, lower case.
 * Pagefind folds the marks itself but keeps `đ` as its own letter, so pages
 * carry a folded copy of their key text to be found by "dat dai" as by "đất đai".
 */
export function foldVietnamese(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{Mn}/gu, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .normalize('NFC')
    .toLocaleLowerCase('vi');
}

/** ASCII slug of a Vietnamese text, as used in URLs and file names. */
export function slugify(text: string): string {
  return slugifyLib(text, {
    customReplacements: [
      ['đ', 'd'],
      ['Đ', 'D'],
    ],
  });
}
