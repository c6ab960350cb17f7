/**
 * The catalog's input read from the content files through the loader's gate (one reader, the
 * validator refusing invalid content), not from Astro's content store. A shard's store holds
 * only its own initiatives (src/lib/shard.ts), yet every page of every shard shows the whole
 * archive's lists and cross-references; and the store of a large archive is the build's
 * heaviest part, loaded as one JavaScript module.
 */
import type { z } from 'zod';
import { loadRecords, validateTree } from '../loaders/content.ts';
import { type CollectionRow, collections } from '../model/collections.ts';
import type { ValidationReport } from '../validator/types.ts';
import type { CatalogInput, Entry } from './catalog.ts';

interface ReadOptions {
  dev?: boolean;
  fresh?: boolean;
  log?: (message: string) => void;
}

async function entries<T>(
  root: string,
  row: CollectionRow & { schema: z.ZodType<T> },
  options: ReadOptions & { report: ValidationReport },
): Promise<Entry<T>[]> {
  const records = await loadRecords(root, row, options);
  return records.flatMap((record) => {
    // The validator accepted every record a build gets; in dev a refused one is already left out
    // (and logged), so a failure here is only a file that changed since the validator read it.
    const parsed = row.schema.safeParse(record.raw);
    return parsed.success ? [{ id: record.id, data: parsed.data, filePath: record.path }] : [];
  });
}

/** Every collection of the catalog, as the site's loader would give it to Astro. */
export async function readCatalogInput(
  root: string,
  options: ReadOptions = {},
): Promise<CatalogInput> {
  // One validator run for the seven collections: dev reads the catalog afresh for every page.
  const report = await validateTree(root, options.fresh === true || options.dev === true);
  const read = { ...options, report };
  const [campaigns, initiatives, units, scopeLevels, decisions, adoptions, organisers] =
    await Promise.all([
      entries(root, collections.campaigns, read),
      entries(root, collections.initiatives, read),
      entries(root, collections.units, read),
      entries(root, collections.scopeLevels, read),
      entries(root, collections.decisions, read),
      entries(root, collections.adoptions, read),
      entries(root, collections.organisers, read),
    ]);
  return { campaigns, initiatives, units, scopeLevels, decisions, adoptions, organisers };
}
