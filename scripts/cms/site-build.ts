/**
 * The local site of `npm start`: the real build (`astro build`, then the Pagefind index) of
 * the site mirror, the checkout of the CMS clone's `main`. The public pages, the attachments
 * beside them, the search and the admin are exactly what a deployment serves, the admin as
 * its production bundle.
 *
 * A build is kept in `<mirror>-builds/<key>/`, where the key hashes everything it is made
 * from: the tree of `main` (code, content, lock file), the installed packages, and the
 * settings baked into the admin (the gate's address). A start whose key was built before
 * serves at once; a publish (a new `main`) builds again and the server switches to the new
 * folder only once it is complete. The build runs in a child process (`node site-build.ts
 * <mirror> <out>`), so the gate and the server stay responsive meanwhile.
 *
 * The admin is not bundled here: scripts/cms/admin-build.ts bundles it first, on its own, so
 * that it is usable before the site is built, and keeps it under its own key (the same hash
 * without the content the admin does not read: initiatives, decisions, adoptions, public
 * files). The site is built without `/admin` and that bundle is copied in; a publish that
 * leaves the admin key unchanged (an initiative, the usual case) reuses it as it is.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { cp, mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { astroBuildCommand, astroBuildEnv, projectRoot } from '../build/astro-command.ts';
import { cleanEnv } from '../build/build-site.ts';
import { buildSearchIndex } from '../build/search-index.ts';
import { isMain } from '../lib/cli.ts';
import { runBuildChild } from './build-child.ts';
import { git } from './repo.ts';

/** Bump when the way a build is made changes, so older builds are not reused. */
const BUILD_FORMAT = '1';
const COMPLETE = '.kho-build-complete';
const ADMIN_KEY = '.kho-admin-key';
/** The admin page in the site's source. */
const ADMIN_PAGE = 'src/pages/admin';
/**
 * What the admin bundle never reads. src/admin/content-data.ts reads campaigns, units,
 * organisers and decisions: the preview states an entry's status from the bundled decisions,
 * so a published decision gives a new admin. Initiatives' titles come from the site at run time.
 */
const NOT_ADMIN_INPUTS = ['content/initiatives/', 'content/adoptions/', 'public/'];

/** Settings baked into the build (the admin's `PUBLIC_` variables among them). */
export function buildEnv(proxyUrl: string): Record<string, string> {
  // An admin built for one organiser is another admin: it must not reuse a build for all of them.
  const organiser = process.env.PUBLIC_CMS_ORGANISER?.trim();
  return {
    BASE_PATH: '',
    PUBLIC_CMS_PROXY_URL: proxyUrl,
    // The admin talks only to the local backend; it never falls back to GitHub's login.
    PUBLIC_CMS_LOCAL: 'true',
    ...(organiser ? { PUBLIC_CMS_ORGANISER: organiser } : {}),
  };
}

function settingsHash(env: Record<string, string>) {
  const hash = createHash('sha256');
  hash.update(`format ${BUILD_FORMAT}\n`);
  hash.update(`node ${process.version}\n`);
  const installed = join(projectRoot, 'node_modules', '.package-lock.json');
  if (existsSync(installed)) hash.update(readFileSync(installed));
  hash.update(JSON.stringify(Object.entries(env).sort()));
  return hash;
}

/** The key of the build of `siteDir`'s checked-out `main` with `env`. */
export async function buildKey(siteDir: string, env: Record<string, string>): Promise<string> {
  const hash = settingsHash(env);
  hash.update(`tree ${await git(siteDir, 'rev-parse', 'HEAD^{tree}')}\n`);
  return hash.digest('hex').slice(0, 16);
}

/** The key of the admin bundle: the same, over the files the admin is built from. */
export async function adminKey(siteDir: string, env: Record<string, string>): Promise<string> {
  const hash = settingsHash(env);
  // -z: paths as they are; without it git quotes a name with a quote, a tab or (by default) a
  // Vietnamese letter, and an attachment would pass for an admin input.
  const files = (await git(siteDir, 'ls-tree', '-r', '-z', '--full-tree', 'HEAD')).split('\0');
  for (const line of files) {
    const path = line.slice(line.indexOf('\t') + 1);
    if (!NOT_ADMIN_INPUTS.some((folder) => path.startsWith(folder))) hash.update(`${line}\n`);
  }
  return hash.digest('hex').slice(0, 16);
}

/** The admin key a build was made with. */
export function adminKeyOf(buildDir: string): string | undefined {
  const file = join(buildDir, ADMIN_KEY);
  return existsSync(file) ? readFileSync(file, 'utf8').trim() : undefined;
}

/** Copy the admin of `from` (its page, its scripts and chunks, its headers) into `to`. */
async function copyAdmin(from: string, to: string): Promise<void> {
  await cp(join(from, 'admin'), join(to, 'admin'), { recursive: true });
  // Hashed names: a file the new build lacks belongs to the admin (or is an unused leftover).
  const assets = join(from, '_astro');
  await mkdir(join(to, '_astro'), { recursive: true });
  for (const name of readdirSync(assets)) {
    if (!existsSync(join(to, '_astro', name))) {
      await cp(join(assets, name), join(to, '_astro', name));
    }
  }
  const headers = (dir: string) =>
    existsSync(join(dir, '_headers')) ? readFileSync(join(dir, '_headers'), 'utf8') : '';
  const block = /^\/admin\/\*\n(?:[ \t]+.*\n?)*/m.exec(headers(from))?.[0];
  if (block && !headers(to).includes('/admin/*')) {
    await writeFile(join(to, '_headers'), `${headers(to).trimEnd()}\n${block.trimEnd()}\n`);
  }
}

export function buildsDir(siteDir: string): string {
  return `${siteDir}-builds`;
}

/** The complete build for `key`, if there is one. */
export function completedBuild(siteDir: string, key: string): string | undefined {
  const dir = join(buildsDir(siteDir), key);
  return existsSync(join(dir, COMPLETE)) ? dir : undefined;
}

/** Remove every build but `keep` (and folders of builds still running). */
export async function pruneBuilds(siteDir: string, keep: readonly string[]): Promise<void> {
  const root = buildsDir(siteDir);
  if (!existsSync(root)) return;
  for (const name of readdirSync(root)) {
    const dir = join(root, name);
    if (keep.includes(dir) || name.endsWith('.tmp')) continue;
    await rm(dir, { recursive: true, force: true });
  }
}

/**
 * Build `siteDir` without its admin into `<builds>/<key>/` in a child process, then copy the
 * admin bundle `admin` (scripts/cms/admin-build.ts) in; resolves with the folder.
 * Fails with the build's last output when the build fails (the previous build stays served).
 */
export async function buildLocalSite(options: {
  siteDir: string;
  key: string;
  env: Record<string, string>;
  /** The admin bundle to serve with the site (a folder made by scripts/cms/admin-build.ts). */
  admin: string;
  /** Stops the build (npm start is stopping). */
  signal?: AbortSignal;
  log?: (line: string) => void;
}): Promise<string> {
  const out = join(buildsDir(options.siteDir), options.key);
  const staging = `${out}.${process.pid}.tmp`;
  await rm(staging, { recursive: true, force: true });
  await mkdir(dirname(staging), { recursive: true });
  const { code, tail } = await runBuildChild({
    script: fileURLToPath(import.meta.url),
    args: [options.siteDir, staging, '--without-admin'],
    cwd: options.siteDir,
    env: { ...cleanEnv(), ...options.env, ASTRO_TELEMETRY_DISABLED: '1' },
    signal: options.signal,
    label: 'dựng trang',
    log: options.log,
  });
  if (code !== 0) {
    await rm(staging, { recursive: true, force: true });
    throw new Error(`dựng trang thất bại (mã thoát ${code}):\n${tail.join('\n')}`);
  }
  await copyAdmin(options.admin, staging);
  await writeFile(join(staging, ADMIN_KEY), `${adminKeyOf(options.admin) ?? ''}\n`);
  await writeFile(join(staging, COMPLETE), `${new Date().toISOString()}\n`);
  await rm(out, { recursive: true, force: true });
  await rename(staging, out);
  return out;
}

/** The admin page's scripts and styles in a build (to compress before the first visit). */
export function adminAssets(buildDir: string): string[] {
  const page = join(buildDir, 'admin', 'index.html');
  if (!existsSync(page)) return [];
  const html = readFileSync(page, 'utf8');
  return [
    'admin/index.html',
    ...[...html.matchAll(/(?:src|href)="\/([^"]+\.(?:js|css))"/g)].map((m) => m[1] as string),
  ].filter((path) => statSync(join(buildDir, path), { throwIfNoEntry: false })?.isFile());
}

/**
 * In the child: `astro build` of the mirror, then the search index, into `out`. Without the
 * admin, its page is set aside during the build (the mirror is a checkout of `main` that
 * holds nothing of its own) and restored from git afterwards.
 */
function buildInChild(siteDir: string, out: string, withoutAdmin: boolean): void {
  if (withoutAdmin) rmSync(join(siteDir, ADMIN_PAGE), { recursive: true, force: true });
  try {
    const [command, args] = astroBuildCommand(siteDir, ['--root', siteDir, '--outDir', out]);
    const astro = spawnSync(command, args, {
      cwd: siteDir,
      stdio: 'inherit',
      env: astroBuildEnv(),
    });
    if (astro.status !== 0) process.exit(astro.status ?? 1);
  } finally {
    if (withoutAdmin)
      spawnSync('git', ['checkout', '--quiet', 'HEAD', '--', ADMIN_PAGE], { cwd: siteDir });
  }
  const { pages } = buildSearchIndex(out);
  console.log(`Chỉ mục tìm kiếm: ${pages} trang.`);
}

if (isMain(import.meta)) {
  const [siteDir, out] = process.argv.slice(2);
  if (!siteDir || !out) {
    console.error(
      'Cách dùng: node scripts/cms/site-build.ts <thư-mục-trang> <thư-mục-ra> [--without-admin]',
    );
    process.exit(2);
  }
  buildInChild(resolve(siteDir), resolve(out), process.argv.includes('--without-admin'));
}
