/** Where the site is served. Read from the environment at build time; defaults fit local preview. */

export const DEFAULT_SITE_URL = 'http://localhost:4321';

/** `SITE_URL` without a trailing slash, or the local default. */
export function siteUrl(value: string | undefined): string {
  const raw = (value ?? '').trim() || DEFAULT_SITE_URL;
  const url = new URL(raw);
  return url.origin + url.pathname.replace(/\/+$/, '');
}

/** `BASE_PATH` normalised to `/`, or `/segment/…/` with leading and trailing slashes. */
export function basePath(value: string | undefined): string {
  const parts = (value ?? '').split('/').filter(Boolean);
  return parts.length === 0 ? '/' : `/${parts.join('/')}/`;
}
