/**
 * `npm run budgets`: page weight and Lighthouse figures of the public site.
 * Builds the site (astro build + Pagefind) into a temporary folder, serves it
 * locally and prints:
 *  - initiative pages: gzipped HTML + CSS (budget 35 kB) and their JavaScript (only the print
 *    date's small script expected);
 *  - the first search: bytes transferred from a fresh visit to the search page (budget 150 kB);
 *  - one Lighthouse 12.2.3 mobile run for the home, list and an initiative page (target ≥ 98;
 *    `npm run bench:lighthouse` takes the median of three runs on more pages).
 * Figures are printed; the page-weight budgets are also asserted by the browser tests.
 */
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { formatNumber } from '../../src/core/numbers.ts';
import { launchChromium } from '../../tests/support/chromium.ts';
import { buildSite } from '../build/build-site.ts';
import { type StaticServer, serveStatic } from '../build/static-server.ts';
import { isMain } from '../lib/cli.ts';
import { lighthouseRun } from './lighthouse.ts';

const KB = 1024;

function initiativeWeights(
  outDir: string,
  base: string,
): { id: string; bytes: number; scriptBytes: number }[] {
  const folder = join(outDir, 'sang-kien');
  return readdirSync(folder, { withFileTypes: true })
    .filter(
      (entry) => entry.isDirectory() && !['linh-vuc', 'muc-tieu', 'pham-vi'].includes(entry.name),
    )
    .flatMap((entry) => {
      let html: string;
      try {
        html = readFileSync(join(folder, entry.name, 'index.html'), 'utf8');
      } catch {
        return [];
      }
      let bytes = gzipSync(html).length;
      for (const match of html.matchAll(/<link rel="stylesheet" href="([^"]+)"/g)) {
        bytes += gzipSync(
          readFileSync(join(outDir, (match[1] as string).slice(base.length))),
        ).length;
      }
      let scriptBytes = 0;
      for (const match of html.matchAll(/<script\b[^>]*\bsrc="([^"]+)"/g)) {
        scriptBytes += gzipSync(
          readFileSync(join(outDir, (match[1] as string).slice(base.length))),
        ).length;
      }
      return [{ id: entry.name, bytes, scriptBytes }];
    });
}

/** Bytes the server sends for a fresh visit to the search page and a first query. */
export async function firstSearchBytes(server: StaticServer, query: string): Promise<number> {
  const browser = await launchChromium();
  try {
    const page = await browser.newPage();
    server.resetBytes();
    await page.goto(`${server.root}tim-kiem/`, { waitUntil: 'load' });
    await page.getByLabel('Từ khóa').fill(query);
    await page.getByRole('button', { name: 'Tìm', exact: true }).click();
    await page.locator('.kho-search-results li').first().waitFor();
    await page.waitForLoadState('networkidle');
    return server.bytesSent();
  } finally {
    await browser.close();
  }
}

async function main(): Promise<void> {
  const site = buildSite({ base: '/' });
  const server = await serveStatic(site.outDir, site.base);
  try {
    console.log(
      `Dựng trang web (astro build + Pagefind): ${formatNumber(site.buildSeconds, 1)} s.`,
    );
    const weights = initiativeWeights(site.outDir, site.base).sort((a, b) => b.bytes - a.bytes);
    if (weights.length > 0) {
      const heaviest = weights[0] as (typeof weights)[number];
      const median = weights[Math.floor(weights.length / 2)] as (typeof weights)[number];
      console.log(
        `Trang sáng kiến (HTML + CSS, gzip): nặng nhất ${formatNumber(heaviest.bytes / KB, 1)} kB (${heaviest.id}), trung vị ${formatNumber(median.bytes / KB, 1)} kB — ngân sách 35 kB: ${heaviest.bytes <= 35 * KB ? 'đạt' : 'VƯỢT'}.`,
      );
      const scriptBytes = Math.max(...weights.map((weight) => weight.scriptBytes));
      console.log(
        `JavaScript trên trang sáng kiến: tối đa ${formatNumber(scriptBytes, 0)} byte gzip (chỉ mã ghi ngày in, tải sau trang).`,
      );
    }
    for (const query of ['dich vu cong truc tuyen', 'dat dai']) {
      const searchBytes = await firstSearchBytes(server, query);
      console.log(
        `Lần tìm kiếm đầu tiên “${query}” (cả trang tìm kiếm): ${formatNumber(searchBytes / KB, 1)} kB truyền tải — ngân sách 150 kB: ${searchBytes <= 150 * KB ? 'đạt' : 'VƯỢT'}.`,
      );
    }
    const initiative = weights.at(-1)?.id;
    const pages: [string, string][] = [
      ['Trang chủ', ''],
      ['Danh sách', 'sang-kien/'],
      ...(initiative
        ? ([['Trang sáng kiến', `sang-kien/${initiative}/`]] as [string, string][])
        : []),
    ];
    console.log(
      'Lighthouse 12.2.3, di động mô phỏng (hiệu năng / tiếp cận / thực hành tốt / SEO; mục tiêu ≥ 98):',
    );
    for (const [name, path] of pages) {
      try {
        const { scores } = await lighthouseRun(`${server.root}${path}`);
        console.log(
          `  ${name.padEnd(16)} ${scores.performance} / ${scores.accessibility} / ${scores['best-practices']} / ${scores.seo}`,
        );
      } catch (error) {
        console.log(`  ${name}: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
  } finally {
    await server.close();
    rmSync(site.outDir, { recursive: true, force: true });
  }
}

if (isMain(import.meta)) await main();
