/**
 * Builds the Pagefind search index of a built site: `node scripts/build/search-index.ts [outDir]`.
 * Runs the Pagefind CLI (not the Astro integration, which hides indexing errors) and fails
 * the build when it fails or indexes no page.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Pages that carry `data-pagefind-body`: initiatives and campaigns. Pagefind would otherwise
 * parse every page of the site (lists, facets) only to skip it — most of its time at scale.
 */
export const SEARCHABLE_PAGES = '{sang-kien/*/index.html,dot-phat-dong/*/index.html}';

export function buildSearchIndex(outDir: string): { pages: number } {
  const site = resolve(outDir);
  if (!existsSync(join(site, 'index.html'))) {
    throw new Error(
      `Không thấy trang web đã dựng trong "${outDir}": hãy chạy "astro build" trước.`,
    );
  }
  // The package exports only its Node API; its CLI runner sits beside package.json.
  const entry = fileURLToPath(import.meta.resolve('pagefind'));
  const bin = join(dirname(entry), 'runner', 'bin.cjs');
  const run = spawnSync(process.execPath, [bin, '--site', site, '--glob', SEARCHABLE_PAGES], {
    encoding: 'utf8',
  });
  if (run.status !== 0) {
    throw new Error(`Pagefind không tạo được chỉ mục tìm kiếm:\n${run.stdout}\n${run.stderr}`);
  }
  const pages = Number(/Indexed (\d+) pages?/.exec(run.stdout)?.[1] ?? 0);
  const manifest = join(site, 'pagefind', 'pagefind-entry.json');
  if (!existsSync(manifest)) throw new Error('Pagefind không ghi tệp pagefind-entry.json.');
  JSON.parse(readFileSync(manifest, 'utf8'));
  return { pages };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  try {
    const outDir = process.argv[2] ?? 'dist';
    const started = performance.now();
    const { pages } = buildSearchIndex(outDir);
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    console.log(`Chỉ mục tìm kiếm: ${pages} trang, ${seconds} giây.`);
  } catch (error) {
    console.error(error instanceof Error ? error.message : String(error));
    process.exit(1);
  }
}
