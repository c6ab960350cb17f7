/** Where the site is served. Read from the environment at build time; defaults fit local preview. */

export const DEFAULT_SITE_URL = 'http://localhost:4321';

/**
 * A build meant for publication (`KHO_DEPLOY=1`, set by the deploy workflow). Such a build
 * must be told its address: the local default would end up in every canonical URL, the
 * sitemap, the feed and the open data of the published site.
 */
export function isDeployBuild(env: Record<string, string | undefined>): boolean {
  return ['1', 'true', 'yes'].includes((env.KHO_DEPLOY ?? '').trim().toLowerCase());
}

/** Why a build refuses to run; the message is for the person reading the build's log. */
export class SiteUrlError extends Error {
  override name = 'SiteUrlError';
}

/** `SITE_URL` without a trailing slash, or the local default. */
export function siteUrl(value: string | undefined): string {
  const raw = (value ?? '').trim() || DEFAULT_SITE_URL;
  const url = new URL(raw);
  return url.origin + url.pathname.replace(/\/+$/, '');
}

/**
 * The site's address for this build: `SITE_URL`, or the local default outside a deploy
 * build. A deploy build without a usable `SITE_URL` throws SiteUrlError.
 */
export function buildSiteUrl(env: Record<string, string | undefined>): string {
  const value = (env.SITE_URL ?? '').trim();
  if (!isDeployBuild(env)) return siteUrl(value);
  if (!value) {
    throw new SiteUrlError(
      'Không dựng trang để công bố khi thiếu SITE_URL: nếu dựng tiếp, mọi địa chỉ chuẩn (canonical), sơ đồ trang, RSS và dữ liệu mở sẽ trỏ về http://localhost:4321. Đặt SITE_URL=https://<tên-miền> (GitHub Pages: địa chỉ gốc do bước “Đọc cấu hình GitHub Pages” cho biết).',
    );
  }
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new SiteUrlError(
      `SITE_URL không phải địa chỉ hợp lệ: “${value}”. Ví dụ đúng: https://ten-mien.gov.vn`,
    );
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new SiteUrlError(`SITE_URL phải bắt đầu bằng https:// (đang là “${value}”).`);
  }
  return siteUrl(value);
}

/** What a build says about the address it wrote into the site, in the build's log. */
export function siteUrlReport(env: Record<string, string | undefined>, base: string): string {
  const url = buildSiteUrl(env);
  const full = `${url}${base}`;
  if ((env.SITE_URL ?? '').trim()) {
    return `Địa chỉ gốc đã ghi vào địa chỉ chuẩn (canonical), sơ đồ trang, RSS và dữ liệu mở: ${full}`;
  }
  return `Địa chỉ gốc đã ghi vào địa chỉ chuẩn (canonical), sơ đồ trang, RSS và dữ liệu mở: ${full} — địa chỉ mặc định để xem thử trên máy này. Trước khi công bố, dựng lại với SITE_URL=https://<tên-miền>.`;
}

/** `BASE_PATH` normalised to `/`, or `/segment/…/` with leading and trailing slashes. */
export function basePath(value: string | undefined): string {
  const parts = (value ?? '').split('/').filter(Boolean);
  return parts.length === 0 ? '/' : `/${parts.join('/')}/`;
}
