/**
 * Decap's backends with the project's rules before the two steps that make an entry
 * public: moving it to “Sẵn sàng công bố” and publishing it. Decap has an event before a
 * publish (`prePublish`) but none before a status change, and its event sees the entry in
 * memory, not what is on the branch; the backend is the one place both steps pass through,
 * from the editor and from the workflow board alike. The check reads the entry's file
 * from its branch — what would be published — and runs the validator's rules on it.
 *
 * With `npm start` the gate in front of decap-server (scripts/cms/gate.ts) checks again
 * with the whole validator; on GitHub the required check of the pull request does.
 */
import { collections } from '../model/collections.ts';
import type { GatedStep } from '../validator/refusal.ts';
import { entryContext } from './content-data.ts';
import { MessageError } from './message-error.ts';

interface Diff {
  path: string;
  id: string;
  newFile?: boolean;
}

/** The methods of a Decap backend implementation this wrapper uses. */
export interface GateableBackend {
  unpublishedEntry(args: { collection: string; slug: string }): Promise<{ diffs?: Diff[] }>;
  unpublishedEntryDataFile(
    collection: string,
    slug: string,
    path: string,
    id: string,
  ): Promise<string>;
  updateUnpublishedEntryStatus(
    collection: string,
    slug: string,
    newStatus: string,
  ): Promise<unknown>;
  publishUnpublishedEntry(collection: string, slug: string): Promise<unknown>;
  persistEntry(entry: unknown, options: unknown): Promise<unknown>;
}

type BackendClass = new (...args: never[]) => GateableBackend;

const READY = 'pending_publish';

/**
 * Decap shows a failed request as `String(error)`, which for its API errors begins with
 * "API_ERROR: "; the server's message is Vietnamese and complete, so it is shown alone.
 */
async function plainErrors<T>(step: () => Promise<T>): Promise<T> {
  try {
    return await step();
  } catch (cause) {
    if (cause instanceof MessageError) throw cause;
    const message = cause instanceof Error ? cause.message : String(cause);
    throw new MessageError(message);
  }
}

/** The initiative's `index.md` among an unpublished entry's files. */
function entryFile(diffs: readonly Diff[]): Diff | undefined {
  const { folder, entryFile: name } = collections.initiatives;
  return diffs.find((diff) => diff.path.startsWith(`${folder}/`) && diff.path.endsWith(`/${name}`));
}

export function withEntryGate(Base: BackendClass): BackendClass {
  return class GatedBackend extends Base {
    async checkBefore(collection: string, slug: string, step: GatedStep): Promise<void> {
      if (collection !== collections.initiatives.name) return;
      const entry = await this.unpublishedEntry({ collection, slug });
      const file = entryFile(entry.diffs ?? []);
      if (!file) return;
      const text = await this.unpublishedEntryDataFile(collection, slug, file.path, file.id);
      // The rules (Markdown parser included) load when first needed, not with the admin.
      const { assertReady, checkEntryText } = await import('./entry-checks.ts');
      assertReady(checkEntryText(text, file.path, entryContext(file.newFile === true)), step);
    }

    override async updateUnpublishedEntryStatus(
      collection: string,
      slug: string,
      newStatus: string,
    ): Promise<unknown> {
      return plainErrors(async () => {
        if (newStatus === READY) await this.checkBefore(collection, slug, 'ready');
        return super.updateUnpublishedEntryStatus(collection, slug, newStatus);
      });
    }

    override async publishUnpublishedEntry(collection: string, slug: string): Promise<unknown> {
      return plainErrors(async () => {
        await this.checkBefore(collection, slug, 'publish');
        return super.publishUnpublishedEntry(collection, slug);
      });
    }

    // A draft is saved whatever its problems (work in progress); only the message is cleaned.
    override async persistEntry(entry: unknown, options: unknown): Promise<unknown> {
      return plainErrors(() => super.persistEntry(entry, options));
    }
  };
}
