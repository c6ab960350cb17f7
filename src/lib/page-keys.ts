/**
 * Cache keys of the site's pages, for Astro's incremental build (`experimental.incrementalBuild`
 * in astro.config.mjs): a page whose key, template code and rendered content entries are the
 * same as in the last build is not rendered again; Astro restores last build's copy.
 *
 * A key must change whenever anything the page shows changes, so the keys are wide rather than
 * exact: every page's key holds the site's key (who runs the site, the data date of the footer,
 * and every collection but the initiatives: campaigns, organisers, units, scope levels and
 * adoptions); an initiative's page adds its whole view (its front matter, status, decision,
 * adoptions, the titles and statuses of the initiatives it links to, its neighbours); a list's
 * pages add the views of every initiative of the list (its counts and groups are computed from
 * them), so one changed initiative renders again every page of every list it is in, and nothing
 * else. An initiative's page also holds its entry's digest (of the whole file, body included):
 * Astro tracks the bodies of entries it renders itself, not those of the project's own loader.
 * tests/build/incremental.test.ts builds a changed tree incrementally and from scratch, and
 * compares every file.
 */
import { createHash } from 'node:crypto';
import type { Catalog, InitiativeView } from './catalog.ts';
import type { SiteIdentity } from './site-identity.ts';

/** JSON with Maps and Sets written out (JSON.stringify would write `{}`, and lose them). */
function stableJson(value: unknown): string {
  return JSON.stringify(value, (_key, item: unknown) => {
    if (item instanceof Map) return { map: [...item] };
    if (item instanceof Set) return { set: [...item] };
    if (typeof item === 'function' || typeof item === 'symbol') {
      throw new Error('Khóa trang không nhận hàm hay symbol.');
    }
    return item;
  });
}

const digestText = (text: string): string =>
  createHash('sha256').update(text).digest('base64url').slice(0, 32);

/** A short digest of any JSON-able value. */
export function digestOf(value: unknown): string {
  return digestText(stableJson(value));
}

const keys = new WeakMap<InitiativeView, { view: string; place: string }>();
const lists = new WeakMap<readonly InitiativeView[], string>();

/**
 * The keys of an initiative's view, once per view. Its place (placeKey) is its whole view but
 * the summary; its view key adds the summary: both from one serialisation of the view.
 */
function keysOf(view: InitiativeView): { view: string; place: string } {
  let found = keys.get(view);
  if (found === undefined) {
    const place = stableJson({ ...view, data: { ...view.data, summary: undefined } });
    found = {
      place: digestText(place),
      view: digestText(`${place}\0${stableJson(view.data.summary ?? null)}`),
    };
    keys.set(view, found);
  }
  return found;
}

/** The digest of everything an initiative's view holds, once per view. */
export function viewKey(view: InitiativeView): string {
  return keysOf(view).view;
}

/**
 * What lists hold of an initiative beyond the text of its own card: its whole view but the
 * summary, which its card shows and nothing counts, groups or sorts by. When only that text
 * changed, every list keeps its order, groups and counts, and only the list pages that show the
 * initiative change (scripts/build/patch.ts renders those alone).
 */
export function placeKey(view: InitiativeView): string {
  return keysOf(view).place;
}

/** The digest of a list of initiatives, in order, once per list. */
export function listKey(items: readonly InitiativeView[]): string {
  let key = lists.get(items);
  if (key === undefined) {
    key = digestOf(items.map(viewKey));
    lists.set(items, key);
  }
  return key;
}

/** What every page shows besides its own subject: the site's identity and the small collections. */
export function siteKey(catalog: Catalog, identity: SiteIdentity): string {
  return digestOf({
    // The build day is shown only when there is no content to date the data by (Base.astro):
    // otherwise it would make every page new each day.
    identity: identity.lastUpdated ? { ...identity, builtOnShown: undefined } : identity,
    campaigns: catalog.campaigns,
    organisers: catalog.organisers,
    units: catalog.units,
    scopeLevels: catalog.scopeLevels,
    adoptions: catalog.adoptions,
    initiatives: catalog.initiatives.length,
  });
}

/** The key of one page: the site's key and what the page is about, in a fixed order. */
export function pageKey(site: string, ...parts: unknown[]): string {
  return digestOf([site, ...parts]);
}
