/**
 * No personal contact or identity data in public entries: e-mail addresses,
 * Vietnamese phone numbers, 9-digit (CMND) or 12-digit (CCCD) identity numbers.
 * Document numbers ("2992/KH-UBND", "13/2012/NĐ-CP"), dates and amounts
 * ("1.500.000 đồng") are not matched: a number touching "/", "-" or "." is
 * part of something else.
 */

import { error, type Problem } from '../model/problems.ts';
import type { ParsedYaml } from '../model/read.ts';

const EMAIL = /[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)*\.\p{L}{2,}/u;
// Mobile 0[35789]x and landline 02xx, with optional +84/84 and single space or dot groups.
const PHONE =
  /(?<![\p{L}\p{N}/.,-])(?:\+84|0084|84|0)[ .]?(?:[35789]\d|2\d{2})(?:[ .]?\d){6,7}(?![\p{L}\p{N}/,-]|\.\d)/u;
const IDENTITY =
  /(?<![\p{L}\p{N}/.,-])(?:\d{12}|\d{9})(?![\p{L}\p{N}/,-]|\.\d|\s*(?:đồng|đ|vnđ|vnd)(?![\p{L}]))/iu;
const PERSONAL_KEYS =
  /^(?:e-?mail|thu-?dien-?tu|phone|tel|telephone|mobile|so-?dien-?thoai|sdt|dien-?thoai|cccd|cmnd|id-?number|identity|national-?id|so-?dinh-?danh|address|dia-?chi|birth-?date|date-?of-?birth|ngay-?sinh)$/i;

/**
 * Whether any scalar of a YAML text could hold personal data: a value needs
 * an "@" or nine digits (separators and folded line breaks between them), a
 * key one of the words of PERSONAL_KEYS; an escape could write either. When
 * this says no, the scalars need not be built at all.
 */
const MAYBE_VALUE = /[@\\]|\d(?:[\s.]*\d){8}/;
const MAYBE_KEY =
  /mail|thu[-_]?dien|phone|tel|mobile|thoai|sdt|cccd|cmnd|id[-_]?number|identity|national|dinh[-_]?danh|address|dia[-_]?chi|birth|ngay[-_]?sinh/i;

export function mayHoldPersonalData(source: string): boolean {
  return MAYBE_VALUE.test(source) || MAYBE_KEY.test(source);
}

export function findPersonalData(text: string): string | undefined {
  if (text.includes('@') && EMAIL.test(text)) return 'địa chỉ thư điện tử';
  if (!/\d{3}/.test(text.replace(/[ .]/g, ''))) return undefined;
  if (PHONE.test(text)) return 'số điện thoại';
  if (IDENTITY.test(text)) return 'số định danh cá nhân (CMND/CCCD)';
  return undefined;
}

function message(what: string): string {
  return `Có ${what}: không ghi thông tin liên lạc hoặc định danh cá nhân trong hồ sơ công khai.`;
}

/** Scan every scalar of a YAML file (keys and values, as written in the source). */
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
            { line: file.lineOfOffset(scalar.offset) },
          ),
        );
      }
      continue;
    }
    const found = findPersonalData(scalar.text);
    if (found) {
      problems.push(
        error('personal-data.value', message(found), { line: file.lineOfOffset(scalar.offset) }),
      );
    }
  }
  return problems;
}

/** Scan the Markdown body line by line. */
export function checkTextPersonalData(body: string, bodyStartLine: number): Problem[] {
  const problems: Problem[] = [];
  if (!/[@\d]/.test(body)) return problems;
  body.split('\n').forEach((lineText, index) => {
    const found = findPersonalData(lineText);
    if (found) {
      problems.push(error('personal-data.value', message(found), { line: index + bodyStartLine }));
    }
  });
  return problems;
}
