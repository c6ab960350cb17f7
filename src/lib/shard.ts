/**
 * A build in shards (scripts/build/shards.ts). `KHO_SHARD` says what this build renders:
 *
 * - unset or empty: the whole site;
 * - `@chung`: the shared pages only (lists, facets, units, organisers, statistics, open data,
 *   share cards, yearbooks), from the whole catalog, and no initiative or campaign page;
 * - campaign ids, comma-separated: those campaigns' pages, and the pages and attachments of
 *   their initiatives, and no list (with `@chung` among them: the shared pages too).
 *   `<campaign>#<k>/<n>` is the k-th of n slices of a campaign too large for one shard: the
 *   initiatives whose id hashes to it (the campaign's own page goes with the first). Astro's
 *   content store then holds only those initiatives, so a shard's memory and time follow its
 *   own size, not the archive's. A campaign's page goes
 *   with its initiatives: Pagefind drops from a query a word that its bundle lacks altogether,
 *   so a bundle of campaign pages alone would answer differently from the whole site's index.
 *
 * - `@sua:<initiative ids>;<campaign ids>;<listed ids>` (comma-separated): a patch of the last
 *   build (scripts/build/patch.ts): the shared pages, and the pages of only those initiatives and
 *   campaigns, which changed since. Of the lists' later pages (`trang-<n>/`), only those showing
 *   one of the listed initiatives, or all of them when the third part is `*`.
 *
 * Single pages without parameters (home, first list pages, search…) are rendered by every
 * build; the merge checks they came out the same. Documents of the whole archive (open data,
 * the quick search's source) are routes with a parameter, so that only the shared pages' build
 * writes them.
 */
export const SHARD_VARIABLE = 'KHO_SHARD';

/**
 * The snapshot of the records (src/model/snapshot.ts) that a shard's content loader reads in place
 * of the files: named here, beside KHO_SHARD, for the build's coordinator, which passes it on
 * without reading it.
 */
export const SNAPSHOT_VARIABLE = 'KHO_CATALOG';

/** The value of KHO_SHARD for the shared pages' shard: `@` is never part of a campaign id. */
export const SHARED_SHARD = '@chung';

/** A campaign in a shard: all of it, or one slice of its initiatives. */
export interface ShardPart {
  campaign: string;
  /** 1-based slice of `slices`; absent: the whole campaign. */
  slice?: number;
  slices?: number;
}

/** The prefix of KHO_SHARD for a patch of the last build. */
export const PATCH_PREFIX = '@sua:';

export type ShardMode =
  | { kind: 'whole' }
  | { kind: 'shared' }
  | {
      kind: 'initiatives';
      parts: ReadonlyMap<string, ShardPart>;
      /** The shared pages too (`@chung,<campaign>…`: a local build's last shard). */
      shared?: boolean;
    }
  | {
      kind: 'patch';
      initiatives: ReadonlySet<string>;
      campaigns: ReadonlySet<string>;
      /** The initiatives whose lists' later pages are rendered; undefined: every later page. */
      lists?: ReadonlySet<string>;
    };

const idList = (text: string | undefined): string[] =>
  (text ?? '')
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean);

/** Every list page, in the third part of a patch's KHO_SHARD. */
const EVERY_LIST_PAGE = '*';

/**
 * The KHO_SHARD of a patch rendering the shared pages and these pages only; of the lists' later
 * pages, those showing one of `lists` (all of them when undefined).
 */
export function patchShard(
  initiatives: Iterable<string>,
  campaigns: Iterable<string>,
  lists?: Iterable<string>,
): string {
  const listed = lists === undefined ? EVERY_LIST_PAGE : [...lists].join(',');
  return `${PATCH_PREFIX}${[...initiatives].join(',')};${[...campaigns].join(',')};${listed}`;
}

const SLICED = /^(.+)#(\d+)\/(\d+)$/;

/** One item of KHO_SHARD: `<campaign>` or `<campaign>#<k>/<n>`. */
function readPart(item: string): ShardPart {
  const sliced = SLICED.exec(item);
  if (!sliced) return { campaign: item };
  const slice = Number(sliced[2]);
  const slices = Number(sliced[3]);
  if (slices < 1 || slice < 1 || slice > slices) {
    throw new Error(
      `${SHARD_VARIABLE}: "${item}" không phải một phần hợp lệ (cần <mã-đợt>#k/n, 1 ≤ k ≤ n).`,
    );
  }
  return { campaign: sliced[1] as string, slice, slices };
}

/** What the build of this environment renders. */
export function shardMode(env: Record<string, string | undefined> = process.env): ShardMode {
  const value = env[SHARD_VARIABLE]?.trim();
  if (!value) return { kind: 'whole' };
  if (value === SHARED_SHARD) return { kind: 'shared' };
  if (value.startsWith(PATCH_PREFIX)) {
    const [initiatives, campaigns, lists = EVERY_LIST_PAGE] = value
      .slice(PATCH_PREFIX.length)
      .split(';');
    return {
      kind: 'patch',
      initiatives: new Set(idList(initiatives)),
      campaigns: new Set(idList(campaigns)),
      ...(lists.trim() === EVERY_LIST_PAGE ? {} : { lists: new Set(idList(lists)) }),
    };
  }
  const parts = new Map<string, ShardPart>();
  let shared = false;
  for (const item of value.split(',')) {
    const trimmed = item.trim();
    if (trimmed === SHARED_SHARD) shared = true;
    if (!trimmed || trimmed === SHARED_SHARD) continue;
    const part = readPart(trimmed);
    parts.set(part.campaign, part);
  }
  return { kind: 'initiatives', parts, shared };
}

/** The 1-based slice of `slices` an initiative belongs to: a stable hash of its id (FNV-1a). */
export function sliceOf(id: string, slices: number): number {
  let hash = 0x811c9dc5;
  for (let index = 0; index < id.length; index += 1) {
    hash ^= id.charCodeAt(index);
    hash = Math.imul(hash, 0x01000193);
  }
  return ((hash >>> 0) % slices) + 1;
}

/**
 * Whether this build renders the page of `campaign` (no `initiative`) or of its initiative
 * `initiative`.
 */
export function inShard(
  campaign: string,
  mode: ShardMode = shardMode(),
  initiative?: string,
): boolean {
  if (mode.kind === 'whole') return true;
  if (mode.kind === 'shared') return false;
  if (mode.kind === 'patch') {
    return initiative === undefined
      ? mode.campaigns.has(campaign)
      : mode.initiatives.has(initiative);
  }
  const part = mode.parts.get(campaign);
  if (!part) return false;
  if (part.slice === undefined || part.slices === undefined) return true;
  const slice = initiative === undefined ? 1 : sliceOf(initiative, part.slices);
  return slice === part.slice;
}

/**
 * What Astro's cache folder is named after (astro.config.mjs): the value of KHO_SHARD, except
 * that every patch shares one cache, whichever pages it renders.
 */
export function cacheScope(env: Record<string, string | undefined> = process.env): string {
  const value = env[SHARD_VARIABLE]?.trim() ?? '';
  return value.startsWith(PATCH_PREFIX) ? PATCH_PREFIX : value;
}

/** Whether this build renders the shared pages that take parameters (lists, facets…). */
export function rendersShared(mode: ShardMode = shardMode()): boolean {
  return mode.kind !== 'initiatives' || mode.shared === true;
}

/** A shared route's paths, or none in an initiatives shard. */
export async function sharedPaths<T>(paths: () => T[] | Promise<T[]>): Promise<T[]> {
  return rendersShared() ? await paths() : [];
}
