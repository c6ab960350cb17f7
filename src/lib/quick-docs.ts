/**
 * The quick search's documents (src/lib/quick-search.ts) from the catalog: every initiative and
 * every campaign, with the same unit, year, status and filter values as their pages give Pagefind.
 */
import { campaignStatuses, termById } from '../schemas/vocabularies.ts';
import type { Catalog } from './catalog.ts';
import { sitePaths } from './paths.ts';
import type { QuickDoc } from './quick-search.ts';
import { area, field } from './terms.ts';

export function quickDocs(catalog: Catalog): QuickDoc[] {
  const initiatives = catalog.initiatives.map((view): QuickDoc => {
    const year = view.campaign ? String(view.campaign.data.year) : '';
    return {
      path: sitePaths.initiative(view.id),
      title: view.data.title,
      summary: view.data.summary,
      keywords: view.data.keywords,
      unit: view.unit?.name ?? view.data.unit,
      year,
      status: view.status.label,
      terms: [
        ...view.data.areas.map((id) => area(id).name),
        ...view.data.fields.map((id) => field(id).name),
      ],
      filters: {
        ...(year ? { campaign: [year] } : {}),
        area: view.data.areas.map((id) => area(id).short),
        field: view.data.fields.map((id) => field(id).short),
        ...(view.unit ? { unit: [view.unit.name] } : {}),
      },
      date: view.data.submitted,
    };
  });
  const campaigns = catalog.campaigns.map((campaign): QuickDoc => {
    const data = campaign.data;
    return {
      path: sitePaths.campaign(campaign.id),
      title: data.title,
      summary: `Chủ đề: ${data.theme.title}`,
      keywords: [],
      unit: catalog.unitById.get(data.organiser)?.name ?? data.organiser,
      year: String(data.year),
      status: termById(campaignStatuses, data.status)?.name ?? '',
      terms: [],
      filters: {},
      date: data.opensOn,
    };
  });
  return [...initiatives, ...campaigns];
}
