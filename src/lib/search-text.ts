/**
 * Search text: how the index and the query spell `đ`.
 *
 * Pagefind folds tone and vowel marks itself (it indexes "đất" under "đat" and finds it with
 * "dat" or "đất" alike), but `đ` is a letter of its own, not `d` with a mark, so "dat" never found
 * "đất". A folded duplicate of every page would double the index; instead the text given to the
 * indexer writes `đ` as `d` + U+0335 (combining short stroke overlay, a mark that renders much like
 * `đ`). Pagefind keeps U+0335 inside words (`--include-characters`) and folds it away with the
 * other marks, so the index key of "đất" becomes "dat": one index, every word findable with or
 * without diacritics, and Pagefind's own excerpts and highlights stay on the real words. The
 * query is written the same way; what Pagefind returns (title, excerpt, meta) is written back
 * with `đ` before it is shown. Framework-free: the build script and the search page share it.
 * The pages served are never changed: only the copy the indexer reads.
 */

/** The mark written after `d`/`D` in place of `đ`/`Đ`. */
export const STROKE = '\u0335';

/** "Đất đai" → "D̵ất d̵ai". NFC first: a query typed with decomposed marks reads like the pages. */
export function strokeD(text: string): string {
  return text.normalize('NFC').replace(/đ/g, `d${STROKE}`).replace(/Đ/g, `D${STROKE}`);
}

/** The inverse of strokeD: "D̵ất d̵ai" → "Đất đai". */
export function unstrokeD(text: string): string {
  return text.replace(/d\u0335/g, 'đ').replace(/D\u0335/g, 'Đ');
}

/**
 * Page text as the indexer should read it: strokeD, and a dash (–, —) glued between two words
 * gets a space on each side. Pagefind splits a word at ASCII punctuation only, so "2021–2025"
 * would be one word and "2025" would not find it; in Pagefind's excerpts the range then reads
 * "2021 – 2025".
 */
export function indexableText(text: string): string {
  const stroked = strokeD(text);
  // The look-behind scans every character: most text has no dash at all (a third of the
  // indexing time of a 10,000-page site went here).
  return DASH.test(stroked)
    ? stroked.replace(/(?<=[\p{L}\p{N}\p{M}])([–—])(?=[\p{L}\p{N}])/gu, ' $1 ')
    : stroked;
}

const DASH = /[–—]/;

/**
 * A built page as the indexer should read it: indexableText on the text between tags. Tags and
 * attribute values (filters, URLs) are left as they are; the pages indexed carry no inline
 * script or style (the site's Content-Security-Policy forbids them), so every run of text
 * between two tags is page text or an HTML entity.
 */
export function indexableHtml(html: string): string {
  return html
    .split(/(<[^>]*>)/)
    .map((part) => (part.startsWith('<') ? part : indexableText(part)))
    .join('');
}

/**
 * What the search box sends to Pagefind: one line, NFC, `đ` written as the index writes it.
 * Tone and vowel marks are kept: Pagefind matches without them but ranks a page that has the
 * very spelling typed a little higher. The page set is the same for "đất đai" and "dat dai".
 */
export function searchQuery(input: string): string {
  return strokeD(input.replace(/\s+/g, ' ').trim());
}
