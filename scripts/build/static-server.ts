/**
 * A minimal static server for a built site, under a base path, the way GitHub
 * Pages serves a project site: directories serve index.html, unknown paths the
 * site's 404.html, text is gzipped like any real host does. The headers of a
 * `_headers` file in the site are sent the way Netlify and Cloudflare Pages do.
 *
 * `npm start` serves its local build with it too (options `port`, `brotli`, `fresh`,
 * and `setDir` to switch to a new build once it is complete).
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { extname, join, normalize } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

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
  '.txt': 'text/plain; charset=utf-8',
  '.docx': 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  '.xlsx': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  '.pptx': 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
  '.odt': 'application/vnd.oasis.opendocument.text',
  '.ods': 'application/vnd.oasis.opendocument.spreadsheet',
  '.odp': 'application/vnd.oasis.opendocument.presentation',
  '.jpeg': 'image/jpeg',
};

interface HeaderRule {
  path: string;
  headers: [string, string][];
}

/**
 * The rules of a `_headers` file: a path (a final `*` matches any rest), then indented
 * `Name: value` lines.
 */
export function readHeaderRules(text: string): HeaderRule[] {
  const rules: HeaderRule[] = [];
  for (const line of text.split(/\r?\n/)) {
    if (line.trim() === '' || line.trimStart().startsWith('#')) continue;
    if (!/^\s/.test(line)) {
      rules.push({ path: line.trim(), headers: [] });
      continue;
    }
    const match = /^\s+([^:\s]+):\s*(.*)$/.exec(line);
    if (match) rules.at(-1)?.headers.push([match[1] as string, (match[2] as string).trim()]);
  }
  return rules;
}

/** Headers for one path: every matching rule, one value joined with commas (as Cloudflare does). */
export function headersFor(rules: readonly HeaderRule[], path: string): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const rule of rules) {
    const matches = rule.path.endsWith('*')
      ? path.startsWith(rule.path.slice(0, -1))
      : path === rule.path;
    if (!matches) continue;
    for (const [name, value] of rule.headers) {
      const key = name.toLowerCase();
      headers[key] = headers[key] ? `${headers[key]}, ${value}` : value;
    }
  }
  return headers;
}

export interface StaticServer {
  origin: string;
  /** Origin plus base path, ending with a slash. */
  root: string;
  /** Bytes sent (headers and body, as on the wire) since the start or the last reset. */
  bytesSent(): number;
  resetBytes(): void;
  /** Serve another (complete) build from now on. */
  setDir(dir: string): void;
  /** Compress these files ahead of their first request (with `brotli`). */
  prime(paths: readonly string[]): void;
  close(): Promise<void>;
}

export interface ServeOptions {
  /** Port to listen on (default: any free port). */
  port?: number;
  /** Brotli for clients that accept it (gzip otherwise), compressed once per file version. */
  brotli?: boolean;
  /** Pages are checked again on every visit (a local site that is rebuilt after each publish). */
  fresh?: boolean;
}

const COMPRESSIBLE = /^(text\/|application\/(json|xml|javascript))/;

/** Compressed bodies by file, encoding, size and modification time. */
type Compressed = Map<string, Buffer>;

function compressedBody(cache: Compressed, file: string, encoding: 'br' | 'gzip', body: Buffer) {
  const { size, mtimeMs } = statSync(file);
  const key = `${encoding}:${size}:${mtimeMs}:${file}`;
  let out = cache.get(key);
  if (!out) {
    out =
      encoding === 'br'
        ? brotliCompressSync(body, {
            params: {
              // Quality 5: 0.4 s for the 3.7 MB admin script, within 10 % of quality 9.
              [constants.BROTLI_PARAM_QUALITY]: 5,
              [constants.BROTLI_PARAM_SIZE_HINT]: body.length,
            },
          })
        : gzipSync(body);
    cache.set(key, out);
  }
  return out;
}

export async function serveStatic(
  initialDir: string,
  base = '/',
  options: ServeOptions = {},
): Promise<StaticServer> {
  let sent = 0;
  let dir = initialDir;
  const compressed: Compressed = new Map();
  const rulesOf = (folder: string) => {
    const headerFile = join(folder, '_headers');
    return existsSync(headerFile) ? readHeaderRules(readFileSync(headerFile, 'utf8')) : [];
  };
  let rules = rulesOf(dir);
  const server: Server = createServer((request, response) => {
    response.on('finish', () => {
      const headers = Object.entries(response.getHeaders())
        .map(([name, value]) => `${name}: ${String(value)}\r\n`)
        .join('');
      sent += Buffer.byteLength(`HTTP/1.1 ${response.statusCode}\r\n${headers}\r\n`);
    });
    const url = new URL(request.url ?? '/', 'http://localhost');
    for (const [name, value] of Object.entries(headersFor(rules, url.pathname))) {
      response.setHeader(name, value);
    }
    let path: string;
    try {
      path = decodeURIComponent(url.pathname);
    } catch {
      response.writeHead(400).end();
      return;
    }
    if (!path.startsWith(base)) {
      response.writeHead(404).end();
      return;
    }
    path = `/${path.slice(base.length)}`;
    const root = dir;
    let file = normalize(join(root, path));
    if (!file.startsWith(root)) {
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
      const notFound = join(root, '404.html');
      response.writeHead(404, { 'Content-Type': types['.html'] as string });
      response.end(existsSync(notFound) ? readFileSync(notFound) : 'Not found');
      return;
    }
    const type = types[extname(file)] ?? 'application/octet-stream';
    const body = readFileSync(file);
    const accepted = String(request.headers['accept-encoding'] ?? '');
    const encoding = !COMPRESSIBLE.test(type)
      ? undefined
      : options.brotli && /\bbr\b/.test(accepted)
        ? 'br'
        : /\bgzip\b/.test(accepted)
          ? 'gzip'
          : undefined;
    // Hashed build assets never change; a fresh site's pages and files are asked for again.
    const cache = !options.fresh
      ? 'public, max-age=3600'
      : path.includes('/_astro/')
        ? 'public, max-age=31536000, immutable'
        : 'no-cache';
    response.writeHead(200, {
      'Content-Type': type,
      'Cache-Control': cache,
      ...(encoding ? { 'Content-Encoding': encoding, Vary: 'Accept-Encoding' } : {}),
    });
    const payload = !encoding
      ? body
      : options.brotli
        ? compressedBody(compressed, file, encoding, body)
        : gzipSync(body);
    sent += payload.length;
    response.end(payload);
  });
  await new Promise<void>((done, fail) => {
    server.once('error', fail);
    server.listen(options.port ?? 0, '127.0.0.1', () => done());
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  const origin = `http://127.0.0.1:${port}`;
  return {
    origin,
    root: `${origin}${base}`,
    bytesSent: () => sent,
    resetBytes: () => {
      sent = 0;
    },
    setDir: (next) => {
      dir = next;
      rules = rulesOf(next);
      compressed.clear();
    },
    prime: (paths) => {
      for (const path of paths) {
        const file = join(dir, path);
        if (!existsSync(file)) continue;
        const body = readFileSync(file);
        compressedBody(compressed, file, 'br', body);
        compressedBody(compressed, file, 'gzip', body);
      }
    },
    close: () =>
      new Promise<void>((done) => {
        server.close(() => done());
        server.closeAllConnections();
      }),
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
