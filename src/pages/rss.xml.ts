import rss from '@astrojs/rss';
import type { APIRoute } from 'astro';
import { routes } from '../lib/paths.ts';
import { siteInfo } from '../lib/site.ts';
import { loadCatalog } from '../lib/site-data.ts';

export const GET: APIRoute = async ({ site }) => {
  const catalog = await loadCatalog();
  const items = [...catalog.initiatives]
    .sort((a, b) => b.data.submitted.localeCompare(a.data.submitted))
    .slice(0, 50);
  return rss({
    title: siteInfo.name,
    // The feed carries every new initiative, not only recognised ones: each item says which.
    description:
      'Sáng kiến cải cách hành chính mới gửi, mỗi sáng kiến kèm kết quả xét của Hội đồng.',
    site: site ?? 'http://localhost:4321',
    customData: '<language>vi</language>',
    items: items.map((view) => ({
      title: `${view.data.title} (${view.status.label})`,
      description: `${view.status.label}. ${view.data.summary}`,
      link: routes.initiative(view.id),
      pubDate: new Date(`${view.data.submitted}T00:00:00+07:00`),
      categories: [view.status.label, ...view.data.keywords],
    })),
  });
};
