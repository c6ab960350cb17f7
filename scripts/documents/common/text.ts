/** Text helpers for Vietnamese documents: normalisation, folding for matching, dates. */

// Zero-width and bidi controls, soft hyphen, BOM: invisible in Word, harmful in files and search.
const INVISIBLE = /[\u00ad\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff]/g;

/** NFC, no invisible characters, non-breaking and odd spaces as plain spaces, trimmed. */
export function normalizeText(text: string): string {
  return text
    .normalize('NFC')
    .replace(INVISIBLE, '')
    .replace(/[\u00a0\u2000-\u200a\u202f\u205f\u3000]/g, ' ')
    .replace(/\r\n?/g, '\n')
    .trim();
}

/** One line: normalised, inner whitespace collapsed. */
export function normalizeLine(text: string): string {
  return normalizeText(text).replace(/\s+/g, ' ');
}

/** Lower case without diacritics (đ → d), punctuation as spaces: for matching headings and names. */
export function fold(text: string): string {
  return normalizeLine(text)
    .toLocaleLowerCase('vi')
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/đ/g, 'd')
    .replace(/[^a-z0-9%]+/g, ' ')
    .trim();
}

/** `YYYY-MM-DD` → `dd/mm/yyyy`. */
export function formatDate(iso: string): string {
  const [year, month, day] = iso.split('-');
  return `${day}/${month}/${year}`;
}

function isoOf(year: number, month: number, day: number): string | undefined {
  const date = new Date(Date.UTC(year, month - 1, day));
  if (
    date.getUTCFullYear() !== year ||
    date.getUTCMonth() !== month - 1 ||
    date.getUTCDate() !== day
  )
    return undefined;
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/**
 * Finds a date in Vietnamese text: "15/03/2024", "15-3-2024", "ngày 15 tháng 3 năm 2024",
 * "2024-03-15", or "tháng 3/2024" / "tháng 3 năm 2024" (the first of that month).
 */
export function parseVietnameseDate(text: string): string | undefined {
  const folded = fold(text);
  const iso = /(\d{4})-(\d{1,2})-(\d{1,2})/.exec(text);
  if (iso) return isoOf(Number(iso[1]), Number(iso[2]), Number(iso[3]));
  const numeric = /(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})/.exec(text);
  if (numeric) return isoOf(Number(numeric[3]), Number(numeric[2]), Number(numeric[1]));
  const words = /ngay (\d{1,2}) thang (\d{1,2}) nam (\d{4})/.exec(folded);
  if (words) return isoOf(Number(words[3]), Number(words[2]), Number(words[1]));
  const month = /thang (\d{1,2})(?: nam | )(\d{4})/.exec(folded);
  if (month) return isoOf(Number(month[2]), Number(month[1]), 1);
  return undefined;
}

/** Today in Viet Nam, as `YYYY-MM-DD`. */
export function todayInVietnam(now = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Ho_Chi_Minh' }).format(now);
}

export const collator = new Intl.Collator('vi');

/** Formats a number the Vietnamese way (comma as decimal separator). */
export function formatNumber(value: number): string {
  return new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 2 }).format(value);
}
