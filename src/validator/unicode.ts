/**
 * Text hygiene: NFC (Vietnamese typed on some keyboards arrives decomposed and
 * then fails search and sorting), and no invisible or direction-changing
 * characters (they hide text from reviewers: "Trojan Source").
 */
import { INVISIBLE_CHARACTERS } from '../core/text.ts';
import { error, type Problem } from '../model/problems.ts';
import type { ParsedYaml } from '../model/read.ts';

/**
 * Plane 14: tag characters (U+E0000–E007F, which spell hidden text after a visible one) and
 * the variation selectors supplement (U+E0100–E01EF); all of it shows nothing.
 */
const isPlane14 = (code: number) => code >= 0xe0000 && code <= 0xe0fff;
/** Variation selectors (U+FE00–FE0F): invisible, save the emoji presentation after an emoji. */
const isSelector = (code: number) => code >= 0xfe00 && code <= 0xfe0f;
const EMOJI = /^[\p{Extended_Pictographic}\p{Emoji_Modifier}\p{Regional_Indicator}#*0-9]$/u;

/**
 * Control characters other than tab, line feed and carriage return; C1; the invisible list;
 * plane 14; a variation selector that does not follow an emoji (`previous`, the character before).
 */
function isSuspect(code: number, previous = ''): boolean {
  if (code < 0x20) return code !== 0x09 && code !== 0x0a && code !== 0x0d;
  if (code >= 0x7f && code <= 0x9f) return true;
  if (isPlane14(code)) return true;
  if (isSelector(code)) return !EMOJI.test(previous);
  return INVISIBLE_CHARACTERS.has(code);
}

/**
 * The same set as a table indexed by UTF-16 code unit, for the fast "anything
 * suspect at all?" scan: a table lookup per character is six times faster
 * than a regular expression with this many ranges. Plane 14 is reached through its
 * high surrogate (U+DB40); a variation selector is suspect here and judged with the
 * character before it by isSuspect.
 */
const SUSPECT = (() => {
  const table = new Uint8Array(0x10000);
  for (let code = 0; code < 0x20; code += 1) {
    if (code !== 0x09 && code !== 0x0a && code !== 0x0d) table[code] = 1;
  }
  for (let code = 0x7f; code <= 0x9f; code += 1) table[code] = 1;
  for (const code of INVISIBLE_CHARACTERS.keys()) table[code] = 1;
  for (let code = 0xfe00; code <= 0xfe0f; code += 1) table[code] = 1;
  table[0xdb40] = 1;
  return table;
})();

function hasSuspect(text: string): boolean {
  for (let index = 0; index < text.length; index += 1) {
    if (SUSPECT[text.charCodeAt(index)] === 1) return true;
  }
  return false;
}

/** Whether any line is not NFC; cheap for ASCII-only text. */
export function isNfc(text: string): boolean {
  return text.normalize('NFC') === text;
}

function invisible(name: string, line: number): Problem {
  return error(
    'unicode.invisible',
    `Có ${name}: ký tự không nhìn thấy hoặc đổi chiều viết, hãy xóa.`,
    {
      line,
    },
  );
}

function nameOf(code: number): string {
  const hex = `U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
  // A run of tags spells one hidden word: one message for all of them.
  if (code <= 0xe007f && isPlane14(code)) return 'ký tự thẻ ẩn (U+E0000–U+E007F)';
  if (isPlane14(code)) return `ký tự ẩn ${hex}`;
  if (isSelector(code)) return `bộ chọn biến thể (${hex}) không đi sau biểu tượng cảm xúc`;
  return INVISIBLE_CHARACTERS.get(code) ?? `ký tự điều khiển ${hex}`;
}

/** A Greek or Cyrillic letter: most of them have a Latin twin ("о" U+043E and "o"). */
const GREEK_OR_CYRILLIC = /[\u0370-\u03ff\u0400-\u052f\u1f00-\u1fff]/;
const WORD = /[\p{L}\p{M}]+/gu;
const LATIN = /\p{Script=Latin}/u;
const LOOK_ALIKE = /[\p{Script=Greek}\p{Script=Cyrillic}]/u;

/**
 * Words that mix Latin letters with Greek or Cyrillic ones: "cоng" with a Cyrillic "о" reads
 * as "cong" but matches nothing, so a copied title slips past the duplicate check and search.
 * A word wholly in another script (a Greek letter in a formula, a Russian name) is left alone.
 */
function mixedScriptWords(line: string): { word: string; letter: string }[] {
  const found: { word: string; letter: string }[] = [];
  for (const [word] of line.matchAll(WORD)) {
    if (!LATIN.test(word)) continue;
    const letter = [...word].find((char) => LOOK_ALIKE.test(char));
    if (letter) found.push({ word, letter });
  }
  return found;
}

function mixedScript(word: string, letter: string, line: number): Problem {
  const code = `U+${(letter.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`;
  return error(
    'unicode.mixed-script',
    `Từ "${word}" trộn chữ Latinh với chữ Hy Lạp hoặc Kirin trông giống hệt ("${letter}", ${code}): đọc thì như nhau nhưng máy không nhận ra, nên lọt kiểm tra trùng và tìm kiếm. Hãy gõ lại từ này bằng bàn phím tiếng Việt.`,
    { line },
  );
}

export function checkUnicode(text: string): Problem[] {
  const problems: Problem[] = [];
  const nfc = isNfc(text);
  const suspect = hasSuspect(text);
  const lookAlikes = GREEK_OR_CYRILLIC.test(text);
  if (nfc && !suspect && !lookAlikes) return problems;
  const lines = text.split('\n');
  let nfcReported = 0;
  lines.forEach((lineText, index) => {
    const line = index + 1;
    if (!nfc && lineText.normalize('NFC') !== lineText) {
      nfcReported += 1;
      if (nfcReported <= 5) {
        problems.push(
          error(
            'unicode.nfc',
            'Dòng có chữ tiếng Việt ở dạng tổ hợp (không phải NFC); chạy lại với --fix để chuẩn hóa.',
            { line },
          ),
        );
      }
    }
    if (lookAlikes && GREEK_OR_CYRILLIC.test(lineText)) {
      const [first] = mixedScriptWords(lineText);
      if (first) problems.push(mixedScript(first.word, first.letter, line));
    }
    if (suspect && hasSuspect(lineText)) {
      const seen = new Set<string>();
      let previous = '';
      for (const char of lineText) {
        const code = char.codePointAt(0) ?? 0;
        const before = previous;
        previous = char;
        if (!isSuspect(code, before)) continue;
        const name = nameOf(code);
        if (seen.has(name)) continue;
        seen.add(name);
        problems.push(invisible(name, line));
      }
    }
  });
  if (nfcReported > 5) {
    problems.push(error('unicode.nfc', `Còn ${nfcReported - 5} dòng khác chưa ở dạng NFC.`, {}));
  }
  return problems;
}

/** A decoded value and the file line on which it starts. */
export interface DecodedText {
  text: string;
  line: number;
  /** Report every character on `line`: the value's line breaks are not the file's (YAML). */
  oneLine?: boolean;
}

/** The file line of a decoded text's first line that holds `word`. */
function firstLineWith({ text, line, oneLine }: DecodedText, word: string): number {
  if (oneLine) return line;
  return (
    line +
    Math.max(
      text.split('\n').findIndex((part) => part.includes(word)),
      0,
    )
  );
}

/** The file line of a decoded text's first line that is not NFC. */
function firstNonNfcLine({ text, line, oneLine }: DecodedText): number {
  if (oneLine) return line;
  const index = text.split('\n').findIndex((part) => !isNfc(part));
  return line + Math.max(index, 0);
}

/**
 * Invisible characters, and decomposed letters, that the source does not show but a reader
 * gets: written as YAML escapes (`"\u200b"`, `"a\u0300"`) or HTML character references
 * (`&#8203;`, `a&#768;`). `texts` are decoded values with the file line on which each starts;
 * what `reported` (checkUnicode on the source) already says of a line is not said again.
 */
export function checkDecodedUnicode(
  texts: readonly DecodedText[],
  reported: readonly Problem[],
): Problem[] {
  const problems: Problem[] = [];
  const said = new Set(reported.map((problem) => `${problem.line}\0${problem.message}`));
  const nfcLines = new Set(
    reported.filter((problem) => problem.code === 'unicode.nfc').map((problem) => problem.line),
  );
  for (const decoded of texts) {
    const { text, line, oneLine } = decoded;
    if (!isNfc(text)) {
      // --fix rewrites the file's characters, not what an escape stands for: the writer must.
      const at = firstNonNfcLine(decoded);
      if (!nfcLines.has(at)) {
        nfcLines.add(at);
        problems.push(
          error(
            'unicode.nfc',
            'Mã thoát hoặc tham chiếu ký tự tạo ra chữ ở dạng tổ hợp (không phải NFC); hãy gõ thẳng chữ có dấu.',
            { line: at },
          ),
        );
      }
    }
    if (GREEK_OR_CYRILLIC.test(text)) {
      const [first] = mixedScriptWords(text);
      if (first) {
        const problem = mixedScript(first.word, first.letter, firstLineWith(decoded, first.word));
        const key = `${problem.line}\0${problem.message}`;
        if (!said.has(key)) {
          said.add(key);
          problems.push(problem);
        }
      }
    }
    if (!hasSuspect(text)) continue;
    let at = line;
    let previous = '';
    for (const char of text) {
      if (char === '\n' && !oneLine) at += 1;
      const code = char.codePointAt(0) ?? 0;
      const before = previous;
      previous = char;
      if (!isSuspect(code, before)) continue;
      const problem = invisible(nameOf(code), at);
      const key = `${at}\0${problem.message}`;
      if (said.has(key)) continue;
      said.add(key);
      problems.push(problem);
    }
  }
  return problems;
}

/**
 * The values of a YAML text that escapes could have changed, with their lines: none
 * when the text has no backslash (only a double-quoted scalar decodes escapes).
 */
export function escapedScalars(
  file: Pick<ParsedYaml, 'scalars' | 'lineOfOffset' | 'source'>,
): DecodedText[] {
  if (file.source !== undefined && !file.source.includes('\\')) return [];
  return file.scalars.map((scalar) => ({
    text: scalar.text,
    line: file.lineOfOffset(scalar.offset),
    oneLine: true,
  }));
}
