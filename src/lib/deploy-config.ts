/** Where the site is served. Read from the environment at build time; defaults fit local preview. */

import { UsageError } from '../core/exit-codes.ts';

export const DEFAULT_SITE_URL = 'http://localhost:4321';

/**
 * A build meant for publication (`KHO_DEPLOY=1`, set by the deploy workflow). Such a build
 * must be told its address: the local default would end up in every canonical URL, the
 * sitemap, the feed and the open data of the published site.
 */
export function isDeployBuild(env: Record<string, string | undefined>): boolean {
  return ['1', 'true', 'yes'].includes((env.KHO_DEPLOY ?? '').trim().toLowerCase());
}

/**
 * Why a build or a command refuses SITE_URL; the message is for the person reading the log.
 * A UsageError, so the commands print it as they print a wrong option: message only. It has
 * no stack either: a bare `astro build` prints a config error's stack trace under its message,
 * and here the message says all there is to fix.
 */
export class SiteUrlError extends UsageError {
  override name = 'SiteUrlError';
  constructor(message: string) {
    super(message);
    this.stack = '';
  }
}

const SITE_URL_EXAMPLE = 'https://sangkien.tanhlinh.gov.vn';

/**
 * `SITE_URL` without a trailing slash, or the local default when it is empty. Anything but an
 * absolute http(s) address throws SiteUrlError: `localhost:4321` or `javascript:alert(1)` parse
 * as URLs of another scheme whose origin is "null", which would end up in every link and QR code.
 */
export function siteUrl(value: string | undefined): string {
  const raw = (value ?? '').trim();
  if (!raw) return DEFAULT_SITE_URL;
  let url: URL | undefined;
  try {
    // URL() reads `http:ten-mien` as http://ten-mien/: a typo, refused rather than guessed.
    url = /^https?:\/\//i.test(raw) ? new URL(raw) : undefined;
  } catch {
    url = undefined;
  }
  if (!url?.hostname) {
    throw new SiteUrlError(
      `SITE_URL không phải địa chỉ hợp lệ: “${raw}”. Cần địa chỉ đầy đủ, bắt đầu bằng https:// (hoặc http:// khi xem thử trên máy), ví dụ SITE_URL=${SITE_URL_EXAMPLE}`,
    );
  }
  return url.origin + url.pathname.replace(/\/+$/, '');
}

/**
 * The site's address for this build: `SITE_URL`, or the local default outside a deploy
 * build. A deploy build without SITE_URL, or with one siteUrl() refuses, throws SiteUrlError.
 */
export function buildSiteUrl(env: Record<string, string | undefined>): string {
  const value = (env.SITE_URL ?? '').trim();
  if (isDeployBuild(env) && !value) {
    throw new SiteUrlError(
      `Không dựng trang để công bố khi thiếu SITE_URL: nếu dựng tiếp, mọi địa chỉ chuẩn (canonical), sơ đồ trang, RSS và dữ liệu mở sẽ trỏ về ${DEFAULT_SITE_URL}. Đặt SITE_URL=https://<tên-miền> (GitHub Pages: địa chỉ gốc do bước “Đọc cấu hình GitHub Pages” cho biết).`,
    );
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
