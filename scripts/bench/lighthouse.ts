/**
 * `npm run bench:lighthouse`: Lighthouse 12 scores of the public site, the way a citizen's phone
 * sees it. Builds the sample site (astro build + Pagefind) into a temporary folder, serves it with
 * the project's static server and runs Lighthouse with its default mobile emulation on the home
 * page, the list of initiatives, the fullest initiative, search and statistics, three runs each
 * in a fresh Chromium, then prints the median of performance, accessibility, best practices and
 * SEO (target ≥ 98), the machine's load, and why any category stayed below the target.
 *
 * Nothing leaves the machine: Chromium runs with the project's flags (no background networking,
 * no component updates) and every request of every run is checked to stay on the local server.
 * Figures are printed, not asserted.
 */
import { readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import lighthouse from 'lighthouse';
import { chromium } from 'playwright-core';
import { formatNumber } from '../../src/core/numbers.ts';
import { chromiumArgs, findChromium } from '../../tests/support/chromium.ts';
import { buildSite } from '../build/build-site.ts';
import { serveStatic } from '../build/static-server.ts';
import { isMain } from '../lib/cli.ts';

export const CATEGORIES = ['performance', 'accessibility', 'best-practices', 'seo'] as const;
export type Category = (typeof CATEGORIES)[number];
export type Scores = Record<Category, number>;

const TARGET = 98;
const RUNS = 3;

export interface LighthouseRun {
  scores: Scores;
  /** Audits that cost points, per category below 100: audit id → its score (0–1). */
  lost: Partial<Record<Category, Record<string, number>>>;
  /** Requests that went anywhere but the local server (expected none). */
  outside: string[];
}

/** A port nobody listens on, for Chromium's remote debugging. */
async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('port')),
      );
    });
  });
}

/**
 * One Lighthouse run in a fresh Chromium (no cache, no state left by an earlier run). The
 * browser is launched by playwright with the flags of the browser tests, and Lighthouse drives
 * it through its debugging port.
 */
export async function lighthouseRun(url: string): Promise<LighthouseRun> {
  const port = await freePort();
  const browser = await chromium.launch({
    executablePath: findChromium(),
    args: [...chromiumArgs, `--remote-debugging-port=${port}`],
    headless: true,
  });
  try {
    const result = await lighthouse(url, {
      port,
      output: 'json',
      logLevel: 'error',
      onlyCategories: [...CATEGORIES],
    });
    if (!result) throw new Error(`Lighthouse không trả kết quả cho ${url}`);
    const { lhr } = result;
    if (lhr.runtimeError) {
      throw new Error(`Lighthouse lỗi với ${url}: ${lhr.runtimeError.message}`);
    }
    const scores = {} as Scores;
    const lost: LighthouseRun['lost'] = {};
    for (const id of CATEGORIES) {
      const category = lhr.categories[id];
      scores[id] = Math.round((category?.score ?? 0) * 100);
      if (scores[id] < 100) {
        lost[id] = Object.fromEntries(
          (category?.auditRefs ?? [])
            .filter((ref) => ref.weight > 0)
            .map((ref) => [ref.id, lhr.audits[ref.id]?.score ?? null] as const)
            .filter((entry): entry is [string, number] => entry[1] !== null && entry[1] < 1),
        );
      }
    }
    const origin = new URL(url).origin;
    const requests = (lhr.audits['network-requests']?.details as { items?: { url: string }[] })
      ?.items;
    const outside = (requests ?? [])
      .map((item) => item.url)
      .filter((address) => !/^(data|blob):/.test(address) && new URL(address).origin !== origin);
    return { scores, lost, outside };
  } finally {
    await browser.close();
  }
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[middle] as number)
    : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
}

function load(): string {
  return readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
}

/** The initiative with the most to show: the largest built page. */
function fullestInitiative(outDir: string): string | undefined {
  const data = JSON.parse(readFileSync(join(outDir, 'du-lieu', 'initiatives.json'), 'utf8')) as {
    initiatives: { id: string }[];
  };
  let best: { id: string; size: number } | undefined;
  for (const { id } of data.initiatives) {
    const size = readFileSync(join(outDir, 'sang-kien', id, 'index.html')).length;
    if (!best || size > best.size) best = { id, size };
  }
  return best?.id;
}

async function main(): Promise<void> {
  const loadBefore = load();
  const site = buildSite({ base: '/' });
  const server = await serveStatic(site.outDir, site.base);
  try {
    console.log(
      `Dựng trang web (astro build + Pagefind): ${formatNumber(site.buildSeconds, 1)} s. Tải máy (/proc/loadavg, 1/5/15 phút) trước khi đo: ${loadBefore}.`,
    );
    const initiative = fullestInitiative(site.outDir);
    const pages: [string, string][] = [
      ['Trang chủ', ''],
      ['Danh sách sáng kiến', 'sang-kien/'],
      ...(initiative
        ? ([[`Sáng kiến ${initiative}`, `sang-kien/${initiative}/`]] as [string, string][])
        : []),
      ['Tìm kiếm', 'tim-kiem/'],
      ['Thống kê', 'thong-ke/'],
    ];
    console.log(
      `Lighthouse 12, di động mô phỏng mặc định, ${RUNS} lần mỗi trang, trung vị (hiệu năng / tiếp cận / thực hành tốt / SEO; mục tiêu ≥ ${TARGET}):`,
    );
    let below = 0;
    let outsideTotal = 0;
    for (const [name, path] of pages) {
      const runs: LighthouseRun[] = [];
      for (let run = 0; run < RUNS; run++) runs.push(await lighthouseRun(`${server.root}${path}`));
      const medians = Object.fromEntries(
        CATEGORIES.map((id) => [id, median(runs.map((run) => run.scores[id]))]),
      ) as Scores;
      const each = runs.map((run) => CATEGORIES.map((id) => run.scores[id]).join('/')).join(', ');
      const low = CATEGORIES.filter((id) => medians[id] < TARGET);
      below += low.length;
      console.log(
        `  ${name.padEnd(28)} ${CATEGORIES.map((id) => formatNumber(medians[id], 0)).join(' / ')}  (từng lần: ${each})${low.length > 0 ? ' — DƯỚI MỤC TIÊU' : ''}`,
      );
      for (const id of CATEGORIES) {
        // Each audit that cost points in some run, with its lowest score of the runs.
        const lowest = new Map<string, number>();
        for (const run of runs) {
          for (const [audit, score] of Object.entries(run.lost[id] ?? {})) {
            lowest.set(audit, Math.min(score, lowest.get(audit) ?? 1));
          }
        }
        if (lowest.size > 0) {
          const list = [...lowest].map(([audit, score]) => `${audit} (${formatNumber(score, 2)})`);
          console.log(`      ${id}: mất điểm ở ${list.join(', ')}`);
        }
      }
      const outside = [...new Set(runs.flatMap((run) => run.outside))];
      outsideTotal += outside.length;
      if (outside.length > 0) console.log(`      YÊU CẦU RA NGOÀI MÁY: ${outside.join(', ')}`);
    }
    console.log(`Tải máy sau khi đo: ${load()}.`);
    console.log(
      below === 0
        ? `Mọi trang đạt ≥ ${TARGET} ở cả bốn nhóm.`
        : `${below} điểm trung vị dưới ${TARGET}.`,
    );
    console.log(
      outsideTotal === 0
        ? 'Không yêu cầu nào ra khỏi máy chủ cục bộ.'
        : `${outsideTotal} địa chỉ ngoài máy chủ cục bộ!`,
    );
  } finally {
    await server.close();
    rmSync(site.outDir, { recursive: true, force: true });
  }
}

if (isMain(import.meta)) await main();
