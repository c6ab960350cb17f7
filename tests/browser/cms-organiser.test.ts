/**
 * An admin built for one organiser's staff (`PUBLIC_CMS_ORGANISER`), in real Chromium on the
 * real build that `npm start` makes of a content tree holding two organisers, each with an
 * open campaign: a new initiative's campaign choice offers exactly that organiser's open
 * campaigns, not the other organiser's (not even when its title is typed), its hint names the
 * organiser, and the form's live check refuses a unit outside the organiser's scope.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { parse, stringify } from 'yaml';
import { freePort } from '../../scripts/cms/net.ts';
import { type Running, startAll } from '../../scripts/start.ts';
import { collections, pathOf } from '../../src/model/collections.ts';
import { readEntryFile } from '../../src/model/files.ts';
import { type Campaign, campaignSchema, organiserSchema } from '../../src/schemas/index.ts';
import { launchChromium } from '../support/chromium.ts';
import { escapeRegex, field, openAdminAt, signInLocally } from './support/decap-form.ts';
import { projectRoot } from './support/site.ts';
import { cloneProject, git, vnDate } from './support/source-repo.ts';

/** The organiser this admin serves, and the other one of the content tree. */
const served = 'ubnd-xa-tanh-linh';
const other = 'ubnd-huyen-tanh-linh';
const year = Number(vnDate().slice(0, 4));
const secondTitle = `Đợt thứ hai của xã Tánh Linh đang nhận sáng kiến năm ${year}`;
const otherTitle = 'Đợt của huyện Tánh Linh còn ghi đang nhận sáng kiến';
const campaignLabel = 'Đợt phát động';
const unitLabel = 'Cơ quan, đơn vị chủ trì';

function writeCampaign(dir: string, id: string, data: Record<string, unknown>): void {
  campaignSchema.parse(data);
  writeFileSync(
    join(dir, pathOf(collections.campaigns, id)),
    `---\n${stringify(data)}---\n\nĐợt phát động dùng để kiểm thử.\n`,
  );
}

/**
 * The project's files with an open campaign of each organiser: the served organiser's sample
 * campaign opened again and a second one of it, and one of the other organiser (opened before
 * that organiser ceased to exist on 30/06/2025, its deadline still ahead).
 */
function makeSourceRepo(dir: string): void {
  cloneProject(dir);
  const ownFile = pathOf(collections.campaigns, '2026-xa-tanh-linh');
  const own: Record<string, unknown> = { ...readEntryFile(join(dir, ownFile)).data };
  delete own.reviewOn;
  // Its opening day is kept: the sample initiatives sent to it stay inside its period.
  Object.assign(own, { deadline: vnDate(60), status: 'open' });
  expect(own.organiser).toBe(served);
  writeCampaign(dir, '2026-xa-tanh-linh', own);
  writeCampaign(dir, `${year}-xa-dot-hai`, {
    ...own,
    year,
    title: secondTitle,
    opensOn: vnDate(-10),
    sample: true,
  });
  const sample = readEntryFile(join(dir, pathOf(collections.campaigns, '2024-tanh-linh'))).data;
  const theirs: Record<string, unknown> = { ...sample };
  delete theirs.reviewOn;
  Object.assign(theirs, {
    year: 2025,
    title: otherTitle,
    opensOn: '2025-06-01',
    deadline: vnDate(60),
    status: 'open',
    sample: true,
  });
  expect(theirs.organiser).toBe(other);
  writeCampaign(dir, '2025-huyen-dang-mo', theirs);
  git(dir, 'add', '-A');
  git(dir, 'commit', '--quiet', '-m', 'Mỗi cơ quan tổ chức một đợt đang nhận sáng kiến');
}

interface OpenCampaign {
  title: string;
  organiser: string;
}

/** The campaigns of the clone the admin edits that are open and whose deadline is ahead. */
function openCampaigns(repoDir: string): OpenCampaign[] {
  return git(repoDir, 'ls-files', '--', 'content/campaigns/*.md')
    .split('\n')
    .filter(Boolean)
    .flatMap((path) => {
      const parsed = campaignSchema.safeParse(readEntryFile(join(repoDir, path)).data);
      const campaign: Campaign | undefined = parsed.success ? parsed.data : undefined;
      return campaign && campaign.status === 'open' && vnDate() <= campaign.deadline
        ? [{ title: campaign.title, organiser: campaign.organiser }]
        : [];
    });
}

function unitName(id: string): string {
  const units = parse(readFileSync(join(projectRoot, 'content', 'units.yaml'), 'utf8')) as {
    id: string;
    name: string;
  }[];
  const unit = units.find((item) => item.id === id);
  if (!unit) throw new Error(`no unit ${id}`);
  return unit.name;
}

const servedName = organiserSchema.parse(
  parse(readFileSync(join(projectRoot, 'content', 'organisers', `${served}.yaml`), 'utf8')),
).name;

let workspace: string;
let running: Running | undefined;
let browser: Browser | undefined;

beforeAll(async () => {
  mkdirSync(join(projectRoot, '.tmp'), { recursive: true });
  workspace = mkdtempSync(join(projectRoot, '.tmp', 'e2e-organiser-'));
  makeSourceRepo(join(workspace, 'source'));
  // The one admin build of this file: the setting is read when the admin is bundled.
  const before = process.env.PUBLIC_CMS_ORGANISER;
  process.env.PUBLIC_CMS_ORGANISER = served;
  try {
    running = await startAll({
      source: join(workspace, 'source'),
      repoDir: join(workspace, 'cms'),
      sitePort: await freePort(4850),
      proxyPort: await freePort(8850),
    });
  } finally {
    if (before === undefined) delete process.env.PUBLIC_CMS_ORGANISER;
    else process.env.PUBLIC_CMS_ORGANISER = before;
  }
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close().catch(() => {});
  // Stopping npm start during its first site build leaves astro writing into the workspace.
  await running?.siteReady.catch(() => {});
  await running?.stop();
  if (workspace) rmSync(workspace, { recursive: true, force: true });
});

async function openNewInitiative(): Promise<Page> {
  const page = await (browser as Browser).newPage({ viewport: { width: 1280, height: 900 } });
  page.on('dialog', (dialog) => void dialog.accept());
  await openAdminAt(page, `${running?.adminUrl}#/collections/initiatives/new`, async () => {
    await signInLocally(page);
    await field(page, campaignLabel).waitFor({ timeout: 120_000 });
  });
  return page;
}

/** What the campaign choice lists once `typed` is in it (all of it when nothing is typed). */
async function campaignOptions(page: Page, typed: string): Promise<string[]> {
  const input = field(page, campaignLabel).first();
  await input.click();
  await input.fill(typed);
  // Options load after a short pause: wait until the list or its "nothing found" is about `typed`.
  const about = typed ? `“${typed}”` : '';
  await expect
    .poll(
      async () => {
        const listed = await page.getByRole('option').count();
        const none = await page.getByText(/^Không có lựa chọn nào/).allTextContents();
        const said = (await page.locator('[aria-live]').allTextContents()).join(' ');
        if (!typed) return listed > 0 || none.length > 0;
        return none.some((text) => text.includes(about)) || (listed > 0 && said.includes(about));
      },
      { timeout: 60_000 },
    )
    .toBe(true);
  const options = await page.getByRole('option').allTextContents();
  await page.keyboard.press('Escape');
  await input.fill('');
  return options;
}

describe(`an admin built for one organiser (PUBLIC_CMS_ORGANISER=${served})`, () => {
  test('the content tree holds an open campaign of each organiser', () => {
    const open = openCampaigns(running?.repoDir as string);
    expect(new Set(open.map((campaign) => campaign.organiser))).toEqual(new Set([served, other]));
    expect(running?.practice).toMatchObject({ kind: 'open-campaign' });
  });

  test('the campaign choice offers exactly that organiser’s open campaigns, named by their titles', async () => {
    const open = openCampaigns(running?.repoDir as string);
    const ours = open.filter((campaign) => campaign.organiser === served).map((c) => c.title);
    expect(ours).toContain(secondTitle);
    expect(ours.length).toBe(2);
    const page = await openNewInitiative();
    // Decap asks the backend for the options when the menu opens: wait for all of them.
    await expect
      .poll(async () => (await campaignOptions(page, '')).sort(), { timeout: 60_000 })
      .toEqual([...ours].sort());
    const shown = await campaignOptions(page, '');
    expect(shown).not.toContain(otherTitle);
    // Typing part of the other organiser's title finds nothing; part of our own finds ours.
    expect(await campaignOptions(page, 'huyen Tanh Linh con ghi')).toEqual([]);
    expect(await campaignOptions(page, 'Đợt của huyện')).toEqual([]);
    expect(await campaignOptions(page, 'dot thu hai')).toEqual([secondTitle]);
    await page.close();
  });

  test('the campaign field’s hint names the organiser', async () => {
    const page = await openNewInitiative();
    const hint = `Chỉ hiện các đợt đang nhận sáng kiến (chưa hết hạn) của ${servedName}.`;
    await page.getByText(hint, { exact: true }).waitFor({ timeout: 30_000 });
    await page.close();
  });

  test('the live check refuses a unit outside the organiser’s scope, and accepts one inside', async () => {
    const page = await openNewInitiative();
    const checks = page.getByRole('region', { name: 'Kiểm tra trước khi gửi' });
    const input = field(page, campaignLabel).first();
    await input.click();
    await input.fill('dot thu hai');
    await page.getByRole('option', { name: secondTitle, exact: true }).click();

    const pick = async (id: string) => {
      const unit = field(page, unitLabel).first();
      await unit.click();
      await unit.fill(unitName(id));
      await page
        .getByRole('option', { name: unitName(id), exact: true })
        .first()
        .click();
    };
    const outside = new RegExp(`không thuộc phạm vi của ${escapeRegex(servedName)}`);
    await pick('xa-suoi-kiet-lam-dong');
    await expect
      .poll(async () => (await checks.textContent()) ?? '', { timeout: 60_000 })
      .toMatch(outside);
    expect(await checks.textContent()).toContain(unitName('xa-suoi-kiet-lam-dong'));
    await pick('trung-tam-phvhcc-xa-tanh-linh');
    await expect
      .poll(async () => (await checks.textContent()) ?? '', { timeout: 60_000 })
      .not.toMatch(outside);
    await page.close();
  });
});
