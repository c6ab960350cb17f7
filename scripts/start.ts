/**
 * `npm start`: the embedded default. Prepares a dedicated clone of the repository for
 * the CMS, starts decap-server on it (git mode, loopback only) and the Astro dev server
 * with that clone as its root, so the site shows exactly what the CMS has published.
 *
 * Usable as a module (`startAll`) so tests can start and stop the same thing.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { freePort, waitFor } from './cms/net.ts';
import { prepareCmsRepo } from './cms/repo.ts';

const projectRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');

export interface StartOptions {
  /** Repository the CMS clone is made from (default: this project). */
  source?: string;
  /** Where the CMS clone lives (default: `.tmp/cms-repo` in the project). */
  repoDir?: string;
  /** Port of the site (default: `PORT`, else the first free port from 4321). */
  sitePort?: number;
  /** Port of decap-server (default: `CMS_PROXY_PORT`, else the first free port from 8081). */
  proxyPort?: number;
  /** Receives the servers' output; silent by default. */
  log?: (line: string) => void;
}

export interface Running {
  siteUrl: string;
  adminUrl: string;
  proxyUrl: string;
  repoDir: string;
  stop(): Promise<void>;
}

const HOST = '127.0.0.1';

function portFromEnv(name: string): number | undefined {
  const raw = process.env[name];
  if (!raw) return undefined;
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    throw new Error(`Biến môi trường ${name}="${raw}" không phải số cổng hợp lệ (1–65535).`);
  }
  return port;
}

function launch(
  name: string,
  args: string[],
  env: NodeJS.ProcessEnv,
  cwd: string,
  log?: (line: string) => void,
): ChildProcess {
  // Own process group, so stopping also ends anything the server started itself.
  const child = spawn(process.execPath, args, {
    cwd,
    env,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const forward = (chunk: Buffer) => {
    for (const line of chunk.toString().split('\n')) if (line.trim()) log?.(`[${name}] ${line}`);
  };
  child.stdout?.on('data', forward);
  child.stderr?.on('data', forward);
  return child;
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) return;
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  const signal = (sig: NodeJS.Signals) => {
    try {
      process.kill(-(child.pid as number), sig);
    } catch {
      // Already gone.
    }
  };
  signal('SIGTERM');
  const timer = setTimeout(() => signal('SIGKILL'), 5000);
  await exited;
  clearTimeout(timer);
}

async function proxyAnswers(url: string): Promise<boolean> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ action: 'info' }),
  });
  return response.ok;
}

async function siteAnswers(url: string): Promise<boolean> {
  const response = await fetch(url);
  return response.status < 500;
}

export async function startAll(options: StartOptions = {}): Promise<Running> {
  const repoDir = resolve(options.repoDir ?? join(projectRoot, '.tmp', 'cms-repo'));
  const source = resolve(options.source ?? projectRoot);
  await prepareCmsRepo({ source, dir: repoDir, log: options.log });

  const proxyPort = options.proxyPort ?? portFromEnv('CMS_PROXY_PORT') ?? (await freePort(8081));
  const sitePort = options.sitePort ?? portFromEnv('PORT') ?? (await freePort(4321));
  const proxyUrl = `http://${HOST}:${proxyPort}/api/v1`;
  const siteUrl = `http://${HOST}:${sitePort}/`;

  const children: ChildProcess[] = [];
  const stop = async () => {
    await Promise.all(children.map(stopChild));
  };
  try {
    const proxyEnv = {
      ...process.env,
      MODE: 'git',
      GIT_REPO_DIRECTORY: repoDir,
      PORT: String(proxyPort),
      BIND_HOST: HOST,
      LOG_LEVEL: process.env.CMS_LOG_LEVEL ?? 'warn',
    };
    const proxy = launch(
      'decap-server',
      [join(projectRoot, 'node_modules', 'decap-server', 'dist', 'index.js')],
      proxyEnv,
      repoDir,
      options.log,
    );
    children.push(proxy);
    await waitFor(() => proxyAnswers(proxyUrl), {
      timeoutMs: 30_000,
      what: 'máy chủ CMS (decap-server)',
      process: proxy,
    });

    // The clone is the site's root: its content is what the CMS published on `main`.
    const siteEnv: NodeJS.ProcessEnv = {
      ...process.env,
      PUBLIC_CMS_PROXY_URL: proxyUrl,
      BASE_PATH: '',
    };
    delete siteEnv.PORT;
    const site = launch(
      'astro',
      [
        join(projectRoot, 'node_modules', 'astro', 'bin', 'astro.mjs'),
        'dev',
        '--root',
        repoDir,
        '--host',
        HOST,
        '--port',
        String(sitePort),
      ],
      siteEnv,
      repoDir,
      options.log,
    );
    children.push(site);
    await waitFor(() => siteAnswers(siteUrl), {
      timeoutMs: 120_000,
      what: 'máy chủ trang web (Astro)',
      process: site,
    });
  } catch (error) {
    await stop();
    throw error;
  }
  return { siteUrl, adminUrl: `${siteUrl}admin/`, proxyUrl, repoDir, stop };
}

async function main(): Promise<void> {
  const verbose = process.argv.includes('--verbose');
  console.log('Đang chuẩn bị kho nội dung cho trang quản trị và khởi động máy chủ…');
  let running: Running;
  try {
    running = await startAll({ log: verbose ? (line) => console.log(line) : undefined });
  } catch (error) {
    console.error(
      `Không khởi động được: ${error instanceof Error ? error.message : String(error)}`,
    );
    process.exit(1);
  }
  const shown = relative(projectRoot, running.repoDir) || running.repoDir;
  console.log(
    [
      '',
      'Kho sáng kiến CCHC đang chạy trên máy này:',
      `  Trang công khai:   ${running.siteUrl}`,
      `  Trang quản trị:    ${running.adminUrl}`,
      `  Kho nội dung CMS:  ${shown} (nhánh main; bài nộp nằm ở các nhánh cms/…)`,
      '',
      'Bấm Ctrl+C để dừng.',
    ].join('\n'),
  );
  let stopping = false;
  const shutdown = async () => {
    if (stopping) return;
    stopping = true;
    console.log('\nĐang dừng các máy chủ…');
    await running.stop();
    console.log('Đã dừng.');
    process.exit(0);
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  if (!existsSync(join(projectRoot, 'node_modules', 'decap-server'))) {
    console.error('Thiếu thư viện: hãy chạy "npm install" trước.');
    process.exit(1);
  }
  await main();
}
