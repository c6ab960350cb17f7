/**
 * The admin's preview is the public page: an initiative opened in the real admin (Decap,
 * decap-server, the Astro dev server, as `npm start` runs them) shows, in its preview
 * frame, the same headings in the same order, the same chips, the same campaign row, the
 * same committee status and the same text as that entry's page in the built site (and on
 * the admin's own site server). The title is not under Decap's floating buttons; a
 * campaign's preview names its goals and status and writes dates dd/mm/yyyy. Editing one
 * value of a campaign through the admin commits a one-line change; the new initiative form
 * offers only campaigns still receiving, dates a submission inside their period and
 * previews it as not decided yet; the editorial board's cards show plain text, not Markdown.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Frame, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { stringify } from 'yaml';
import { freePort } from '../../scripts/cms/net.ts';
import { type Running, startAll } from '../../scripts/start.ts';
import { formatDate } from '../../src/core/dates.ts';
import { collections, pathOf } from '../../src/model/collections.ts';
import { readEntryFile } from '../../src/model/files.ts';
import { campaignSchema } from '../../src/schemas/index.ts';
import { launchChromium } from '../support/chromium.ts';
import { field, openAdminAt, signInLocally } from './support/decap-form.ts';
import {
  type BuiltSite,
  projectRoot,
  type StaticServer,
  serveStatic,
  sharedSite,
} from './support/site.ts';
import { cloneProject, git, vnDate } from './support/source-repo.ts';

const year = Number(vnDate().slice(0, 4));
const openTitle = `Đợt đang nhận sáng kiến năm ${year}`;
const lateTitle = `Đợt đã hết hạn nhưng còn ghi đang mở năm ${year}`;
/** A sample entry with a campaign, goals, indicators and attachments. */
const slug = 'mau-day-du-kiosk-tra-cuu-ho-so-tai-bo-phan-mot-cua-huyen';
const campaignFile = pathOf(collections.campaigns, '2024-tanh-linh');
/** A sample entry recognised by the 2024 decision, adopted by a commune and adapted by two others. */
const adoptedSlug = 'thanh-toan-le-phi-chung-thuc-bang-ma-qr-ngan-hang-tai-thi-tran-lac-tanh';

/**
 * The project's committed files, plus two campaigns marked open: one receiving until
 * two months from now, one whose deadline was yesterday.
 */
function makeSourceRepo(dir: string): void {
  cloneProject(dir);
  const sample = readEntryFile(join(dir, campaignFile));
  const campaigns = [
    ['mo', openTitle, vnDate(-10), vnDate(60)],
    ['het-han', lateTitle, vnDate(-90), vnDate(-1)],
  ] as const;
  for (const [suffix, title, opensOn, deadline] of campaigns) {
    const data: Record<string, unknown> = { ...sample.data };
    delete data.reviewOn;
    // Run by an organiser of today (the district of the 2024 sample ended on 30/06/2025).
    Object.assign(data, {
      year,
      title,
      opensOn,
      deadline,
      status: 'open',
      sample: true,
      organiser: 'ubnd-xa-tanh-linh',
      receivingOffice: 'trung-tam-phvhcc-xa-tanh-linh',
    });
    campaignSchema.parse(data);
    writeFileSync(
      join(dir, 'content', 'campaigns', `${year}-${suffix}.md`),
      `---\n${stringify(data)}---\n\nĐợt phát động dùng để kiểm thử.\n`,
    );
  }
  git(dir, 'add', '-A');
  git(dir, 'commit', '--quiet', '-m', 'Hai đợt phát động ghi đang mở cho kiểm thử');
}

let workspace: string;
let running: Running | undefined;
let browser: Browser | undefined;
let built: BuiltSite | undefined;
let site: StaticServer | undefined;

beforeAll(async () => {
  // The published page: the project built as `npm run build` builds it, served as files.
  built = await sharedSite({ base: '/' });
  site = await serveStatic(built.outDir, built.base);
  mkdirSync(join(projectRoot, '.tmp'), { recursive: true });
  workspace = mkdtempSync(join(projectRoot, '.tmp', 'e2e-preview-'));
  makeSourceRepo(join(workspace, 'source'));
  browser = await launchChromium();
  running = await startAll({
    source: join(workspace, 'source'),
    repoDir: join(workspace, 'cms'),
    sitePort: await freePort(4800),
    proxyPort: await freePort(8800),
  });
  // The admin is served first; the site's pages come once its first build is done.
  await running.siteReady;
});

afterAll(async () => {
  await site?.close().catch(() => {});
  await browser?.close().catch(() => {});
  await running?.stop();
  if (workspace) rmSync(workspace, { recursive: true, force: true });
});

function openAdmin(page: Page, hash: string, ready: string) {
  return openAdminAt(page, `${running?.adminUrl}${hash}`, async () => {
    await signInLocally(page);
    await page.getByLabel(ready, { exact: false }).first().waitFor({ timeout: 60_000 });
  });
}

/** The preview frame once it shows `selector`. */
async function previewFrame(page: Page, selector: string): Promise<Frame> {
  let found: Frame | undefined;
  await expect
    .poll(
      async () => {
        for (const frame of page.frames()) {
          if (frame === page.mainFrame()) continue;
          if (
            (await frame
              .locator(selector)
              .count()
              .catch(() => 0)) > 0
          )
            found = frame;
        }
        return Boolean(found);
      },
      { timeout: 60_000 },
    )
    .toBe(true);
  return found as Frame;
}

interface PageShape {
  headings: string[];
  chips: string[];
  facts: string[];
  record: string[];
  text: string;
}

/**
 * What a reader gets from an initiative's article: its headings in order, its chip lists,
 * its facts (unit, campaign, dates), its record (organiser, decision, adopters) and its
 * visible text. The committee's scores and the adoptions' section come from other files;
 * the address printed on paper copies and the words given to the search index are the
 * published page's own: those are left out.
 */
async function shapeOf(frame: Frame | Page): Promise<PageShape> {
  return frame.locator('article.kho-initiative').evaluate((article) => {
    const pageOnly = [
      '.kho-decision',
      '[aria-labelledby="nhan-rong"]',
      '.kho-print-only',
      // The search index's copy of the key words without diacritics.
      ':scope > [aria-hidden="true"]',
    ].join(', ');
    for (const part of article.querySelectorAll(pageOnly)) {
      part.remove();
    }
    const clean = (text: string | null | undefined) => (text ?? '').replace(/\s+/g, ' ').trim();
    return {
      headings: [...article.querySelectorAll('h1, h2, h3')].map(
        (heading) => `${heading.tagName}: ${clean(heading.textContent)}`,
      ),
      chips: [...article.querySelectorAll('ul.kho-chips')].map(
        (list) =>
          `${list.getAttribute('aria-label')}: ${[...list.querySelectorAll('.kho-chip')]
            .map((chip) => `${clean(chip.textContent)} → ${chip.getAttribute('href')}`)
            .join(' | ')}`,
      ),
      facts: [...article.querySelectorAll('header dl.kho-facts > *')].map(
        (item) => `${item.tagName}: ${clean(item.textContent)}`,
      ),
      // Who organised, decided and took it up, with the links of the organiser and campaign.
      record: [...article.querySelectorAll('dl.kho-provenance > *, dl.kho-provenance a')].map(
        (item) =>
          `${item.tagName}: ${clean(item.textContent)}${item.getAttribute('href') ? ` → ${item.getAttribute('href')}` : ''}`,
      ),
      // biome-ignore lint/performance/useDomNodeTextContent: the rendered, visible text is what is compared
      text: clean((article as HTMLElement).innerText),
    };
  });
}

/** The record in the preview once its adopters have come from the site (no longer "—"). */
async function previewRecord(frame: Frame): Promise<void> {
  await expect
    .poll(() => frame.locator('dl.kho-provenance dd').last().textContent(), { timeout: 30_000 })
    .toMatch(/[^—]/);
}

/** Both texts around their first difference, for a failure that can be read. */
function whereTheyDiffer(actual: string, expected: string): string {
  let at = 0;
  while (at < actual.length && actual[at] === expected[at]) at++;
  return `xem trước: …${actual.slice(at - 80, at + 120)}…\ntrang: …${expected.slice(at - 80, at + 120)}…`;
}

describe('the admin preview is the public page', () => {
  test('an initiative in the preview frame reads as its page on the site', async () => {
    const page = await (browser as Browser).newPage({ viewport: { width: 1600, height: 1000 } });
    try {
      await page.goto(`${site?.root}sang-kien/${slug}/`);
      const published = await shapeOf(page);
      // The same page as the admin's own site server renders it from the CMS clone. That
      // server (astro dev) puts the styles in <style> elements, which the pages' policy
      // (style-src 'self') refuses, so where the site's CSS breaks a line (a flex row, a
      // visually hidden span) its visible text differs by a space: there, words are compared.
      await page.goto(`${running?.siteUrl}sang-kien/${slug}/`);
      const words = (shape: PageShape) => ({ ...shape, text: shape.text.replace(/\s+/g, '') });
      expect(words(await shapeOf(page))).toEqual(words(published));
      await openAdmin(page, `#/collections/initiatives/entries/${slug}/index`, 'Tên sáng kiến');
      const frame = await previewFrame(page, 'article.kho-initiative h1');
      // The preview renders as the form's data arrive: wait for the entry's own title.
      await expect
        .poll(() => frame.locator('article.kho-initiative h1').textContent(), { timeout: 30_000 })
        .toBe(published.headings[0]?.replace(/^H1: /, ''));
      await expect.poll(() => frame.locator('.kho-body h2').count(), { timeout: 30_000 }).toBe(5);
      // The committee's decisions arrive in their own chunk.
      await expect
        .poll(() => frame.locator('header .kho-status').count(), { timeout: 30_000 })
        .toBe(1);
      // Who took it up comes from the site's names file (src/admin/site-names.ts).
      await previewRecord(frame);
      const previewed = await shapeOf(frame);

      // The published page is what it should be, so "equal" means something.
      expect(published.headings.slice(0, 3)).toEqual([
        expect.stringMatching(/^H1: Kiosk tra cứu/),
        'H2: Phân loại',
        'H2: Tác giả',
      ]);
      expect(published.facts).toContain('DT: Đợt phát động');
      // The committee's status, read in the preview from the decisions bundled with the admin.
      expect(published.facts).toContain('DD: Được công nhận — Xuất sắc chi tiết');
      expect(published.chips.length).toBeGreaterThanOrEqual(3);
      expect(published.headings).toContain('H2: Chỉ số trước và sau khi áp dụng');

      expect(published.record).toContain('DT: Quyết định');
      expect(published.record).toContainEqual(expect.stringMatching(/^DD: Quyết định số /));

      expect(previewed.headings).toEqual(published.headings);
      expect(previewed.chips).toEqual(published.chips);
      expect(previewed.facts).toEqual(published.facts);
      expect(previewed.record).toEqual(published.record);
      // A file's size is read when the site is built; the preview cannot know it.
      const withoutSizes = (text: string) => text.replace(/, [\d.,]+ (?:B|KB|MB)\)/g, ')');
      const expected = withoutSizes(published.text);
      expect(previewed.text, whereTheyDiffer(previewed.text, expected)).toEqual(expected);

      // The site's styles are in the frame: the chips are drawn as chips.
      const chip = frame.locator('ul.kho-chips .kho-chip').first();
      expect(await chip.evaluate((node) => getComputedStyle(node).borderRadius)).not.toBe('0px');

      // The title is clear of the buttons Decap floats over the preview.
      const title = await frame.locator('article.kho-initiative h1').boundingBox();
      const frameBox = await (await frame.frameElement()).boundingBox();
      expect(title && frameBox).toBeTruthy();
      for (const name of ['Bật/tắt xem trước', 'Cuộn đồng thời']) {
        const button = await page.getByTitle(name).first().boundingBox();
        if (!button || !title) continue;
        const clear = title.x + title.width <= button.x || title.y >= button.y + button.height;
        expect(clear, `${name} ${JSON.stringify(button)} over ${JSON.stringify(title)}`).toBe(true);
      }
    } finally {
      await page.close();
    }
  });

  test('a decided and adopted initiative: the preview lists its organiser, decision and adopters as its page does', async () => {
    const page = await (browser as Browser).newPage({ viewport: { width: 1600, height: 1000 } });
    try {
      await page.goto(`${site?.root}sang-kien/${adoptedSlug}/`);
      const published = (await shapeOf(page)).record;
      // Adopted by a commune and adapted by others, decided by the committee.
      expect(published).toContainEqual(
        expect.stringMatching(/^DD: Quyết định số .+ ngày \d\d\/\d\d\/\d{4} của /),
      );
      const adopters = published.at(-1) ?? '';
      expect(adopters).toMatch(/^DD: .+; .+/);
      await openAdmin(
        page,
        `#/collections/initiatives/entries/${adoptedSlug}/index`,
        'Tên sáng kiến',
      );
      const frame = await previewFrame(page, 'article.kho-initiative dl.kho-provenance');
      await expect
        .poll(() => frame.locator('dl.kho-provenance dd').last().textContent(), { timeout: 30_000 })
        .toBe(adopters.replace(/^DD: /, ''));
      expect((await shapeOf(frame)).record).toEqual(published);
    } finally {
      await page.close();
    }
  });

  test('a campaign preview names goals and status and writes dates dd/mm/yyyy', async () => {
    const page = await (browser as Browser).newPage({ viewport: { width: 1600, height: 1000 } });
    try {
      await openAdmin(page, '#/collections/campaigns/entries/2024-tanh-linh', 'Năm');
      const frame = await previewFrame(page, 'h1');
      // biome-ignore lint/performance/useDomNodeTextContent: the rendered, visible text is what is checked
      const text = await frame.locator('body').innerText();
      expect(text).toContain('Giảm hồ sơ trễ hẹn');
      expect(text).toContain('04/09/2024');
      expect(text).toContain('Đã kết thúc');
      expect(text).toContain('Ủy ban nhân dân huyện Tánh Linh');
      expect(text).not.toMatch(
        /fewer-late-dossiers|more-online-services|\b2024-09-04\b|\bclosed\b/,
      );
      expect(text).not.toContain('ubnd-huyen-tanh-linh');
    } finally {
      await page.close();
    }
  });
});

describe('quiet edits and the submission form', () => {
  test('changing one value of a campaign commits a one-line change', async () => {
    const repo = running?.repoDir as string;
    const page = await (browser as Browser).newPage({ viewport: { width: 1600, height: 1000 } });
    try {
      await openAdmin(page, '#/collections/campaigns/entries/2024-tanh-linh', 'Số bản giấy');
      const copies = page.getByLabel(/^Số bản giấy phải nộp/);
      await copies.fill('3');
      await page.getByRole('button', { name: 'Lưu', exact: true }).click();
      await page.getByRole('alert').filter({ hasText: 'Đã lưu' }).waitFor({ timeout: 60_000 });
      const branch = 'cms/campaigns/2024-tanh-linh';
      await expect
        .poll(() => git(repo, 'branch', '--list', branch), { timeout: 30_000 })
        .toContain(branch);
      const diff = git(repo, 'diff', '--unified=0', 'main', branch, '--', campaignFile);
      const changed = diff.split('\n').filter((line) => /^[-+](?![-+])/.test(line));
      expect(changed).toEqual(['-paperCopies: 2', '+paperCopies: 3']);
      // From git: decap-server switches the clone's working tree between branches.
      const original = git(repo, 'show', `main:${campaignFile}`);
      const saved = git(repo, 'show', `${branch}:${campaignFile}`);
      expect(saved).toBe(original.replace('paperCopies: 2', 'paperCopies: 3'));

      // The board shows the saved campaign with plain text, not its Markdown headings.
      await page.goto(`${running?.adminUrl}#/workflow`);
      const card = page.locator('a[href*="ref=workflow"]').filter({ hasText: 'năm 2024' }).first();
      await card.waitFor({ timeout: 60_000 });
      await expect.poll(() => card.locator('p').first().textContent()).toMatch(/^Năm 2024, Ủy ban/);
      // biome-ignore lint/performance/useDomNodeTextContent: the rendered, visible text is what is checked
      expect(await card.innerText()).not.toContain('##');
    } finally {
      await page.close();
    }
  });

  test('typing draws the preview again once typing rests, not at each keystroke', async () => {
    const page = await (browser as Browser).newPage({ viewport: { width: 1600, height: 1000 } });
    try {
      await openAdmin(page, '#/collections/initiatives/new', 'Tên sáng kiến');
      const frame = await previewFrame(page, 'article.kho-initiative h1');
      // Each time the preview draws, the page in its frame changes in one batch of mutations.
      await frame.evaluate(() => {
        const counter = window as unknown as { khoDraws: number };
        counter.khoDraws = 0;
        new MutationObserver(() => {
          counter.khoDraws += 1;
        }).observe(document.body, { subtree: true, childList: true, characterData: true });
      });
      const typed = 'Hẹn giờ trả kết quả qua tin nhắn cho người dân';
      await field(page, 'Tên sáng kiến, giải pháp').click();
      await page.keyboard.type(typed);
      await expect
        .poll(() => frame.locator('article.kho-initiative h1').textContent(), { timeout: 30_000 })
        .toBe(typed);
      const draws = await frame.evaluate(
        () => (window as unknown as { khoDraws: number }).khoDraws,
      );
      // One draw per rest (or per longest lag) instead of one per character: the admin that drew
      // at each key made 46 here. A busy machine may pause between keys now and then, and the
      // decisions and site names arriving draw once each, never near once per key.
      expect(draws).toBeGreaterThan(0);
      expect(draws).toBeLessThan(typed.length / 2);
    } finally {
      await page.close();
    }
  });

  test('a new initiative: only campaigns still receiving are offered, dated inside their period', async () => {
    const page = await (browser as Browser).newPage({ viewport: { width: 1600, height: 1000 } });
    try {
      await openAdmin(page, '#/collections/initiatives/new', 'Tên sáng kiến');
      const submitted = page.getByLabel(/^Ngày gửi/);
      // The date field shows dd/mm/yyyy (src/admin/date-widget.ts) and saves YYYY-MM-DD.
      expect(await submitted.inputValue()).toBe(formatDate(vnDate()));
      const campaign = page.getByLabel(/^Đợt phát động/);
      await campaign.click();
      await campaign.fill('năm');
      await page.getByRole('option', { name: openTitle, exact: true }).waitFor({ timeout: 30_000 });
      const offered = await page.getByRole('option').allTextContents();
      expect(offered).toContain(openTitle);
      expect(offered).not.toContain(lateTitle);
      expect(offered.some((option) => option.includes('năm 2024'))).toBe(false);
      // No decision names a new entry: its preview says so, as its page will.
      const frame = await previewFrame(page, 'article.kho-initiative h1');
      const status = frame.locator('header dl.kho-facts .kho-status');
      expect(await status.getAttribute('data-status')).toBe('undecided');
      expect(await status.textContent()).toBe('Chưa xét');
      expect(await frame.locator('.kho-decision p').textContent()).toBe(
        'Chưa xét Hội đồng chưa có quyết định về sáng kiến này.',
      );
    } finally {
      await page.close();
    }
  });
});
