/**
 * `npm run bench:start`: how long a newcomer waits for the form. On a fresh clone of the
 * project's committed files, `npm start` (startAll) is run three times in a row: the first
 * start (nothing built), then two warm starts (the admin's bundle and the site's build kept
 * from before). Each time a new Chromium, with an empty cache, opens `/admin`, signs in
 * locally and waits until the title field of a new initiative takes typing; a second tab of
 * the same browser then does the same with the browser's cache. Prints, per start, the
 * seconds from the call to the servers answering, to the usable form (Chromium's start
 * included), the part spent in the browser, the cached reopen, and the machine's load.
 * Targets (issue "Submitting, for real"): ≤ 10 s first start, ≤ 3 s warm. Nothing is asserted.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { formatNumber } from '../../src/core/numbers.ts';
import { cloneProject } from '../../tests/browser/support/source-repo.ts';
import { launchChromium } from '../../tests/support/chromium.ts';
import { freePort } from '../cms/net.ts';
import { startAll } from '../start.ts';

const ROOT = join(import.meta.dirname, '../..');
const TITLE_FIELD = /^Tên sáng kiến, giải pháp$/;

const seconds = (from: number) => formatNumber((performance.now() - from) / 1000, 2);
const load = () =>
  loadavg()
    .map((value) => formatNumber(value, 2))
    .join(' / ');

/** From `goto` to a title field that takes typing, in a new tab of `browser`. */
async function openForm(browser: Browser, adminUrl: string): Promise<void> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  await page.goto(`${adminUrl}#/collections/initiatives/new`);
  await page.getByRole('button', { name: 'Đăng nhập' }).click({ timeout: 120_000 });
  await page.getByLabel(TITLE_FIELD).waitFor({ timeout: 120_000 });
  await page.close();
}

async function main() {
  mkdirSync(join(ROOT, '.tmp'), { recursive: true });
  // Inside the project, so the clone resolves the project's node_modules, as a fresh clone does.
  const workspace = mkdtempSync(join(ROOT, '.tmp', 'bench-start-'));
  try {
    cloneProject(join(workspace, 'source'));
    console.log(
      `Máy: ${cpus()[0]?.model ?? '?'}, ${cpus().length} lõi; tải trung bình 1/5/15 phút lúc bắt đầu: ${load()}.`,
    );
    console.log(
      '`npm start` trên bản sao mới, ba lần liên tiếp (mục tiêu: lần đầu ≤ 10 s, lần sau ≤ 3 s tới biểu mẫu):',
    );
    for (const label of ['Lần đầu (chưa dựng gì)', 'Lần sau 1', 'Lần sau 2']) {
      const startedAt = performance.now();
      const running = await startAll({
        source: join(workspace, 'source'),
        repoDir: join(workspace, 'cms'),
        sitePort: await freePort(4850),
        proxyPort: await freePort(8850),
      });
      const served = seconds(startedAt);
      let browser: Browser | undefined;
      try {
        browser = await launchChromium();
        const browserAt = performance.now();
        await openForm(browser, running.adminUrl);
        const usable = seconds(startedAt);
        const inBrowser = seconds(browserAt);
        const cachedAt = performance.now();
        await openForm(browser, running.adminUrl);
        console.log(
          `  ${label}: hai máy chủ trả lời sau ${served} s; biểu mẫu nhập được sau ${usable} s ` +
            `(trong trình duyệt mới ${inBrowser} s); mở lại khi trình duyệt đã có bộ nhớ đệm ${seconds(cachedAt)} s; tải ${load()}.`,
        );
        await running.siteReady;
      } finally {
        await browser?.close().catch(() => {});
        await running.stop();
      }
    }
  } finally {
    rmSync(workspace, { recursive: true, force: true });
  }
}

await main();
process.exit(0);
