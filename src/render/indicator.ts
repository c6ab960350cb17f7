/**
 * One indicator's chart and table, as HTML: the markup of
 * src/components/IndicatorChart.astro, which the site's page uses. This is the seam
 * between the two: the admin's preview draws indicators with this function, and the
 * preview test compares the result with the published page, so the two cannot drift
 * apart unnoticed. (The component can become `<Fragment set:html={indicatorHtml(view)} />`
 * once its own changes settle.)
 */
import {
  describeChange,
  type IndicatorView,
  indicatorTitle,
  viewIndicator,
} from '../core/indicators.ts';
import { formatValue } from '../core/numbers.ts';
import { scaleBars } from '../lib/bars.ts';
import type { Indicator } from '../schemas/initiative.ts';
import { indicatorKinds, termById } from '../schemas/vocabularies.ts';
import { type Html, h } from './html.ts';

const WIDTH = 320;

export function indicatorHtml(view: IndicatorView): Html {
  const [before, after] = scaleBars(
    [
      { label: 'Trước', value: view.before.value },
      { label: 'Sau', value: view.after.value },
    ],
    WIDTH - 90,
  ) as [ReturnType<typeof scaleBars>[number], ReturnType<typeof scaleBars>[number]];
  const beforeLength = Math.max(before.length, 1);
  const afterLength = Math.max(after.length, 1);
  const beforeValue = formatValue(view.before.value, view.unit);
  const afterValue = formatValue(view.after.value, view.unit);
  const verdict = view.improved ? ' (cải thiện)' : view.change === 0 ? '' : ' (chưa cải thiện)';
  return h(
    'section',
    { class: 'kho-indicator' },
    h('h3', {}, view.title),
    view.title !== view.kindName && h('p', { class: 'kho-muted' }, view.kindName),
    h(
      'div',
      { class: 'kho-chart' },
      h(
        'svg',
        {
          viewBox: `0 0 ${WIDTH} 96`,
          width: WIDTH,
          height: 96,
          'aria-hidden': 'true',
          focusable: 'false',
        },
        h('text', { x: 0, y: 14 }, `Trước: ${view.before.period}`),
        h('rect', { class: 'kho-bar-before', x: 0, y: 20, width: beforeLength, height: 18, rx: 2 }),
        h('text', { x: beforeLength + 6, y: 34 }, beforeValue),
        h('text', { x: 0, y: 62 }, `Sau: ${view.after.period}`),
        h('rect', { class: 'kho-bar-after', x: 0, y: 68, width: afterLength, height: 18, rx: 2 }),
        h('text', { x: afterLength + 6, y: 82 }, afterValue),
      ),
      h(
        'table',
        {},
        h('caption', { class: 'kho-visually-hidden' }, `${view.title}: trước và sau khi áp dụng`),
        h(
          'thead',
          {},
          h(
            'tr',
            {},
            h('th', { scope: 'col' }, 'Thời điểm'),
            h('th', { scope: 'col' }, 'Kỳ số liệu'),
            h('th', { scope: 'col', class: 'kho-num' }, 'Giá trị'),
          ),
        ),
        h(
          'tbody',
          {},
          h(
            'tr',
            {},
            h('th', { scope: 'row' }, 'Trước khi áp dụng'),
            h('td', {}, view.before.period),
            h('td', { class: 'kho-num' }, beforeValue),
          ),
          h(
            'tr',
            {},
            h('th', { scope: 'row' }, 'Sau khi áp dụng'),
            h('td', {}, view.after.period),
            h('td', { class: 'kho-num' }, afterValue),
          ),
        ),
      ),
    ),
    h(
      'p',
      {},
      'Thay đổi: ',
      h(
        'span',
        { class: view.improved ? 'kho-delta-good' : view.change === 0 ? '' : 'kho-delta-bad' },
        describeChange(view),
      ),
      `${verdict}. `,
      h('span', { class: 'kho-muted' }, `Nguồn: ${view.source}.`),
    ),
  );
}

/** An indicator as a form holds it so far: any part may be missing. */
export interface DraftIndicator {
  kind?: string;
  label?: string;
  unit?: string;
  before?: { value?: number; period?: string };
  after?: { value?: number; period?: string };
  source?: string;
}

/**
 * A draft's indicator: its chart once it has a known kind and both values, as the page
 * will show it; until then its title and what is still missing.
 */
export function draftIndicatorHtml(draft: DraftIndicator): Html {
  const complete =
    draft.kind !== undefined &&
    termById(indicatorKinds, draft.kind) !== undefined &&
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
    h('p', { class: 'kho-muted' }, 'Chưa đủ loại chỉ số và giá trị trước, sau để vẽ biểu đồ.'),
  );
}
