/**
 * What the sitemap needs beyond the list of pages: which listing pages are empty (left out)
 * and when each page last changed (`lastmod`).
 *
 * The date comes from the content, not from git: a checkout made for a deployment is shallow
 * (every file then has the date of the last commit) and a build from an archive has no
 * history at all, while the dates written in the entries are the same wherever the site is
 * built. An initiative changes when it is submitted, decided on and adopted elsewhere; a
 * listing when its newest initiative does; a campaign also when it opens; every other page
 * (home, list, statistics, guides) with the newest date of the whole site.
 */
import type { AstroIntegration } from 'astro';
import { decisionStatuses } from '../core/status.ts';
import { loadContent } from '../model/files.ts';
import { applicationFields, reformAreas, themeGoals } from '../schemas/vocabularies.ts';
import {
  adoptionsByUnit,
  buildCatalog,
  type Catalog,
  type Entry,
  type InitiativeView,
} from './catalog.ts';
import { sitePaths } from './paths.ts';

export interface SitemapPlan {
  /** Site-relative paths (`sang-kien/linh-vuc/x/`) of listing pages with nothing to list. */
  empty: Set<string>;
  /** Last change (ISO date) of each site-relative path that has one of its own. */
  lastmod: Map<string, string>;
  /** The newest date of the whole site: the last change of every other page. */
  newest: string | undefined;
}

function latest(dates: Iterable<string | undefined>): string | undefined {
  let best: string | undefined;
  for (const date of dates) if (date && (!best || date > best)) best = date;
  return best;
}

/** The day an initiative's page last changed: submitted, decided on, adopted by another unit. */
export function initiativeChanged(view: InitiativeView): string {
  return (
    latest([
      view.data.submitted,
      view.result?.decision.meetingOn,
      ...view.adoptions.map((adoption) => adoption.data.since),
    ]) ?? view.data.submitted
  );
}

export function sitemapPlan(catalog: Catalog): SitemapPlan {
  const empty = new Set<string>();
  const lastmod = new Map<string, string>();
  const changed = new Map(catalog.initiatives.map((view) => [view.id, initiativeChanged(view)]));
  for (const [id, date] of changed) lastmod.set(sitePaths.initiative(id), date);
  const listing = (path: string, items: readonly InitiativeView[] | undefined, extra = '') => {
    const date = latest([...(items ?? []).map((view) => changed.get(view.id)), extra]);
    if (date) lastmod.set(path, date);
    if (!items?.length) empty.add(path);
  };
  for (const term of reformAreas) listing(sitePaths.area(term.id), catalog.byArea.get(term.id));
  for (const term of applicationFields)
    listing(sitePaths.field(term.id), catalog.byField.get(term.id));
  for (const term of themeGoals) listing(sitePaths.goal(term.id), catalog.byGoal.get(term.id));
  for (const scope of catalog.scopeLevels)
    listing(sitePaths.scope(scope.id), catalog.byScope.get(scope.id));
  for (const status of decisionStatuses)
    listing(sitePaths.status(status.id), catalog.byStatus.get(status.id));
  for (const unit of catalog.units) {
    const adopted = adoptionsByUnit(catalog.adoptions).get(unit.id) ?? [];
    const path = sitePaths.unit(unit.id);
    listing(path, catalog.byUnit.get(unit.id), latest(adopted.map((a) => a.data.since)));
    // A unit that only adopted others' initiatives still has something to show.
    if (adopted.length > 0) empty.delete(path);
  }
  for (const campaign of catalog.campaigns) {
    const path = sitePaths.campaign(campaign.id);
    listing(path, catalog.byCampaign.get(campaign.id), campaign.data.opensOn);
    // A campaign's page describes the campaign itself, initiatives or not.
    empty.delete(path);
  }
  const newest = latest([...lastmod.values()]);
  return { empty, lastmod, newest };
}

function entries<T>(loaded: { id: string; path: string; data: T | undefined }[]): Entry<T>[] {
  return loaded.flatMap((entry) =>
    entry.data === undefined ? [] : [{ id: entry.id, data: entry.data, filePath: entry.path }],
  );
}

/** The catalog read straight from the content files (for the build's configuration). */
export async function readCatalog(root: string): Promise<Catalog> {
  const content = await loadContent(root);
  return buildCatalog({
    campaigns: entries(content.campaigns),
    initiatives: entries(content.initiatives),
    decisions: entries(content.decisions),
    adoptions: entries(content.adoptions),
    units: content.units.map((unit) => ({ id: unit.id ?? '', data: unit })),
    scopeLevels: content.scopeLevels.map((scope) => ({ id: scope.id, data: scope })),
  });
}

/**
 * The pages build the catalog from Astro's content store anyway; the plan made from it is handed
 * to the configuration's sitemap hooks instead of reading every file a second time (about a
 * millisecond an entry). The pages run in the same process as the configuration but in another
 * module graph (Vite's bundle), so the hand-over goes through a global slot.
 */
const HANDED_PLAN = Symbol.for('kho-sang-kien.sitemap-plan');

type PlanSlot = { [HANDED_PLAN]?: SitemapPlan };

/** Called by the pages' data module (site-data.ts) once the catalog is built. */
export function offerSitemapPlan(plan: SitemapPlan): void {
  (globalThis as PlanSlot)[HANDED_PLAN] = plan;
}

/** The plan the pages handed over since the last call, if any. */
export function takeSitemapPlan(): SitemapPlan | undefined {
  const slot = globalThis as PlanSlot;
  const plan = slot[HANDED_PLAN];
  delete slot[HANDED_PLAN];
  return plan;
}

/**
 * Gives the plan to `use` when the build is done, before the sitemap integration (listed after
 * this one) writes the sitemap: the pages' plan when they handed one over, else the plan read
 * from the content files under `root`, the same by construction (tests/build/sitemap-plan.test.ts).
 */
export function sitemapPlanner(root: string, use: (plan: SitemapPlan) => void): AstroIntegration {
  return {
    name: 'kho-sitemap-plan',
    hooks: {
      // A plan left over from an earlier build in this process is never used.
      'astro:build:start': () => {
        takeSitemapPlan();
      },
      'astro:build:done': async ({ logger }) => {
        const handed = takeSitemapPlan();
        use(handed ?? sitemapPlan(await readCatalog(root)));
        logger.info(
          handed
            ? 'Ngày sửa của sơ đồ trang: lấy từ dữ liệu các trang đã dựng.'
            : 'Ngày sửa của sơ đồ trang: đọc lại từ các tệp nội dung.',
        );
      },
    },
  };
}

/** Site-relative path of a page's URL under the site's base path, or undefined outside it. */
export function sitePathOf(url: string, base: string): string | undefined {
  const { pathname } = new URL(url);
  return pathname.startsWith(base) ? decodeURI(pathname.slice(base.length)) : undefined;
}
