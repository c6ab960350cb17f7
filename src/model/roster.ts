/**
 * Where a campaign's committee is written down, for messages: the campaign's own section,
 * else its organiser's standing committee. A message that names the wrong file sends the
 * secretary looking for a section that is not there.
 */
import type { Campaign, Organiser } from '../schemas/index.ts';
import { campaignSchema, organiserSchema } from '../schemas/index.ts';
import { labelOf } from '../schemas/tree.ts';
import { collections, pathOf } from './collections.ts';

const campaignSection = labelOf(campaignSchema.shape.committee);
const organiserSection = labelOf(organiserSchema.shape.committee);

/**
 * "content/campaigns/2024-tanh-linh.md, mục "Hội đồng xét sáng kiến"", or the organiser's
 * file and section when the campaign has no committee of its own; with neither, both places
 * where one may be written.
 */
export function rosterPlace(
  campaignId: string,
  campaign: Pick<Campaign, 'committee' | 'organiser'>,
  organiser: Pick<Organiser, 'committee'> | undefined,
): string {
  const campaignFile = pathOf(collections.campaigns, campaignId);
  const organiserFile = pathOf(collections.organisers, campaign.organiser);
  if (campaign.committee) return `${campaignFile}, mục "${campaignSection}"`;
  if (organiser?.committee) return `${organiserFile}, mục "${organiserSection}"`;
  return `mục "${campaignSection}" của đợt (${campaignFile}) hoặc "${organiserSection}" của cơ quan tổ chức (${organiserFile})`;
}
