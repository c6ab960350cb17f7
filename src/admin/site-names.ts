/**
 * Initiatives by name in the admin, read at run time from the site it is served with
 * (`/du-lieu/initiative-names.json`, src/lib/initiative-names.ts). The admin is bundled once
 * for many publishes and keeps within a size budget, so it does not carry every initiative's
 * title: it asks the site, once, when something first needs a name, and uses the id where the
 * site does not know the entry (still building, or the entry only on a pending branch).
 */

import type { InitiativeNames, NamedInitiative } from '../lib/initiative-names.ts';
import { routes } from '../lib/paths.ts';
import { collections } from '../model/collections.ts';

/** After a failed fetch (the site still being built), asked again no sooner than this. */
const RETRY_MS = 10_000;
/** How long a list waits for the names before it shows ids. */
export const NAMES_WAIT_MS = 4000;

let names: Map<string, NamedInitiative> | undefined;
let loading: Promise<boolean> | undefined;
let failedAt = Number.NEGATIVE_INFINITY;

/**
 * The names read back from the document, keeping only titles and lists of names: the file
 * comes over the network, and the admin trusts only its shape.
 */
export function readInitiativeNames(document: unknown): Map<string, NamedInitiative> {
  const read = new Map<string, NamedInitiative>();
  const initiatives = (document as Partial<InitiativeNames> | null)?.initiatives;
  if (!initiatives || typeof initiatives !== 'object') return read;
  for (const [id, value] of Object.entries(initiatives)) {
    if (!value || typeof value.title !== 'string') continue;
    const adopters = Array.isArray(value.adopters)
      ? value.adopters.filter((name): name is string => typeof name === 'string')
      : [];
    read.set(id, { title: value.title, ...(adopters.length > 0 && { adopters }) });
  }
  return read;
}

/** Fetches the names once; true when they are known. Never rejects. */
export function loadSiteNames(
  fetcher: typeof fetch = fetch,
  now: () => number = Date.now,
): Promise<boolean> {
  if (names) return Promise.resolve(true);
  if (loading) return loading;
  if (now() - failedAt < RETRY_MS) return Promise.resolve(false);
  loading = fetcher(routes.dataNames(), { headers: { Accept: 'application/json' } })
    .then(async (response) => {
      if (!response.ok) throw new Error(String(response.status));
      names = readInitiativeNames(await response.json());
      return true;
    })
    .catch(() => {
      failedAt = now();
      return false;
    })
    .finally(() => {
      loading = undefined;
    });
  return loading;
}

/** Waits for the names at most `ms`; false when they did not come in time. */
export function siteNamesWithin(ms = NAMES_WAIT_MS): Promise<boolean> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<boolean>((resolve) => {
    timer = setTimeout(() => resolve(false), ms);
  });
  return Promise.race([loadSiteNames(), late]).finally(() => clearTimeout(timer));
}

/** Whether the names have arrived. */
export function siteNamesKnown(): boolean {
  return names !== undefined;
}

/** A published initiative's title; undefined when the site does not know it (yet). */
export function initiativeTitle(id: string): string | undefined {
  return names?.get(id)?.title;
}

/** Who took a published initiative up (`adopterNames`); undefined until the names arrive. */
export function adoptersOf(id: string): readonly string[] | undefined {
  return names ? (names.get(id)?.adopters ?? []) : undefined;
}

/** For tests: forget what was fetched. */
export function resetSiteNames(): void {
  names = undefined;
  loading = undefined;
  failedAt = Number.NEGATIVE_INFINITY;
}

interface Listing {
  entriesByFolder(folder: string, extension: string, depth: number): Promise<unknown>;
  allEntriesByFolder?(
    folder: string,
    extension: string,
    depth: number,
    pathRegex?: RegExp,
  ): Promise<unknown>;
  unpublishedEntry(args: { id?: string; collection?: string; slug?: string }): Promise<unknown>;
}
type ListingClass = new (...args: never[]) => Listing;

/** Collections whose entries Decap lists by an initiative's name (config.ts summaries). */
const NAMED_BY_INITIATIVE = [collections.adoptions];

const namesInitiatives = (folder: string) =>
  NAMED_BY_INITIATIVE.some((collection) => collection.folder === folder);

/**
 * A backend that lets the names arrive before Decap reads the entries that show them: Decap
 * turns an entry's file into its list line once, as it reads it (shown-names.ts), and does not
 * read it again when the names come. Other collections are not held back.
 */
export function withSiteNames<T extends new (...args: never[]) => object>(Base: T): T {
  class NamedBackend extends (Base as ListingClass) {
    override async entriesByFolder(folder: string, extension: string, depth: number) {
      const [entries] = await Promise.all([
        super.entriesByFolder(folder, extension, depth),
        namesInitiatives(folder) ? siteNamesWithin() : undefined,
      ]);
      return entries;
    }

    override async unpublishedEntry(args: { id?: string; collection?: string; slug?: string }) {
      const entry = (await super.unpublishedEntry(args)) as { collection?: string } | undefined;
      if (NAMED_BY_INITIATIVE.some((collection) => collection.name === entry?.collection)) {
        await siteNamesWithin();
      }
      return entry;
    }
  }
  // Only where the backend has it (GitHub's, not the local proxy's): Decap uses it when present.
  const listAll = (Base as unknown as ListingClass).prototype.allEntriesByFolder;
  if (listAll) {
    NamedBackend.prototype.allEntriesByFolder = async function (
      this: Listing,
      folder: string,
      extension: string,
      depth: number,
      pathRegex?: RegExp,
    ) {
      const [entries] = await Promise.all([
        listAll.call(this, folder, extension, depth, pathRegex),
        namesInitiatives(folder) ? siteNamesWithin() : undefined,
      ]);
      return entries;
    };
  }
  return NamedBackend as unknown as T;
}
