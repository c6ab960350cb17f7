import { decisionStatus, decisionStatuses } from '../core/status.ts';
import { viCollator } from '../core/text.ts';
import { campaignSchema } from '../schemas/campaign.ts';
import { resultSchema } from '../schemas/decision.ts';
import { initiativeSchema } from '../schemas/initiative.ts';
import { labelOf } from '../schemas/tree.ts';
import { applicationFields, reformAreas, termSlug, themeGoals } from '../schemas/vocabularies.ts';
import type { Catalog, InitiativeView } from './catalog.ts';
import { routes } from './paths.ts';

export interface FacetOption {
  /**
   * The value in the list's address and data attributes: the same Vietnamese slug as the
   * option's own page (`?field=dich-vu-cong-truc-tuyen` ↔ `/sang-kien/linh-vuc/dich-vu-cong-truc-tuyen/`).
   */
  id: string;
  label: string;
  count: number;
  href: string;
}

export interface Facet {
  /** Query parameter and data attribute name. */
  key: 'status' | 'organiser' | 'campaign' | 'area' | 'field' | 'goal' | 'unit' | 'scope';
  legend: string;
  options: FacetOption[];
  /** The option chosen until the reader picks another; none means "all". */
  preset?: string;
}

/** The committee's verdict, the list's first filter: it shows what was recognised unless asked. */
export const STATUS_LEGEND = 'Kết quả xét của Hội đồng';

const shape = initiativeSchema.shape;

/** The list's filters: one facet per classification, options with their counts. */
export function buildFacets(catalog: Catalog): Facet[] {
  const count = (map: Map<string, InitiativeView[]>, id: string) => map.get(id)?.length ?? 0;
  const facets: Facet[] = [
    {
      key: 'status',
      legend: STATUS_LEGEND,
      preset: decisionStatus('recognised').slug,
      options: decisionStatuses.map((status) => ({
        id: status.slug,
        label: status.name,
        count: count(catalog.byStatus, status.id),
        href: routes.status(status.id),
      })),
    },
    {
      key: 'organiser',
      legend: labelOf(campaignSchema.shape.organiser),
      options: catalog.organisers
        .filter((organiser) => catalog.byOrganiser.has(organiser.id))
        .map((organiser) => ({
          id: organiser.id,
          label: organiser.shortName,
          count: count(catalog.byOrganiser, organiser.id),
          href: routes.organiser(organiser.id),
        })),
    },
    {
      key: 'campaign',
      legend: labelOf(shape.campaign),
      options: catalog.campaigns.map((campaign) => ({
        id: campaign.id,
        // Two organisers may both run a call in one year: the year alone would not tell them apart.
        label:
          catalog.organisers.length > 1
            ? `Năm ${campaign.data.year} – ${catalog.organiserOfCampaign.get(campaign.id)?.shortName ?? campaign.data.organiser}`
            : `Năm ${campaign.data.year}`,
        count: count(catalog.byCampaign, campaign.id),
        href: routes.campaign(campaign.id),
      })),
    },
    {
      key: 'area',
      legend: labelOf(shape.areas),
      options: reformAreas.map((term) => ({
        id: term.slug,
        label: term.short,
        count: count(catalog.byArea, term.id),
        href: routes.area(term.id),
      })),
    },
    {
      key: 'field',
      legend: labelOf(shape.fields),
      options: applicationFields.map((term) => ({
        id: term.slug,
        label: term.short,
        count: count(catalog.byField, term.id),
        href: routes.field(term.id),
      })),
    },
    {
      key: 'goal',
      legend: labelOf(shape.goals),
      options: themeGoals.map((term) => ({
        id: term.slug,
        label: term.short,
        count: count(catalog.byGoal, term.id),
        href: routes.goal(term.id),
      })),
    },
    {
      key: 'unit',
      legend: labelOf(shape.unit),
      options: catalog.units
        .filter((unit) => catalog.byUnit.has(unit.id))
        .map((unit) => ({
          id: unit.id,
          label: unit.name,
          count: count(catalog.byUnit, unit.id),
          href: routes.unit(unit.id),
        })),
    },
    {
      key: 'scope',
      legend: labelOf(resultSchema.shape.scope),
      options: catalog.scopeLevels
        .filter((scope) => catalog.byScope.has(scope.id))
        .map((scope) => ({
          id: scope.id,
          label: scope.name,
          count: count(catalog.byScope, scope.id),
          href: routes.scope(scope.id),
        })),
    },
  ];
  return facets.filter((facet) => facet.options.length > 0);
}

/** Whether a facet's preset hides some items: the list then says so, and how to see the rest. */
export function presetHides(facet: Facet): boolean {
  return (
    facet.preset !== undefined &&
    facet.options.some((option) => option.id !== facet.preset && option.count > 0)
  );
}

/** Space-separated values of each facet for one initiative, for `data-*` attributes. */
export function facetValues(view: InitiativeView): Record<Facet['key'], string> {
  return {
    status: decisionStatus(view.status.id).slug,
    organiser: view.organiser?.id ?? '',
    campaign: view.data.campaign,
    area: view.data.areas.map((id) => termSlug(reformAreas, id)).join(' '),
    field: view.data.fields.map((id) => termSlug(applicationFields, id)).join(' '),
    goal: view.data.goals.map((id) => termSlug(themeGoals, id)).join(' '),
    unit: view.data.unit,
    scope: view.result?.result.scope ?? '',
  };
}

export const sorts = [
  { id: 'moi-nhat', label: 'Mới nhất' },
  { id: 'ten', label: 'Tên (A–Z)' },
  { id: 'diem', label: 'Điểm cao nhất' },
] as const;
export type SortId = (typeof sorts)[number]['id'];

/** Position (1-based) of each initiative under each sort, for CSS `order` without JavaScript. */
export function sortPositions(
  items: readonly InitiativeView[],
): Map<string, Record<SortId, number>> {
  const positions = new Map<string, Record<SortId, number>>();
  const byTitle = [...items].sort((a, b) => viCollator.compare(a.data.title, b.data.title));
  const byScore = [...items].sort((a, b) => (b.result?.total ?? -1) - (a.result?.total ?? -1));
  items.forEach((view, index) => {
    positions.set(view.id, { 'moi-nhat': index + 1, ten: 0, diem: 0 });
  });
  byTitle.forEach((view, index) => {
    const entry = positions.get(view.id);
    if (entry) entry.ten = index + 1;
  });
  byScore.forEach((view, index) => {
    const entry = positions.get(view.id);
    if (entry) entry.diem = index + 1;
  });
  return positions;
}

/** The `id` of an initiative's item in the list, which its sort positions are keyed by. */
export function listItemId(initiativeId: string): string {
  return `sk-${initiativeId}`;
}

/** `value` as a CSS identifier: anything but letters, digits, `-` and `_` is escaped. */
function cssIdentifier(value: string): string {
  return value.replace(/[^\p{L}\p{N}_-]/gu, (char) => `\\${char.codePointAt(0)?.toString(16)} `);
}

/**
 * Each item's position under every sort, as custom properties (`--kho-o-<sort>`) keyed by the
 * item's id: read by the order rules of `filterCss` without JavaScript and by `<kho-filter>`
 * with it. A stylesheet rather than `style` attributes, which the site's policy does not allow.
 */
export function sortCss(items: readonly InitiativeView[]): string {
  const positions = sortPositions(items);
  return items
    .map((view) => {
      const position = positions.get(view.id);
      const properties = sorts.map((sort) => `--kho-o-${sort.id}:${position?.[sort.id] ?? 0}`);
      return `#${cssIdentifier(listItemId(view.id))}{${properties.join(';')}}`;
    })
    .join('\n');
}

/** CSS that hides non-matching items for the checked radio of every facet option. */
export function filterCss(facets: readonly Facet[]): string {
  const rules = facets.flatMap((facet) =>
    facet.options.map(
      (option) =>
        `kho-filter:has(#loc-${facet.key}-${option.id}:checked) .kho-results>li:not([data-${facet.key}~="${option.id}"]){display:none}`,
    ),
  );
  const order = sorts.map(
    (sort) =>
      `kho-filter:has(#xep-${sort.id}:checked) .kho-results>li{order:var(--kho-o-${sort.id})}`,
  );
  return [...rules, ...order].join('\n');
}
