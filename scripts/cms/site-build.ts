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
 */
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { astroBuildCommand, projectRoot } from '../build/astro-command.ts';
import { cleanEnv } from '../build/build-site.ts';
import { buildSearchIndex } from '../build/search-index.ts';
import { git } from './repo.ts';

/** Bump when the way a build is made changes, so older builds are not reused. */
const BUILD_FORMAT = '1';
const COMPLETE = '.kho-build-complete';

/** Settings baked into the build (the admin's `PUBLIC_` variables among them). */
export function buildEnv(proxyUrl: string): Record<string, string> {
  return {
    BASE_PATH: '',
    PUBLIC_CMS_PROXY_URL: proxyUrl,
    // The admin talks only to the local backend; it never falls back to GitHub's login.
    PUBLIC_CMS_LOCAL: 'true',
  };
}

/** The key of the build of `siteDir`'s checked-out `main` with `env`. */
export async function buildKey(siteDir: string, env: Record<string, string>): Promise<string> {
  const hash = createHash('sha256');
  hash.update(`format ${BUILD_FORMAT}\n`);
  hash.update(`tree ${await git(siteDir, 'rev-parse', 'HEAD^{tree}')}\n`);
  hash.update(`node ${process.version}\n`);
  const installed = join(projectRoot, 'node_modules', '.package-lock.json');
  if (existsSync(installed)) hash.update(readFileSync(installed));
  hash.update(JSON.stringify(Object.entries(env).sort()));
  return hash.digest('hex').slice(0, 16);
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
 * Build `siteDir` into `<builds>/<key>/` in a child process; resolves with the folder.
 * Fails with the build's last output when the build fails (the previous build stays served).
 */
export async function buildLocalSite(options: {
  siteDir: string;
  key: string;
  env: Record<string, string>;
  log?: (line: string) => void;
}): Promise<string> {
  const out = join(buildsDir(options.siteDir), options.key);
  const staging = `${out}.${process.pid}.tmp`;
  await rm(staging, { recursive: true, force: true });
  await mkdir(dirname(staging), { recursive: true });
  const self = fileURLToPath(import.meta.url);
  const child = spawn(process.execPath, [self, options.siteDir, staging], {
    cwd: options.siteDir,
    env: { ...cleanEnv(), ...options.env, ASTRO_TELEMETRY_DISABLED: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const tail: string[] = [];
  const collect = (chunk: Buffer) => {
    for (const line of chunk.toString().split('\n')) {
      if (!line.trim()) continue;
      tail.push(line);
      if (tail.length > 40) tail.shift();
      options.log?.(`[dựng trang] ${line}`);
    }
  };
  child.stdout.on('data', collect);
  child.stderr.on('data', collect);
  const code = await new Promise<number | null>((done) => child.once('exit', done));
  if (code !== 0) {
    await rm(staging, { recursive: true, force: true });
    throw new Error(`dựng trang thất bại (mã thoát ${code}):\n${tail.join('\n')}`);
  }
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

/** In the child: `astro build` of the mirror, then the search index, into `out`. */
function buildInChild(siteDir: string, out: string): void {
  const [command, args] = astroBuildCommand(siteDir, ['--root', siteDir, '--outDir', out]);
  const astro = spawnSync(command, args, { cwd: siteDir, stdio: 'inherit' });
  if (astro.status !== 0) process.exit(astro.status ?? 1);
  const { pages } = buildSearchIndex(out);
  console.log(`Chỉ mục tìm kiếm: ${pages} trang.`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  const [siteDir, out] = process.argv.slice(2);
  if (!siteDir || !out) {
    console.error('Cách dùng: node scripts/cms/site-build.ts <thư-mục-trang> <thư-mục-ra>');
    process.exit(2);
  }
  buildInChild(resolve(siteDir), resolve(out));
}
