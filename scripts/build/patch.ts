/**
 * A patch of the last build. After a change to a few initiatives, `npm run build` does not build
 * the whole site again: one `astro build` renders every shared page (lists, facets, units,
 * statistics, open data…: they show every initiative) and the pages of only the initiatives and
 * campaigns that changed (src/lib/shard.ts, `@sua:`), into a folder of its own; those files
 * replace theirs in the last build's output, the sitemap and `_headers` are merged, and only the
 * Pagefind bundles holding a changed page are indexed again, with the same pages as before.
 *
 * The result must be the site a build from nothing would give (tests/build/patch.test.ts), so a
 * patch is taken only when everything else is known to be as the last build left it:
 *
 * - the build state (node_modules/.cache/kho-build/, one file per output folder) was written by
 *   the last build into this folder, and the folder's files are still those it wrote (name,
 *   size, modification time);
 * - the code, configuration, environment and every content file other than the initiatives are
 *   the same (any change there can touch every page);
 * - the same initiatives exist, each in the same campaign (a new or removed one shifts lists
 *   and search bundles), the key that every page holds (src/lib/page-keys.ts: the site's
 *   identity, the small collections) is the same, and at most PATCH_LIMIT initiatives changed.
 *
 * An initiative changed when the files of its folder (name, size, modification time, as the
 * validator's cache sees them) or its view (its front matter and everything its page shows of
 * others: page-keys.ts) did. Otherwise the build is a full one, which writes a new state.
 *
 * When every changed initiative kept its place in the lists (page-keys.ts: placeKey — only the
 * text of its card changed, or nothing a list shows), the lists' later pages (`trang-<n>/`) are
 * rendered only where they show one whose view changed: at 10,000 initiatives, a handful of
 * pages instead of about 900. The others stay as the last build wrote them.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  existsSync,
  lstatSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { buildCatalog } from '../../src/lib/catalog.ts';
import { readCatalogInput } from '../../src/lib/catalog-source.ts';
import { basePath } from '../../src/lib/deploy-config.ts';
import { placeKey, siteKey, viewKey } from '../../src/lib/page-keys.ts';
import { QUICK_DIR, QUICK_SOURCE } from '../../src/lib/quick-search.ts';
import { patchShard, SHARD_VARIABLE } from '../../src/lib/shard.ts';
import { siteIdentity } from '../../src/lib/site-identity.ts';
import { collections } from '../../src/model/collections.ts';
import { SNAPSHOT_VARIABLE } from '../../src/model/snapshot.ts';
import { isMain } from '../lib/cli.ts';
import { astroBuildCommand, astroBuildEnv, projectRoot } from './astro-command.ts';
import {
  type BuildPlan,
  type BuildState,
  type ContentState,
  filesOf,
  forgetState,
  outputDigest,
  PATCH_VARIABLE,
  type PatchPlan,
  readState,
  recordBuild,
  STATE_VERSION,
} from './build-state.ts';
import { buildQuickSearch, indexPart, writePartsManifest } from './search-index.ts';
import { JOBS_VARIABLE, PAGE_CACHE_VARIABLE } from './shard-runner.ts';
import { mergeHeaders, mergeSitemaps, moveFile, prepareSnapshot } from './shards.ts';

/** Initiatives changed at most for a patch: past that, a full build is about as fast. */
export const PATCH_LIMIT = 200;

/**
 * Environment variables that can change what a build writes (its own workings aside).
 * SOURCE_DATE_EPOCH is not one of them: the day it sets is the data's and the build's date, both
 * in the key every page holds (`site`), where they show.
 */
const OUTPUT_ENV = /^(KHO_|SITE_URL$|BASE_PATH$|PUBLIC_|ASTRO_|NODE_ENV$|TZ$|LANG$|LC_)/;
/** Set by the build itself, or changing how it works but not what it writes. */
const INTERNAL_ENV = new Set([
  SHARD_VARIABLE,
  SNAPSHOT_VARIABLE,
  PATCH_VARIABLE,
  PAGE_CACHE_VARIABLE,
  JOBS_VARIABLE,
  'KHO_INDEX_CACHE',
]);

/** Files of the code and configuration a build runs, by content. */
function codeFiles(root: string): string[] {
  const top = readdirSync(root).filter(
    (name) =>
      /^astro\.config.*\.mjs$/.test(name) ||
      ['tsconfig.json', 'package.json', 'package-lock.json'].includes(name),
  );
  return [
    ...top.map((name) => join(root, name)),
    ...['src', 'public'].flatMap((folder) =>
      filesOf(join(root, folder)).map((file) => join(root, folder, file)),
    ),
    // The build's own scripts and the installed packages' versions, where the project lives.
    ...filesOf(join(projectRoot, 'scripts/build')).map((file) =>
      join(projectRoot, 'scripts/build', file),
    ),
    join(projectRoot, 'package-lock.json'),
  ];
}

/** Digest of code, configuration, environment and the content beside the initiatives. */
function inputsKey(root: string, env: NodeJS.ProcessEnv): string {
  const hash = createHash('sha256').update(`${STATE_VERSION}\0${process.version}\0`);
  for (const file of codeFiles(root)) {
    hash.update(`${relative(root, file)}\0`);
    if (existsSync(file)) hash.update(readFileSync(file));
  }
  for (const key of Object.keys(env).sort()) {
    if (OUTPUT_ENV.test(key) && !INTERNAL_ENV.has(key)) hash.update(`${key}=${env[key]}\0`);
  }
  const content = join(root, 'content');
  // The initiatives' own folder is not walked at all: 10,000 folders listed only to be skipped.
  const initiatives = collections.initiatives.folder.replace(/^content\//, '');
  const others = existsSync(content)
    ? readdirSync(content)
        .filter((name) => name !== initiatives)
        .sort()
        .flatMap((name) => {
          // lstat, as filesOf: a link is neither a folder to walk nor a file to read.
          const stat = lstatSync(join(content, name));
          if (stat.isDirectory())
            return filesOf(join(content, name)).map((file) => `${name}/${file}`);
          return stat.isFile() ? [name] : [];
        })
    : [];
  for (const file of others) {
    hash.update(`\0${file}\0`).update(readFileSync(join(content, file)));
  }
  return hash.digest('hex');
}

/**
 * The content state of `root`, read from the snapshot `snapshot` (src/model/snapshot.ts), whose
 * entry keys (`keys`, by initiative id: entryKey, as the snapshot saw the files) it records.
 */
export async function contentState(
  root: string,
  snapshot: string,
  keys: ReadonlyMap<string, string>,
  env: NodeJS.ProcessEnv = process.env,
): Promise<ContentState> {
  const before = process.env[SNAPSHOT_VARIABLE];
  process.env[SNAPSHOT_VARIABLE] = snapshot;
  try {
    const catalog = buildCatalog(await readCatalogInput(root));
    const initiatives: ContentState['initiatives'] = {};
    for (const view of catalog.initiatives) {
      initiatives[view.id] = {
        campaign: view.data.campaign,
        view: viewKey(view),
        place: placeKey(view),
        files: keys.get(view.id) ?? '',
      };
    }
    return {
      inputs: inputsKey(root, env),
      // With the build day where a page shows it (when no content dates the data).
      site: siteKey(catalog, siteIdentity(catalog, env)),
      campaigns: catalog.campaigns.map((campaign) => campaign.id).sort(),
      initiatives,
    };
  } finally {
    if (before === undefined) delete process.env[SNAPSHOT_VARIABLE];
    else process.env[SNAPSHOT_VARIABLE] = before;
  }
}

/** Whether the last build can be patched into the site of `now`, and with what. */
export function planPatch(
  state: BuildState | undefined,
  now: ContentState,
  output: string | undefined,
): PatchPlan {
  if (!state) return { kind: 'full', reason: 'chưa có bản dựng trước vào thư mục này' };
  if (output !== state.output) {
    return { kind: 'full', reason: 'thư mục ra đã đổi từ lần dựng trước' };
  }
  if (now.inputs !== state.inputs) {
    return {
      kind: 'full',
      reason: 'mã, cấu hình, biến môi trường hay nội dung ngoài sáng kiến đã đổi',
    };
  }
  const ids = Object.keys(now.initiatives);
  const before = Object.keys(state.initiatives);
  if (ids.length !== before.length || ids.some((id) => !state.initiatives[id])) {
    return { kind: 'full', reason: 'có sáng kiến được thêm hoặc bỏ' };
  }
  if (now.site !== state.site) {
    return {
      kind: 'full',
      reason: 'phần chung của mọi trang đã đổi (đơn vị vận hành, ngày dữ liệu…)',
    };
  }
  const changed = ids.filter((id) => {
    const a = now.initiatives[id];
    const b = state.initiatives[id];
    return a?.view !== b?.view || a?.files !== b?.files || !a?.files;
  });
  if (changed.some((id) => now.initiatives[id]?.campaign !== state.initiatives[id]?.campaign)) {
    return { kind: 'full', reason: 'có sáng kiến chuyển sang đợt khác' };
  }
  if (changed.length > PATCH_LIMIT) {
    return { kind: 'full', reason: `${changed.length} sáng kiến đổi (quá ${PATCH_LIMIT})` };
  }
  if (changed.length === 0) return { kind: 'none' };
  // A campaign's page counts and groups its initiatives.
  const campaigns = [...new Set(changed.map((id) => now.initiatives[id]?.campaign ?? ''))]
    .filter((id) => now.campaigns.includes(id))
    .sort();
  const moved = changed.some((id) => now.initiatives[id]?.place !== state.initiatives[id]?.place);
  // A list page shows an initiative's view: one whose view is the same looks the same there.
  const lists = changed.filter((id) => now.initiatives[id]?.view !== state.initiatives[id]?.view);
  return {
    kind: 'patch',
    initiatives: changed.sort(),
    campaigns,
    ...(moved ? {} : { lists: lists.sort() }),
  };
}

/** A list's page after the first (src/lib/pagination.ts). */
const LATER_LIST_PAGE = /(^|\/)trang-\d+\/index\.html$/;

/** What one file of a built site belongs to, for the patch. */
type Owner =
  | { kind: 'initiative' | 'campaign'; id: string }
  | { kind: 'shared' }
  /** Written after Astro (search bundles, quick index) or merged (sitemap, `_headers`). */
  | { kind: 'after' };

function ownerOf(file: string, state: ContentState): Owner {
  const [top, second, third] = file.split('/');
  if (/^pagefind(-\d+)?$/.test(top ?? '') && second !== undefined) return { kind: 'after' };
  if (file.startsWith(QUICK_DIR)) return { kind: 'after' };
  if (/^sitemap-(index|\d+)\.xml$/.test(file) || file === '_headers') return { kind: 'after' };
  if (top === 'sang-kien' && third !== undefined && second && state.initiatives[second]) {
    return { kind: 'initiative', id: second };
  }
  if (top === 'dot-phat-dong' && third === 'index.html' && second) {
    if (state.campaigns.includes(second)) return { kind: 'campaign', id: second };
  }
  return { kind: 'shared' };
}

/**
 * The files of the built site `out` that a patch may own (ownerOf), `/`-separated: the folders of
 * the initiatives that did not change and of what is written after Astro (search bundles, quick
 * index) hold none, and are not walked — at 10,000 initiatives, about 22,900 of the site's 23,800 files.
 */
export function patchableFiles(
  out: string,
  state: ContentState,
  changed: ReadonlySet<string>,
): string[] {
  const quick = QUICK_DIR.replace(/\/$/, '');
  const skip = (folder: string): boolean => {
    const [top, second, third] = folder.split('/');
    if (third !== undefined) return false;
    if (second === undefined) return /^pagefind(-\d+)?$/.test(top ?? '');
    if (folder === quick) return true;
    return top === 'sang-kien' && state.initiatives[second] !== undefined && !changed.has(second);
  };
  const files: string[] = [];
  const walk = (folder: string): void => {
    for (const entry of readdirSync(join(out, folder), { withFileTypes: true })) {
      const path = folder === '' ? entry.name : `${folder}/${entry.name}`;
      if (entry.isDirectory()) {
        if (!skip(path)) walk(path);
      } else if (entry.isFile()) {
        files.push(path);
      }
    }
  };
  if (existsSync(out)) walk('');
  return files.sort();
}

/**
 * Applies a patch rendered into `patchDir` to the built site `out`: shared files replaced (and
 * those no longer rendered removed), the changed pages' folders replaced, the sitemap and
 * `_headers` merged, the quick index and the changed pages' Pagefind bundles made again.
 */
export function applyPatch(
  patchDir: string,
  out: string,
  plan: Extract<PatchPlan, { kind: 'patch' }>,
  state: BuildState,
  env: NodeJS.ProcessEnv = process.env,
): { files: number; bundles: number } {
  const changed = new Set(plan.initiatives);
  const campaigns = new Set(plan.campaigns);
  const rendered = new Set(filesOf(patchDir));
  const mine = (owner: Owner): boolean =>
    owner.kind === 'shared' ||
    (owner.kind === 'initiative' && changed.has(owner.id)) ||
    (owner.kind === 'campaign' && campaigns.has(owner.id));
  // Refuse before touching the site: a patch that rendered what it should not is a fault.
  for (const file of rendered) {
    const owner = ownerOf(file, state);
    if (owner.kind !== 'after' && !mine(owner)) {
      throw new Error(`Bản vá dựng tệp "${file}" ngoài phần được sửa: hãy dựng lại từ đầu.`);
    }
  }
  // A patch that left every list's places alone rendered only some of the later list pages.
  const keep = (file: string): boolean => plan.lists !== undefined && LATER_LIST_PAGE.test(file);
  for (const file of patchableFiles(out, state, changed)) {
    const owner = ownerOf(file, state);
    if (mine(owner) && !rendered.has(file) && !keep(file)) rmSync(join(out, file));
  }
  // Searchable pages whose HTML changed: only their bundles are indexed again.
  const searchable = new Set(state.index.flatMap((bundle) => bundle.pages));
  const changedPages = new Set<string>();
  let copied = 0;
  for (const file of rendered) {
    if (ownerOf(file, state).kind === 'after') continue;
    const target = join(out, file);
    if (
      searchable.has(file) &&
      !(existsSync(target) && readFileSync(target).equals(readFileSync(join(patchDir, file))))
    ) {
      changedPages.add(file);
    }
    mkdirSync(dirname(target), { recursive: true });
    // Moved, not copied: the patch's folder is thrown away after.
    moveFile(join(patchDir, file), target);
    copied += 1;
  }
  // The sitemap: the patch's word on every page it rendered, the last build's on the others.
  const base = basePath(env.BASE_PATH);
  const pageOf = (loc: string): string => {
    const path = decodeURI(new URL(loc).pathname);
    const inSite = path.startsWith(base) ? path.slice(base.length) : path.replace(/^\//, '');
    return inSite === '' || inSite.endsWith('/') ? `${inSite}index.html` : inSite;
  };
  mergeSitemaps([out, patchDir], out, (loc, dir) => {
    if (dir === patchDir) return true;
    const page = pageOf(loc);
    return !rendered.has(page) && existsSync(join(out, page));
  });
  mergeHeaders([out, patchDir], out, (entry) => existsSync(join(out, entry.name)));
  if (existsSync(join(out, QUICK_SOURCE))) buildQuickSearch(out);
  const bundles = state.index.filter((bundle) =>
    bundle.pages.some((page) => changedPages.has(page)),
  );
  for (const bundle of bundles) {
    indexPart(out, bundle.pages, bundle.bundle, state.index.indexOf(bundle) + 1);
  }
  // The list of bundles lives in the first one (search-index.ts).
  if (state.index[0] && bundles.includes(state.index[0])) {
    writePartsManifest(
      out,
      state.index.slice(1).map((item) => item.bundle),
    );
  }
  return { files: copied, bundles: bundles.length };
}

/**
 * What shards.ts prepares for a sharded build (the validator over the whole tree, refusing with
 * InvalidContentError; the snapshot of its records; the shards of a full build), then the content
 * state and whether the last build into `out` can be patched. Files go to `work`.
 */
export async function planBuild(
  root: string,
  out: string,
  work: string,
  env: NodeJS.ProcessEnv = process.env,
): Promise<BuildPlan> {
  mkdirSync(work, { recursive: true });
  const snapshotFile = join(work, 'danh-muc.v8');
  const { shards, snapshot } = await prepareSnapshot(root, snapshotFile);
  const keys = new Map(
    (snapshot.collections[collections.initiatives.name] ?? []).flatMap((record) =>
      record.key === undefined ? [] : [[record.id, record.key] as const],
    ),
  );
  const now = await contentState(root, snapshotFile, keys, env);
  const contentFile = join(work, 'noi-dung.json');
  writeFileSync(contentFile, JSON.stringify(now));
  const off = env[PATCH_VARIABLE] === '0';
  const state = off ? undefined : readState(root, out);
  const output = state ? outputDigest(resolve(root, out)) : undefined;
  return {
    snapshot: snapshotFile,
    shards,
    content: contentFile,
    patch: off ? { kind: 'full', reason: `${PATCH_VARIABLE}=0` } : planPatch(state, now, output),
  };
}

/**
 * The patch of a build: `astro build` of the shared pages and the changed ones into
 * `<work>/ban-va`, then applied to `out`, and the new state written.
 */
export function patchBuild(
  root: string,
  out: string,
  work: string,
  plan: BuildPlan,
  env: NodeJS.ProcessEnv,
): { files: number; bundles: number; astroSeconds: number; applySeconds: number } {
  const patch = plan.patch;
  if (patch.kind !== 'patch') throw new Error('Không có bản vá để dựng.');
  const state = readState(root, out);
  if (!state) throw new Error('Không còn trạng thái của lần dựng trước: hãy dựng lại từ đầu.');
  // Whatever happens next, the output is no longer the one the state describes.
  forgetState(root, out);
  const patchDir = join(work, 'ban-va');
  rmSync(patchDir, { recursive: true, force: true });
  const started = performance.now();
  const [command, args] = astroBuildCommand(root, ['--outDir', patchDir]);
  const run = spawnSync(command, args, {
    cwd: root,
    encoding: 'utf8',
    maxBuffer: 1024 * 1024 * 1024,
    env: astroBuildEnv({
      ...env,
      [SHARD_VARIABLE]: patchShard(patch.initiatives, patch.campaigns, patch.lists),
      [SNAPSHOT_VARIABLE]: plan.snapshot,
    }),
  });
  if (run.status !== 0) {
    throw new Error(
      `Không dựng được bản vá:\n${run.stdout.slice(-2000)}\n${run.stderr.slice(-4000)}`,
    );
  }
  const built = performance.now();
  const applied = applyPatch(patchDir, resolve(root, out), patch, state, env);
  recordBuild(root, out, plan, state.index);
  rmSync(patchDir, { recursive: true, force: true });
  return {
    ...applied,
    astroSeconds: (built - started) / 1000,
    applySeconds: (performance.now() - built) / 1000,
  };
}

if (isMain(import.meta)) {
  const [command, out, work] = process.argv.slice(2);
  try {
    if (command === 'plan' && out && work) {
      console.log(JSON.stringify(await planBuild(process.cwd(), out, work)));
    } else {
      console.error('Cách dùng: patch.ts plan <thư-mục-ra> <thư-mục-tạm>');
      process.exit(2);
    }
  } catch (error) {
    console.error(error instanceof Error ? error.message : String(error));
    process.exit(1);
  }
}
