/**
 * One indicator as the site's page shows it: title, kind and direction, a large
 * before → after, a worded verdict, and a table with drawn bars. The page
 * (src/components/IndicatorChart.astro) and the admin's preview both print this markup.
 */
import {
  describeChange,
  describeRelativeChange,
  directionName,
  type IndicatorView,
  indicatorDirection,
  indicatorTitle,
  verdictNames,
  viewIndicator,
} from '../core/indicators.ts';
import { formatNumber, formatValue } from '../core/numbers.ts';
import { scaleBars } from '../lib/bars.ts';
import type { Indicator } from '../schemas/initiative.ts';
import { indicatorKinds, termById } from '../schemas/vocabularies.ts';
import { type Html, h } from './html.ts';

const marks = { improved: '✓', worse: '✗', unchanged: '=' } as const;

/** A row of the table: the moment and its period, the value and its bar (a share of 0–100). */
function barRow(moment: string, period: string, value: string, barClass: string, length: number) {
  return h(
    'tr',
    {},
    h(
      'th',
      { scope: 'row', class: 'kho-chart-label' },
      `${moment} `,
      h(
        'span',
        { class: 'kho-chart-period' },
        h('span', { class: 'kho-visually-hidden' }, ', kỳ '),
        period,
      ),
    ),
    h(
      'td',
      { class: 'kho-chart-value' },
      h('span', { class: 'kho-chart-label' }, value),
      h(
        'svg',
        {
          class: 'kho-bar',
          viewBox: '0 0 100 10',
          preserveAspectRatio: 'none',
          'aria-hidden': 'true',
          focusable: 'false',
        },
        h('rect', { class: barClass, width: Math.max(length, 0.5), height: 10 }),
      ),
    ),
  );
}

export function indicatorHtml(view: IndicatorView): Html {
  // Bars on a 0–100 scale: the SVG stretches to its cell, so a length is a share of the cell.
  const [before, after] = scaleBars(
    [
      { label: 'Trước', value: view.before.value },
      { label: 'Sau', value: view.after.value },
    ],
    100,
  ) as [ReturnType<typeof scaleBars>[number], ReturnType<typeof scaleBars>[number]];
  const percent = view.unit === '%';
  const figure = (value: number) => (percent ? `${formatNumber(value)}%` : formatNumber(value));
  const relative = describeRelativeChange(view);
  const verdict = verdictNames[view.verdict];
  return h(
    'section',
    { class: 'kho-indicator' },
    h('h3', {}, view.title),
    h(
      'p',
      { class: 'kho-muted' },
      view.title !== view.kindName && `${view.kindName} · `,
      directionName(view.direction),
    ),
    h(
      'p',
      { class: 'kho-indicator-figures' },
      h(
        'span',
        { class: 'kho-indicator-big' },
        `${figure(view.before.value)} `,
        h('span', { 'aria-hidden': 'true' }, '→'),
        h('span', { class: 'kho-visually-hidden' }, ', sau khi áp dụng:'),
        ` ${figure(view.after.value)}`,
      ),
      !percent && view.unit && h('span', { class: 'kho-indicator-unit' }, view.unit),
    ),
    h(
      'p',
      { class: 'kho-verdict', 'data-verdict': view.verdict },
      h('span', { class: 'kho-verdict-mark', 'aria-hidden': 'true' }, marks[view.verdict]),
      ' ',
      h('strong', {}, `${verdict.charAt(0).toLocaleUpperCase('vi')}${verdict.slice(1)}`),
      view.verdict !== 'unchanged' &&
        `: ${describeChange(view)}${relative ? `, tức ${relative} so với trước` : ''}`,
      '.',
    ),
    h(
      'table',
      { class: 'kho-bars' },
      h('caption', { class: 'kho-visually-hidden' }, `${view.title}: trước và sau khi áp dụng`),
      h(
        'thead',
        {},
        h(
          'tr',
          {},
          h('th', { scope: 'col' }, 'Thời điểm, kỳ số liệu'),
          h('th', { scope: 'col' }, 'Giá trị'),
        ),
      ),
      h(
        'tbody',
        {},
        barRow(
          'Trước khi áp dụng',
          view.before.period,
          formatValue(view.before.value, view.unit),
          'kho-bar-before',
          before.length,
        ),
        barRow(
          'Sau khi áp dụng',
          view.after.period,
          formatValue(view.after.value, view.unit),
          'kho-bar-after',
          after.length,
        ),
      ),
    ),
    h('p', { class: 'kho-muted' }, `Nguồn: ${view.source}.`),
  );
}

/** An indicator as a form holds it so far: any part may be missing. */
export interface DraftIndicator {
  kind?: string;
  label?: string;
  unit?: string;
  better?: string;
  before?: { value?: number; period?: string };
  after?: { value?: number; period?: string };
  source?: string;
}

/**
 * A draft's indicator: its chart once it has a known kind, a direction (an "other"
 * indicator gives its own) and both values, as the page will show it; until then its title
 * and what is still missing.
 */
export function draftIndicatorHtml(draft: DraftIndicator): Html {
  const complete =
    draft.kind !== undefined &&
    termById(indicatorKinds, draft.kind) !== undefined &&
    indicatorDirection(draft) !== undefined &&
    typeof draft.before?.value === 'number' &&
    typeof draft.after?.value === 'number';
  if (complete) {
    return indicatorHtml(
      viewIndicator({
        ...draft,
        before: { period: '', ...draft.before },
        after: { period: '', ...draft.after },
        source: draft.source ?? '',
      } as Indicator),
    );
  }
  return h(
    'section',
    { class: 'kho-indicator' },
    h('h3', {}, indicatorTitle(draft)),
    h(
      'p',
      { class: 'kho-muted' },
      'Chưa đủ loại chỉ số, chiều tốt và giá trị trước, sau để vẽ biểu đồ.',
    ),
  );
}
