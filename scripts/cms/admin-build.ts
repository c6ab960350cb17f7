/**
 * The admin of `npm start`, bundled on its own and before the rest of the site, so the form
 * is usable while the public pages and the search index are still being built.
 *
 * It is the production bundle of the same page (src/pages/admin/index.astro), the same
 * entry script and the same Vite plugins as the deployed site's admin (src/lib/admin-slimming.ts),
 * with the client settings `astro build` uses (hashed files under `/_astro/`, minified, no
 * source maps), built by Vite directly: `astro build` spends a few seconds on content sync and
 * the server-side render of every page before it bundles any client script.
 *
 * A bundle is kept in `<mirror>-admin/<key>/`, where the key is the admin key of
 * scripts/cms/site-build.ts (everything the admin is made from, the gate's address among
 * them): a later start, or a rebuild after a publish, reuses it while that key holds. The
 * folder is servable on its own: besides `admin/` and `_astro/` it holds a home page and a
 * 404 page saying the site is being built, shown until the site's build is switched in.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { headersFile } from '../../src/lib/csp.ts';
import { projectRoot } from '../build/astro-command.ts';
import { cleanEnv } from '../build/build-site.ts';
import { isMain } from '../lib/cli.ts';
import { runBuildChild } from './build-child.ts';

const COMPLETE = '.kho-build-complete';
/** The same file name as in a site build (scripts/cms/site-build.ts reads it). */
const ADMIN_KEY = '.kho-admin-key';
const ADMIN_PAGE = join('src', 'pages', 'admin', 'index.astro');

export function adminsDir(siteDir: string): string {
  return `${siteDir}-admin`;
}

/** The complete admin bundle for `key`, if there is one. */
export function completedAdmin(siteDir: string, key: string): string | undefined {
  const dir = join(adminsDir(siteDir), key);
  return existsSync(join(dir, COMPLETE)) ? dir : undefined;
}

/** Remove every admin bundle but `keep` (and folders of bundles still being made). */
export async function pruneAdmins(siteDir: string, keep: readonly string[]): Promise<void> {
  const root = adminsDir(siteDir);
  if (!existsSync(root)) return;
  for (const name of readdirSync(root)) {
    const dir = join(root, name);
    if (keep.includes(dir) || name.includes('.tmp')) continue;
    await rm(dir, { recursive: true, force: true });
  }
}

/**
 * The admin page as plain HTML for Vite: the Astro page's markup without its front matter,
 * each `<script>` of bare imports turned into a module script pointing at the imported file
 * (as `astro build` bundles it). Anything else an Astro page may hold (expressions,
 * components, code in a script) is refused rather than built differently from the site.
 */
export function adminPageHtml(astroSource: string, pageFile: string, htmlFile: string): string {
  const markup = astroSource.replace(/^---\n[\s\S]*?\n---\n/, '');
  const html = markup.replace(/<script>([\s\S]*?)<\/script>/g, (_, body: string) => {
    const imports = [...body.matchAll(/^\s*import\s+['"]([^'"]+)['"];?\s*$/gm)];
    const rest = body.replace(/^\s*import\s+['"]([^'"]+)['"];?\s*$/gm, '').trim();
    if (imports.length === 0 || rest !== '') {
      throw new Error(`${ADMIN_PAGE}: chỉ hỗ trợ thẻ <script> gồm các lệnh import.`);
    }
    return imports
      .map((match) => {
        const target = resolve(dirname(pageFile), match[1] as string);
        const src = relative(dirname(htmlFile), target).replaceAll('\\', '/');
        return `<script type="module" src="${src}"></script>`;
      })
      .join('');
  });
  if (/[{}]|<[A-Z]/.test(html)) {
    throw new Error(
      `${ADMIN_PAGE}: biểu thức hoặc thành phần Astro chưa được hỗ trợ khi dựng riêng.`,
    );
  }
  return html;
}

/** The home and 404 pages of an admin-only folder: the site is on its way. */
function buildingPage(): string {
  return `<!doctype html>
<html lang="vi">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <meta http-equiv="refresh" content="3" />
    <meta name="robots" content="noindex, nofollow" />
    <title>Trang web đang được dựng – Kho sáng kiến CCHC</title>
  </head>
  <body>
    <main>
      <h1>Trang web đang được dựng</h1>
      <p>Lần chạy này của <code>npm start</code> đang dựng các trang công khai và chỉ mục tìm kiếm; trang này tự tải lại sau vài giây.</p>
      <p>Trong lúc chờ, <a href="/admin/">trang quản trị</a> đã dùng được: bạn có thể bắt đầu nhập sáng kiến.</p>
    </main>
  </body>
</html>
`;
}

/**
 * Bundle the admin of `siteDir` with `env` into `<mirror>-admin/<key>/` in a child process
 * (the gate and the server stay responsive meanwhile); resolves with the folder.
 */
export async function buildAdmin(options: {
  siteDir: string;
  key: string;
  env: Record<string, string>;
  signal?: AbortSignal;
  log?: (line: string) => void;
}): Promise<string> {
  const out = join(adminsDir(options.siteDir), options.key);
  const staging = `${out}.${process.pid}.tmp`;
  await rm(staging, { recursive: true, force: true });
  await mkdir(dirname(staging), { recursive: true });
  const { code, tail } = await runBuildChild({
    script: fileURLToPath(import.meta.url),
    args: [options.siteDir, staging],
    cwd: options.siteDir,
    env: { ...cleanEnv(), ...options.env },
    signal: options.signal,
    label: 'dựng trang quản trị',
    log: options.log,
  });
  if (code !== 0) {
    await rm(staging, { recursive: true, force: true });
    await rm(`${staging}.page`, { recursive: true, force: true });
    throw new Error(`dựng trang quản trị thất bại (mã thoát ${code}):\n${tail.join('\n')}`);
  }
  await writeFile(join(staging, ADMIN_KEY), `${options.key}\n`);
  await writeFile(join(staging, COMPLETE), `${new Date().toISOString()}\n`);
  await rm(out, { recursive: true, force: true });
  await rename(staging, out);
  return out;
}

/** In the child: Vite's production build of the admin page into `out`. */
async function buildInChild(siteDir: string, out: string): Promise<void> {
  const pageFile = join(siteDir, ADMIN_PAGE);
  // Vite names an HTML entry's output after its path under `root`: here `admin/index.html`.
  const root = `${out}.page`;
  const htmlFile = join(root, 'admin', 'index.html');
  await mkdir(dirname(htmlFile), { recursive: true });
  await writeFile(htmlFile, adminPageHtml(readFileSync(pageFile, 'utf8'), pageFile, htmlFile));
  // The Vite that Astro itself bundles with, and the site's own plugins, from the mirror.
  const astroRequire = createRequire(
    createRequire(join(projectRoot, 'package.json')).resolve('astro/package.json'),
  );
  const vite = (await import(
    pathToFileURL(astroRequire.resolve('vite')).href
  )) as typeof import('vite');
  const { adminSlimming } = (await import(
    pathToFileURL(join(siteDir, 'src', 'lib', 'admin-slimming.ts')).href
  )) as typeof import('../../src/lib/admin-slimming.ts');
  const names = '_astro/[name].[hash]';
  try {
    await vite.build({
      root,
      configFile: false,
      // `.env` files as `astro build` reads them, from the checkout.
      envDir: siteDir,
      mode: 'production',
      base: '/',
      // `astro build` exposes PUBLIC_ variables (the gate's address, local mode) to client code.
      envPrefix: 'PUBLIC_',
      publicDir: false,
      logLevel: 'warn',
      plugins: [adminSlimming],
      build: {
        outDir: out,
        emptyOutDir: true,
        target: 'esnext',
        minify: true,
        sourcemap: false,
        assetsInlineLimit: 0,
        modulePreload: { polyfill: false },
        reportCompressedSize: false,
        chunkSizeWarningLimit: 8192,
        rolldownOptions: {
          input: htmlFile,
          output: {
            entryFileNames: `${names}.js`,
            chunkFileNames: `${names}.js`,
            assetFileNames: `${names}[extname]`,
          },
        },
      },
    });
  } finally {
    await rm(root, { recursive: true, force: true });
  }
  await writeFile(join(out, 'index.html'), buildingPage());
  await writeFile(join(out, '404.html'), buildingPage());
  const entries = readdirSync(out).map((name) => ({
    name,
    directory: statSync(join(out, name)).isDirectory(),
  }));
  await writeFile(join(out, '_headers'), headersFile('/', entries));
}

if (isMain(import.meta)) {
  const [siteDir, out] = process.argv.slice(2);
  if (!siteDir || !out) {
    console.error('Cách dùng: node scripts/cms/admin-build.ts <thư-mục-trang> <thư-mục-ra>');
    process.exit(2);
  }
  await buildInChild(resolve(siteDir), resolve(out));
}
