/** Numbers the Vietnamese way: "3.412" (dot between thousands), "18,4" (decimal comma). */

const formats = new Map<number | undefined, Intl.NumberFormat>();

function formatOf(fractionDigits: number | undefined): Intl.NumberFormat {
  let format = formats.get(fractionDigits);
  if (!format) {
    format = new Intl.NumberFormat(
      'vi-VN',
      fractionDigits === undefined
        ? { maximumFractionDigits: 2 }
        : { minimumFractionDigits: fractionDigits, maximumFractionDigits: fractionDigits },
    );
    formats.set(fractionDigits, format);
  }
  return format;
}

/**
 * 18.4 → "18,4"; 3412 → "3.412"; 0.125 → "0,13": at most two decimals, as
 * scores and rates are written. With `fractionDigits`, exactly that many
 * (measurements: `formatNumber(2.5, 2)` → "2,50").
 */
export function formatNumber(value: number, fractionDigits?: number): string {
  return formatOf(fractionDigits).format(value);
}

/** A value with its unit: "18,4%", "9,8 ngày", "3" (no unit). */
export function formatValue(value: number, unit: string): string {
  if (!unit) return formatNumber(value);
  return unit === '%' ? `${formatNumber(value)}%` : `${formatNumber(value)} ${unit}`;
}

const megabytes = new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 1 });

/** File size as people read it: "850 KB", "2,4 MB"; anything under 1 KB shows as "1 KB". */
export function formatBytes(bytes: number): string {
  if (bytes < 1024 * 1024) return `${formatNumber(Math.max(1, Math.round(bytes / 1024)))} KB`;
  return `${megabytes.format(bytes / (1024 * 1024))} MB`;
}
