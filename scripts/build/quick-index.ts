/**
 * Writes the quick search's index (src/lib/quick-search.ts) into a built site, from the
 * documents the site build wrote to QUICK_SOURCE (the build of the shared pages writes it, for
 * the whole archive), and removes that source from the site.
 */
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import {
  buildQuickIndex,
  FULL_TEXT_MAX,
  QUICK_DIR,
  QUICK_SOURCE,
  type QuickDoc,
  sortDocs,
} from '../../src/lib/quick-search.ts';

/** The documents of a built site's source file, undefined when it has none. */
export function readQuickSource(site: string): QuickDoc[] | undefined {
  const file = join(site, QUICK_SOURCE);
  if (!existsSync(file)) return undefined;
  return JSON.parse(readFileSync(file, 'utf8')) as QuickDoc[];
}

export function writeQuickIndex(
  site: string,
  docs: QuickDoc[],
  options: { fullTextMax?: number } = {},
): { documents: number; files: number; fullText: boolean } {
  const unique = new Map(docs.map((doc) => [doc.path, doc]));
  const sorted = sortDocs([...unique.values()]);
  const fullText = sorted.length <= (options.fullTextMax ?? FULL_TEXT_MAX);
  const files = buildQuickIndex(sorted, fullText);
  const root = join(site, QUICK_DIR);
  rmSync(root, { recursive: true, force: true });
  const folders = new Set([...files.keys()].map((path) => dirname(join(root, path))));
  for (const folder of folders) mkdirSync(folder, { recursive: true });
  for (const [path, content] of files) writeFileSync(join(root, path), content);
  rmSync(join(site, QUICK_SOURCE), { force: true });
  return { documents: sorted.length, files: files.size, fullText };
}
