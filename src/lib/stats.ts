import { type Verdict, viewIndicator } from '../core/indicators.ts';
import { type IndicatorDirectionId, indicatorKinds } from '../schemas/vocabularies.ts';
import type { Catalog } from './catalog.ts';

export interface IndicatorSummary {
  kind: string;
  name: string;
  unit: string;
  /** Undefined for "other" indicators, each of which says its own direction. */
  direction?: IndicatorDirectionId;
  reported: number;
  improved: number;
  unchanged: number;
  worse: number;
  /** Undefined for "other" indicators: their units differ, so they cannot be averaged together. */
  averageBefore?: number;
  averageAfter?: number;
}

const round = (value: number) => Math.round(value * 100) / 100;

/** Per indicator kind: how many initiatives report it, how many improved, mean before/after. */
export function summariseIndicators(catalog: Catalog): IndicatorSummary[] {
  const sums = new Map<
    string,
    { reported: number; before: number; after: number } & Record<Verdict, number>
  >();
  for (const view of catalog.initiatives) {
    for (const indicator of view.data.indicators) {
      const shown = viewIndicator(indicator);
      const sum = sums.get(indicator.kind) ?? {
        reported: 0,
        improved: 0,
        unchanged: 0,
        worse: 0,
        before: 0,
        after: 0,
      };
      sum.reported += 1;
      sum[shown.verdict] += 1;
      sum.before += indicator.before.value;
      sum.after += indicator.after.value;
      sums.set(indicator.kind, sum);
    }
  }
  return indicatorKinds.flatMap((kind) => {
    const sum = sums.get(kind.id);
    if (!sum) return [];
    const averaged = kind.id !== 'other';
    return [
      {
        kind: kind.id,
        name: kind.name,
        unit: kind.unit,
        ...('better' in kind && { direction: kind.better }),
        reported: sum.reported,
        improved: sum.improved,
        unchanged: sum.unchanged,
        worse: sum.worse,
        ...(averaged && {
          averageBefore: round(sum.before / sum.reported),
          averageAfter: round(sum.after / sum.reported),
        }),
      },
    ];
  });
}
