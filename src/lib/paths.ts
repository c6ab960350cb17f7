/**
 * Every internal link goes through `href()`, so a site deployed under a base
 * path (GitHub Pages project sites) keeps working.
 */
import { type DecisionStatusId, decisionStatus } from '../core/status.ts';
import { applicationFields, reformAreas, termSlug, themeGoals } from '../schemas/vocabularies.ts';

/** Read when a link is made, so that the paths below also load outside Astro (the config). */
function base(): string {
  const value = import.meta.env?.BASE_URL ?? '/';
  return value.endsWith('/') ? value : `${value}/`;
}

export function joinBase(basePath: string, path: string): string {
  const prefix = basePath.endsWith('/') ? basePath : `${basePath}/`;
  return prefix + path.replace(/^\/+/, '');
}

/** Site-relative path → URL path including the base path. */
export function href(path = ''): string {
  return joinBase(base(), path);
}

/**
 * Site-relative paths (no base, no leading slash) of the pages that list initiatives: the
 * routes below and the sitemap's dates (src/lib/sitemap.ts) are made from the same shapes.
 */
export const sitePaths = {
  units: () => 'don-vi/',
  unit: (id: string) => `don-vi/${id}/`,
  organisers: () => 'co-quan-to-chuc/',
  organiser: (id: string) => `co-quan-to-chuc/${id}/`,
  campaigns: () => 'dot-phat-dong/',
  campaign: (id: string) => `dot-phat-dong/${id}/`,
  areas: () => 'linh-vuc-cai-cach/',
  area: (id: string) => `linh-vuc-cai-cach/${termSlug(reformAreas, id)}/`,
  list: () => 'sang-kien/',
  initiative: (slug: string) => `sang-kien/${slug}/`,
  fields: () => 'sang-kien/linh-vuc/',
  field: (id: string) => `sang-kien/linh-vuc/${termSlug(applicationFields, id)}/`,
  goals: () => 'sang-kien/muc-tieu/',
  goal: (id: string) => `sang-kien/muc-tieu/${termSlug(themeGoals, id)}/`,
  scopes: () => 'sang-kien/pham-vi/',
  scope: (id: string) => `sang-kien/pham-vi/${id}/`,
  statuses: () => 'sang-kien/ket-qua-xet/',
  status: (id: DecisionStatusId) => `sang-kien/ket-qua-xet/${decisionStatus(id).slug}/`,
} as const;

export const routes = {
  home: () => href(''),
  list: () => href(sitePaths.list()),
  listStyles: () => href('sang-kien/bo-loc.css'),
  initiative: (slug: string) => href(sitePaths.initiative(slug)),
  attachment: (slug: string, file: string) => href(`sang-kien/${slug}/${file}`),
  campaign: (id: string) => href(sitePaths.campaign(id)),
  /** The campaign's yearbook of recognised initiatives, a PDF the build makes (`npm run yearbook`). */
  yearbook: (id: string) => href(`${sitePaths.campaign(id)}ky-yeu.pdf`),
  organiser: (id: string) => href(sitePaths.organiser(id)),
  organisers: () => href(sitePaths.organisers()),
  area: (id: string) => href(sitePaths.area(id)),
  unit: (id: string) => href(sitePaths.unit(id)),
  field: (id: string) => href(sitePaths.field(id)),
  goal: (id: string) => href(sitePaths.goal(id)),
  scope: (id: string) => href(sitePaths.scope(id)),
  status: (id: DecisionStatusId) => href(sitePaths.status(id)),
  units: () => href(sitePaths.units()),
  campaigns: () => href(sitePaths.campaigns()),
  areas: () => href(sitePaths.areas()),
  fields: () => href(sitePaths.fields()),
  goals: () => href(sitePaths.goals()),
  scopes: () => href(sitePaths.scopes()),
  statuses: () => href(sitePaths.statuses()),
  stats: () => href('thong-ke/'),
  guide: () => href('huong-dan/'),
  about: () => href('gioi-thieu/'),
  search: () => href('tim-kiem/'),
  data: () => href('du-lieu/'),
  dataJson: () => href('du-lieu/initiatives.json'),
  dataCsv: () => href('du-lieu/initiatives.csv'),
  dataSchema: () => href('du-lieu/initiatives.schema.json'),
  dataNames: () => href('du-lieu/initiative-names.json'),
  rss: () => href('rss.xml'),
  admin: () => href('admin/'),
  shareImage: (kind: 'dot-phat-dong' | 'linh-vuc-cai-cach', id: string) =>
    href(`chia-se/${kind}/${kind === 'linh-vuc-cai-cach' ? termSlug(reformAreas, id) : id}.png`),
} as const;
