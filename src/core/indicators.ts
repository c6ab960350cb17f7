/**
 * Indicators measured before and after an initiative: their title, unit and
 * direction ("lower is better"), read from the vocabulary the same way by the
 * site, the CMS preview, the reports and the Word form.
 */
import type { Indicator } from '../schemas/initiative.ts';
import { type IndicatorKind, indicatorKinds, termById } from '../schemas/vocabularies.ts';
import { formatNumber, formatValue } from './numbers.ts';

/** The parts of an indicator these helpers read; a form being filled in may lack any of them. */
export interface IndicatorParts {
  kind?: string;
  label?: string;
  unit?: string;
}

function kindOf(indicator: IndicatorParts): IndicatorKind | undefined {
  return indicator.kind ? termById<IndicatorKind>(indicatorKinds, indicator.kind) : undefined;
}

/** The indicator's own unit, else its kind's ("%", "ngày"); "" for none. */
export function indicatorUnit(indicator: IndicatorParts): string {
  return indicator.unit ?? kindOf(indicator)?.unit ?? '';
}

/** What a chart or a list calls it: its own label, else its kind's name. */
export function indicatorTitle(indicator: IndicatorParts): string {
  return indicator.label ?? kindOf(indicator)?.name ?? indicator.kind ?? 'Chỉ số';
}

/**
 * The full name, where the kind is not otherwise shown (a report cell, a row of
 * the Word form): "Tỷ lệ hồ sơ trễ hẹn – Hồ sơ đất đai cấp huyện".
 */
export function indicatorName(indicator: IndicatorParts): string {
  const kind = kindOf(indicator);
  if (!indicator.label) return kind?.name ?? indicator.kind ?? 'Chỉ số';
  return kind && kind.id !== 'other' ? `${kind.name} – ${indicator.label}` : indicator.label;
}

/** "Tỷ lệ hồ sơ trễ hẹn – Hồ sơ đất đai cấp huyện: 18,4% → 6,1%". */
export function describeIndicator(indicator: Indicator): string {
  const unit = indicatorUnit(indicator);
  return `${indicatorName(indicator)}: ${formatValue(indicator.before.value, unit)} → ${formatValue(indicator.after.value, unit)}`;
}

export interface IndicatorView {
  title: string;
  /** The kind's name, when the indicator has its own label (scope). */
  kindName: string;
  unit: string;
  before: Indicator['before'];
  after: Indicator['after'];
  source: string;
  lowerIsBetter: boolean;
  /** after − before */
  change: number;
  /** Relative change in percent of the before value; undefined when before is 0. */
  relativeChange?: number;
  improved: boolean;
}

export function viewIndicator(indicator: Indicator): IndicatorView {
  const kind = kindOf(indicator);
  if (!kind) throw new Error(`Mã chỉ số "${indicator.kind}" không có trong danh mục.`);
  const change = indicator.after.value - indicator.before.value;
  return {
    title: indicatorTitle(indicator),
    kindName: kind.name,
    unit: indicatorUnit(indicator),
    before: indicator.before,
    after: indicator.after,
    source: indicator.source,
    lowerIsBetter: kind.lowerIsBetter,
    change,
    relativeChange:
      indicator.before.value === 0 ? undefined : (change / indicator.before.value) * 100,
    improved: kind.lowerIsBetter ? change < 0 : change > 0,
  };
}

/** "giảm 12,3 điểm phần trăm", "tăng 2,6 ngày", "không đổi". */
export function describeChange(view: Pick<IndicatorView, 'change' | 'unit'>): string {
  if (view.change === 0) return 'không đổi';
  const verb = view.change < 0 ? 'giảm' : 'tăng';
  const amount = formatNumber(Math.abs(Math.round(view.change * 100) / 100));
  const unit = view.unit === '%' ? 'điểm phần trăm' : view.unit;
  return unit ? `${verb} ${amount} ${unit}` : `${verb} ${amount}`;
}
