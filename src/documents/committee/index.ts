import {
  loadCampaign,
  loadDecision,
  loadEntries,
  loadOrganiser,
  loadScopeLevels,
  loadUnits,
} from '../common/content.ts';
import { type Format, render } from '../common/output.ts';
import { buildCommitteeList, type ListKind } from './build.ts';

export interface CommitteeOptions {
  root: string;
  campaign: string;
  list: ListKind;
  format: Format;
  blank?: boolean;
}

export async function committeeDocument(
  options: CommitteeOptions,
): Promise<{ content: Buffer; count: number }> {
  const { root } = options;
  const campaign = loadCampaign(root, options.campaign);
  const model = buildCommitteeList({
    campaignId: campaign.id,
    campaign: campaign.data,
    organiser: loadOrganiser(root, campaign.data.organiser),
    decision: loadDecision(root, campaign.id),
    entries: loadEntries(root, campaign.id),
    units: loadUnits(root),
    scopeLevels: loadScopeLevels(root),
    list: options.list,
    blank: options.blank,
  });
  const table = model.blocks.find((block) => block.kind === 'table');
  const count = table?.kind === 'table' ? table.rows.length - 1 : 0;
  return { content: await render(model, options.format), count };
}
