/**
 * `npm run build`: `astro build` (with the heap cap of astro-command.ts) into `dist/`,
 * then the Pagefind search index. Extra arguments go to `astro build`.
 */
import { spawnSync } from 'node:child_process';
import { astroBuildCommand } from './astro-command.ts';
import { buildSearchIndex } from './search-index.ts';

if (import.meta.url === `file://${process.argv[1]}`) {
  const [command, args] = astroBuildCommand(process.cwd(), process.argv.slice(2));
  const astro = spawnSync(command, args, { stdio: 'inherit' });
  if (astro.status !== 0) process.exit(astro.status ?? 1);
  try {
    const outIndex = process.argv.indexOf('--outDir');
    const outDir = outIndex >= 0 ? (process.argv[outIndex + 1] ?? 'dist') : 'dist';
    const started = performance.now();
    const { pages, parts } = buildSearchIndex(outDir);
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    console.log(
      `Chỉ mục tìm kiếm: ${pages} trang${parts > 1 ? ` (${parts} phần)` : ''}, ${seconds} giây.`,
    );
  } catch (error) {
    console.error(error instanceof Error ? error.message : String(error));
    process.exit(1);
  }
}
