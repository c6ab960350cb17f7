import { type CollectionEntry, getCollection } from 'astro:content';
import { releaseRecords } from '../loaders/content.ts';
import { buildCatalog, type Catalog, type InitiativeView } from './catalog.ts';
import { readCatalogInput } from './catalog-source.ts';
import { buildFacets, type Facet } from './facets.ts';
import { pagesShowing } from './listing.ts';
import { listKey, pageKey, siteKey } from './page-keys.ts';
import { laterPages } from './pagination.ts';
import { rendersShared, shardMode } from './shard.ts';
import { type SiteIdentity, siteIdentity } from './site-identity.ts';
import { offerSitemapPlan, sitemapPlan } from './sitemap.ts';

let catalog: Promise<Catalog> | undefined;
let identity: Promise<SiteIdentity> | undefined;
let key: Promise<string> | undefined;
let facets: Promise<Facet[]> | undefined;
let initiativeEntries: Promise<Map<string, CollectionEntry<'initiatives'>>> | undefined;

/**
 * The catalog, loaded once per build and shared by every page; read in the project's folder
 * (Astro runs with it as the working directory). In dev it is read again on every page, so that
 * an edit shows on the next reload.
 */
export function loadCatalog(): Promise<Catalog> {
  if (import.meta.env.DEV) return readCatalog(true);
  catalog ??= readCatalog(false);
  return catalog;
}

async function readCatalog(dev: boolean): Promise<Catalog> {
  const loaded = buildCatalog(
    await readCatalogInput(process.cwd(), { dev, fresh: dev, log: console.warn }),
  );
  // The sitemap's dates, from this catalog rather than a second reading of every file by the
  // build's configuration (src/lib/sitemap.ts).
  offerSitemapPlan(sitemapPlan(loaded));
  // Astro's store is filled before any page is rendered, and the catalog is kept: a build needs
  // the records no more.
  if (!dev) releaseRecords();
  return loaded;
}

/**
 * The header and footer's identity, once per build: the newest content date is a pass over the
 * whole catalog, which every page would otherwise repeat (quadratic in the archive's size).
 */
export function loadSiteIdentity(): Promise<SiteIdentity> {
  if (import.meta.env.DEV) return loadCatalog().then(siteIdentity);
  identity ??= loadCatalog().then((loaded) => siteIdentity(loaded));
  return identity;
}

/** What every page's cache key starts with (src/lib/page-keys.ts), once per build. */
export function loadSiteKey(): Promise<string> {
  if (import.meta.env.DEV) key = undefined;
  key ??= Promise.all([loadCatalog(), loadSiteIdentity()]).then(([loaded, shown]) =>
    siteKey(loaded, shown),
  );
  return key;
}

/** The list's filters with their counts, once per build: every page of the list shows them. */
export function loadFacets(): Promise<Facet[]> {
  if (import.meta.env.DEV) return loadCatalog().then(buildFacets);
  facets ??= loadCatalog().then(buildFacets);
  return facets;
}

/** Initiative entries by id, for rendering their Markdown bodies. */
export function loadInitiativeEntries(): Promise<Map<string, CollectionEntry<'initiatives'>>> {
  if (import.meta.env.DEV) initiativeEntries = undefined;
  initiativeEntries ??= getCollection('initiatives').then(
    (entries) => new Map(entries.map((entry) => [entry.id, entry])),
  );
  return initiativeEntries;
}

/**
 * The later pages (2, 3…) of one list per subject (a unit, a field, a campaign…), each with its
 * cache key (src/lib/page-keys.ts): the subject and every initiative of its list.
 */
export async function laterPagePaths<Subject, Params extends Record<string, string>, Props>(
  subjects: readonly Subject[],
  itemsOf: (catalog: Catalog, subject: Subject) => readonly InitiativeView[] | undefined,
  paramsOf: (subject: Subject) => Params,
  propsOf: (subject: Subject) => Props,
): Promise<
  { params: Params & { page: string }; props: Props & { page: number }; cacheKey: string }[]
> {
  // An initiatives shard renders no list (src/lib/shard.ts).
  if (!rendersShared()) return [];
  const catalog = await loadCatalog();
  const site = await loadSiteKey();
  // A patch whose initiatives kept their place in every list: only the pages showing them.
  const mode = shardMode();
  const only = mode.kind === 'patch' ? mode.lists : undefined;
  return subjects.flatMap((subject) => {
    const items = itemsOf(catalog, subject) ?? [];
    const shown = only && pagesShowing(items, only);
    const pages = laterPages(items.length).filter((page) => !shown || shown.has(page));
    // A key of every initiative of the list: for a list with pages to render only.
    if (pages.length === 0) return [];
    const list = listKey(items);
    return pages.map((page) => {
      const props = { ...propsOf(subject), page };
      return {
        params: { ...paramsOf(subject), page: String(page) },
        props,
        cacheKey: pageKey(site, list, props),
      };
    });
  });
}
