import rss from '@astrojs/rss';
import type { APIRoute } from 'astro';
import { DEFAULT_SITE_URL } from '../lib/deploy-config.ts';
import { routes } from '../lib/paths.ts';
import { siteInfo } from '../lib/site.ts';
import { loadCatalog } from '../lib/site-data.ts';
import { initiativeChanged } from '../lib/sitemap.ts';

/** An ISO day at midnight in Asia/Ho_Chi_Minh, the time zone of every date of the content. */
function localDay(date: string): Date {
  return new Date(`${date}T00:00:00+07:00`);
}

export const GET: APIRoute = async ({ site }) => {
  const catalog = await loadCatalog();
  const items = [...catalog.initiatives]
    .sort((a, b) => b.data.submitted.localeCompare(a.data.submitted))
    .slice(0, 50);
  const origin = site ?? new URL(DEFAULT_SITE_URL);
  const self = new URL(routes.rss(), origin).href;
  // The feed changes when an item is added, decided on or adopted: the newest of those days,
  // so that two builds of the same content write the same feed.
  const changed = items.map(initiativeChanged).sort().at(-1);
  const lastBuild = changed
    ? `<lastBuildDate>${localDay(changed).toUTCString()}</lastBuildDate>`
    : '';
  return rss({
    title: siteInfo.name,
    // The feed carries every new initiative, not only recognised ones: each item says which.
    description:
      'Sáng kiến cải cách hành chính mới gửi, mỗi sáng kiến kèm kết quả xét của Hội đồng.',
    site: origin,
    xmlns: { atom: 'http://www.w3.org/2005/Atom' },
    customData: `<language>vi</language><atom:link href="${self}" rel="self" type="application/rss+xml"/>${lastBuild}`,
    items: items.map((view) => ({
      title: `${view.data.title} (${view.status.label})`,
      description: `${view.status.label}. ${view.data.summary}`,
      link: routes.initiative(view.id),
      pubDate: localDay(view.data.submitted),
      categories: [view.status.label, ...view.data.keywords],
    })),
  });
};
