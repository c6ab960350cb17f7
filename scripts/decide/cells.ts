import type ExcelJS from 'exceljs';
import { formatDate, parseDate } from '../../src/core/dates.ts';
import { restoreCellText } from '../../src/core/spreadsheet.ts';

/**
 * Text as the report wrote it: the apostrophe that `report` put before a text starting
 * like a formula is taken off again, so a name such as "-Nhóm A" comes back unchanged.
 */
function written(text: string): string {
  return restoreCellText(text).normalize('NFC').trim();
}

/**
 * A date cell as people read it: dd/mm/yyyy, with the time when there is one. Excel dates
 * carry no zone and exceljs reads them as UTC, so the UTC day is the day typed: going
 * through Viet Nam's zone would move a late time to the next day.
 */
function shownDate(value: Date): string {
  if (Number.isNaN(value.getTime())) return '';
  const iso = value.toISOString();
  const time = iso.slice(11, 16);
  return `${formatDate(iso.slice(0, 10))}${time === '00:00' ? '' : ` ${time}`}`;
}

/** The text a person sees in a cell, whatever exceljs made of it; what messages echo back. */
export function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return shownDate(value);
  if (typeof value === 'object') {
    if ('richText' in value) return written(value.richText.map((part) => part.text).join(''));
    if ('text' in value && typeof value.text === 'string') return written(value.text);
    if ('result' in value) return cellText((value.result ?? null) as ExcelJS.CellValue);
    if ('error' in value) return String(value.error);
    return '';
  }
  return written(String(value));
}

export type NumberRead = { ok: true; value: number | undefined } | { ok: false; shown: string };

/** A number typed as a number or as text, with a Vietnamese decimal comma accepted ("27,5"). */
export function cellNumber(value: ExcelJS.CellValue): NumberRead {
  if (value && typeof value === 'object' && 'result' in value)
    return cellNumber((value.result ?? null) as ExcelJS.CellValue);
  if (typeof value === 'number')
    return Number.isFinite(value) ? { ok: true, value } : { ok: false, shown: String(value) };
  const text = cellText(value);
  if (text === '') return { ok: true, value: undefined };
  if (/^-?\d+([.,]\d+)?$/.test(text)) return { ok: true, value: Number(text.replace(',', '.')) };
  return { ok: false, shown: text };
}

/** dd/mm/yyyy, yyyy-mm-dd or a date cell → yyyy-mm-dd. */
export function cellDate(value: ExcelJS.CellValue): string | undefined {
  if (value && typeof value === 'object' && 'result' in value)
    return cellDate((value.result ?? null) as ExcelJS.CellValue);
  if (value instanceof Date) {
    // Excel dates carry no zone; exceljs reads them as UTC midnight.
    return value.toISOString().slice(0, 10);
  }
  return parseDate(cellText(value));
}

/** Vietnamese yes/no. */
export function cellYesNo(value: ExcelJS.CellValue): boolean | undefined | 'invalid' {
  const text = cellText(value).toLocaleLowerCase('vi');
  if (text === '') return undefined;
  if (['có', 'co', 'x', 'đồng ý', 'yes'].includes(text)) return true;
  if (['không', 'khong', 'no'].includes(text)) return false;
  return 'invalid';
}
