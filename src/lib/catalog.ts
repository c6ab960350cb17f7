/**
 * All content, cross-referenced once. Every page reads from one catalog built
 * in linear time (maps keyed by id), so a page never scans the whole collection.
 */
import { gradeName, totalScore } from '../core/committee.ts';
import { type DecisionStatusId, type InitiativeStatus, statusLookup } from '../core/status.ts';
import { viCollator } from '../core/text.ts';
import type {
  Adoption,
  Campaign,
  Criterion,
  Decision,
  DecisionResult,
  Initiative,
  Organiser,
  ScopeLevel,
  Unit,
} from '../schemas/index.ts';

export interface Entry<T> {
  id: string;
  data: T;
  filePath?: string;
}

export interface CatalogInput {
  campaigns: Entry<Campaign>[];
  initiatives: Entry<Initiative>[];
  units: Entry<Unit>[];
  scopeLevels: Entry<ScopeLevel>[];
  decisions: Entry<Decision>[];
  adoptions: Entry<Adoption>[];
  /** Absent in callers that predate organisers (tests of single-organiser sites). */
  organisers?: Entry<Organiser>[];
}

/** An organiser with its id (the file name), as pages show it. */
export interface OrganiserView extends Organiser {
  id: string;
}

export interface ScoreLine {
  criterion: Criterion;
  score: number | undefined;
}

export interface ResultView {
  decision: Decision;
  result: DecisionResult;
  lines: ScoreLine[];
  total: number;
  max: number;
  gradeName?: string;
  scope?: ScopeLevel;
}

export interface InitiativeLink {
  id: string;
  title: string;
  status: InitiativeStatus;
  /** The organiser of its campaign: an adaptation may cross from one organiser to another. */
  organiser?: OrganiserView;
  year?: number;
}

export interface InitiativeView {
  id: string;
  data: Initiative;
  filePath?: string;
  campaign?: Entry<Campaign>;
  /** Who ran the call it was sent to. */
  organiser?: OrganiserView;
  unit?: Unit;
  /** Where it stands with the committee (src/core/status.ts): printed wherever it is listed. */
  status: InitiativeStatus;
  result?: ResultView;
  adoptions: Entry<Adoption>[];
  adaptedFrom: InitiativeLink[];
  adaptedBy: InitiativeLink[];
  previous?: InitiativeLink;
  next?: InitiativeLink;
}

export interface Catalog {
  initiatives: InitiativeView[];
  initiativeById: Map<string, InitiativeView>;
  campaigns: Entry<Campaign>[];
  campaignById: Map<string, Entry<Campaign>>;
  currentCampaign?: Entry<Campaign>;
  /** Organisers, those still existing first, then by name. */
  organisers: OrganiserView[];
  organiserById: Map<string, OrganiserView>;
  /** The organiser of each campaign id. */
  organiserOfCampaign: Map<string, OrganiserView>;
  byOrganiser: Map<string, InitiativeView[]>;
  units: Unit[];
  unitById: Map<string, Unit>;
  scopeLevels: ScopeLevel[];
  scopeById: Map<string, ScopeLevel>;
  adoptions: Entry<Adoption>[];
  byCampaign: Map<string, InitiativeView[]>;
  byArea: Map<string, InitiativeView[]>;
  byField: Map<string, InitiativeView[]>;
  byGoal: Map<string, InitiativeView[]>;
  byUnit: Map<string, InitiativeView[]>;
  byScope: Map<string, InitiativeView[]>;
  byStatus: Map<DecisionStatusId, InitiativeView[]>;
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

function unitOf(entry: Entry<Unit>): Unit {
  return { ...entry.data, id: entry.data.id ?? entry.id };
}

/** Open campaign first; otherwise the latest year. */
export function pickCurrentCampaign(campaigns: Entry<Campaign>[]): Entry<Campaign> | undefined {
  const open = campaigns.filter((campaign) => campaign.data.status === 'open');
  const pool = open.length > 0 ? open : campaigns;
  return [...pool].sort((a, b) => b.data.year - a.data.year || a.id.localeCompare(b.id))[0];
}

function resultView(
  decision: Decision,
  result: DecisionResult,
  campaign: Campaign | undefined,
  scopeById: Map<string, ScopeLevel>,
): ResultView {
  const criteria = campaign?.rubric.criteria ?? [];
  const lines = criteria.map((criterion) => ({ criterion, score: result.scores[criterion.id] }));
  return {
    decision,
    result,
    lines,
    total: totalScore(result.scores),
    max: campaign?.rubric.total ?? 100,
    gradeName: gradeName(campaign?.rubric.grades ?? [], result.grade),
    scope: result.scope ? scopeById.get(result.scope) : undefined,
  };
}

/** Newest campaign first, then newest submission, then title in Vietnamese order. */
function compareInitiatives(a: InitiativeView, b: InitiativeView): number {
  return (
    (b.campaign?.data.year ?? 0) - (a.campaign?.data.year ?? 0) ||
    b.data.submitted.localeCompare(a.data.submitted) ||
    viCollator.compare(a.data.title, b.data.title) ||
    a.id.localeCompare(b.id)
  );
}

export function buildCatalog(input: CatalogInput): Catalog {
  const campaigns = [...input.campaigns].sort(
    (a, b) => b.data.year - a.data.year || a.id.localeCompare(b.id),
  );
  const campaignById = new Map(campaigns.map((campaign) => [campaign.id, campaign]));
  const units = input.units.map(unitOf).sort((a, b) => viCollator.compare(a.name, b.name));
  const unitById = new Map(units.map((unit) => [unit.id, unit]));
  const scopeLevels = input.scopeLevels
    .map((entry) => ({ ...entry.data, id: entry.data.id ?? entry.id }))
    .sort((a, b) => a.rank - b.rank);
  const scopeById = new Map(scopeLevels.map((scope) => [scope.id, scope]));
  const organisers: OrganiserView[] = (input.organisers ?? [])
    .map((entry) => ({ ...entry.data, id: entry.id }))
    .sort(
      (a, b) =>
        Number(a.validTo !== undefined) - Number(b.validTo !== undefined) ||
        viCollator.compare(a.name, b.name),
    );
  const organiserById = new Map(organisers.map((organiser) => [organiser.id, organiser]));
  const organiserOfCampaign = new Map(
    campaigns.flatMap((campaign) => {
      const organiser = organiserById.get(campaign.data.organiser);
      return organiser ? [[campaign.id, organiser] as const] : [];
    }),
  );

  const statusOf = statusLookup(
    input.decisions.map((entry) => entry.data),
    (campaign) => campaignById.get(campaign)?.data.rubric.grades ?? [],
  );

  const adoptionsByInitiative = new Map<string, Entry<Adoption>[]>();
  const adoptions = [...input.adoptions].sort((a, b) => b.data.since.localeCompare(a.data.since));
  for (const adoption of adoptions) push(adoptionsByInitiative, adoption.data.initiative, adoption);

  // Who ran the call a linked initiative went to, and in which year (when organisers are known).
  const organisedBy = (campaignId: string): Pick<InitiativeLink, 'organiser' | 'year'> => {
    const organiser = organiserOfCampaign.get(campaignId);
    return organiser ? { organiser, year: campaignById.get(campaignId)?.data.year } : {};
  };
  const linkById = new Map<string, InitiativeLink>(
    input.initiatives.map((entry) => [
      entry.id,
      {
        id: entry.id,
        title: entry.data.title,
        status: statusOf({ id: entry.id, campaign: entry.data.campaign }),
        ...organisedBy(entry.data.campaign),
      },
    ]),
  );
  const adaptedBy = new Map<string, InitiativeLink[]>();
  for (const entry of input.initiatives) {
    const link = linkById.get(entry.id);
    for (const source of entry.data.adaptedFrom) if (link) push(adaptedBy, source, link);
  }

  const initiatives: InitiativeView[] = input.initiatives.map((entry) => {
    const status = (linkById.get(entry.id) as InitiativeLink).status;
    const campaign = campaignById.get(entry.data.campaign);
    return {
      id: entry.id,
      data: entry.data,
      filePath: entry.filePath,
      campaign,
      organiser: organiserOfCampaign.get(entry.data.campaign),
      unit: unitById.get(entry.data.unit),
      status,
      result:
        status.decision && status.result
          ? resultView(status.decision, status.result, campaign?.data, scopeById)
          : undefined,
      adoptions: adoptionsByInitiative.get(entry.id) ?? [],
      adaptedFrom: entry.data.adaptedFrom.flatMap((id) => {
        const link = linkById.get(id);
        return link ? [link] : [];
      }),
      adaptedBy: adaptedBy.get(entry.id) ?? [],
    };
  });
  initiatives.sort(compareInitiatives);
  initiatives.forEach((view, index) => {
    const previous = initiatives[index - 1];
    const next = initiatives[index + 1];
    if (previous) view.previous = linkById.get(previous.id);
    if (next) view.next = linkById.get(next.id);
  });

  const byCampaign = new Map<string, InitiativeView[]>();
  const byArea = new Map<string, InitiativeView[]>();
  const byField = new Map<string, InitiativeView[]>();
  const byGoal = new Map<string, InitiativeView[]>();
  const byUnit = new Map<string, InitiativeView[]>();
  const byScope = new Map<string, InitiativeView[]>();
  const byStatus = new Map<DecisionStatusId, InitiativeView[]>();
  const byOrganiser = new Map<string, InitiativeView[]>();
  for (const view of initiatives) {
    push(byStatus, view.status.id, view);
    if (view.organiser) push(byOrganiser, view.organiser.id, view);
    push(byCampaign, view.data.campaign, view);
    push(byUnit, view.data.unit, view);
    for (const area of view.data.areas) push(byArea, area, view);
    for (const field of view.data.fields) push(byField, field, view);
    for (const goal of view.data.goals) push(byGoal, goal, view);
    const scope = view.result?.result.scope;
    if (scope) push(byScope, scope, view);
  }

  return {
    initiatives,
    initiativeById: new Map(initiatives.map((view) => [view.id, view])),
    campaigns,
    campaignById,
    currentCampaign: pickCurrentCampaign(campaigns),
    organisers,
    organiserById,
    organiserOfCampaign,
    byOrganiser,
    units,
    unitById,
    scopeLevels,
    scopeById,
    adoptions,
    byCampaign,
    byArea,
    byField,
    byGoal,
    byUnit,
    byScope,
    byStatus,
  };
}

const adoptionsOfUnits = new WeakMap<readonly Entry<Adoption>[], Map<string, Entry<Adoption>[]>>();

/**
 * The adoptions reported by each unit, in the catalog's order (newest first); grouped once per
 * list. Filtering the whole list for every unit made the unit pages cost units × adoptions.
 */
export function adoptionsByUnit(
  adoptions: readonly Entry<Adoption>[],
): ReadonlyMap<string, readonly Entry<Adoption>[]> {
  let byUnit = adoptionsOfUnits.get(adoptions);
  if (!byUnit) {
    byUnit = new Map();
    for (const adoption of adoptions) push(byUnit, adoption.data.unit, adoption);
    adoptionsOfUnits.set(adoptions, byUnit);
  }
  return byUnit;
}

/**
 * Who took an initiative up, as its record lists them: the units that reported adopting it
 * (their name, else the id), then the initiatives adapted from it (their organiser's short
 * name, else their title).
 */
export function adopterNames(
  view: Pick<InitiativeView, 'adoptions' | 'adaptedBy'>,
  unitById: ReadonlyMap<string, Pick<Unit, 'name'>>,
): string[] {
  return [
    ...view.adoptions.map(
      (adoption) => unitById.get(adoption.data.unit)?.name ?? adoption.data.unit,
    ),
    ...view.adaptedBy.map((link) => link.organiser?.shortName ?? link.title),
  ];
}
