import { dirname, join } from 'node:path';
import { viewIndicator } from '../../core/indicators.ts';
import { basePath, buildSiteUrl, SiteUrlError } from '../../lib/deploy-config.ts';
import { joinBase, sitePaths } from '../../lib/paths.ts';
import { siteInfo } from '../../lib/site.ts';
import { collections, pathOf } from '../../model/collections.ts';
import { loadPictures } from '../application/pictures.ts';
import { UserError } from '../common/errors.ts';
import { type Format, render } from '../common/output.ts';
import { buildYearbook, type ChapterExtras } from './build.ts';
import { chartPicture } from './chart.ts';
import { loadYearbookData } from './data.ts';
import { qrPicture } from './qr.ts';

export interface YearbookResult {
  content: Buffer;
  /** Recognised initiatives, one chapter each. */
  chapters: number;
  /** Entries of the campaign, all statuses. */
  entries: number;
  /** The address the QR codes lead to (site URL and base path). */
  siteRoot: string;
}

/**
 * The site's public root, from the same settings as the build (SITE_URL, BASE_PATH, and a
 * deploy build refusing to guess), so the booklet's QR codes lead where the site is served.
 */
export function publicRoot(env: Record<string, string | undefined> = process.env): string {
  try {
    return buildSiteUrl(env) + basePath(env.BASE_PATH);
  } catch (error) {
    if (error instanceof SiteUrlError) throw new UserError(error.message);
    throw error;
  }
}

/** The public page of an initiative under the site's root. */
export function initiativeUrl(root: string, slug: string): string {
  return joinBase(root, sitePaths.initiative(slug));
}

/** The campaign's yearbook in the given format. */
export async function yearbookDocument(
  root: string,
  campaign: string,
  format: Format,
  options: { siteRoot?: string } = {},
): Promise<YearbookResult> {
  const data = loadYearbookData(root, campaign);
  // A booklet of the recognised initiatives with none in it would be a cover and a foreword.
  if (data.recognised.length === 0)
    throw new UserError(
      `Đợt "${campaign}" chưa có sáng kiến nào được công nhận (${data.entries.length} sáng kiến đã nhận; kết quả xét ghi ở ${pathOf(collections.decisions, campaign)}), nên chưa có kỷ yếu để in.`,
    );
  const siteRoot = options.siteRoot ?? publicRoot();
  const extras = new Map<string, ChapterExtras>();
  // Pictures, charts and QR codes are made concurrently: sharp works off the main thread.
  await Promise.all(
    data.recognised.map(async (entry) => {
      const url = initiativeUrl(siteRoot, entry.slug);
      const indicators = entry.data.indicators.map(viewIndicator);
      const [qr, chart, pictures] = await Promise.all([
        qrPicture(url, `Mã QR dẫn tới trang của sáng kiến: ${url}`),
        chartPicture(indicators, `Biểu đồ chỉ số trước và sau khi áp dụng: ${entry.data.title}`),
        loadPictures(join(root, dirname(entry.file)), entry.body),
      ]);
      extras.set(entry.slug, { url, qr, chart, pictures, indicators });
    }),
  );
  const model = buildYearbook({ data, extras, siteName: siteInfo.name });
  return {
    content: await render(model, format),
    chapters: data.recognised.length,
    entries: data.entries.length,
    siteRoot,
  };
}
