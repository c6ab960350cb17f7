import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { unknownCampaign } from '../../core/exit-codes.ts';
import { type InitiativeStatus, statusLookup } from '../../core/status.ts';
import { contentPaths } from '../../model/collections.ts';
import type { Adoption, Campaign, Decision, Organiser, Unit } from '../../schemas/index.ts';
import {
  type EntryFile,
  loadAdoptions,
  loadCampaigns,
  loadDecision,
  loadEntries,
  loadOrganiser,
  loadUnits,
} from '../common/content.ts';

export interface RecognisedEntry extends EntryFile {
  status: InitiativeStatus;
}

/** What a campaign's yearbook is made of, read through the one reader. */
export interface YearbookData {
  campaignId: string;
  campaign: Campaign;
  /** Who ran the call: the cover's agency, the place and the foreword's subject. */
  organiser: Organiser;
  units: Unit[];
  decision?: Decision;
  /** Every entry of the campaign, whatever its status: the foreword counts them. */
  entries: EntryFile[];
  /** The recognised ones, in the booklet's order: by grade (highest first), then by title. */
  recognised: RecognisedEntry[];
  /** Replication reports of the recognised initiatives, by initiative. */
  adoptions: Map<string, (Adoption & { id: string })[]>;
}

const collator = new Intl.Collator('vi');

export function loadYearbookData(root: string, campaignId: string): YearbookData {
  const campaigns = existsSync(join(root, contentPaths.campaigns)) ? loadCampaigns(root) : [];
  const found = campaigns.find((item) => item.id === campaignId);
  if (!found)
    throw unknownCampaign(
      campaignId,
      campaigns.map((item) => item.id),
    );
  const campaign = found.data;
  const units = loadUnits(root);
  const organiser = loadOrganiser(root, campaign.organiser);
  const decision = loadDecision(root, campaignId);
  const entries = loadEntries(root, campaignId);
  const statusOf = statusLookup(decision ? [decision] : [], () => campaign.rubric.grades);
  const gradeRank = (status: InitiativeStatus) => {
    const index = campaign.rubric.grades.findIndex((grade) => grade.id === status.result?.grade);
    return index < 0 ? campaign.rubric.grades.length : index;
  };
  const recognised = entries
    .map((entry) => ({
      ...entry,
      status: statusOf({ id: entry.slug, campaign: entry.data.campaign }),
    }))
    .filter((entry) => entry.status.id === 'recognised')
    .sort(
      (a, b) =>
        gradeRank(a.status) - gradeRank(b.status) || collator.compare(a.data.title, b.data.title),
    );
  const wanted = new Set(recognised.map((entry) => entry.slug));
  const adoptions = new Map<string, (Adoption & { id: string })[]>();
  for (const adoption of loadAdoptions(root)) {
    if (!wanted.has(adoption.initiative)) continue;
    const list = adoptions.get(adoption.initiative) ?? [];
    list.push(adoption);
    adoptions.set(adoption.initiative, list);
  }
  for (const list of adoptions.values()) list.sort((a, b) => a.since.localeCompare(b.since));
  return { campaignId, campaign, organiser, units, decision, entries, recognised, adoptions };
}
