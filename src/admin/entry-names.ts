/**
 * Commit messages (and, on GitHub, pull-request titles) that name the entry. Decap's only
 * template variable for an entry is `{{slug}}`, which for a folder collection with
 * `path: '{{slug}}/index'` is `<slug>/index`: "Thêm sáng kiến “…/index”". The backend is
 * where the message is final, on both backends alike: the `/index` is taken off there.
 */
import type { GateableBackend } from './gated-backend.ts';

interface DataFile {
  slug?: unknown;
}

interface SavedEntry {
  dataFiles?: DataFile[];
}

interface SaveOptions {
  commitMessage?: unknown;
}

type BackendClass = new (...args: never[]) => GateableBackend;

/** `message` with every `<slug>/index` of the saved files written as `<slug>`. */
export function namedMessage(message: string, entry: SavedEntry): string {
  let named = message;
  for (const file of entry.dataFiles ?? []) {
    if (typeof file.slug !== 'string') continue;
    const bare = file.slug.replace(/\/index$/, '');
    if (bare !== file.slug) named = named.split(file.slug).join(bare);
  }
  return named;
}

export function withEntryNames(Base: BackendClass): BackendClass {
  return class NamedBackend extends Base {
    override async persistEntry(entry: unknown, options: unknown): Promise<unknown> {
      const opts = (options ?? {}) as SaveOptions;
      const renamed =
        typeof opts.commitMessage === 'string'
          ? { ...opts, commitMessage: namedMessage(opts.commitMessage, entry as SavedEntry) }
          : opts;
      return super.persistEntry(entry, renamed);
    }
  };
}
