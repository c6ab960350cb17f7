import type { APIRoute, GetStaticPaths } from 'astro';
import { digestOf } from '../../../lib/page-keys.ts';
import { sharedPaths } from '../../../lib/shard.ts';
import { renderShareCard } from '../../../lib/share-image.ts';
import { loadCatalog } from '../../../lib/site-data.ts';
import { reformAreas } from '../../../schemas/vocabularies.ts';

/** One share card per campaign and per reform area (initiative pages use their campaign's). */
export const getStaticPaths = (() =>
  sharedPaths(async () => {
    const catalog = await loadCatalog();
    const cards = [
      ...catalog.campaigns.map((campaign) => ({
        params: { kind: 'dot-phat-dong', id: campaign.id },
        props: {
          kicker: `Đợt phát động năm ${campaign.data.year}`,
          title: campaign.data.theme.title,
        },
      })),
      ...reformAreas.map((term) => ({
        params: { kind: 'linh-vuc-cai-cach', id: term.slug },
        props: { kicker: 'Nội dung cải cách hành chính', title: term.name },
      })),
    ];
    // A card is drawn from its two lines only (and the code, which Astro's own hash covers).
    return cards.map((card) => ({ ...card, cacheKey: digestOf(card.props) }));
  })) satisfies GetStaticPaths;

export const GET: APIRoute = async ({ props }) => {
  const { kicker, title } = props as { kicker: string; title: string };
  return new Response(await renderShareCard(kicker, title), {
    headers: { 'Content-Type': 'image/png' },
  });
};
