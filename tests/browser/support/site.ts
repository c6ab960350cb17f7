/**
 * Build the real site once into a temporary folder and serve it over HTTP,
 * under a base path, the way GitHub Pages serves a project site.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { extname, join, normalize, resolve } from 'node:path';
import { buildSearchIndex } from '../../../scripts/build/search-index.ts';

export const projectRoot = resolve(import.meta.dirname, '../../..');

export interface BuiltSite {
  outDir: string;
  base: string;
  buildSeconds: number;
}

/**
 * The environment without what the test runner adds (vitest sets BASE_URL, MODE, DEV, PROD
 * and NODE_ENV=test), which would otherwise leak into Astro's `import.meta.env`.
 */
function cleanEnv(): NodeJS.ProcessEnv {
  const env = { ...process.env };
  for (const key of Object.keys(env)) {
    if (
      ['BASE_URL', 'MODE', 'DEV', 'PROD', 'SSR', 'NODE_ENV'].includes(key) ||
      key.startsWith('VITEST')
    ) {
      delete env[key];
    }
  }
  return env;
}

/** `astro build` then the Pagefind index, into a fresh temporary folder. */
export function buildSite(options: { base?: string; site?: string } = {}): BuiltSite {
  const base = options.base ?? '/kho-sang-kien/';
  const outDir = mkdtempSync(join(tmpdir(), 'kho-site-'));
  const started = performance.now();
  const astro = join(projectRoot, 'node_modules', 'astro', 'bin', 'astro.mjs');
  const run = spawnSync(process.execPath, [astro, 'build', '--outDir', outDir], {
    cwd: projectRoot,
    encoding: 'utf8',
    env: {
      ...cleanEnv(),
      BASE_PATH: base,
      SITE_URL: options.site ?? 'http://127.0.0.1:4321',
      ASTRO_TELEMETRY_DISABLED: '1',
    },
  });
  if (run.status !== 0) {
    throw new Error(
      `astro build thất bại:\n${run.stdout.slice(-4000)}\n${run.stderr.slice(-4000)}`,
    );
  }
  buildSearchIndex(outDir);
  return { outDir, base, buildSeconds: (performance.now() - started) / 1000 };
}

const types: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.xml': 'application/xml; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.webp': 'image/webp',
  '.csv': 'text/csv; charset=utf-8',
  '.pdf': 'application/pdf',
  '.wasm': 'application/wasm',
  '.pf_meta': 'application/octet-stream',
};

export interface StaticServer {
  origin: string;
  /** Origin plus base path, ending with a slash. */
  root: string;
  close(): Promise<void>;
}

/** A minimal static server: directories serve index.html, unknown paths the site's 404.html. */
export async function serveStatic(dir: string, base = '/'): Promise<StaticServer> {
  const server: Server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://localhost');
    let path = decodeURIComponent(url.pathname);
    if (!path.startsWith(base)) {
      response.writeHead(404).end();
      return;
    }
    path = `/${path.slice(base.length)}`;
    let file = normalize(join(dir, path));
    if (!file.startsWith(dir)) {
      response.writeHead(403).end();
      return;
    }
    if (existsSync(file) && statSync(file).isDirectory()) {
      if (!path.endsWith('/')) {
        response.writeHead(301, { Location: `${url.pathname}/` }).end();
        return;
      }
      file = join(file, 'index.html');
    }
    if (!existsSync(file)) {
      const notFound = join(dir, '404.html');
      response.writeHead(404, { 'Content-Type': types['.html'] as string });
      response.end(existsSync(notFound) ? readFileSync(notFound) : 'Not found');
      return;
    }
    response.writeHead(200, {
      'Content-Type': types[extname(file)] ?? 'application/octet-stream',
    });
    response.end(readFileSync(file));
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  const origin = `http://127.0.0.1:${port}`;
  return {
    origin,
    root: `${origin}${base}`,
    close: () => new Promise<void>((done) => server.close(() => done())),
  };
}

/** Every page URL listed in the built sitemap, moved onto the test server's origin. */
export function sitemapUrls(dir: string, server: StaticServer): string[] {
  const index = readFileSync(join(dir, 'sitemap-index.xml'), 'utf8');
  const parts = [...index.matchAll(/<loc>([^<]+)<\/loc>/g)].map((match) => match[1] as string);
  return parts.flatMap((part) => {
    const name = new URL(part).pathname.split('/').pop() as string;
    const xml = readFileSync(join(dir, name), 'utf8');
    return [...xml.matchAll(/<loc>([^<]+)<\/loc>/g)].map((match) => {
      const url = new URL(match[1] as string);
      return `${server.origin}${url.pathname}`;
    });
  });
}
