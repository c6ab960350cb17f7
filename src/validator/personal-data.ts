/**
 * No personal contact or identity data in public entries: e-mail addresses,
 * Vietnamese phone numbers, 12-digit citizen identity (CCCD) and 9-digit
 * identity card (CMND) numbers.
 *
 * The rule reads what a reader sees, not the source: YAML values as parsed (a
 * `"\u0030912…"` escape is the digit it stands for), the body's text after
 * Markdown decoding (`&#48;912…`, `0912**345**678`; see markdown.ts), and
 * full-width or other compatibility digits folded to ASCII (NFKC). Numbers are
 * recognised the ways people write them: groups separated by spaces, dots or
 * dashes, an area code in parentheses, a +84 prefix.
 *
 * Document numbers ("2992/KH-UBND", "13/2012/NĐ-CP"), dates, years and amounts
 * ("12.345.000 đồng") are not matched: a number touching "/" or a letter is part
 * of something else, an amount does not start with 0, and money is followed by
 * its unit.
 */

import { error, formatFieldPath, type Problem } from '../model/problems.ts';
import type { ParsedYaml } from '../model/read.ts';
import type { MarkdownFacts, VisibleText } from './markdown.ts';

/**
 * Characters that NFKC folds into digits, "@", "+", "(", "." or a space: full-width
 * forms and kin; mathematical digits (U+1D7CE–1D7FF) are the surrogate pairs led by
 * U+D835.
 */
const COMPATIBILITY =
  /[\u00a0\u00b2\u00b3\u00b9\u2000-\u200a\u2024\u2070-\u209f\u2460-\u24ff\u3000\ufe50-\ufe6f\uff00-\uffef\ud835]/;

/** Separators between the groups of a number: "0912 345 678", "0912.345.678", "0912 - 345 - 678". */
const DASHES = '\\-\\u2010-\\u2015\\u2212';
const SEPARATOR = `(?:\\s{1,3}(?:[.${DASHES}]\\s{0,3})?|[.${DASHES}]\\s{0,3}|(?<=\\)))`;
const GROUP = '\\(?\\+?\\d+\\)?';
const NUMBER_RUN = new RegExp(`${GROUP}(?:${SEPARATOR}${GROUP})*`, 'g');
const DIGITS = /(\+?)(\d+)/g;

// An "@" may start the next line: "lan.nguyen\" then "@gmail.com" shows as one address wrapped.
const EMAIL_AT =
  '(?:[ \\t]*\\n[ \\t]*@\\s*|@\\s*|\\s+@\\s+|\\s*[([{]\\s*(?:@|at|a)\\s*[)\\]}]\\s*)';
const EMAIL_DOT = '(?:\\.|\\s*[([{]\\s*(?:\\.|dot|chấm)\\s*[)\\]}]\\s*)';
/**
 * An address, plain or written to fool a scraper: "lan @ x.vn", "lan[at]x.vn", "lan(a)x(dot)vn".
 * The local part starts where its run of characters starts: tried from every letter of a long
 * run ("a.a.a.…@b", or "(a)" before a long "x.x.x…"), the search took time growing with the
 * square of the run, minutes for one line. Any address found inside a run is found from its start.
 */
const EMAIL = new RegExp(
  `(?<![\\p{L}\\p{N}._%+-])[\\p{L}\\p{N}._%+-]+${EMAIL_AT}[\\p{L}\\p{N}-]+(?:${EMAIL_DOT}[\\p{L}\\p{N}-]+)*${EMAIL_DOT}\\p{L}{2,}`,
  'iu',
);

/** Mobile (03, 05, 07, 08, 09 + 8 digits) or landline (02x area code, 11 digits), without the 0. */
const NATIONAL = /^(?:[35789]\d{8}|2\d{9})$/;
/** What follows an amount of money: such a number is not an identity number. */
const MONEY_AFTER = /^\s*(?:đồng|đ|vnđ|vnd|usd|triệu|tỷ|nghìn|ngàn)(?!\p{L})/iu;
const GLUED = /[\p{L}\p{N}/_]/u;

const PERSONAL_KEYS =
  /^(?:e-?mail|thu-?dien-?tu|phone|tel|telephone|mobile|so-?dien-?thoai|sdt|dien-?thoai|cccd|cmnd|id-?number|identity|national-?id|so-?dinh-?danh|address|dia-?chi|birth-?date|date-?of-?birth|ngay-?sinh)$/i;

/** A bracketed "at" of an e-mail written to fool a scraper: "(a)", "[at]". */
const BRACKET_AT = /[([{]\s*at?\s*[)\]}]/i;
/** Nine digits with separators (and folded line breaks) between them. */
const NINE_DIGITS = new RegExp(`\\d(?:[\\s.()+${DASHES}]*\\d){8}`);
const MAYBE_KEY =
  /mail|thu[-_]?dien|phone|tel|mobile|thoai|sdt|cccd|cmnd|id[-_]?number|identity|national|dinh[-_]?danh|address|dia[-_]?chi|birth|ngay[-_]?sinh/i;

/**
 * Whether any scalar of a YAML text could hold personal data: a value needs an "@"
 * (or a bracketed "at"), nine digits or a compatibility character that folds into
 * one; a key one of the words of PERSONAL_KEYS; an escape could write either. When
 * this says no, the scalars need not be built at all. One test per kind, cheapest
 * first: a single expression with every alternative is several times slower.
 */
export function mayHoldPersonalData(source: string): boolean {
  return (
    /[@\\]/.test(source) ||
    NINE_DIGITS.test(source) ||
    /sinh/i.test(source) ||
    MAYBE_KEY.test(source) ||
    BRACKET_AT.test(source) ||
    COMPATIBILITY.test(source)
  );
}

/** The same for a body's source, where digits alone are enough to look further. */
function bodyMayHoldPersonalData(body: string): boolean {
  return /[@\d]/.test(body) || BRACKET_AT.test(body) || COMPATIBILITY.test(body);
}

function atLeastNineDigits(text: string): boolean {
  let count = 0;
  for (let index = 0; index < text.length; index += 1) {
    const code = text.charCodeAt(index);
    if (code >= 48 && code <= 57 && ++count >= 9) return true;
  }
  return false;
}

interface Group {
  plus: boolean;
  digits: string;
  /** Offset of the group in the run. */
  start: number;
  end: number;
}

/**
 * Whether a window of groups is a phone number: +84/84/0 then a mobile or landline number.
 * `announced`: a word such as "điện thoại" or "liên hệ" stands just before it, so any grouping
 * ("0912 34 56 78", "09 12 34 56 78") is a phone number, not a list of small numbers.
 */
function isPhone(groups: readonly Group[], digits: string, announced = false): boolean {
  let national: string;
  let first = 0;
  if (groups[0]?.plus || digits.startsWith('0084')) {
    const rest = digits.startsWith('0084') ? digits.slice(4) : digits.slice(2);
    if (!digits.startsWith('84') && !digits.startsWith('0084')) return false;
    // "+84 (0) 912 345 678": the trunk 0 is sometimes kept after the country code.
    national = rest.startsWith('0') ? rest.slice(1) : rest;
    first = groups[0]?.digits === '84' || groups[0]?.digits === '0084' ? 1 : 0;
  } else if (digits.startsWith('84') && digits.length >= 11) {
    national = digits.slice(2);
    first = groups[0]?.digits === '84' ? 1 : 0;
  } else if (digits.startsWith('0')) {
    national = digits.slice(1);
  } else {
    return false;
  }
  if (!NATIONAL.test(national)) return false;
  if (announced) return true;
  // "05 06 07 08 09" is a list of small numbers, not a phone number.
  const short = groups.slice(first).filter((group) => group.digits.length <= 2).length;
  return short <= 2;
}

/**
 * Whether a window of groups is an identity number: 9 or 12 digits, or a CCCD in groups; a
 * CMND as 3-3-3 after "CMND", "chứng minh"…; a CCCD wrapped onto the next line anywhere.
 */
function isIdentity(
  groups: readonly Group[],
  digits: string,
  facts: { announced: boolean; wrapped: boolean },
): boolean {
  if (groups.length === 1) return digits.length === 9 || digits.length === 12;
  if (facts.announced && digits.length === 9 && groups.every((group) => group.digits.length === 3))
    return true;
  if (facts.wrapped && digits.length === 12 && digits.startsWith('0')) return true;
  // A CCCD starts with its province code 001–096: "052 190 001 234", "0521 9000 1234".
  if (digits.length !== 12 || !digits.startsWith('0') || groups.some((group) => group.plus))
    return false;
  const sizes = groups.map((group) => group.digits.length).join('-');
  return sizes === '3-3-3-3' || sizes === '4-4-4';
}

/**
 * Phone and identity numbers in a text, at most one per run of digit groups: each run, and each
 * window of consecutive groups in it split at spaces ("0912 345 678 - 2024" holds a phone).
 */
function* numbersIn(text: string): Generator<{ what: string; index: number }> {
  runs: for (const match of text.matchAll(NUMBER_RUN)) {
    const run = match[0];
    const at = match.index;
    const groups: Group[] = [];
    for (const part of run.matchAll(DIGITS)) {
      const start = part.index;
      groups.push({
        plus: part[1] === '+',
        digits: part[2] as string,
        start,
        end: start + part[0].length,
      });
    }
    const digitsInRun = groups.reduce((sum, group) => sum + group.digits.length, 0);
    if (digitsInRun < 9) continue;
    // Glued to a word, a code or a fraction on either side: "2992/KH", "H08-240820", "0,5".
    const before = text[at - 1] ?? '';
    const beforeThat = text[at - 2] ?? '';
    // A web address's segment ("zalo.me/0912345678") is a phone number all the same, shown as
    // is by an autolink; after a slash that follows a digit, a number is a fraction or a date.
    const segment = before === '/' && !/\p{N}/u.test(beforeThat);
    const gluedBefore =
      (GLUED.test(before) && !segment) ||
      (/[.,-]/.test(before) && /[\p{L}\p{N}]/u.test(beforeThat));
    const after = text[at + run.length] ?? '';
    const afterThat = text[at + run.length + 1] ?? '';
    const gluedAfter =
      GLUED.test(after) || (/[.,-]/.test(after) && /[\p{L}\p{N}]/u.test(afterThat));
    const moneyAfter = MONEY_AFTER.test(text.slice(at + run.length, at + run.length + 8));
    for (let first = 0; first < groups.length; first += 1) {
      if (
        first === 0
          ? gluedBefore
          : !/\s/.test(run.slice(groups[first - 1]?.end, groups[first]?.start))
      )
        continue;
      let digits = '';
      for (let last = first; last < groups.length; last += 1) {
        const group = groups[last] as Group;
        digits += group.digits;
        if (digits.length > 13) break;
        if (digits.length < 9) continue;
        const isLast = last === groups.length - 1;
        if (isLast ? gluedAfter : !/\s/.test(run.slice(group.end, groups[last + 1]?.start)))
          continue;
        if (isLast && moneyAfter) continue;
        const window = groups.slice(first, last + 1);
        const index = at + (groups[first] as Group).start;
        const lead = text.slice(Math.max(0, index - 40), index);
        const wrapped = window.every(
          (group, offset) =>
            offset === 0 || LINE_WRAP.test(run.slice(window[offset - 1]?.end, group.start)),
        );
        if (isPhone(window, digits, PHONE_WORDS.test(lead))) {
          yield { what: PHONE, index };
          continue runs;
        }
        // An address's numeric segment is more often a page or group id than an identity number.
        if (first === 0 && segment) continue;
        if (isIdentity(window, digits, { announced: ID_WORDS.test(lead), wrapped })) {
          yield { what: IDENTITY, index };
          continue runs;
        }
      }
    }
  }
}

/** Words that announce a phone number, just before it. */
const PHONE_WORDS =
  /(?:điện\s*thoại|đt|sđt|sdt|gọi|liên\s*hệ|hotline|di\s*động|zalo|số\s*máy)[^\p{L}\p{N}\n]{0,6}$/iu;
/** Words that announce an identity number, a few words before it. */
const ID_WORDS = /(?:cmnd|cccd|chứng\s*minh|căn\s*cước|định\s*danh)[^\n]{0,20}$/iu;
/** Groups of digits apart only because the line wraps between them. */
const LINE_WRAP = /^[ \t]*\n[ \t]*$/;
/**
 * A date of birth: a full date after "sinh ngày", "ngày sinh", "ngày, tháng, năm sinh"; a year
 * after "năm sinh"; "(sinh năm 1980)" after a name. "Trẻ sinh năm 2024" (a cohort) is no one's.
 */
const BIRTH_DATE = new RegExp(
  [
    '(?:sinh\\s+ngày|(?:ngày|ngày,?\\s*tháng,?\\s*năm)\\s+sinh)\\s*[:：]?\\s*(?:\\d{1,2}\\s*[/.-]\\s*\\d{1,2}\\s*[/.-]\\s*\\d{4}|\\d{1,2}\\s+tháng\\s+\\d{1,2},?\\s+năm\\s+\\d{4})',
    'năm\\s+sinh\\s*[:：]?\\s*\\d{4}',
    '\\(\\s*(?:sinh(?:\\s+năm)?|SN)\\s*[:：]?\\s*\\d{4}\\s*\\)',
  ].join('|'),
  'iu',
);

const EMAIL_KIND = 'địa chỉ thư điện tử';
const PHONE = 'số điện thoại';
const IDENTITY = 'số định danh cá nhân (CMND/CCCD)';
const BIRTH = 'ngày sinh';

function findNumber(text: string): { what: string; index: number } | undefined {
  for (const found of numbersIn(text)) return found;
  return undefined;
}

/** The first piece of personal data in a text, and the 0-based line of the text it is on. */
export function scanPersonalData(text: string): { what: string; line: number } | undefined {
  const visible = COMPATIBILITY.test(text) ? text.normalize('NFKC') : text;
  let found: { what: string; index: number } | undefined;
  if (visible.includes('@') || BRACKET_AT.test(visible)) {
    const email = EMAIL.exec(visible);
    if (email) found = { what: EMAIL_KIND, index: email.index };
  }
  if (!found && atLeastNineDigits(visible)) found = findNumber(visible);
  if (!found && /sinh/i.test(visible)) {
    const birth = BIRTH_DATE.exec(visible);
    if (birth) found = { what: BIRTH, index: birth.index };
  }
  if (!found) return undefined;
  let line = 0;
  for (
    let at = visible.indexOf('\n');
    at !== -1 && at < found.index;
    at = visible.indexOf('\n', at + 1)
  )
    line += 1;
  return { what: found.what, line };
}

export function findPersonalData(text: string): string | undefined {
  return scanPersonalData(text)?.what;
}

/**
 * Every kind of personal data in a text, each once, in a fixed order: an e-mail address hides
 * no phone number beside it, and the person removes all of them in one pass.
 */
export function personalDataKinds(text: string): string[] {
  if (!scanPersonalData(text)) return [];
  const visible = COMPATIBILITY.test(text) ? text.normalize('NFKC') : text;
  const kinds = new Set<string>();
  if ((visible.includes('@') || BRACKET_AT.test(visible)) && EMAIL.test(visible)) {
    kinds.add(EMAIL_KIND);
  }
  if (atLeastNineDigits(visible)) for (const found of numbersIn(visible)) kinds.add(found.what);
  if (/sinh/i.test(visible) && BIRTH_DATE.test(visible)) kinds.add(BIRTH);
  return [EMAIL_KIND, PHONE, IDENTITY, BIRTH].filter((kind) => kinds.has(kind));
}

function message(kinds: readonly string[]): string {
  const what =
    kinds.length === 1
      ? kinds[0]
      : `${kinds.slice(0, -1).join(', ')} và ${kinds[kinds.length - 1]}`;
  return `Có ${what}: không ghi thông tin liên lạc hoặc định danh cá nhân trong hồ sơ công khai.`;
}

/** Scan every scalar of a YAML file: keys by name, values as parsed (escapes decoded). */
export function checkYamlPersonalData(
  file: Pick<ParsedYaml, 'scalars' | 'lineOfOffset' | 'source'>,
): Problem[] {
  const problems: Problem[] = [];
  if (file.source !== undefined && !mayHoldPersonalData(file.source)) return problems;
  for (const scalar of file.scalars) {
    if (scalar.isKey) {
      if (PERSONAL_KEYS.test(scalar.text.replace(/_/g, '-'))) {
        problems.push(
          error(
            'personal-data.field',
            `Trường "${scalar.text}" là thông tin cá nhân, không được có trong hồ sơ.`,
            { line: file.lineOfOffset(scalar.offset), field: formatFieldPath(scalar.path) },
          ),
        );
      }
      continue;
    }
    const found = personalDataKinds(scalar.text);
    if (found.length > 0) {
      problems.push(
        error('personal-data.value', message(found), {
          line: file.lineOfOffset(scalar.offset),
          field: formatFieldPath(scalar.path),
        }),
      );
    }
  }
  return problems;
}

/** A plain inline link or image as the line scan accepts it: the reader sees its text. */
const INLINE_LINK = /!?\[([^[\]\n]*)\]\([^\s()<>"'[\]]+\)/g;

/**
 * The source of a body, paragraph by paragraph (a number may wrap onto the next line),
 * without the marks of emphasis, block quotes and plain links: what a reader sees of a
 * body that needed no parsing (no entity, escape, code or HTML; see markdown.ts).
 */
function sourceTexts(body: string): VisibleText[] {
  const texts: VisibleText[] = [];
  let lines: string[] = [];
  let start = 1;
  body.split('\n').forEach((lineText, index) => {
    if (lineText.trim() === '') {
      if (lines.length > 0) texts.push({ text: lines.join('\n'), line: start });
      lines = [];
      return;
    }
    if (lines.length === 0) start = index + 1;
    // A backslash at the end of a line is a line break, not a character between two halves.
    let shown = lineText.endsWith('\\') ? lineText.slice(0, -1) : lineText;
    if (/[[*_>]/.test(shown)) {
      shown = shown
        .replace(INLINE_LINK, '$1')
        .replace(/^ {0,3}(?:>\s?)+/, '')
        .replace(/[*_]/g, '');
    }
    lines.push(shown);
  });
  if (lines.length > 0) texts.push({ text: lines.join('\n'), line: start });
  return texts;
}

/**
 * Scan the Markdown body as a reader sees it (see markdown.ts): the decoded text of
 * every block when it was parsed, the source less its marks, and every link and image
 * address (not shown, but published in the page).
 */
export function checkTextPersonalData(
  body: string,
  bodyStartLine: number,
  markdown: Pick<MarkdownFacts, 'texts' | 'references'>,
): Problem[] {
  const problems: Problem[] = [];
  // Unparsed, the source is the text: nothing to find without a digit, an "@" or kin.
  if (!markdown.texts && !bodyMayHoldPersonalData(body)) return problems;
  const reported = new Set<number>();
  // The source as well when the body was parsed: a link's title or an attribute is published too.
  const texts = [
    ...(markdown.texts ?? []),
    ...sourceTexts(body),
    ...markdown.references.map((reference) => ({ text: reference.url, line: reference.line })),
  ];
  for (const { text, line } of texts) {
    let rest = text;
    let skipped = 0;
    for (;;) {
      const found = scanPersonalData(rest);
      if (!found) break;
      const at = bodyStartLine + line - 1 + skipped + found.line;
      if (!reported.has(at)) {
        reported.add(at);
        // All that is on the line where the first one was found.
        const lineText = rest.split('\n')[found.line] ?? '';
        const kinds = personalDataKinds(lineText);
        problems.push(
          error('personal-data.value', message(kinds.length > 0 ? kinds : [found.what]), {
            line: at,
          }),
        );
      }
      // On to the next line: one problem per line, however much is on it.
      let cut = -1;
      for (let count = 0; count <= found.line; count += 1) {
        cut = rest.indexOf('\n', cut + 1);
        if (cut === -1) break;
      }
      if (cut === -1) break;
      rest = rest.slice(cut + 1);
      skipped += found.line + 1;
    }
  }
  return problems.sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
}
