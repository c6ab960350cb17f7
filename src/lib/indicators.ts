import type { Indicator } from '../schemas/index.ts';
import { formatNumber } from './format.ts';
import { indicatorKind } from './terms.ts';

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
  const kind = indicatorKind(indicator.kind);
  const unit = indicator.unit ?? kind.unit;
  const change = indicator.after.value - indicator.before.value;
  const improved = kind.lowerIsBetter ? change < 0 : change > 0;
  return {
    title: indicator.label ?? kind.name,
    kindName: kind.name,
    unit,
    before: indicator.before,
    after: indicator.after,
    source: indicator.source,
    lowerIsBetter: kind.lowerIsBetter,
    change,
    relativeChange:
      indicator.before.value === 0 ? undefined : (change / indicator.before.value) * 100,
    improved,
  };
}

/** "giảm 12,3 điểm phần trăm", "tăng 2,6 ngày", "không đổi". */
export function describeChange(view: IndicatorView): string {
  if (view.change === 0) return 'không đổi';
  const verb = view.change < 0 ? 'giảm' : 'tăng';
  const amount = formatNumber(Math.abs(Math.round(view.change * 100) / 100));
  const unit = view.unit === '%' ? 'điểm phần trăm' : view.unit;
  return unit ? `${verb} ${amount} ${unit}` : `${verb} ${amount}`;
}

export interface Bar {
  label: string;
  value: number;
  /** Bar length, in the chart's units (0 … width). */
  length: number;
}

/** Bar lengths on a common scale starting at 0; a chart of zeros draws no bars. */
export function scaleBars(
  items: readonly { label: string; value: number }[],
  width: number,
): Bar[] {
  const max = Math.max(0, ...items.map((item) => item.value));
  return items.map((item) => ({
    ...item,
    length: max === 0 ? 0 : Math.round((Math.max(0, item.value) / max) * width * 10) / 10,
  }));
}
