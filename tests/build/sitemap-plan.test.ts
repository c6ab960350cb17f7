/**
 * The sitemap's plan (empty listings left out, each page's last change) is made from the catalog
 * the pages build and handed to the sitemap integration, instead of a second reading of every
 * content file by the configuration. The handed plan must be the plan read from the files: a real
 * build of the sample content uses the pages' plan, and its sitemap says exactly what the plan
 * read from the files says. Without a handed plan, the integration reads the files itself.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AstroIntegrationLogger } from 'astro';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { astroBuildCommand, projectRoot } from '../../scripts/build/astro-command.ts';
import { cleanEnv } from '../../scripts/build/build-site.ts';
import { copyProject } from '../../scripts/build/project-copy.ts';
import {
  offerSitemapPlan,
  readCatalog,
  type SitemapPlan,
  sitemapPlan,
  sitemapPlanner,
  sitePathOf,
  takeSitemapPlan,
} from '../../src/lib/sitemap.ts';

const BASE = '/kho/';
const SITE = 'https://so-noi-vu.example.vn';

let tree: string;
let log: string;

beforeAll(() => {
  tree = mkdtempSync(join(tmpdir(), 'kho-sitemap-plan-'));
  copyProject(tree);
  cpSync(join(projectRoot, 'content'), join(tree, 'content'), { recursive: true });
  const [command, args] = astroBuildCommand(tree);
  const run = spawnSync(command, args, {
    cwd: tree,
    encoding: 'utf8',
    env: { ...cleanEnv(), ASTRO_TELEMETRY_DISABLED: '1', BASE_PATH: BASE, SITE_URL: SITE },
  });
  if (run.status !== 0) throw new Error(`astro build thất bại:\n${run.stderr.slice(-4000)}`);
  log = run.stdout;
}, 900_000);

afterAll(() => {
  if (tree) rmSync(tree, { recursive: true, force: true });
});

/** `[site-relative path, lastmod]` of every URL of the built sitemap. */
function sitemapEntries(dist: string): [string, string | undefined][] {
  const index = readFileSync(join(dist, 'sitemap-index.xml'), 'utf8');
  const parts = [...index.matchAll(/<loc>([^<]+)<\/loc>/g)].map(
    (match) => new URL(match[1] as string).pathname.split('/').pop() as string,
  );
  return parts.flatMap((part) =>
    [...readFileSync(join(dist, part), 'utf8').matchAll(/<url>([\s\S]*?)<\/url>/g)].map(
      (match): [string, string | undefined] => {
        const body = match[1] as string;
        const loc = /<loc>([^<]+)<\/loc>/.exec(body)?.[1] as string;
        const lastmod = /<lastmod>([^<]+)<\/lastmod>/.exec(body)?.[1];
        return [sitePathOf(loc, BASE) as string, lastmod];
      },
    ),
  );
}

/** Site-relative paths of the built HTML pages (`a/b/index.html` → `a/b/`). */
function builtPages(dist: string): string[] {
  return readdirSync(dist, { recursive: true, encoding: 'utf8' })
    .filter((name) => name.endsWith('index.html'))
    .map((name) => name.replace(/index\.html$/, '').replaceAll('\\', '/'));
}

describe('a real build', () => {
  test('uses the plan the pages handed over', () => {
    expect(log).toContain('lấy từ dữ liệu các trang đã dựng');
    expect(log).not.toContain('đọc lại từ các tệp nội dung');
  });

  test('writes the sitemap the plan read from the files asks for', async () => {
    const plain = sitemapPlan(await readCatalog(tree));
    const dist = join(tree, 'dist');
    const entries = sitemapEntries(dist);
    const listed = new Set(entries.map(([path]) => path));
    for (const [path, lastmod] of entries) {
      expect(plain.empty.has(path), path).toBe(false);
      expect(lastmod, path).toBe(`${plain.lastmod.get(path) ?? plain.newest}T00:00:00.000Z`);
    }
    const expected = builtPages(dist).filter((path) => !plain.empty.has(path));
    expect([...listed].sort()).toEqual(expected.sort());
    // The samples have empty listings and pages with dates of their own: both rules were used.
    expect(builtPages(dist).some((path) => plain.empty.has(path))).toBe(true);
    expect(entries.some(([path]) => plain.lastmod.has(path))).toBe(true);
  });
});

describe('the sitemap planner', () => {
  const logger = { info: () => {} } as unknown as AstroIntegrationLogger;

  async function runHooks(offer?: SitemapPlan): Promise<SitemapPlan | undefined> {
    let used: SitemapPlan | undefined;
    const planner = sitemapPlanner(projectRoot, (plan) => {
      used = plan;
    });
    const hooks = planner.hooks as Record<string, (options: unknown) => unknown>;
    await hooks['astro:build:start']?.({ logger });
    if (offer) offerSitemapPlan(offer);
    await hooks['astro:build:done']?.({ logger });
    return used;
  }

  test('passes on the plan the pages handed over, once', async () => {
    const handed: SitemapPlan = { empty: new Set(['x/']), lastmod: new Map(), newest: undefined };
    expect(await runHooks(handed)).toBe(handed);
    expect(takeSitemapPlan()).toBeUndefined();
  });

  test('reads the files when no plan was handed over, or only one from an earlier build', async () => {
    const plain = sitemapPlan(await readCatalog(projectRoot));
    offerSitemapPlan({ empty: new Set(), lastmod: new Map(), newest: '1999-01-01' });
    const used = await runHooks();
    expect(used?.newest).toBe(plain.newest);
    expect([...(used?.lastmod ?? [])]).toEqual([...plain.lastmod]);
    expect([...(used?.empty ?? [])]).toEqual([...plain.empty]);
  });
});
