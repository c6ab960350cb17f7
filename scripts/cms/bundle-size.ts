/**
 * Download size of the admin page of a built site: the page, its scripts and styles and
 * every chunk they import statically, gzipped (what a browser transfers from a static host).
 * `node scripts/cms/bundle-size.ts [dist]`
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { isMain } from '../lib/cli.ts';

/**
 * What the admin page may weigh, gzipped: 0.9 MB counted as 900 KiB (921,600 bytes). The browser
 * tests assert it on the built admin; the command below fails above it.
 */
export const ADMIN_GZIP_BUDGET = 900 * 1024;

export interface BundleSize {
  files: number;
  rawBytes: number;
  gzipBytes: number;
  /** Chunks loaded only on demand (dynamic import), not counted above. */
  lazyFiles: number;
}

export function adminBundleSize(distDir: string, base = '/'): BundleSize {
  const dist = resolve(distDir);
  const page = join(dist, 'admin', 'index.html');
  if (!existsSync(page)) throw new Error(`Không thấy trang quản trị đã dựng: ${page}`);
  const html = readFileSync(page, 'utf8');
  const toFile = (url: string, from: string) =>
    url.startsWith(base) ? join(dist, url.slice(base.length)) : resolve(dirname(from), url);
  const seen = new Set<string>();
  const lazy = new Set<string>();
  const queue = [...html.matchAll(/(?:src|href)="([^"]+\.(?:js|css))"/g)].map((m) =>
    toFile(m[1] as string, page),
  );
  let rawBytes = Buffer.byteLength(html);
  let gzipBytes = gzipSync(html).length;
  while (queue.length > 0) {
    const file = queue.shift() as string;
    if (seen.has(file) || !existsSync(file)) continue;
    seen.add(file);
    const content = readFileSync(file);
    rawBytes += content.length;
    gzipBytes += gzipSync(content, { level: 9 }).length;
    if (!file.endsWith('.js')) continue;
    const text = content.toString('utf8');
    for (const match of text.matchAll(/(?:import|from)\s*["']([^"']+\.js)["']/g)) {
      queue.push(toFile(match[1] as string, file));
    }
    for (const match of text.matchAll(/import\(\s*["']([^"']+\.js)["']\s*\)/g)) {
      lazy.add(toFile(match[1] as string, file));
    }
  }
  const lazyFiles = [...lazy].filter((file) => !seen.has(file)).length;
  return { files: seen.size + 1, rawBytes, gzipBytes, lazyFiles };
}

if (isMain(import.meta)) {
  try {
    const size = adminBundleSize(process.argv[2] ?? 'dist');
    const kb = (bytes: number) => `${(bytes / 1024).toFixed(0)} KB`;
    console.log(
      `Trang quản trị: ${size.files} tệp, ${kb(size.rawBytes)} (nén gzip: ${kb(size.gzipBytes)}, ` +
        `${size.gzipBytes} byte; ngân sách ${kb(ADMIN_GZIP_BUDGET)}); ${size.lazyFiles} phần tải khi cần.`,
    );
    if (size.gzipBytes > ADMIN_GZIP_BUDGET) {
      console.error('Trang quản trị vượt ngân sách dung lượng.');
      process.exit(1);
    }
  } catch (error) {
    console.error(error instanceof Error ? error.message : String(error));
    process.exit(1);
  }
}
