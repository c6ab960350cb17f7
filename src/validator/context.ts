/** What cross-file rules know about the repository: units, campaigns, initiatives. */

import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { collections, pathOf } from '../model/collections.ts';
import { readEntryFile } from '../model/files.ts';
import { initiativeFacts } from './entry-rules.ts';
import type { Context, InitiativeFacts } from './types.ts';

export type { Context } from './types.ts';

/** Sub-folders of a folder (one directory read, no stat per entry). */
export function listFolders(path: string): string[] {
  try {
    return readdirSync(path, { withFileTypes: true })
      .filter((entry) => entry.isDirectory() && !entry.name.startsWith('.'))
      .map((entry) => entry.name)
      .sort();
  } catch {
    return [];
  }
}

/** Facts of an initiative not checked in this run (read lazily, e.g. for a decision's recusal rule). */
export function factsOf(context: Context, slug: string): InitiativeFacts | undefined {
  const known = context.facts.get(slug);
  if (known) return known;
  if (!context.initiativeSlugs.has(slug)) return undefined;
  const path = pathOf(collections.initiatives, slug);
  const file = readEntryFile(join(context.root, path));
  const facts = initiativeFacts(slug, path, file.data, file);
  context.facts.set(slug, facts);
  return facts;
}
