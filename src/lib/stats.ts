import { viewIndicator } from '../core/indicators.ts';
import { indicatorKinds } from '../schemas/vocabularies.ts';
import type { Catalog } from './catalog.ts';

export interface IndicatorSummary {
  kind: string;
  name: string;
  unit: string;
  lowerIsBetter: boolean;
  reported: number;
  improved: number;
  averageBefore: number;
  averageAfter: number;
}

const round = (value: number) => Math.round(value * 100) / 100;

/** Per indicator kind: how many initiatives report it, how many improved, mean before/after. */
export function summariseIndicators(catalog: Catalog): IndicatorSummary[] {
  const sums = new Map<
    string,
    { reported: number; improved: number; before: number; after: number }
  >();
  for (const view of catalog.initiatives) {
    for (const indicator of view.data.indicators) {
      // Values of "other" indicators have unrelated units: they cannot be averaged together.
      if (indicator.kind === 'other') continue;
      const shown = viewIndicator(indicator);
      const sum = sums.get(indicator.kind) ?? { reported: 0, improved: 0, before: 0, after: 0 };
      sum.reported += 1;
      if (shown.improved) sum.improved += 1;
      sum.before += indicator.before.value;
      sum.after += indicator.after.value;
      sums.set(indicator.kind, sum);
    }
  }
  return indicatorKinds.flatMap((kind) => {
    const sum = sums.get(kind.id);
    if (!sum) return [];
    return [
      {
        kind: kind.id,
        name: kind.name,
        unit: kind.unit,
        lowerIsBetter: kind.lowerIsBetter,
        reported: sum.reported,
        improved: sum.improved,
        averageBefore: round(sum.before / sum.reported),
        averageAfter: round(sum.after / sum.reported),
      },
    ];
  });
}
