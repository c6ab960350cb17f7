/**
 * The built admin with Decap's GitHub backend, as deployed, in Chromium, against a stand-in
 * for GitHub's API backed by a real bare git repository (tests/support/fake-github-git.ts).
 * The admin's own requests to api.github.com are answered by that server; nothing else
 * leaves the machine. What is checked is what reaches `main`, read with git:
 * - an initiative with an attachment, saved, made ready and published, reaches `main` only
 *   by GitHub merging its pull request, and changes nothing outside its own folder;
 * - when GitHub refuses the merge (405, branch protection), the admin says so in Vietnamese
 *   and `main` does not move (Decap would otherwise write the files onto it itself);
 * - the global media library can neither upload to nor delete from `main`.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { stringify } from 'yaml';
import { astroBuildCommand } from '../../scripts/build/astro-command.ts';
import { cleanEnv } from '../../scripts/build/build-site.ts';
import { type StaticServer, serveStatic } from '../../scripts/build/static-server.ts';
import { slugOfBranch } from '../../scripts/report/source.ts';
import { collections, pathOf } from '../../src/model/collections.ts';
import { readEntryFile } from '../../src/model/files.ts';
import { campaignSchema } from '../../src/schemas/index.ts';
import { launchChromium } from '../support/chromium.ts';
import { type FakeGitHubGit, startFakeGitHubGit } from '../support/fake-github-git.ts';
import {
  addListItem,
  choose,
  field,
  openAdminAt,
  publishNow,
  setStatus,
  writeSections,
} from './support/decap-form.ts';
import { recordToasts } from './support/screen-checks.ts';
import { projectRoot } from './support/site.ts';
import { cloneProject, git, vnDate } from './support/source-repo.ts';

const owner = 'so-noi-vu-thu-nghiem';
const repoName = 'kho-sang-kien';
const token = 'gho_thu-nghiem-khong-phai-ma-that';
const year = Number(vnDate().slice(0, 4));
const campaignId = `${year}-thu-nghiem`;
const campaignTitle = `Đợt thử nghiệm GitHub năm ${year}`;
const unitName = 'UBND xã Thử Nghiệm';
const sharedMedia = 'public/media/bieu-trung-cu.svg';

/** The project's committed files, plus an open campaign and a current unit to submit to. */
function makeSourceRepo(dir: string): void {
  cloneProject(dir);
  const unitsFile = join(dir, 'content', 'units.yaml');
  writeFileSync(
    unitsFile,
    `${readFileSync(unitsFile, 'utf8').trimEnd()}\n- id: xa-thu-nghiem\n  name: ${unitName}\n  kind: office\n  parent: xa-tanh-linh\n  locality: Tỉnh Lâm Đồng\n  validFrom: 2025-07-01\n`,
  );
  const sample = readEntryFile(join(dir, pathOf(collections.campaigns, '2024-tanh-linh')));
  const data: Record<string, unknown> = { ...sample.data };
  delete data.reviewOn;
  Object.assign(data, {
    year,
    title: campaignTitle,
    // An organiser of today, in whose scope the test's unit lies.
    organiser: 'ubnd-xa-tanh-linh',
    receivingOffice: 'xa-thu-nghiem',
    opensOn: vnDate(-60),
    deadline: vnDate(60),
    status: 'open',
    sample: true,
  });
  campaignSchema.parse(data);
  writeFileSync(
    join(dir, 'content', 'campaigns', `${campaignId}.md`),
    `---\n${stringify(data)}---\n\nĐợt phát động dùng để kiểm thử trang quản trị với GitHub.\n`,
  );
  // A file already in the global media folder, for the media library to offer to delete.
  mkdirSync(join(dir, 'public', 'media'), { recursive: true });
  writeFileSync(join(dir, sharedMedia), readFileSync(join(dir, 'public', 'logo.svg')));
  git(dir, 'add', '-A');
  git(dir, 'commit', '--quiet', '-m', 'Đợt phát động đang mở và đơn vị cho kiểm thử');
}

/** The site as the deploy workflow builds it for this repository (the admin included). */
function buildAdmin(source: string, outDir: string): void {
  const [command, args] = astroBuildCommand(source, ['--outDir', outDir]);
  const run = spawnSync(command, args, {
    cwd: source,
    encoding: 'utf8',
    env: {
      ...cleanEnv(),
      BASE_PATH: '/',
      SITE_URL: 'http://127.0.0.1:4321',
      ASTRO_TELEMETRY_DISABLED: '1',
      PUBLIC_CMS_REPO: `${owner}/${repoName}`,
      PUBLIC_CMS_BRANCH: 'main',
      PUBLIC_CMS_OAUTH_BASE_URL: 'https://oauth.kho-sang-kien.invalid',
    },
  });
  if (run.status !== 0) throw new Error(`${run.stdout.slice(-3000)}\n${run.stderr.slice(-3000)}`);
}

let workspace: string;
let bare: string;
let fake: FakeGitHubGit | undefined;
let site: StaticServer | undefined;
let browser: Browser | undefined;
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  mkdirSync(join(projectRoot, '.tmp'), { recursive: true });
  // Inside the project, so the clone resolves the project's node_modules when it is built.
  workspace = mkdtempSync(join(projectRoot, '.tmp', 'e2e-cms-github-'));
  const source = join(workspace, 'source');
  makeSourceRepo(source);
  buildAdmin(source, join(workspace, 'dist'));
  bare = join(workspace, 'github.git');
  execFileSync('git', ['clone', '--quiet', '--bare', source, bare]);
  fake = await startFakeGitHubGit({
    gitDir: bare,
    owner,
    repo: repoName,
    token,
    user: { login: 'nguyen-thi-lan', name: 'Nguyễn Thị Lan', email: 'lan@tanhlinh.invalid' },
  });
  site = await serveStatic(join(workspace, 'dist'), '/');
  browser = await launchChromium();
}, 600_000);

/**
 * A page in a fresh browser profile (Decap keeps drafts' backups in the browser), signed in.
 * GitHub's API is the fake; anything else off the site (githubstatus.com, the local
 * backend's address that Decap probes on 127.0.0.1) is refused, as on a closed network.
 */
async function newPage(): Promise<Page> {
  const context = await (browser as Browser).newContext({
    viewport: { width: 1400, height: 1000 },
  });
  contexts.push(context);
  const siteOrigin = new URL(site?.root as string).origin;
  const api = fake?.baseUrl as string;
  await context.route(
    (url) => url.origin !== siteOrigin,
    async (route) => {
      const url = new URL(route.request().url());
      if (url.origin !== 'https://api.github.com') return route.abort('blockedbyclient');
      try {
        const response = await route.fetch({ url: `${api}${url.pathname}${url.search}` });
        return await route.fulfill({ response });
      } catch {
        // The page was closed while its request was on the way.
        return route.abort('failed').catch(() => {});
      }
    },
  );
  // Signed in already, as Decap keeps a GitHub user after the OAuth round trip.
  await context.addInitScript(
    (stored) => {
      localStorage.setItem('decap-cms-user', stored);
    },
    JSON.stringify({ token, backendName: 'github', login: 'nguyen-thi-lan' }),
  );
  const page = await context.newPage();
  // Publishing asks through window.confirm.
  page.on('dialog', (dialog) => void dialog.accept());
  return page;
}

afterAll(async () => {
  for (const context of contexts) await context.close().catch(() => {});
  await browser?.close().catch(() => {});
  await site?.close();
  await fake?.close();
  if (workspace) rmSync(workspace, { recursive: true, force: true });
});

const main = () => git(bare, 'rev-parse', 'refs/heads/main');
const writesTo = (ref: string) => fake?.refUpdates.filter((update) => update.ref === ref) ?? [];

function openAdmin(page: Page, hash: string) {
  return openAdminAt(page, `${site?.root}admin/${hash}`, async () => {
    // Signed in from storage: the editor (or the collection) comes up without a login page.
    const ready = hash.endsWith('/new')
      ? field(page, 'Tên sáng kiến, giải pháp')
      : page.getByRole('link', { name: 'Quy trình xét duyệt' });
    await ready.waitFor({ timeout: 120_000 });
  });
}

/** A new initiative with every required field, saved: the pull request Decap opened for it. */
async function submitInitiative(page: Page, title: string, attachment?: string) {
  await openAdmin(page, '#/collections/initiatives/new');
  await field(page, 'Tên sáng kiến, giải pháp').fill(title);
  await field(page, 'Tóm tắt').fill(
    'Bộ phận một cửa nhắn tin hẹn giờ trả kết quả cho người dân; hồ sơ trễ hẹn giảm rõ rệt sau sáu tháng áp dụng thử.',
  );
  await choose(page, 'Đợt phát động', 'thử nghiệm', campaignTitle);
  await choose(page, 'Cơ quan, đơn vị chủ trì', 'Thử Nghiệm', unitName);
  await addListItem(page, 'Thêm tác giả', 'Họ và tên');
  await field(page, 'Họ và tên').fill('Nguyễn Thị Lan');
  await field(page, 'Chức vụ, chức danh').fill('Công chức Văn phòng – Thống kê');
  await choose(page, 'Đơn vị công tác', 'Thử Nghiệm', unitName);
  await field(page, 'Tỷ lệ đóng góp (%)').fill('100');
  await choose(page, 'Nội dung cải cách hành chính', 'thủ tục', 'Cải cách thủ tục hành chính');
  await choose(
    page,
    'Lĩnh vực áp dụng',
    'trực tuyến',
    'Dịch vụ công trực tuyến, thanh toán trực tuyến và Bưu chính công ích',
  );
  await field(page, 'Ngày áp dụng lần đầu hoặc áp dụng thử').fill(vnDate(-30));
  if (attachment) {
    // The entry's own media library: the file stays with the draft until it is saved.
    await page.getByRole('button', { name: 'Thêm tệp' }).click();
    await page.getByRole('button', { name: 'Chọn tệp' }).click();
    await page.getByRole('button', { name: 'Dùng tệp đã chọn' }).waitFor();
    await page.locator('input[type="file"]').setInputFiles(attachment);
    await page.getByRole('button', { name: 'Dùng tệp đã chọn' }).click();
    await field(page, 'Tiêu đề tệp').fill('Sơ đồ quy trình hẹn giờ');
  }
  await writeSections(page);
  const pullsBefore = fake?.pulls.length ?? 0;
  await page.getByRole('button', { name: 'Lưu', exact: true }).click();
  await page.waitForURL(/#\/collections\/initiatives\/entries\//, { timeout: 60_000 });
  await page.getByRole('button', { name: /^Trạng thái:/ }).waitFor({ timeout: 60_000 });
  expect(fake?.pulls.length).toBe(pullsBefore + 1);
  const pull = fake?.pulls.at(-1);
  if (!pull) throw new Error('no pull request');
  return pull;
}

describe('Decap CMS with the GitHub backend (GitHub faked on a real git repository)', () => {
  test('an initiative and its attachment reach main only through its merged pull request', async () => {
    const page = await newPage();
    const image = join(workspace, 'so-do-quy-trinh.png');
    writeFileSync(
      image,
      await sharp({ create: { width: 64, height: 48, channels: 3, background: '#0b4f8a' } })
        .png()
        .toBuffer(),
    );
    const before = main();
    const pull = await submitInitiative(
      page,
      'Đặt lịch hẹn trả kết quả qua tin nhắn, thử nghiệm với GitHub',
      image,
    );
    const slug = slugOfBranch(pull.head) as string;
    expect(slug).toBe('dat-lich-hen-tra-ket-qua-qua-tin-nhan-thu-nghiem-voi-github');
    const folder = `content/initiatives/${slug}`;
    expect(pull).toMatchObject({ base: 'main', state: 'open', labels: ['decap-cms/draft'] });
    // Saved on the entry's branch, the upload inside the entry's folder; main untouched.
    expect(git(bare, 'ls-tree', '-r', '--name-only', `refs/heads/${pull.head}`, folder)).toBe(
      `${folder}/index.md\n${folder}/so-do-quy-trinh.png`,
    );
    expect(main()).toBe(before);

    await setStatus(page, 'Sẵn sàng công bố');
    expect(pull.labels).toEqual(['decap-cms/pending_publish']);
    const head = git(bare, 'rev-parse', `refs/heads/${pull.head}`);
    await publishNow(page);
    await expect.poll(() => pull.mergedAt, { timeout: 60_000 }).toBeTruthy();
    await expect
      .poll(() => writesTo(`refs/heads/${pull.head}`).at(-1)?.to, { timeout: 30_000 })
      .toBe('');

    // main moved once, by GitHub's merge of this pull request, to a commit whose tree is the
    // merge of the entry's branch into main as it was, and whose only change is the entry.
    expect(writesTo('refs/heads/main')).toEqual([
      {
        ref: 'refs/heads/main',
        from: before,
        to: pull.mergeCommitSha,
        by: `PUT /repos/${owner}/${repoName}/pulls/${pull.number}/merge`,
      },
    ]);
    expect(git(bare, 'rev-list', `${before}..main`)).toBe(pull.mergeCommitSha);
    expect(git(bare, 'rev-parse', 'main^{tree}')).toBe(
      git(bare, 'merge-tree', '--write-tree', '--no-messages', before, head),
    );
    expect(git(bare, 'diff', '--name-only', before, 'main').split('\n')).toEqual([
      `${folder}/index.md`,
      `${folder}/so-do-quy-trinh.png`,
    ]);
    expect(
      execFileSync('git', ['cat-file', 'blob', `main:${folder}/so-do-quy-trinh.png`], {
        cwd: bare,
      }),
    ).toEqual(readFileSync(image));
    await page.close();
  }, 600_000);

  test('a merge GitHub refuses (405) is not written onto main; the admin says what to do', async () => {
    const page = await newPage();
    // Every notification as it is shown: one closes by itself, sooner than a busy machine reads it.
    const toasts = await recordToasts(page);
    const pull = await submitInitiative(page, 'Sổ hẹn trả kết quả điện tử chờ hội đồng duyệt');
    await setStatus(page, 'Sẵn sàng công bố');
    fake?.refuseMerges('At least 1 approving review is required by reviewers with write access.');
    const before = main();
    const writes = fake?.refUpdates.length ?? 0;
    const refusal = async () =>
      (await toasts()).find((toast) => toast.includes('GitHub chưa cho hợp nhất')) ?? '';
    try {
      await publishNow(page);
      await expect.poll(refusal, { timeout: 60_000 }).not.toBe('');
      // Time for anything the admin might still write after the refusal to show below.
      await page.waitForTimeout(1500);
      expect(
        fake?.requests.filter((request) => request.path.endsWith(`/pulls/${pull.number}/merge`)),
      ).toEqual([
        {
          method: 'PUT',
          path: `/repos/${owner}/${repoName}/pulls/${pull.number}/merge`,
          status: 405,
        },
      ]);
      // Nothing written anywhere after the refusal: main, the branch and the pull request stay.
      expect(fake?.refUpdates.slice(writes)).toEqual([]);
      expect(main()).toBe(before);
      const text = await refusal();
      expect(text).toContain(`yêu cầu hợp nhất #${pull.number} của bài này vào nhánh main`);
      expect(text).toContain('không có gì được ghi thẳng vào main');
      expect(text).toContain('Hội đồng hợp nhất yêu cầu này trên GitHub');
      expect(pull.state).toBe('open');
      expect(git(bare, 'rev-parse', '--verify', `refs/heads/${pull.head}`)).toMatch(
        /^[0-9a-f]{40}$/,
      );
    } finally {
      fake?.refuseMerges(undefined);
      await page.close();
    }
  }, 600_000);

  test('the global media library cannot commit to main', async () => {
    const page = await newPage();
    await openAdmin(page, '#/collections/initiatives');
    const mediaButton = page.getByRole('button', { name: 'Tệp đính kèm', exact: true });
    const before = main();
    const requests = fake?.requests.length ?? 0;
    // The media library is a modal dialog: the notifications behind it are not in the
    // accessibility tree while it is open, so they are found by Decap's class instead.
    const toasts = page.locator('.Toastify__toast');
    const answered = async (text: string) =>
      main() !== before || (await toasts.filter({ hasText: text }).count()) > 0;
    // The admin hides the button (checked below); shown anyway, as a later Decap may draw
    // its header differently, an upload and a deletion are refused.
    await page.addStyleTag({ content: 'header nav li{display:list-item !important}' });
    await mediaButton.click();
    const image = join(workspace, 'anh-chung.png');
    writeFileSync(
      image,
      await sharp({ create: { width: 8, height: 8, channels: 3, background: '#aa0000' } })
        .png()
        .toBuffer(),
    );
    await page.locator('input[type="file"]').setInputFiles(image);
    const uploadRefused = 'Tệp chỉ được tải lên trong một bài';
    await expect.poll(() => answered(uploadRefused), { timeout: 60_000 }).toBe(true);
    // Opened afresh: after an upload Decap selects the first file by itself.
    await page.reload();
    await page.getByRole('link', { name: 'Quy trình xét duyệt' }).waitFor({ timeout: 120_000 });
    await page.addStyleTag({ content: 'header nav li{display:list-item !important}' });
    await mediaButton.click();
    await page.getByText(sharedMedia.split('/').at(-1) as string, { exact: true }).click();
    await page.getByRole('button', { name: 'Xóa tệp đã chọn' }).click();
    const deleteRefused = 'Trang quản trị không ghi, không xóa gì thẳng trên nhánh main';
    await expect.poll(() => answered(deleteRefused), { timeout: 60_000 }).toBe(true);
    await page.waitForTimeout(1500);
    expect(main()).toBe(before);
    expect(
      fake?.requests
        .slice(requests)
        .filter((request) => request.method !== 'GET')
        .map((request) => `${request.method} ${request.path}`),
    ).toEqual([]);
    expect(git(bare, 'ls-tree', '-r', '--name-only', 'main', 'public/media')).toBe(sharedMedia);
    await page.reload();
    await page.getByRole('link', { name: 'Quy trình xét duyệt' }).waitFor({ timeout: 120_000 });
    expect(await mediaButton.isVisible()).toBe(false);
    await page.close();
  }, 300_000);
});
