/**
 * ASCII slugs of Vietnamese text, for URLs, identifiers and entry folders.
 * Framework-free: the admin bundle builds its folder template from here.
 */
import slugifyLib from '@sindresorhus/slugify';

/** The schema's identifier limit (`slugId`): a folder name never exceeds it. */
export const SLUG_MAX_LENGTH = 80;

/**
 * A title longer than `FOLDER_TITLE_LIMIT + 3` characters keeps its first
 * `FOLDER_TITLE_LIMIT` before it becomes a folder name. This is the rule Decap's
 * `truncate(n)` filter applies in the admin (it adds "...", which the slug
 * drops), so a title gives the same folder whether it arrives through the CMS
 * or a Word file; 77 + 3 keeps every title of up to 80 characters whole.
 */
export const FOLDER_TITLE_LIMIT = 77;

/**
 * `đ` → `d`, marks dropped, lower case, words joined by hyphens:
 * "Xã Đức Phú" → "xa-duc-phu". As in Decap's slugs, camel case is not split,
 * `&` is not spelled out and an apostrophe joins: "VNeID & Zalo" → "vneid-zalo".
 */
export function slugify(text: string): string {
  return slugifyLib(text.normalize('NFC'), {
    decamelize: false,
    customReplacements: [
      // Pinned: the transliteration tables also know đ as Serbian "dj".
      ['đ', 'd'],
      ['Đ', 'D'],
      ['&', ' '],
      ["'", ''],
    ],
  });
}

/** Folder name of a new entry made from its title, within the schema's 80 characters. */
export function folderName(title: string): string {
  // Decap counts characters, not UTF-16 units; NFC Vietnamese has one per letter.
  const characters = Array.from(title.normalize('NFC'));
  const kept =
    characters.length > FOLDER_TITLE_LIMIT + 3
      ? characters.slice(0, FOLDER_TITLE_LIMIT).join('')
      : title;
  const slug = slugify(kept);
  if (slug.length <= SLUG_MAX_LENGTH) return slug;
  // Only letters that spell out longer ("ß" → "ss", "æ" → "ae") bring a slug here.
  const hyphen = slug.lastIndexOf('-', SLUG_MAX_LENGTH);
  return slug.slice(0, hyphen > 0 ? hyphen : SLUG_MAX_LENGTH).replace(/-+$/, '');
}
