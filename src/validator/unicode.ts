/**
 * Text hygiene: NFC (Vietnamese typed on some keyboards arrives decomposed and
 * then fails search and sorting), and no invisible or direction-changing
 * characters (they hide text from reviewers: "Trojan Source").
 */
import { INVISIBLE_CHARACTERS } from '../core/text.ts';
import { error, type Problem } from '../model/problems.ts';
import type { ParsedYaml } from '../model/read.ts';

/** Control characters other than tab, line feed and carriage return; C1; the invisible list. */
function isSuspect(code: number): boolean {
  if (code < 0x20) return code !== 0x09 && code !== 0x0a && code !== 0x0d;
  if (code >= 0x7f && code <= 0x9f) return true;
  return INVISIBLE_CHARACTERS.has(code);
}

/**
 * The same set as a table indexed by UTF-16 code unit, for the fast "anything
 * suspect at all?" scan: a table lookup per character is six times faster
 * than a regular expression with this many ranges. Every code of the set is
 * below U+10000, so surrogate halves are never suspect, as in isSuspect.
 */
const SUSPECT = (() => {
  const table = new Uint8Array(0x10000);
  for (let code = 0; code < 0x20; code += 1) {
    if (code !== 0x09 && code !== 0x0a && code !== 0x0d) table[code] = 1;
  }
  for (let code = 0x7f; code <= 0x9f; code += 1) table[code] = 1;
  for (const code of INVISIBLE_CHARACTERS.keys()) table[code] = 1;
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
  return (
    INVISIBLE_CHARACTERS.get(code) ??
    `ký tự điều khiển U+${code.toString(16).toUpperCase().padStart(4, '0')}`
  );
}

export function checkUnicode(text: string): Problem[] {
  const problems: Problem[] = [];
  const nfc = isNfc(text);
  const suspect = hasSuspect(text);
  if (nfc && !suspect) return problems;
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
    if (suspect && hasSuspect(lineText)) {
      const seen = new Set<string>();
      for (const char of lineText) {
        const code = char.codePointAt(0) ?? 0;
        if (!isSuspect(code)) continue;
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
    if (!hasSuspect(text)) continue;
    let at = line;
    for (const char of text) {
      if (char === '\n' && !oneLine) at += 1;
      const code = char.codePointAt(0) ?? 0;
      if (!isSuspect(code)) continue;
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
