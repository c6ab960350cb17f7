import { TIME_ZONE } from '../schemas/common.ts';

/** Vietnamese collation, for every list of names shown to people. */
export const viCollator = new Intl.Collator('vi', { sensitivity: 'base', numeric: true });

export function sortByName<T>(items: readonly T[], nameOf: (item: T) => string): T[] {
  return [...items].sort((a, b) => viCollator.compare(nameOf(a), nameOf(b)));
}

const dateFormat = new Intl.DateTimeFormat('vi-VN', {
  timeZone: TIME_ZONE,
  day: '2-digit',
  month: '2-digit',
  year: 'numeric',
});

/**
 * `YYYY-MM-DD` (a calendar day) or a Date (an instant) → `dd/mm/yyyy`.
 * Calendar days are printed as written: converting them through a zone could shift them.
 */
export function formatDate(value: string | Date): string {
  if (typeof value === 'string') {
    const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
    if (!match) throw new Error(`Ngày không đúng dạng YYYY-MM-DD: "${value}"`);
    return `${match[3]}/${match[2]}/${match[1]}`;
  }
  const parts = Object.fromEntries(
    dateFormat.formatToParts(value).map((part) => [part.type, part.value]),
  );
  return `${parts.day}/${parts.month}/${parts.year}`;
}

const numberFormat = new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 2 });

/** 18.4 → "18,4"; 3412 → "3.412". */
export function formatNumber(value: number): string {
  return numberFormat.format(value);
}

/** File size as people read it: "850 KB", "2,4 MB". */
export function formatBytes(bytes: number): string {
  if (bytes < 1024 * 1024) return `${formatNumber(Math.max(1, Math.round(bytes / 1024)))} KB`;
  return `${new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 1 }).format(bytes / (1024 * 1024))} MB`;
}

/** A value with its unit: "18,4%", "9,8 ngày". */
export function formatValue(value: number, unit: string): string {
  if (!unit) return formatNumber(value);
  return unit === '%' ? `${formatNumber(value)}%` : `${formatNumber(value)} ${unit}`;
}
