import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { contentPaths } from '../../model/collections.ts';

import {
  loadCampaigns,
  loadEntryFile,
  loadOrganiser,
  loadUnits,
  resolveEntryPath,
} from '../common/content.ts';
import { type Format, render } from '../common/output.ts';
import { buildApplication } from './build.ts';
import { loadPictures } from './pictures.ts';

export interface ApplicationResult {
  slug: string;
  content: Buffer;
}

/** Builds the application form of an entry (slug, folder or index.md) in the given format. */
export async function applicationDocument(
  root: string,
  entry: string,
  format: Format,
  options: { undated?: boolean } = {},
): Promise<ApplicationResult> {
  const file = resolveEntryPath(root, entry);
  const loaded = loadEntryFile(root, file);
  const units = loadUnits(root);
  const campaigns = existsSync(join(root, contentPaths.campaigns)) ? loadCampaigns(root) : [];
  const campaign = campaigns.find((item) => item.id === loaded.data.campaign)?.data;
  const organiser = campaign ? loadOrganiser(root, campaign.organiser) : undefined;
  const pictures = await loadPictures(dirname(file), loaded.body);
  const model = buildApplication({
    entry: loaded.data,
    body: loaded.body,
    units,
    campaign,
    organiser,
    pictures,
    undated: options.undated,
  });
  return { slug: loaded.slug, content: await render(model, format) };
}
