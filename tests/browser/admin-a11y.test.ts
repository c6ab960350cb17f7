/**
 * The admin as a submitter meets it, on the real built site with the local backend
 * (decap-server in git mode behind the project's gate), in Chromium at 390 px and 1280 px:
 * choices found as people type them (without diacritics, đ as d) from the whole list and
 * named, no horizontal scrolling, axe (WCAG 2.2 AA) clean on every screen a submitter
 * meets, a date typed digit by digit saved as typed, errors tied to their fields with the
 * focus on the first, every control named and reachable from the keyboard, and no English.
 */
import { execFileSync } from 'node:child_process';
import {
  cpSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import type { Browser, FileChooser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { parse, stringify } from 'yaml';
import { ADMIN_GZIP_BUDGET, adminBundleSize } from '../../scripts/cms/bundle-size.ts';
import { freePort } from '../../scripts/cms/net.ts';
import { prepareCmsRepo } from '../../scripts/cms/repo.ts';
import { type Server, startProxy } from '../../scripts/start.ts';
import { UNFILLED } from '../../src/admin/shown-names.ts';
import { formatDate } from '../../src/core/dates.ts';
import { fold } from '../../src/core/text.ts';
import { collections, pathOf } from '../../src/model/collections.ts';
import { readEntryFile } from '../../src/model/files.ts';
import { launchChromium } from '../support/chromium.ts';
import { wcagViolations } from './support/axe.ts';
import { choose, field, signInLocally } from './support/decap-form.ts';
import { adminEnglishPhrases, overflow } from './support/screen-checks.ts';
import { type BuiltSite, buildSite, projectRoot, serveStatic } from './support/site.ts';
import { cloneProject, git, vnDate } from './support/source-repo.ts';

const year = Number(vnDate().slice(0, 4));
const campaignTitle = `Đợt phát động thử nghiệm giao diện năm ${year}`;
/** Offered (its deadline is ahead) but not receiving yet: it opens in ten days. */
const laterTitle = `Đợt phát động sắp mở năm ${year}`;
const draftSlug = 'ban-nhap-kiem-thu-giao-dien-tren-dien-thoai';
const draftTitle = 'Bản nháp kiểm thử giao diện trên điện thoại';
const draftBranch = `cms/initiatives/${draftSlug}/index`;
const draftHash = `#/collections/initiatives/entries/${draftSlug}/index`;
const draftPath = `content/initiatives/${draftSlug}/index.md`;

/**
 * The project's repository with what a submitter meets in a real deployment: a campaign
 * that is open, and one draft of theirs on its `cms/` branch (on the workflow board).
 */
function makeSourceRepo(dir: string): void {
  cloneProject(dir);
  const sample = readEntryFile(join(dir, pathOf(collections.campaigns, '2024-tanh-linh')));
  const data: Record<string, unknown> = { ...sample.data };
  delete data.reviewOn;
  Object.assign(data, {
    year,
    title: campaignTitle,
    opensOn: vnDate(-60),
    deadline: vnDate(60),
    status: 'open',
    sample: true,
  });
  writeFileSync(
    join(dir, 'content', 'campaigns', `${year}-giao-dien.md`),
    `---\n${stringify(data)}---\n\nĐợt phát động dùng để kiểm thử giao diện quản trị.\n`,
  );
  const later = { ...data, title: laterTitle, opensOn: vnDate(10), deadline: vnDate(70) };
  writeFileSync(
    join(dir, 'content', 'campaigns', `${year}-sap-mo.md`),
    `---\n${stringify(later)}---\n\nĐợt phát động chưa mở, dùng để kiểm thử ngày gửi.\n`,
  );
  git(dir, 'add', '-A');
  git(dir, 'commit', '--quiet', '-m', 'Đợt phát động đang mở cho kiểm thử giao diện');
}

/** A draft saved earlier by the submitter: a sample initiative under a new title, on its branch. */
function addDraft(repo: string): void {
  const samples = join(repo, 'content', 'initiatives');
  const source = execFileSync('ls', [samples], { encoding: 'utf8' }).split('\n')[0] as string;
  git(repo, 'checkout', '--quiet', '-b', draftBranch);
  const folder = join(repo, 'content', 'initiatives', draftSlug);
  cpSync(join(samples, source), folder, { recursive: true });
  const file = join(folder, 'index.md');
  const text = readFileSync(file, 'utf8').replace(/^title: .*$/m, `title: ${draftTitle}`);
  writeFileSync(file, text);
  git(repo, 'add', '-A');
  git(repo, 'commit', '--quiet', '-m', `Thêm sáng kiến “${draftSlug}/index”`);
  git(repo, 'checkout', '--quiet', 'main');
  git(repo, 'config', `branch.${draftBranch}.description`, 'decap-cms/draft');
}

let workspace: string;
let repo: string;
let site: BuiltSite | undefined;
let server: { root: string; close(): Promise<void> } | undefined;
let proxy: Server | undefined;
let browser: Browser | undefined;

beforeAll(async () => {
  mkdirSync(join(projectRoot, '.tmp'), { recursive: true });
  workspace = mkdtempSync(join(projectRoot, '.tmp', 'e2e-admin-a11y-'));
  makeSourceRepo(join(workspace, 'source'));
  repo = join(workspace, 'cms');
  await prepareCmsRepo({ source: join(workspace, 'source'), dir: repo });
  addDraft(repo);
  const proxyPort = await freePort(8900);
  // The admin is built with the address of its local backend, as `npm start` gives it.
  const before = process.env.PUBLIC_CMS_PROXY_URL;
  process.env.PUBLIC_CMS_PROXY_URL = `http://127.0.0.1:${proxyPort}/api/v1`;
  try {
    site = buildSite({ base: '/' });
  } finally {
    if (before === undefined) delete process.env.PUBLIC_CMS_PROXY_URL;
    else process.env.PUBLIC_CMS_PROXY_URL = before;
  }
  server = await serveStatic(site.outDir, '/');
  proxy = await startProxy({ repoDir: repo, port: proxyPort });
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close().catch(() => {});
  await proxy?.stop();
  await server?.close();
  if (site) rmSync(site.outDir, { recursive: true, force: true });
  if (workspace) rmSync(workspace, { recursive: true, force: true });
});

/** The admin's English phrases (support/screen-checks.ts), with dnd-kit's spoken ones and its buttons'. */
function englishPhrases(): string[] {
  return [
    ...adminEnglishPhrases(),
    'Picked up draggable item',
    'Draggable item',
    'was dropped',
    'Dragging was cancelled',
    'Remove',
    'Clear',
    // dnd-kit's role description of a sortable thing, which a11y-patches.ts removes.
    'sortable',
  ];
}
const english = englishPhrases();

/**
 * English on the page: a whole visible line, or a whole name, placeholder or title of an
 * element, that is one of Decap's phrases; any of the others in live regions and in what a
 * description or a label points at.
 */
async function englishOn(page: Page): Promise<string[]> {
  // biome-ignore lint/performance/useDomNodeTextContent: the rendered, visible text is what is checked
  const visible = (await page.locator('body').innerText()).split('\n').map((line) => line.trim());
  const { spoken, attributes } = await page.evaluate(() => {
    const ids = [...document.querySelectorAll('[aria-describedby], [aria-labelledby]')].flatMap(
      (node) =>
        [node.getAttribute('aria-describedby'), node.getAttribute('aria-labelledby')]
          .join(' ')
          .split(' '),
    );
    const referenced = ids.filter(Boolean).map((id) => document.getElementById(id));
    const live = [...document.querySelectorAll('[aria-live], [role="status"], [role="alert"]')];
    const named = ['aria-label', 'placeholder', 'title', 'alt', 'aria-roledescription'];
    const values = [...document.querySelectorAll(named.map((name) => `[${name}]`).join(', '))]
      .flatMap((node) => named.map((name) => node.getAttribute(name) ?? ''))
      .map((value) => value.trim())
      .filter(Boolean);
    return {
      spoken: [...live, ...referenced].map((node) => node?.textContent ?? '').join('\n'),
      attributes: values,
    };
  });
  const inLines = (lines: string[], phrase: string) =>
    lines.includes(phrase) ||
    (phrase.length > 8 && phrase.includes(' ') && lines.some((line) => line.includes(phrase)));
  // Decap names an item whose first field is empty "No <field>", shown and in its buttons' names.
  const unnamed = [...visible, ...attributes].filter((text) =>
    /(?:^|\()No [a-z]+(?:\)|$)/.test(text),
  );
  return [
    ...english.filter(
      (phrase) =>
        inLines(visible, phrase) || inLines(attributes, phrase) || spoken.includes(phrase),
    ),
    ...unnamed,
  ];
}

async function newPage(width: number): Promise<Page> {
  const page = await (browser as Browser).newPage({ viewport: { width, height: 900 } });
  // Leaving an edited entry asks through window.confirm.
  page.on('dialog', (dialog) => void dialog.accept());
  return page;
}

const adminUrl = () => `${server?.root}admin/`;

/** The login screen, then (after "Đăng nhập") the admin at `hash`. */
async function login(page: Page, hash = '#/') {
  await page.goto(`${adminUrl()}${hash}`);
  await signInLocally(page);
}

async function go(page: Page, hash: string) {
  await page.evaluate((target) => {
    window.location.hash = target;
  }, hash);
}

const titleLabel = 'Tên sáng kiến, giải pháp';

async function openNewEntry(page: Page) {
  await go(page, '#/collections/initiatives/new');
  await field(page, titleLabel).waitFor({ timeout: 60_000 });
}

async function openDraft(page: Page) {
  await go(page, draftHash);
  await page.getByRole('button', { name: /^Trạng thái:/ }).waitFor({ timeout: 60_000 });
}

async function openWorkflow(page: Page) {
  await go(page, '#/workflow');
  await page.getByRole('link').filter({ hasText: draftTitle }).first().waitFor({ timeout: 60_000 });
}

async function openList(page: Page) {
  await go(page, '#/collections/initiatives');
  await page.getByRole('link').filter({ hasText: 'Thanh toán lệ phí' }).first().waitFor();
}

async function openMediaLibrary(page: Page) {
  await page.getByRole('button', { name: 'Tệp đính kèm' }).click();
  await page
    .getByRole('button', { name: 'Dùng tệp đã chọn' })
    .or(page.getByText('Chưa có tệp nào.'))
    .first()
    .waitFor();
}

async function closeMediaLibrary(page: Page) {
  await page.keyboard.press('Escape');
}

/** The options react-select offers for what is typed into the field labelled `label`. */
async function optionsFor(page: Page, label: string, typed: string): Promise<string[]> {
  const input = field(page, label).first();
  await input.click();
  await input.fill(typed);
  const menu = page.getByRole('listbox');
  await menu
    .or(page.getByText(/^Không có lựa chọn nào/))
    .first()
    .waitFor();
  // Options load after a short pause: wait until what is said or shown is about what was typed.
  const about = `“${typed}”`;
  await expect
    .poll(async () => {
      const said = (await page.locator('[aria-live]').allTextContents()).join(' ');
      const none = await page.getByText(/^Không có lựa chọn nào khớp/).allTextContents();
      return said.includes(about) || none.some((text) => text.includes(about));
    })
    .toBe(true);
  const options = await page.getByRole('option').allTextContents();
  await page.keyboard.press('Escape');
  await input.fill('');
  return options;
}

function unitNames(): string[] {
  const items = parse(readFileSync(join(repo, 'content', 'units.yaml'), 'utf8')) as {
    name: string;
  }[];
  return items.map((item) => item.name);
}

describe('choosing things the way people type them', () => {
  test('units, campaigns and vocabularies found without diacritics (đ as d), the whole list, by name', async () => {
    const page = await newPage(1280);
    await login(page);
    await openNewEntry(page);
    const units = unitNames();
    expect(units.length).toBeGreaterThan(20);

    // The opened list holds every unit, by name.
    const unitLabel = 'Cơ quan, đơn vị chủ trì';
    const input = field(page, unitLabel);
    await input.click();
    await expect
      .poll(() => page.getByRole('option').count(), { timeout: 30_000 })
      .toBe(units.length);
    expect((await page.getByRole('option').allTextContents()).sort()).toEqual([...units].sort());
    // …and the keyboard reaches the last of them.
    for (let step = 1; step < units.length; step += 1) await page.keyboard.press('ArrowDown');
    const active = await input.getAttribute('aria-activedescendant');
    expect(active).toBeTruthy();
    expect(await page.locator(`[id="${active}"]`).textContent()).toBe(units.at(-1));
    await page.keyboard.press('Escape');

    for (const typed of ['duc phu', 'lac tanh', 'bac ruong', 'Đức Phú']) {
      const expected = units.filter((name) =>
        fold(typed)
          .split(' ')
          .every((word) => fold(name).includes(word)),
      );
      expect(expected.length, typed).toBeGreaterThan(0);
      expect(await optionsFor(page, unitLabel, typed), typed).toEqual(expected);
    }
    expect(await optionsFor(page, 'Đợt phát động', 'dot phat dong thu nghiem')).toEqual([
      campaignTitle,
    ]);
    expect(await optionsFor(page, 'Nội dung cải cách hành chính', 'thu tuc')).toContain(
      'Cải cách thủ tục hành chính',
    );
    expect(await optionsFor(page, 'Lĩnh vực áp dụng', 'dich vu cong truc tuyen')).toEqual([
      'Dịch vụ công trực tuyến, thanh toán trực tuyến và Bưu chính công ích',
    ]);
    // Nothing found is said in Vietnamese.
    expect(await optionsFor(page, unitLabel, 'khong co don vi nay')).toEqual([]);
    await page.close();
  });
});

describe('a phone (390 px) and a desktop (1280 px)', () => {
  for (const width of [390, 1280]) {
    test(`no element wider than the viewport at ${width} px; every toolbar button on screen`, async () => {
      const page = await newPage(width);
      await login(page);
      const screens: [string, () => Promise<void>][] = [
        ['danh sách', () => openList(page)],
        ['biểu mẫu mới', () => openNewEntry(page)],
        ['bản nháp', () => openDraft(page)],
        ['bảng quy trình', () => openWorkflow(page)],
      ];
      const problems: string[] = [];
      for (const [name, open] of screens) {
        await open();
        await page.waitForTimeout(500);
        const { scrollWidth, wide } = await overflow(page);
        if (scrollWidth > width) problems.push(`${name}: cuộn ngang ${scrollWidth} px`);
        for (const element of wide) problems.push(`${name}: ${element}`);
      }
      // The draft's toolbar: save, status, publish and delete, all on screen.
      await openDraft(page);
      const toolbar = page.locator('[class*="-ToolbarSectionMain"]');
      const buttons = toolbar.getByRole('button');
      expect(await buttons.count()).toBeGreaterThanOrEqual(3);
      for (const button of await buttons.all()) {
        const box = await button.boundingBox();
        const name = (await button.textContent())?.trim();
        expect(box, name).not.toBeNull();
        expect(box && box.x >= 0 && box.x + box.width <= width, name).toBe(true);
      }
      expect(problems).toEqual([]);
      await page.close();
    });
  }
});

/** The names typed into the authors' "Họ và tên" fields, in the order of the form. */
async function authorNames(page: Page): Promise<string[]> {
  const inputs = await field(page, 'Họ và tên').all();
  return Promise.all(inputs.map((input) => input.inputValue()));
}

/** What the live regions of the page say, joined. */
async function liveText(page: Page): Promise<string> {
  return (await page.locator('[role="status"][aria-live]').allTextContents()).join(' ');
}

/** The machine may be busy: the admin answers, only later. */
const slow = { timeout: 30_000 };

describe('submitting for real', () => {
  test('authors are reordered from the keyboard: "Lên"/"Xuống", focus kept and shown, the move announced', async () => {
    const page = await newPage(1280);
    await login(page);
    await openNewEntry(page);
    const add = page.getByRole('button', { name: 'Thêm tác giả' });
    for (const name of ['Nguyễn Văn An', 'Trần Thị Bình', 'Lê Đức Cường']) {
      await add.click();
      await field(page, 'Họ và tên').last().fill(name);
    }
    expect(await authorNames(page)).toEqual(['Nguyễn Văn An', 'Trần Thị Bình', 'Lê Đức Cường']);

    // From the remove button of the first author, Tab reaches its "Lên", then its "Xuống".
    await page.getByRole('button', { name: 'Xóa Tác giả – mục 1' }).focus();
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    const focusedName = () =>
      page.evaluate(() => document.activeElement?.getAttribute('aria-label') ?? '');
    expect(await focusedName()).toBe('Chuyển Tác giả – mục 1 (Nguyễn Văn An) xuống');
    await page.keyboard.press('Enter');
    await expect
      .poll(() => authorNames(page), slow)
      .toEqual(['Trần Thị Bình', 'Nguyễn Văn An', 'Lê Đức Cường']);
    await expect
      .poll(() => liveText(page), slow)
      .toContain('Đã chuyển Tác giả “Nguyễn Văn An” xuống vị trí 2 trên 3.');
    // The focus stays on the button pressed, now the second author's, and is drawn.
    await expect.poll(focusedName, slow).toBe('Chuyển Tác giả – mục 2 (Nguyễn Văn An) xuống');
    const outline = await page.evaluate(() => {
      const style = getComputedStyle(document.activeElement as Element);
      return { style: style.outlineStyle, width: Number.parseFloat(style.outlineWidth) };
    });
    expect(outline.style).not.toBe('none');
    expect(outline.width).toBeGreaterThanOrEqual(2);

    // Space works too; at the end of the list nothing moves and that is said.
    await page.keyboard.press('Space');
    await expect
      .poll(() => authorNames(page), slow)
      .toEqual(['Trần Thị Bình', 'Lê Đức Cường', 'Nguyễn Văn An']);
    await page.keyboard.press('Enter');
    await expect
      .poll(() => liveText(page), slow)
      .toContain('Tác giả “Nguyễn Văn An” đã ở cuối danh sách.');
    expect(await authorNames(page)).toEqual(['Trần Thị Bình', 'Lê Đức Cường', 'Nguyễn Văn An']);
    await page
      .getByRole('button', { name: 'Chuyển Tác giả – mục 2 (Lê Đức Cường) lên' })
      .press('Enter');
    await expect
      .poll(() => authorNames(page), slow)
      .toEqual(['Lê Đức Cường', 'Trần Thị Bình', 'Nguyễn Văn An']);
    await expect
      .poll(() => liveText(page), slow)
      .toContain('Đã chuyển Tác giả “Lê Đức Cường” lên vị trí 1 trên 3.');
    await page.close();
  });

  test('"Ngày gửi" starts inside the chosen campaign\'s period and follows a change of campaign until set by hand', async () => {
    const page = await newPage(1280);
    await login(page);
    await openNewEntry(page);
    const submitted = field(page, 'Ngày gửi');
    // Before a campaign is chosen: today, since an offered campaign is receiving today.
    expect(await submitted.inputValue()).toBe(formatDate(vnDate()));
    await choose(page, 'Đợt phát động', 'sap mo', laterTitle);
    // The campaign opens in ten days: its first day.
    await expect.poll(() => submitted.inputValue(), slow).toBe(formatDate(vnDate(10)));
    await choose(page, 'Đợt phát động', 'thu nghiem', campaignTitle);
    await expect.poll(() => submitted.inputValue(), slow).toBe(formatDate(vnDate()));
    // Typed by hand: the campaign no longer moves it.
    await submitted.click();
    await submitted.press('Control+A');
    await submitted.press('Backspace');
    const typed = formatDate(vnDate(-3));
    await page.keyboard.type(typed.replace(/\//g, ''), { delay: 30 });
    expect(await submitted.inputValue()).toBe(typed);
    await choose(page, 'Đợt phát động', 'sap mo', laterTitle);
    // Nothing to wait for when nothing happens: longer than a following date takes under load.
    await page.waitForTimeout(5000);
    expect(await submitted.inputValue()).toBe(typed);
    await page.close();
  });

  test('saving an initiative written by hand changes only the line edited', async () => {
    const page = await newPage(1280);
    await login(page, draftHash);
    await page.getByRole('button', { name: /^Trạng thái:/ }).waitFor({ timeout: 60_000 });
    const before = git(repo, 'show', `${draftBranch}:${draftPath}`);
    const title = field(page, titleLabel);
    await title.waitFor({ timeout: 60_000 });
    expect(await title.inputValue()).toBe(draftTitle);
    await title.fill(`${draftTitle} (sửa)`);
    await page.getByRole('button', { name: 'Lưu', exact: true }).click();
    await page.getByRole('alert').filter({ hasText: 'Đã lưu' }).waitFor({ timeout: 60_000 });
    await expect
      .poll(() => git(repo, 'show', `${draftBranch}:${draftPath}`), { timeout: 30_000 })
      .not.toBe(before);
    const after = git(repo, 'show', `${draftBranch}:${draftPath}`);
    expect(after).toBe(before.replace(`title: ${draftTitle}\n`, `title: ${draftTitle} (sửa)\n`));
    await page.close();
  });

  test('units and initiatives are shown by name, never by id, in the lists of the admin', async () => {
    const page = await newPage(1280);
    await login(page);
    await go(page, '#/collections/adoptions');
    const adoptions = readdirSync(join(repo, 'content', 'adoptions')).map(
      (name) =>
        parse(readFileSync(join(repo, 'content', 'adoptions', name), 'utf8')) as {
          unit: string;
          initiative: string;
        },
    );
    const units = parse(readFileSync(join(repo, 'content', 'units.yaml'), 'utf8')) as {
      id: string;
      name: string;
    }[];
    const titleOf = (id: string) =>
      String(readEntryFile(join(repo, pathOf(collections.initiatives, id))).data?.title ?? '');
    for (const { unit, initiative } of adoptions) {
      const name = units.find((item) => item.id === unit)?.name as string;
      expect(name).toBeTruthy();
      expect(titleOf(initiative)).toBeTruthy();
      // Each adoption's line: its initiative's title (from the site's names file), its unit's name.
      await page
        .getByText(`${titleOf(initiative)} – ${name}`, { exact: false })
        .first()
        .waitFor({ timeout: 60_000 });
    }
    // biome-ignore lint/performance/useDomNodeTextContent: the rendered, visible text is what is checked
    const shown = await page.locator('main, body').first().innerText();
    for (const { unit, initiative } of adoptions) {
      expect(shown).not.toContain(initiative);
      expect(shown).not.toContain(unit);
    }

    // A decision's results are summed up by their initiatives' titles: the line a collapsed
    // item shows, and the names its move buttons are read with.
    await go(page, '#/collections/decisions/entries/2024-tanh-linh');
    const decision = parse(
      readFileSync(join(repo, pathOf(collections.decisions, '2024-tanh-linh')), 'utf8'),
    ) as { results: { initiative: string }[] };
    expect(decision.results.length).toBeGreaterThan(1);
    for (const { initiative } of decision.results) {
      await page
        .getByText(titleOf(initiative), { exact: true })
        .first()
        .waitFor({ state: 'attached', timeout: 60_000 });
    }
    const first = titleOf(decision.results[0]?.initiative as string);
    await page
      .getByRole('button', { name: `Chuyển Kết quả xét từng sáng kiến – mục 1 (${first}) xuống` })
      .waitFor({ state: 'attached', timeout: 30_000 });
    // Hidden or not, no item is named by its id.
    const form = await page.evaluate(() =>
      [...document.querySelectorAll('body, body *')]
        .flatMap((node) => [
          node.getAttribute('aria-label') ?? '',
          node === document.body ? (node.textContent ?? '') : '',
        ])
        .join('\n'),
    );
    for (const { initiative } of decision.results) expect(form).not.toContain(initiative);
    await page.close();
  });
});

describe('an accessible admin', () => {
  test('axe finds no WCAG 2.2 AA violation on any screen a submitter meets, at 390 and 1280 px', async () => {
    const failures: string[] = [];
    for (const width of [390, 1280]) {
      const page = await newPage(width);
      const check = async (name: string) => {
        for (const violation of await wcagViolations(page))
          failures.push(`${width} px, ${name}: ${violation}`);
      };
      await page.goto(adminUrl());
      await page.getByRole('button', { name: 'Đăng nhập' }).waitFor({ timeout: 120_000 });
      await check('đăng nhập');
      await page.getByRole('button', { name: 'Đăng nhập' }).click();
      await openList(page);
      await check('danh sách');
      await openNewEntry(page);
      await check('biểu mẫu trống');
      await page.getByRole('button', { name: 'Lưu', exact: true }).click();
      await page.locator('[aria-invalid="true"]').first().waitFor();
      await check('biểu mẫu báo lỗi');
      await openWorkflow(page);
      await check('bảng quy trình');
      await openMediaLibrary(page);
      await check('thư viện tệp');
      await closeMediaLibrary(page);
      await openDraft(page);
      await check('bản nháp');
      await page.close();
    }
    expect(failures).toEqual([]);
  });

  test('a date typed digit by digit is saved as typed', async () => {
    const page = await newPage(1280);
    await login(page, draftHash);
    await page.getByRole('button', { name: /^Trạng thái:/ }).waitFor({ timeout: 60_000 });
    const date = field(page, 'Ngày áp dụng lần đầu hoặc áp dụng thử');
    await date.click();
    await date.press('Control+A');
    await date.press('Backspace');
    await page.keyboard.type('06012024', { delay: 50 });
    expect(await date.inputValue()).toBe('06/01/2024');
    await page.getByRole('button', { name: 'Lưu', exact: true }).click();
    await page.getByRole('alert').filter({ hasText: 'Đã lưu' }).waitFor({ timeout: 60_000 });
    expect(git(repo, 'show', `${draftBranch}:${draftPath}`)).toMatch(/^firstApplied: 2024-01-06$/m);
    await page.close();
  });

  test('after a refused save, focus is on the first invalid field, tied to its message', async () => {
    const page = await newPage(1280);
    await login(page);
    await openNewEntry(page);
    const save = page.getByRole('button', { name: 'Lưu', exact: true });
    await save.focus();
    await page.keyboard.press('Enter');
    const title = field(page, titleLabel);
    await expect
      .poll(() => title.evaluate((input) => input === document.activeElement), { timeout: 30_000 })
      .toBe(true);
    expect(await title.getAttribute('aria-invalid')).toBe('true');
    const describedBy = (await title.getAttribute('aria-describedby')) ?? '';
    const messages = await Promise.all(
      describedBy
        .split(' ')
        .filter(Boolean)
        .map((id) => page.locator(`[id="${id}"]`).textContent()),
    );
    expect(messages.join(' ')).toContain(`Chưa nhập “${titleLabel}” (bắt buộc).`);
    // Every field marked invalid names its message; a field fixed is no longer marked.
    const invalid = await page.locator('[aria-invalid="true"]').all();
    expect(invalid.length).toBeGreaterThan(3);
    for (const element of invalid) {
      const ids = ((await element.getAttribute('aria-describedby')) ?? '')
        .split(' ')
        .filter(Boolean);
      const errors = ids.find((id) => id.endsWith('-errors'));
      const html = await element.evaluate((node) => node.outerHTML.slice(0, 200));
      expect(errors, html).toBeDefined();
      expect(await page.locator(`[id="${errors}"]`).textContent(), html).toBeTruthy();
    }
    await title.fill('Một tiêu đề đủ dài cho sáng kiến thử nghiệm');
    await expect.poll(() => title.getAttribute('aria-invalid')).toBeNull();
    await page.close();
  });

  test('every control is named, reachable and operable from the keyboard, with a visible focus', async () => {
    const page = await newPage(1280);
    await login(page);
    await openNewEntry(page);

    // An author: every tab stop of the item has a name.
    await page.getByRole('button', { name: 'Thêm tác giả' }).click();
    const author = page.locator('[class*="ListItemTopBar"]').first().locator('..');
    const unnamed = await author.evaluate((item) => {
      const tabbable = [
        ...item.querySelectorAll<HTMLElement>('button, input, textarea, [tabindex]'),
      ].filter((element) => element.tabIndex >= 0 && !(element as HTMLButtonElement).disabled);
      const nameOf = (element: HTMLElement) =>
        element.getAttribute('aria-label') ||
        (element.id && document.querySelector(`label[for="${element.id}"]`)?.textContent) ||
        element.textContent?.trim();
      return tabbable
        .filter((element) => !nameOf(element))
        .map((element) => element.outerHTML.slice(0, 120));
    });
    expect(unnamed).toEqual([]);
    expect(await author.getByRole('button', { name: 'Xóa Tác giả – mục 1' }).count()).toBe(1);

    // The body editor has a name and shows its focus.
    const body = page.getByRole('textbox', { name: 'Nội dung sáng kiến' });
    await body.focus();
    const outline = await body.evaluate((element) => {
      const style = getComputedStyle(element);
      return { style: style.outlineStyle, width: Number.parseFloat(style.outlineWidth) };
    });
    expect(outline.style).not.toBe('none');
    expect(outline.width).toBeGreaterThanOrEqual(2);

    // The preview is a titled frame whose document is in Vietnamese.
    const frame = page.locator('iframe#preview-pane');
    await expect.poll(() => frame.getAttribute('title')).toBe('Xem trước bài viết');
    await expect
      .poll(() =>
        frame.evaluate((node) => (node as HTMLIFrameElement).contentDocument?.documentElement.lang),
      )
      .toBe('vi');

    // A text field reached with Tab shows its focus too.
    await field(page, titleLabel).focus();
    await page.keyboard.press('Tab');
    const focused = await page.evaluate(() => {
      const element = document.activeElement as HTMLElement;
      return getComputedStyle(element).outlineStyle;
    });
    expect(focused).not.toBe('none');

    // The media library's upload opens the file chooser from the keyboard.
    await openList(page);
    await openMediaLibrary(page);
    const upload = page.locator('label.nc-fileUploadButton input[type="file"]');
    expect(await upload.evaluate((input) => input.closest('label')?.textContent)).toBe(
      'Tải tệp lên',
    );
    // react-modal moves the focus to the dialog once it has opened: focus the upload after that.
    let chooser: FileChooser | undefined;
    for (let attempt = 0; attempt < 3 && !chooser; attempt++) {
      await upload.focus();
      await expect
        .poll(() => upload.evaluate((input) => input === document.activeElement))
        .toBe(true);
      const opened = page.waitForEvent('filechooser', { timeout: 10_000 }).catch(() => undefined);
      await page.keyboard.press('Enter');
      chooser = await opened;
    }
    expect(chooser, 'hộp chọn tệp mở bằng phím Enter').toBeDefined();
    await closeMediaLibrary(page);
    await page.close();
  });

  test('no English on any screen, shown or spoken', async () => {
    const page = await newPage(1280);
    await login(page);
    const found: string[] = [];
    const look = async (name: string) => {
      for (const phrase of await englishOn(page)) found.push(`${name}: ${phrase}`);
    };
    await openList(page);
    await look('danh sách');
    await openNewEntry(page);
    const unit = field(page, 'Cơ quan, đơn vị chủ trì');
    await unit.focus();
    await page.keyboard.press('ArrowDown');
    await page.getByRole('option').first().waitFor();
    await look('danh sách đơn vị đang mở');
    await page.keyboard.type('khong co don vi nay');
    await page.getByText(/^Không có lựa chọn nào khớp/).waitFor();
    await look('không có lựa chọn');
    await page.keyboard.press('Escape');
    await page.getByRole('button', { name: 'Thêm tác giả' }).click();
    await page.getByRole('button', { name: 'Thêm tác giả' }).click();
    await page.getByRole('button', { name: /^Chuyển Tác giả – mục 1.* xuống$/ }).press('Enter');
    await expect.poll(() => liveText(page)).toContain('Đã chuyển');
    await look('tác giả chuyển chỗ');
    // An open item's first button says so; collapsed, the item still has a Vietnamese summary.
    const toggle = page.getByRole('button', { name: /^Thu gọn Tác giả – mục 1\b/ });
    await expect.poll(() => toggle.getAttribute('aria-expanded')).toBe('true');
    const button = await toggle.elementHandle();
    await toggle.click();
    const state = async () =>
      `${await button?.getAttribute('aria-expanded')} ${await button?.getAttribute('aria-label')}`;
    await expect.poll(state).toMatch(/^false Mở rộng Tác giả – mục 1\b/);
    await page.getByText(UNFILLED, { exact: true }).first().waitFor();
    await page.getByRole('button', { name: 'Thêm chỉ số' }).click();
    await page.getByRole('button', { name: /^Thu gọn Chỉ số .* – mục 1/ }).click();
    await look('mục thu gọn chưa điền');
    await page.getByRole('button', { name: 'Lưu', exact: true }).click();
    await page.locator('[aria-invalid="true"]').first().waitFor();
    await look('biểu mẫu báo lỗi');
    await openWorkflow(page);
    await look('bảng quy trình');
    await openMediaLibrary(page);
    await look('thư viện tệp');
    await closeMediaLibrary(page);
    await openDraft(page);
    await look('bản nháp');
    expect(found).toEqual([]);
    await page.close();
  });

  test('the admin stays under its download budget', () => {
    const size = adminBundleSize((site as BuiltSite).outDir, '/');
    console.log(`Trang quản trị đã dựng: ${(size.gzipBytes / 1024).toFixed(0)} KB nén gzip.`);
    expect(size.gzipBytes).toBeLessThanOrEqual(ADMIN_GZIP_BUDGET);
  });
});
