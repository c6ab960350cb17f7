/**
 * Indicators measured before and after an initiative: their title, unit and
 * direction ("lower is better"), read from the vocabulary (or, for "other"
 * indicators, from the indicator itself) the same way by the site, the CMS
 * preview, the reports and the Word form.
 */
import type { Indicator } from '../schemas/initiative.ts';
import {
  type IndicatorDirectionId,
  type IndicatorKind,
  indicatorDirections,
  indicatorKinds,
  termById,
} from '../schemas/vocabularies.ts';
import { formatNumber, formatValue } from './numbers.ts';

/** The parts of an indicator these helpers read; a form being filled in may lack any of them. */
export interface IndicatorParts {
  kind?: string;
  label?: string;
  unit?: string;
  better?: string;
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

/**
 * Which way is an improvement: the kind's own direction, else (an "other" indicator) the one
 * the indicator gives; undefined while neither is known (a form being filled in).
 */
export function indicatorDirection(indicator: IndicatorParts): IndicatorDirectionId | undefined {
  const own = kindOf(indicator)?.better;
  if (own) return own;
  return indicatorDirections.find((direction) => direction.id === indicator.better)?.id;
}

/** "Càng thấp càng tốt" / "Càng cao càng tốt". */
export function directionName(direction: IndicatorDirectionId): string {
  return termById(indicatorDirections, direction)?.name ?? direction;
}

export type Verdict = 'improved' | 'worse' | 'unchanged';

/** The verdict in plain words, as the site prints it beside its colour. */
export const verdictNames: Readonly<Record<Verdict, string>> = {
  improved: 'cải thiện',
  worse: 'chưa cải thiện',
  unchanged: 'không đổi',
};

/** Whether the change from before to after is an improvement, given which way is better. */
export function verdictOf(before: number, after: number, direction: IndicatorDirectionId): Verdict {
  if (after === before) return 'unchanged';
  return (direction === 'lower' ? after < before : after > before) ? 'improved' : 'worse';
}

export interface IndicatorView {
  title: string;
  /** The kind's name, when the indicator has its own label (scope). */
  kindName: string;
  unit: string;
  before: Indicator['before'];
  after: Indicator['after'];
  source: string;
  direction: IndicatorDirectionId;
  /** after − before */
  change: number;
  /** Relative change in percent of the before value; undefined when before is 0. */
  relativeChange?: number;
  verdict: Verdict;
  improved: boolean;
}

export function viewIndicator(indicator: Indicator): IndicatorView {
  const kind = kindOf(indicator);
  if (!kind) throw new Error(`Mã chỉ số "${indicator.kind}" không có trong danh mục.`);
  const direction = indicatorDirection(indicator);
  if (!direction) throw new Error(`Chỉ số "${indicatorTitle(indicator)}" chưa ghi chiều tốt.`);
  const change = indicator.after.value - indicator.before.value;
  const verdict = verdictOf(indicator.before.value, indicator.after.value, direction);
  return {
    title: indicatorTitle(indicator),
    kindName: kind.name,
    unit: indicatorUnit(indicator),
    before: indicator.before,
    after: indicator.after,
    source: indicator.source,
    direction,
    change,
    relativeChange:
      indicator.before.value === 0 ? undefined : (change / indicator.before.value) * 100,
    verdict,
    improved: verdict === 'improved',
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

/** "giảm 77,4%" of the before value; undefined when there is no before value to compare with. */
export function describeRelativeChange(
  view: Pick<IndicatorView, 'relativeChange'>,
): string | undefined {
  const relative = view.relativeChange;
  if (relative === undefined || relative === 0) return undefined;
  const amount = formatNumber(Math.abs(Math.round(relative * 10) / 10));
  return `${relative < 0 ? 'giảm' : 'tăng'} ${amount}%`;
}
