/**
 * Vietnamese text: clean-up of what Word, browsers and keyboards deliver, and
 * the keys under which two spellings of the same words compare equal.
 * Framework-free: the site, the admin bundle and the scripts all use it.
 */

/**
 * Characters that show nothing yet change or hide text ("Trojan Source", a name
 * that looks the same but does not match), each with the name the validator
 * reports. Control characters are handled apart: they are not text at all.
 */
export const INVISIBLE_CHARACTERS: ReadonlyMap<number, string> = new Map([
  [0x00ad, 'gạch nối mềm (U+00AD)'],
  [0x034f, 'ký tự ẩn U+034F'],
  [0x061c, 'dấu chiều chữ Ả Rập (U+061C)'],
  [0x115f, 'ký tự trống Hangul (U+115F)'],
  [0x1160, 'ký tự trống Hangul (U+1160)'],
  [0x17b4, 'ký tự ẩn U+17B4'],
  [0x17b5, 'ký tự ẩn U+17B5'],
  [0x180e, 'ký tự ẩn U+180E'],
  [0x200b, 'ký tự rộng bằng không (U+200B)'],
  [0x200c, 'ký tự rộng bằng không (U+200C)'],
  [0x200d, 'ký tự rộng bằng không (U+200D)'],
  [0x200e, 'dấu chiều viết (U+200E)'],
  [0x200f, 'dấu chiều viết (U+200F)'],
  [0x2028, 'ký tự xuống dòng lạ (U+2028)'],
  [0x2029, 'ký tự xuống đoạn lạ (U+2029)'],
  [0x202a, 'ký tự đổi chiều viết (U+202A)'],
  [0x202b, 'ký tự đổi chiều viết (U+202B)'],
  [0x202c, 'ký tự đổi chiều viết (U+202C)'],
  [0x202d, 'ký tự đổi chiều viết (U+202D)'],
  [0x202e, 'ký tự đảo chiều viết (U+202E)'],
  [0x2060, 'ký tự nối ẩn (U+2060)'],
  [0x2061, 'ký tự ẩn U+2061'],
  [0x2062, 'ký tự ẩn U+2062'],
  [0x2063, 'ký tự ẩn U+2063'],
  [0x2064, 'ký tự ẩn U+2064'],
  [0x2066, 'ký tự cô lập chiều viết (U+2066)'],
  [0x2067, 'ký tự cô lập chiều viết (U+2067)'],
  [0x2068, 'ký tự cô lập chiều viết (U+2068)'],
  [0x2069, 'ký tự cô lập chiều viết (U+2069)'],
  [0x206a, 'ký tự định dạng ẩn U+206A'],
  [0x206b, 'ký tự định dạng ẩn U+206B'],
  [0x206c, 'ký tự định dạng ẩn U+206C'],
  [0x206d, 'ký tự định dạng ẩn U+206D'],
  [0x206e, 'ký tự định dạng ẩn U+206E'],
  [0x206f, 'ký tự định dạng ẩn U+206F'],
  [0x2800, 'ô chữ nổi trống (U+2800)'],
  [0x3164, 'ký tự trống Hangul (U+3164)'],
  [0xfeff, 'ký tự BOM (U+FEFF) giữa văn bản'],
  [0xffa0, 'ký tự trống Hangul (U+FFA0)'],
  [0xfff9, 'ký tự chú thích ẩn (U+FFF9)'],
  [0xfffa, 'ký tự chú thích ẩn (U+FFFA)'],
  [0xfffb, 'ký tự chú thích ẩn (U+FFFB)'],
]);

const LINE_SEPARATORS = /[\u2028\u2029]/g;
const INVISIBLE = new RegExp(
  `[${[...INVISIBLE_CHARACTERS.keys()]
    .filter((code) => code !== 0x2028 && code !== 0x2029)
    .map((code) => `\\u${code.toString(16).padStart(4, '0')}`)
    .join('')}]`,
  'g',
);
// No-break, fixed-width and ideographic spaces: Word uses them to hold words together.
const ODD_SPACES = /[\u00a0\u2000-\u200a\u202f\u205f\u3000]/g;

/**
 * NFC, invisible characters removed, odd spaces as plain spaces; nothing trimmed,
 * so that pieces of one paragraph (Markdown text nodes) can be cleaned one by one.
 */
export function cleanInline(text: string): string {
  return text
    .normalize('NFC')
    .replace(LINE_SEPARATORS, '\n')
    .replace(INVISIBLE, '')
    .replace(ODD_SPACES, ' ');
}

/** Clean text (see cleanInline) with plain line feeds, trimmed. */
export function normalizeText(text: string): string {
  return cleanInline(text).replace(/\r\n?/g, '\n').trim();
}

/** One line: normalised, inner whitespace collapsed. */
export function normalizeLine(text: string): string {
  return normalizeText(text).replace(/\s+/g, ' ');
}

const COMBINING_MARKS = /\p{M}+/gu;

/**
 * Lower case, no tone or vowel marks, `đ`/`Đ` → `d`, spaces collapsed:
 * "Đất  đai" → "dat dai". For comparing text typed with or without accents, and
 * for the copy of a page's text that lets search find "dat dai" (Pagefind folds
 * the marks itself but keeps `đ` as its own letter).
 */
export function fold(text: string): string {
  return text
    .normalize('NFD')
    .replace(COMBINING_MARKS, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * The folded words only: punctuation, dashes and quotes become single spaces
 * ("1. TÍNH MỚI:" → "1 tinh moi"), `%` stays. For matching headings, form
 * labels and names written by different people in Word.
 */
export function matchKey(text: string): string {
  return fold(normalizeLine(text))
    .replace(/[^a-z0-9%]+/g, ' ')
    .trim();
}

/** Folded words of a text, punctuation removed: the tokens of the duplicate-title index. */
export function foldedTokens(text: string): string[] {
  return fold(text)
    .split(/[^\p{L}\p{N}]+/u)
    .filter((token) => token.length > 0);
}

/**
 * Case, spacing and Unicode form set aside, accents kept: headers of a sheet
 * and people's names. "Lê Thị Hà" and "Lê Thị Hạ" are two people.
 */
export function nameKey(text: string): string {
  return text.normalize('NFC').toLocaleLowerCase('vi').replace(/\s+/g, ' ').trim();
}

/** Vietnamese alphabetical order (a ă â b c d đ …), numbers by value: "Xã 2" before "Xã 10". */
export const viCollator = new Intl.Collator('vi', { numeric: true });

export function sortByName<T>(items: readonly T[], nameOf: (item: T) => string): T[] {
  return [...items].sort((a, b) => viCollator.compare(nameOf(a), nameOf(b)));
}

const isHighSurrogate = (code: number) => code >= 0xd800 && code <= 0xdbff;

/**
 * `value` in at most `max` UTF-16 code units (what zod's `.max()` and GitHub's limits count),
 * ending with "…" when cut. The cut backs off a split surrogate pair, and a lone surrogate
 * already in the text becomes U+FFFD: a half of an emoji would make the body GitHub receives
 * invalid UTF-16, which it stores as garbage or refuses.
 */
export function clipText(value: string, max: number): string {
  const whole = value.toWellFormed();
  if (whole.length <= max) return whole;
  let end = Math.max(max - 1, 0);
  if (end > 0 && isHighSurrogate(whole.charCodeAt(end - 1))) end -= 1;
  return `${whole.slice(0, end)}…`;
}
