/**
 * Facts read from the repository's content when the admin is bundled, through the one
 * reader (src/model/read.ts), so a campaign or a unit means here what it means to the
 * validator. Decap has no free key–value widget, so a decision's scores are an object
 * whose keys are the rubric criteria of the campaigns known at build time; the form's
 * checks know the campaigns (their period) and units the same way. A new campaign arrives
 * with the next build, like every other page of the site. The committee's decisions are
 * read the same way, so the preview states an entry's status as its page does; they are
 * fetched on demand (their own chunks), as no form needs them, and a year's decision adds
 * a few kilobytes that would otherwise weigh on every start of the admin.
 */

import { cmsSettings } from '../../cms.config.ts';
import { closestDayWithin, todayInVietnam } from '../core/dates.ts';
import { type InitiativeStatus, type StatusSubject, statusLookup } from '../core/status.ts';
import { isPlainRecord, parseEntryText, parseYamlSafely } from '../model/read.ts';
import {
  type Campaign,
  campaignSchema,
  type Decision,
  decisionSchema,
  type Organiser,
  organiserSchema,
  type Unit,
  unitListSchema,
  unitSchema,
} from '../schemas/index.ts';
import type { EntryContext } from '../validator/entry-rules.ts';

const campaignFiles = import.meta.glob<string>('../../content/campaigns/*.md', {
  query: '?raw',
  import: 'default',
  eager: true,
});
const decisionFiles = import.meta.glob<string>('../../content/decisions/*.yaml', {
  query: '?raw',
  import: 'default',
});
const organiserFiles = import.meta.glob<string>('../../content/organisers/*.yaml', {
  query: '?raw',
  import: 'default',
  eager: true,
});
const unitFiles = import.meta.glob<string>('../../content/units.yaml', {
  query: '?raw',
  import: 'default',
  eager: true,
});

interface CriterionInfo {
  id: string;
  name: string;
  max: number;
}

interface CampaignFile {
  id: string;
  /** The front matter as read, whether or not the schema accepts it. */
  data: Record<string, unknown> | undefined;
  /** The campaign, when the schema accepts it. */
  campaign: Campaign | undefined;
}

/**
 * The bundled files never change while the admin runs, and widgets ask for them at every
 * render: each is read once (parsing them again at each call was about a tenth of a second
 * of every admin start). Callers must not change what they get.
 */
function once<T>(read: () => T): () => T {
  let value: { read: T } | undefined;
  return () => {
    value ??= { read: read() };
    return value.read;
  };
}

const readCampaigns = once((): CampaignFile[] =>
  Object.entries(campaignFiles).map(([file, text]) => {
    const id = (file.split('/').at(-1) ?? '').replace(/\.md$/, '');
    const { data } = parseEntryText(text, file);
    const parsed = data ? campaignSchema.safeParse(data) : undefined;
    return { id, data, campaign: parsed?.success ? parsed.data : undefined };
  }),
);

/** Organisers that pass the schema, by id (the file name). */
const readOrganisers = once(
  (): Map<string, Organiser> =>
    new Map(
      Object.entries(organiserFiles).flatMap(([file, text]) => {
        const id = (file.split('/').at(-1) ?? '').replace(/\.yaml$/, '');
        const parsed = organiserSchema.safeParse(parseYamlSafely(text, 1).data);
        return parsed.success ? [[id, parsed.data] as const] : [];
      }),
    ),
);

/**
 * Units that pass the schema; as in the validator, one bad item does not switch off the
 * unit checks for all the others. Undefined when there is no list at all.
 */
const readUnits = once((): Unit[] | undefined => {
  const text = Object.values(unitFiles)[0];
  if (text === undefined) return undefined;
  const { data } = parseYamlSafely(text, 1);
  if (!Array.isArray(data)) return undefined;
  const whole = unitListSchema.safeParse(data);
  if (whole.success) return whole.data;
  return data.flatMap((item) => {
    const one = unitSchema.safeParse(item);
    return one.success ? [one.data] : [];
  });
});

/** Every criterion id of every campaign's rubric, first name and largest maximum kept. */
export function knownCriteria(): CriterionInfo[] {
  const byId = new Map<string, CriterionInfo>();
  for (const { data } of readCampaigns()) {
    const rubric = isPlainRecord(data?.rubric) ? data.rubric : undefined;
    const criteria = Array.isArray(rubric?.criteria) ? rubric.criteria : [];
    for (const item of criteria) {
      if (!isPlainRecord(item)) continue;
      const { id, name, max } = item;
      if (typeof id !== 'string' || typeof name !== 'string' || typeof max !== 'number') continue;
      const known = byId.get(id);
      if (!known) byId.set(id, { id, name, max });
      else known.max = Math.max(known.max, max);
    }
  }
  return [...byId.values()];
}

let bundled: Omit<EntryContext, 'today' | 'isNew'> | undefined;

/** What the form's checks know besides the entry: the campaigns and units of this build. */
export function entryContext(isNew: boolean, today = todayInVietnam()): EntryContext {
  if (!bundled) {
    const campaigns = readCampaigns();
    const units = readUnits();
    bundled = {
      campaignIds: new Set(campaigns.map((file) => file.id)),
      campaigns: new Map(
        campaigns.flatMap((file) => (file.campaign ? [[file.id, file.campaign] as const] : [])),
      ),
      units: units ? new Map(units.map((unit) => [unit.id, unit])) : undefined,
      // The form refuses, as the validator does, a unit outside the campaign organiser's scope.
      organisers: readOrganisers(),
    };
  }
  return { ...bundled, today, isNew };
}

export interface OfferedCampaign {
  id: string;
  campaign: Campaign;
}

/**
 * The campaigns a submission can go to on `today` (Viet Nam's date): open, and their
 * deadline not passed. A campaign whose status still says open after its last day is
 * not offered: the validator would refuse every new entry sent to it. With an organiser
 * (an admin serving one organiser's staff), only that organiser's campaigns.
 */
export function campaignsOffered(
  campaigns: readonly { id: string; campaign: Campaign | undefined }[],
  today: string,
  organiser?: string,
): OfferedCampaign[] {
  return campaigns.flatMap(({ id, campaign }) =>
    campaign &&
    campaign.status === 'open' &&
    today <= campaign.deadline &&
    (!organiser || campaign.organiser === organiser)
      ? [{ id, campaign }]
      : [],
  );
}

/** The campaigns of this build offered today (see campaignsOffered). */
export function offeredCampaigns(
  today = todayInVietnam(),
  organiser: string | undefined = cmsSettings.organiser,
): OfferedCampaign[] {
  return campaignsOffered(readCampaigns(), today, organiser);
}

/** An organiser of this build by id, for the preview and the form's campaign hint. */
export function bundledOrganiser(id: string | undefined): Organiser | undefined {
  return id ? readOrganisers().get(id) : undefined;
}

/**
 * What the submission date starts at: today when an offered campaign is receiving
 * today, else the first day one of them opens; today when none is offered.
 */
export function submittedDefault(offered: readonly OfferedCampaign[], today: string): string {
  const periods = offered.map(({ campaign }) => campaign);
  if (periods.length === 0 || periods.some((campaign) => campaign.opensOn <= today)) return today;
  return periods.map((campaign) => campaign.opensOn).sort()[0] ?? today;
}

/**
 * What a date with a default starts at once a campaign is chosen: today while the campaign
 * is receiving, else the closest day of its receiving period (its first day before it
 * opens, its deadline after it closes). Undefined for a campaign this build does not know.
 */
export function dateInCampaign(
  campaign: Pick<Campaign, 'opensOn' | 'deadline'> | undefined,
  today: string,
): string | undefined {
  return campaign ? closestDayWithin(today, campaign.opensOn, campaign.deadline) : undefined;
}

/**
 * The value a date field following the campaign takes when the form's campaign has just
 * become `campaign`: only in a new entry, only while the submitter has not set the date
 * themselves, and only when it changes something. Undefined: leave the date as it is.
 */
export function followedDate(options: {
  campaign: unknown;
  value: unknown;
  touched: boolean;
  isNew: boolean;
  today: string;
  lookup?: (id: string) => Pick<Campaign, 'opensOn' | 'deadline'> | undefined;
}): string | undefined {
  const { campaign, value, touched, isNew, today, lookup = bundledCampaign } = options;
  if (touched || !isNew || typeof campaign !== 'string' || campaign === '') return undefined;
  const day = dateInCampaign(lookup(campaign), today);
  return day && day !== value ? day : undefined;
}

/** A unit of this build by id, for the preview's names and links. */
export function bundledUnit(id: string | undefined): Unit | undefined {
  return id ? entryContext(false).units?.get(id) : undefined;
}

/** A campaign of this build by id (its file name), for the preview's campaign row. */
export function bundledCampaign(id: string | undefined): Campaign | undefined {
  return id ? entryContext(false).campaigns.get(id) : undefined;
}

/** Decisions of this build that pass the schema; one bad file does not hide the others. */
function parseDecisions(texts: readonly string[]): Decision[] {
  return texts.flatMap((text) => {
    const parsed = decisionSchema.safeParse(parseYamlSafely(text, 1).data);
    return parsed.success ? [parsed.data] : [];
  });
}

let statusOf: ((initiative: StatusSubject) => InitiativeStatus) | undefined;
let loadingDecisions: Promise<void> | undefined;

/** Fetches this build's decisions once; `bundledStatus` answers after that. */
export function loadDecisions(): Promise<void> {
  loadingDecisions ??= Promise.all(Object.values(decisionFiles).map((load) => load())).then(
    (texts) => {
      statusOf = statusLookup(
        parseDecisions(texts),
        (campaign) => bundledCampaign(campaign)?.rubric.grades ?? [],
      );
    },
  );
  return loadingDecisions;
}

/**
 * An entry's status with the committee as this build's decisions give it (src/core/status.ts,
 * as the site counts it): "Chưa xét" for a new entry or one no decision names yet. Undefined
 * until the decisions are loaded (`loadDecisions`).
 */
export function bundledStatus(
  id: string | undefined,
  campaign: string | undefined,
): InitiativeStatus | undefined {
  return statusOf?.({ id: id ?? '', campaign: campaign ?? '' });
}
