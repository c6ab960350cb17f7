/**
 * Every internal link goes through `href()`, so a site deployed under a base
 * path (GitHub Pages project sites) keeps working.
 */
import { type DecisionStatusId, decisionStatus } from '../core/status.ts';
import { applicationFields, reformAreas, termSlug, themeGoals } from '../schemas/vocabularies.ts';

const base = import.meta.env.BASE_URL.endsWith('/')
  ? import.meta.env.BASE_URL
  : `${import.meta.env.BASE_URL}/`;

export function joinBase(basePath: string, path: string): string {
  const prefix = basePath.endsWith('/') ? basePath : `${basePath}/`;
  return prefix + path.replace(/^\/+/, '');
}

/** Site-relative path → URL path including the base path. */
export function href(path = ''): string {
  return joinBase(base, path);
}

export const routes = {
  home: () => href(''),
  list: () => href('sang-kien/'),
  listStyles: () => href('sang-kien/bo-loc.css'),
  initiative: (slug: string) => href(`sang-kien/${slug}/`),
  attachment: (slug: string, file: string) => href(`sang-kien/${slug}/${file}`),
  campaign: (id: string) => href(`dot-phat-dong/${id}/`),
  area: (id: string) => href(`linh-vuc-cai-cach/${termSlug(reformAreas, id)}/`),
  unit: (id: string) => href(`don-vi/${id}/`),
  field: (id: string) => href(`sang-kien/linh-vuc/${termSlug(applicationFields, id)}/`),
  goal: (id: string) => href(`sang-kien/muc-tieu/${termSlug(themeGoals, id)}/`),
  scope: (id: string) => href(`sang-kien/pham-vi/${id}/`),
  status: (id: DecisionStatusId) => href(`sang-kien/ket-qua-xet/${decisionStatus(id).slug}/`),
  stats: () => href('thong-ke/'),
  guide: () => href('huong-dan/'),
  about: () => href('gioi-thieu/'),
  search: () => href('tim-kiem/'),
  data: () => href('du-lieu/'),
  dataJson: () => href('du-lieu/initiatives.json'),
  dataCsv: () => href('du-lieu/initiatives.csv'),
  rss: () => href('rss.xml'),
  admin: () => href('admin/'),
  shareImage: (kind: 'dot-phat-dong' | 'linh-vuc-cai-cach', id: string) =>
    href(`chia-se/${kind}/${kind === 'linh-vuc-cai-cach' ? termSlug(reformAreas, id) : id}.png`),
} as const;
