/**
 * The site's addresses outside the browser: a deploy build refuses to run without its
 * address (the build script, a bare `astro build` and the workflow), a local build says which
 * address it wrote, and the sitemap's plan (empty listings, last changes) follows the content.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { load as loadYaml } from 'js-yaml';
import { afterAll, describe, expect, test } from 'vitest';
import { astroBuildCommand } from '../../scripts/build/astro-command.ts';
import { cleanEnv, projectRoot } from '../../scripts/build/build-site.ts';
import { decisionStatuses } from '../../src/core/status.ts';
import {
  buildSiteUrl,
  DEFAULT_SITE_URL,
  isDeployBuild,
  SiteUrlError,
  siteUrlReport,
} from '../../src/lib/deploy-config.ts';
import { sitePaths } from '../../src/lib/paths.ts';
import { initiativeChanged, readCatalog, sitemapPlan, sitePathOf } from '../../src/lib/sitemap.ts';
import { applicationFields, reformAreas, themeGoals } from '../../src/schemas/vocabularies.ts';

const outDirs: string[] = [];
afterAll(() => {
  for (const dir of outDirs) rmSync(dir, { recursive: true, force: true });
});

describe('the site address of a build', () => {
  test('a deploy build without SITE_URL is refused, in Vietnamese', () => {
    expect(isDeployBuild({ KHO_DEPLOY: '1' })).toBe(true);
    expect(isDeployBuild({})).toBe(false);
    for (const value of [undefined, '', '   ']) {
      expect(() => buildSiteUrl({ KHO_DEPLOY: '1', SITE_URL: value })).toThrow(SiteUrlError);
    }
    expect(() => buildSiteUrl({ KHO_DEPLOY: '1' })).toThrow(/thiếu SITE_URL/);
    expect(() => buildSiteUrl({ KHO_DEPLOY: '1', SITE_URL: 'ten-mien' })).toThrow(
      /không phải địa chỉ hợp lệ/,
    );
    expect(() => buildSiteUrl({ KHO_DEPLOY: 'true', SITE_URL: 'ftp://ten-mien' })).toThrow(
      /https:\/\//,
    );
  });

  test('a deploy build with SITE_URL, and a local build without, get their address', () => {
    expect(buildSiteUrl({ KHO_DEPLOY: '1', SITE_URL: 'https://vi.example.gov.vn/' })).toBe(
      'https://vi.example.gov.vn',
    );
    expect(buildSiteUrl({})).toBe(DEFAULT_SITE_URL);
  });

  test('a build says which address it wrote, and warns when it is the local default', () => {
    const local = siteUrlReport({}, '/');
    expect(local).toContain(`${DEFAULT_SITE_URL}/`);
    expect(local).toContain('SITE_URL=');
    const published = siteUrlReport({ SITE_URL: 'https://ten-mien.vn' }, '/kho/');
    expect(published).toContain('https://ten-mien.vn/kho/');
    expect(published).not.toContain('mặc định');
  });

  test('npm run build in deploy mode without SITE_URL stops before building, saying why', () => {
    const outDir = mkdtempSync(join(tmpdir(), 'kho-urls-'));
    outDirs.push(outDir);
    const env = { ...cleanEnv(), KHO_DEPLOY: '1', SITE_URL: '', ASTRO_TELEMETRY_DISABLED: '1' };
    const run = spawnSync(
      process.execPath,
      ['scripts/build/site.ts', '--outDir', join(outDir, 'dist')],
      { cwd: projectRoot, encoding: 'utf8', env },
    );
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('Không dựng trang để công bố khi thiếu SITE_URL');
    expect(existsSync(join(outDir, 'dist'))).toBe(false);
  }, 120_000);

  test('a bare astro build in deploy mode without SITE_URL is refused too', () => {
    const outDir = mkdtempSync(join(tmpdir(), 'kho-urls-'));
    outDirs.push(outDir);
    const [command, args] = astroBuildCommand(projectRoot, ['--outDir', join(outDir, 'dist')]);
    const env = { ...cleanEnv(), KHO_DEPLOY: '1', SITE_URL: '', ASTRO_TELEMETRY_DISABLED: '1' };
    const run = spawnSync(command, args, { cwd: projectRoot, encoding: 'utf8', env });
    expect(run.status).not.toBe(0);
    expect(`${run.stdout}${run.stderr}`).toContain('thiếu SITE_URL');
    expect(existsSync(join(outDir, 'dist', 'index.html'))).toBe(false);
  }, 180_000);

  test('the deploy workflow checks its address, then builds every shard in deploy mode with it', () => {
    interface Step {
      id?: string;
      run?: string;
      env?: Record<string, string>;
    }
    const workflow = loadYaml(
      readFileSync(join(projectRoot, '.github/workflows/deploy.yml'), 'utf8'),
    ) as {
      jobs: {
        plan: { outputs: Record<string, string>; steps: Step[] };
        build: { needs: string | string[]; steps: Step[] };
      };
    };
    const { plan, build } = workflow.jobs;
    // The plan refuses an empty address before any shard is built…
    const checkAt = plan.steps.findIndex((step) => /-z "\$SITE_URL"/.test(step.run ?? ''));
    expect(checkAt).toBeGreaterThan(-1);
    const check = plan.steps[checkAt];
    expect(check?.run).toMatch(/exit 1/);
    expect(check?.env?.SITE_URL).toMatch(/steps\.pages\.outputs\.origin/);
    const shardsAt = plan.steps.findIndex((step) => /shards\.ts prepare/.test(step.run ?? ''));
    expect(checkAt).toBeLessThan(shardsAt);
    expect(plan.outputs.origin).toBe(check?.env?.SITE_URL);
    // …and every shard is built after the plan, in deploy mode, with the address it checked.
    expect([build.needs].flat()).toContain('plan');
    const shardBuild = build.steps.find((step) => /shards\.ts build\b/.test(step.run ?? ''));
    expect(shardBuild?.env?.KHO_DEPLOY).toBe('1');
    expect(shardBuild?.env?.SITE_URL).toMatch(/needs\.plan\.outputs\.origin/);
  });
});

describe('the sitemap plan, from the content', async () => {
  const catalog = await readCatalog(projectRoot);
  const plan = sitemapPlan(catalog);

  test('a listing is empty exactly when nothing is listed under it', () => {
    const listings: [string, number][] = [
      ...reformAreas.map((t): [string, number] => [
        sitePaths.area(t.id),
        catalog.byArea.get(t.id)?.length ?? 0,
      ]),
      ...applicationFields.map((t): [string, number] => [
        sitePaths.field(t.id),
        catalog.byField.get(t.id)?.length ?? 0,
      ]),
      ...themeGoals.map((t): [string, number] => [
        sitePaths.goal(t.id),
        catalog.byGoal.get(t.id)?.length ?? 0,
      ]),
      ...catalog.scopeLevels.map((s): [string, number] => [
        sitePaths.scope(s.id),
        catalog.byScope.get(s.id)?.length ?? 0,
      ]),
      ...decisionStatuses.map((s): [string, number] => [
        sitePaths.status(s.id),
        catalog.byStatus.get(s.id)?.length ?? 0,
      ]),
    ];
    for (const [path, count] of listings) expect(plan.empty.has(path), path).toBe(count === 0);
    // The samples have both kinds, so the rule above was put to work both ways.
    expect(listings.some(([, count]) => count === 0)).toBe(true);
    expect(listings.some(([, count]) => count > 0)).toBe(true);
    for (const campaign of catalog.campaigns) {
      expect(plan.empty.has(sitePaths.campaign(campaign.id))).toBe(false);
    }
  });

  test('a unit that only adopted initiatives is not empty; one with nothing is', () => {
    for (const unit of catalog.units) {
      const adopted = catalog.adoptions.some((adoption) => adoption.data.unit === unit.id);
      const leads = (catalog.byUnit.get(unit.id)?.length ?? 0) > 0;
      expect(plan.empty.has(sitePaths.unit(unit.id)), unit.id).toBe(!adopted && !leads);
    }
  });

  test('last changes come from the entries: submitted, decided, adopted', () => {
    for (const view of catalog.initiatives) {
      const date = plan.lastmod.get(sitePaths.initiative(view.id));
      expect(date).toBe(initiativeChanged(view));
      expect(date && date >= view.data.submitted).toBe(true);
      if (view.result) expect(date && date >= view.result.decision.meetingOn).toBe(true);
    }
    const decided = catalog.initiatives.find((view) => view.result);
    expect(decided).toBeDefined();
    if (decided) {
      expect(initiativeChanged(decided) >= (decided.result?.decision.meetingOn ?? '')).toBe(true);
    }
    const all = [...plan.lastmod.values()].sort();
    expect(plan.newest).toBe(all.at(-1));
  });

  test('the same content gives the same plan (no clock, no git)', async () => {
    const again = sitemapPlan(await readCatalog(projectRoot));
    expect([...again.lastmod]).toEqual([...plan.lastmod]);
    expect([...again.empty]).toEqual([...plan.empty]);
  });

  test('a page URL maps to its site-relative path under the base', () => {
    expect(sitePathOf('https://a.vn/kho/sang-kien/linh-vuc/x/', '/kho/')).toBe(
      'sang-kien/linh-vuc/x/',
    );
    expect(sitePathOf('https://a.vn/', '/')).toBe('');
    expect(sitePathOf('https://a.vn/khac/', '/kho/')).toBeUndefined();
  });
});
