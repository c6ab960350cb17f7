import { type CollectionEntry, getCollection } from 'astro:content';
import { buildCatalog, type Catalog } from './catalog.ts';
import { buildFacets, type Facet } from './facets.ts';
import { siteKey } from './page-keys.ts';
import { type SiteIdentity, siteIdentity } from './site-identity.ts';
import { offerSitemapPlan, sitemapPlan } from './sitemap.ts';

let catalog: Promise<Catalog> | undefined;
let identity: Promise<SiteIdentity> | undefined;
let key: Promise<string> | undefined;
let facets: Promise<Facet[]> | undefined;
let initiativeEntries: Promise<Map<string, CollectionEntry<'initiatives'>>> | undefined;

/** The catalog, loaded once per build and shared by every page. */
export function loadCatalog(): Promise<Catalog> {
  catalog ??= (async () => {
    const loaded = buildCatalog({
      campaigns: await getCollection('campaigns'),
      initiatives: await getCollection('initiatives'),
      units: await getCollection('units'),
      scopeLevels: await getCollection('scopeLevels'),
      decisions: await getCollection('decisions'),
      adoptions: await getCollection('adoptions'),
      organisers: await getCollection('organisers'),
    });
    // The sitemap's dates, from this catalog rather than a second reading of every file by the
    // build's configuration (src/lib/sitemap.ts).
    offerSitemapPlan(sitemapPlan(loaded));
    return loaded;
  })();
  return catalog;
}

/**
 * The header and footer's identity, once per build: the newest content date is a pass over the
 * whole catalog, which every page would otherwise repeat (quadratic in the archive's size).
 */
export function loadSiteIdentity(): Promise<SiteIdentity> {
  identity ??= loadCatalog().then((loaded) => siteIdentity(loaded));
  return identity;
}

/** What every page's cache key starts with (src/lib/page-keys.ts), once per build. */
export function loadSiteKey(): Promise<string> {
  key ??= Promise.all([loadCatalog(), loadSiteIdentity()]).then(([loaded, shown]) =>
    siteKey(loaded, shown),
  );
  return key;
}

/** The list's filters with their counts, once per build: every page of the list shows them. */
export function loadFacets(): Promise<Facet[]> {
  facets ??= loadCatalog().then(buildFacets);
  return facets;
}

/** Initiative entries by id, for rendering their Markdown bodies. */
export function loadInitiativeEntries(): Promise<Map<string, CollectionEntry<'initiatives'>>> {
  initiativeEntries ??= getCollection('initiatives').then(
    (entries) => new Map(entries.map((entry) => [entry.id, entry])),
  );
  return initiativeEntries;
}
