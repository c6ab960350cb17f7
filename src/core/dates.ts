/**
 * Calendar dates. Files hold `YYYY-MM-DD`; people read and type `dd/mm/yyyy`;
 * "today" and every instant are read in Viet Nam's time zone, whatever the zone
 * of the machine (GitHub runners are UTC, seven hours behind).
 */
import { matchKey } from './text.ts';

/** The time zone in which every deadline and calendar date of the project is read. */
export const TIME_ZONE = 'Asia/Ho_Chi_Minh';

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

const clock = new Intl.DateTimeFormat('en-US', {
  timeZone: TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

/** Year, month, day, hour and minute of an instant on a clock in Viet Nam, zero-padded. */
function inVietnam(instant: Date): Record<'year' | 'month' | 'day' | 'hour' | 'minute', string> {
  const parts = Object.fromEntries(
    clock.formatToParts(instant).map((part) => [part.type, part.value]),
  );
  return {
    year: parts.year ?? '',
    month: parts.month ?? '',
    day: parts.day ?? '',
    hour: parts.hour ?? '',
    minute: parts.minute ?? '',
  };
}

/** The calendar day of an instant in Viet Nam, as `YYYY-MM-DD`; by default, today. */
export function todayInVietnam(now: Date = new Date()): string {
  const { year, month, day } = inVietnam(now);
  return `${year}-${month}-${day}`;
}

/** `YYYY-MM-DD` of a day that exists on the calendar (no 31 April), else undefined. */
export function isoDateOf(year: number, month: number, day: number): string | undefined {
  const date = new Date(Date.UTC(year, month - 1, day));
  if (
    year < 1000 ||
    date.getUTCFullYear() !== year ||
    date.getUTCMonth() !== month - 1 ||
    date.getUTCDate() !== day
  )
    return undefined;
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** `count` consecutive calendar days as `YYYY-MM-DD`, starting with `first` (itself `YYYY-MM-DD`). */
export function datesFrom(first: string, count: number): string[] {
  const start = Date.parse(`${first}T00:00:00Z`);
  const day = 24 * 60 * 60 * 1000;
  return Array.from({ length: Math.max(0, count) }, (_, index) =>
    new Date(start + index * day).toISOString().slice(0, 10),
  );
}

/** The day of the period `first`…`last` closest to `day` (all `YYYY-MM-DD`): `day` itself when inside. */
export function closestDayWithin(day: string, first: string, last: string): string {
  if (day < first) return first;
  if (day > last) return last;
  return day;
}

/** Whether a text is a `YYYY-MM-DD` date that exists on the calendar. */
export function isIsoDate(text: string): boolean {
  const match = ISO_DATE.exec(text);
  return match !== null && isoDateOf(Number(match[1]), Number(match[2]), Number(match[3])) === text;
}

/**
 * `YYYY-MM-DD` (a calendar day) or a Date (an instant) → `dd/mm/yyyy`.
 * Calendar days are printed as written: converting them through a zone could shift them.
 */
export function formatDate(value: string | Date): string {
  if (typeof value === 'string') {
    const match = ISO_DATE.exec(value);
    if (!match) throw new Error(`Ngày không đúng dạng YYYY-MM-DD: "${value}"`);
    return `${match[3]}/${match[2]}/${match[1]}`;
  }
  const { year, month, day } = inVietnam(value);
  return `${day}/${month}/${year}`;
}

/**
 * formatDate for data that has not passed the schema (a report of entries
 * with errors, a form being filled in): `missing` instead of an exception.
 */
export function formatDateOr(value: unknown, missing: string): string {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? missing : formatDate(value);
  return typeof value === 'string' && ISO_DATE.test(value) ? formatDate(value) : missing;
}

/** An instant as people read it in Viet Nam: "26/09/2024 14:05". */
export function formatDateTime(instant: Date): string {
  const { year, month, day, hour, minute } = inVietnam(instant);
  return `${day}/${month}/${year} ${hour}:${minute}`;
}

/** The time of an instant in Viet Nam: "14:05". */
export function formatTime(instant: Date): string {
  const { hour, minute } = inVietnam(instant);
  return `${hour}:${minute}`;
}

/**
 * A date typed in a cell or a field, and nothing else: `dd/mm/yyyy` (also with
 * `-` or `.`, one-digit day or month) or `YYYY-MM-DD`. Undefined for anything
 * else, days that do not exist included.
 */
export function parseDate(text: string): string | undefined {
  const trimmed = text.trim();
  const typed = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(trimmed);
  if (typed) return isoDateOf(Number(typed[3]), Number(typed[2]), Number(typed[1]));
  const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(trimmed);
  return iso ? isoDateOf(Number(iso[1]), Number(iso[2]), Number(iso[3])) : undefined;
}

/**
 * Finds a date in Vietnamese text: "15/03/2024", "15-3-2024", "ngày 15 tháng 3 năm 2024",
 * "2024-03-15", or "tháng 3/2024" / "tháng 3 năm 2024" (the first of that month).
 */
export function parseVietnameseDate(text: string): string | undefined {
  const iso = /(\d{4})-(\d{1,2})-(\d{1,2})/.exec(text);
  if (iso) return isoDateOf(Number(iso[1]), Number(iso[2]), Number(iso[3]));
  const numeric = /(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})/.exec(text);
  if (numeric) return isoDateOf(Number(numeric[3]), Number(numeric[2]), Number(numeric[1]));
  const folded = matchKey(text);
  const words = /ngay (\d{1,2}) thang (\d{1,2}) nam (\d{4})/.exec(folded);
  if (words) return isoDateOf(Number(words[3]), Number(words[2]), Number(words[1]));
  const month = /thang (\d{1,2})(?: nam | )(\d{4})/.exec(folded);
  if (month) return isoDateOf(Number(month[2]), Number(month[1]), 1);
  return undefined;
}
