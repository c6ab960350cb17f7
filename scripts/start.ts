/**
 * `npm start`: the embedded default. Prepares a dedicated clone of the repository for
 * the CMS (with a practice campaign open today when it has none, scripts/cms/practice.ts),
 * starts decap-server on it (git mode, loopback only, restarted if it dies) behind the
 * project's gate (scripts/cms/gate.ts), and serves the real build of a mirror of that
 * clone's `main` (scripts/cms/site-build.ts: pages, attachments, search, the production
 * admin) with the project's static server, built again after each publish.
 *
 * The admin comes first: when nothing is built yet, its bundle alone (scripts/cms/admin-build.ts,
 * kept per admin key) is made while decap-server starts, and served as soon as both are
 * there; the pages and the search index are built after it, in the background, while the
 * site's address says they are on their way, and switched in once complete.
 *
 * Usable as a module (`startAll`) so tests can start and stop the same thing.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { formatDate } from '../src/core/dates.ts';
import { guardTerminal } from '../src/core/terminal.ts';
import { type StaticServer, serveStatic } from './build/static-server.ts';
import { adminsDir, buildAdmin, completedAdmin, pruneAdmins } from './cms/admin-build.ts';
import { buildsStopped } from './cms/build-child.ts';
import { type Gate, startGate } from './cms/gate.ts';
import { freePort, waitFor } from './cms/net.ts';
import {
  ensurePracticeCampaign,
  PRACTICE_CAMPAIGN,
  PRACTICE_PATH,
  PRACTICE_TITLE,
  type PracticeOutcome,
} from './cms/practice.ts';
import { prepareCmsRepo, prepareSiteMirror, syncSiteMirror, watchMain } from './cms/repo.ts';
import {
  adminAssets,
  adminKey,
  adminKeyOf,
  buildEnv,
  buildKey,
  buildLocalSite,
  completedBuild,
  pruneBuilds,
} from './cms/site-build.ts';
import { isMain, readCommandLine } from './lib/cli.ts';

const projectRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');

export interface StartOptions {
  /** Repository the CMS clone is made from (default: this project). */
  source?: string;
  /** Where the CMS clone lives (default: `.tmp/cms-repo` in the project). */
  repoDir?: string;
  /** The site's mirror of the clone's `main` (default: the clone's path plus `-site`); its builds go to `<siteDir>-builds/`. */
  siteDir?: string;
  /** Port of the site (default: `PORT`, else the first free port from 4321). */
  sitePort?: number;
  /**
   * Port of the admin's backend, the gate in front of decap-server (default: `CMS_PROXY_PORT`,
   * else the first free port from 8081); decap-server itself takes the next free one.
   */
  proxyPort?: number;
  /** Receives the servers' output; silent by default. */
  log?: (line: string) => void;
  /** Messages for the person running it: a decap-server restart, a rebuilt site (`npm start` prints them). */
  notify?: (line: string) => void;
  /** decap-server keeps dying and will not be restarted again. */
  onFatal?: (message: string) => void;
  /** Called with the new build's folder once the site serves it after a publish. */
  onSiteUpdated?: (buildDir: string) => void;
  /** "Today" (YYYY-MM-DD) for the practice campaign and the gate; default: the real date. */
  today?: string;
}

export interface Running {
  siteUrl: string;
  adminUrl: string;
  proxyUrl: string;
  repoDir: string;
  siteDir: string;
  /** What was done so that a campaign is open today (the practice campaign, or a real one). */
  practice: PracticeOutcome;
  /** The build being served (the admin bundle alone until the site's first build is done). */
  buildDir(): string;
  /** Settles once the site's pages are served (at once when a complete build was there). */
  siteReady: Promise<void>;
  /** The site's first build is still running (its address says so meanwhile). */
  siteBuilding(): boolean;
  decapServerPid(): number | undefined;
  stop(): Promise<void>;
}

const HOST = '127.0.0.1';

/**
 * The environment for a server or build started from here, without what a calling test
 * runner sets (NODE_ENV=test makes Vite bundle React's development build, VITEST…).
 */
export function childEnv(): NodeJS.ProcessEnv {
  const env = { ...process.env };
  for (const name of Object.keys(env)) {
    if (name === 'NODE_ENV' || name.startsWith('VITEST')) delete env[name];
  }
  return env;
}

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

export interface Server {
  url: string;
  stop(): Promise<void>;
}

/** Restarts of a dying decap-server within this window before `npm start` gives up. */
const RESTART_WINDOW_MS = 60_000;
const MAX_RESTARTS = 3;

export interface ProxyServer extends Server {
  /** decap-server's process id (it is restarted under a new one if it dies). */
  decapServerPid(): number | undefined;
}

/**
 * decap-server in git mode on `repoDir`, on a loopback port of its own, behind the
 * project's gate (scripts/cms/gate.ts) on `port`: the address the admin is given is the
 * gate's, so every save, status change and publish passes the project's rules first.
 *
 * decap-server is watched: when it dies, `notify` says so in Vietnamese and it is started
 * again on the same port (requests wait for it at the gate); when it dies more than
 * three times in a minute, `notify` says why and `onFatal` is called.
 */
export async function startProxy(options: {
  repoDir: string;
  port: number;
  log?: (line: string) => void;
  /** Messages for the person running it (always shown by `npm start`). */
  notify?: (line: string) => void;
  /** decap-server keeps dying: the caller stops. */
  onFatal?: (message: string) => void;
  /** "Today" for the gate's deadline rule (YYYY-MM-DD); default: the real date. */
  today?: string;
}): Promise<ProxyServer> {
  const internalPort = await freePort(options.port + 1);
  const upstream = `http://${HOST}:${internalPort}/api/v1`;
  const env = {
    ...childEnv(),
    MODE: 'git',
    GIT_REPO_DIRECTORY: options.repoDir,
    PORT: String(internalPort),
    BIND_HOST: HOST,
    LOG_LEVEL: process.env.CMS_LOG_LEVEL ?? 'warn',
  };
  const entry = join(projectRoot, 'node_modules', 'decap-server', 'dist', 'index.js');
  let stopping = false;
  let child: ChildProcess;
  const restarts: number[] = [];
  /** Settles when decap-server answers (again). */
  let ready: Promise<void>;

  const boot = (): Promise<void> => {
    child = launch('decap-server', [entry], env, options.repoDir, options.log);
    const current = child;
    ready = waitFor(() => proxyAnswers(upstream), {
      timeoutMs: 30_000,
      what: 'máy chủ nội dung (decap-server)',
      process: current,
    });
    ready.catch(() => {});
    current.once('exit', (code, signal) => {
      if (stopping) return;
      const now = Date.now();
      restarts.push(now);
      while (restarts.length > 0 && (restarts[0] as number) < now - RESTART_WINDOW_MS) {
        restarts.shift();
      }
      const how = signal ? `tín hiệu ${signal}` : `mã thoát ${code}`;
      if (restarts.length > MAX_RESTARTS) {
        const message = `Máy chủ nội dung (decap-server) đã dừng ${restarts.length} lần trong một phút (lần cuối: ${how}); dừng "npm start". Chạy lại với "npm start -- --verbose" để xem nguyên nhân.`;
        options.notify?.(message);
        ready = Promise.reject(new Error(message));
        ready.catch(() => {});
        options.onFatal?.(message);
        return;
      }
      options.notify?.(
        `Máy chủ nội dung (decap-server) đã dừng bất ngờ (${how}). Đang khởi động lại; trong lúc đó trang quản trị chờ, không mất bài đã lưu.`,
      );
      void boot().then(
        () =>
          options.notify?.(
            'Đã khởi động lại máy chủ nội dung (decap-server); trang quản trị dùng tiếp được.',
          ),
        (error) => {
          const message = `Không khởi động lại được máy chủ nội dung (decap-server): ${error instanceof Error ? error.message : String(error)}`;
          options.notify?.(message);
          options.onFatal?.(message);
        },
      );
    });
    return ready;
  };
  const stopServer = async () => {
    stopping = true;
    await stopChild(child);
  };
  try {
    await boot();
  } catch (error) {
    await stopServer();
    throw error;
  }
  let gate: Gate;
  try {
    gate = await startGate({
      upstream: `http://${HOST}:${internalPort}`,
      repoDir: options.repoDir,
      port: options.port,
      today: options.today,
      log: options.log,
      upstreamReady: async () => {
        // A request may find it gone before its exit is noticed (and its restart begun).
        const current = child;
        if (current.exitCode === null && current.signalCode === null) {
          await new Promise<void>((done) => {
            const timer = setTimeout(done, 2000);
            current.once('exit', () => {
              clearTimeout(timer);
              done();
            });
          });
        }
        await ready;
      },
    });
  } catch (error) {
    await stopServer();
    throw new Error(
      `Không mở được cổng kiểm tra của trang quản trị trên ${HOST}:${options.port} (${error instanceof Error ? error.message : String(error)}).`,
    );
  }
  return {
    url: gate.url,
    decapServerPid: () => child.pid,
    stop: async () => {
      stopping = true;
      await gate.stop();
      await stopServer();
    },
  };
}

/** Rebuild after each publish; a publish during a build is built right after it. */
function rebuilder(build: () => Promise<void>): () => void {
  let running = false;
  let again = false;
  const loop = async () => {
    running = true;
    do {
      again = false;
      await build();
    } while (again);
    running = false;
  };
  return () => {
    if (running) again = true;
    else void loop();
  };
}

export async function startAll(options: StartOptions = {}): Promise<Running> {
  const repoDir = resolve(options.repoDir ?? join(projectRoot, '.tmp', 'cms-repo'));
  const siteDir = resolve(options.siteDir ?? `${repoDir}-site`);
  const source = resolve(options.source ?? projectRoot);
  const notify = options.notify ?? (() => {});
  await prepareCmsRepo({ source, dir: repoDir, log: options.log, practicePath: PRACTICE_PATH });
  const practice = await ensurePracticeCampaign({ repoDir, today: options.today });
  if (practice.kind === 'skipped') {
    notify(
      `Chưa tạo được đợt thử nghiệm (${practice.reason}): biểu mẫu chỉ nhận bài khi có đợt đang mở.`,
    );
  }
  await prepareSiteMirror({ repoDir, siteDir });

  const proxyPort = options.proxyPort ?? portFromEnv('CMS_PROXY_PORT') ?? (await freePort(8081));
  const env = buildEnv(`http://${HOST}:${proxyPort}/api/v1`);
  const sitePort = options.sitePort ?? portFromEnv('PORT') ?? (await freePort(4321));

  const aborts = new AbortController();
  // The admin is bundled (or found) while decap-server starts; the site waits for it.
  const firstKey = await buildKey(siteDir, env);
  const built = completedBuild(siteDir, firstKey);
  /** The admin bundle for the mirror's current `main`, bundled when missing. */
  const adminFor = async (): Promise<{ dir: string; reused: boolean }> => {
    const key = await adminKey(siteDir, env);
    const done = completedAdmin(siteDir, key);
    if (done) return { dir: done, reused: true };
    const dir = await buildAdmin({ siteDir, key, env, signal: aborts.signal, log: options.log });
    return { dir, reused: false };
  };
  if (!built) notify('Đang dựng trang quản trị (lần đầu, hoặc mã hay danh mục đã đổi)…');
  const firstAdmin = built ? undefined : adminFor();
  firstAdmin?.catch(() => {});
  let stopped = false;
  const proxy = await startProxy({
    repoDir,
    port: proxyPort,
    log: options.log,
    notify,
    onFatal: options.onFatal,
    today: options.today,
  }).catch(async (error) => {
    aborts.abort();
    await firstAdmin?.catch(() => {});
    throw error;
  });
  let current: string;
  let server: StaticServer;
  try {
    current = built ?? (await (firstAdmin as Promise<{ dir: string }>)).dir;
    server = await serveStatic(current, '/', { port: sitePort, brotli: true, fresh: true });
  } catch (error) {
    aborts.abort();
    await proxy.stop();
    throw new Error(
      `Không dựng hoặc không phục vụ được trang quản trị: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  server.prime(adminAssets(current));
  const adminDir = (dir: string) => join(adminsDir(siteDir), adminKeyOf(dir) ?? '');
  /** Serve `next` from now on, keeping only it, the build before it, and their admin bundle. */
  const switchTo = async (next: string) => {
    server.setDir(next);
    server.prime(adminAssets(next));
    const previous = current;
    current = next;
    await pruneBuilds(siteDir, [current, previous]);
    await pruneAdmins(siteDir, [adminDir(current)]);
  };

  // The first build of the pages and the search index, once the admin is served.
  const siteReady: Promise<void> = built
    ? pruneBuilds(siteDir, [built])
    : (async () => {
        const started = performance.now();
        notify('Trang quản trị đã dùng được; đang dựng trang công khai và chỉ mục tìm kiếm…');
        const admin = current;
        const dir = await buildLocalSite({
          siteDir,
          key: firstKey,
          env,
          admin,
          signal: aborts.signal,
          log: options.log,
        });
        if (stopped) return;
        await switchTo(dir);
        const seconds = ((performance.now() - started) / 1000).toFixed(1);
        notify(
          `Trang công khai đã dựng xong (${seconds.replace('.', ',')} giây): các trang, tệp đính kèm và tìm kiếm đã dùng được.`,
        );
      })();
  let siteBuilding = !built;
  siteReady.then(
    () => {
      siteBuilding = false;
    },
    () => {},
  );
  siteReady.catch((error) => {
    if (stopped) return;
    notify(
      `Không dựng được trang công khai; trang quản trị vẫn dùng được, trang sẽ được dựng lại sau lần công bố tới. ${error instanceof Error ? error.message : String(error)}`,
    );
  });

  // Publishing moves the clone's `main`: the site is built again and then switched to.
  const rebuild = rebuilder(async () => {
    await siteReady.catch(() => {});
    if (stopped) return;
    const started = performance.now();
    try {
      await syncSiteMirror({ repoDir, siteDir });
      const key = await buildKey(siteDir, env);
      const done = completedBuild(siteDir, key);
      let adminReused = true;
      let next = done;
      if (!next) {
        const admin = await adminFor();
        adminReused = admin.reused;
        next = await buildLocalSite({
          siteDir,
          key,
          env,
          admin: admin.dir,
          signal: aborts.signal,
          log: options.log,
        });
      }
      if (stopped) return;
      await switchTo(next);
      const seconds = ((performance.now() - started) / 1000).toFixed(1);
      notify(
        `Trang web đã cập nhật theo nội dung vừa công bố (dựng lại trong ${seconds.replace('.', ',')} giây${adminReused ? '; trang quản trị không đổi, dùng lại bản trước' : '; dựng lại cả trang quản trị'}).`,
      );
      options.onSiteUpdated?.(current);
    } catch (error) {
      if (stopped) return;
      notify(
        `Không dựng lại được trang web sau lần công bố vừa rồi; trang vẫn hiện bản trước. ${error instanceof Error ? error.message : String(error)}`,
      );
    }
  });
  const unwatch = watchMain(repoDir, async () => rebuild());
  const siteUrl = `${server.origin}/`;
  return {
    siteUrl,
    adminUrl: `${siteUrl}admin/`,
    proxyUrl: proxy.url,
    repoDir,
    siteDir,
    practice,
    buildDir: () => current,
    siteReady,
    siteBuilding: () => siteBuilding,
    decapServerPid: () => proxy.decapServerPid(),
    stop: async () => {
      stopped = true;
      unwatch();
      aborts.abort();
      await Promise.all([server.close(), proxy.stop(), buildsStopped()]);
    },
  };
}

async function main(): Promise<void> {
  const verbose = process.argv.includes('--verbose');
  const started = performance.now();
  console.log('Đang chuẩn bị kho nội dung cho trang quản trị và khởi động máy chủ…');
  let running: Running | undefined;
  let stopping = false;
  const shutdown = async (code = 0) => {
    if (stopping) return;
    stopping = true;
    console.log('\nĐang dừng các máy chủ…');
    await running?.stop();
    console.log('Đã dừng.');
    process.exit(code);
  };
  try {
    running = await startAll({
      log: verbose ? (line) => console.log(line) : undefined,
      notify: (line) => console.log(`[kho] ${line}`),
      onFatal: () => void shutdown(1),
    });
  } catch (error) {
    console.error(
      `Không khởi động được: ${error instanceof Error ? error.message : String(error)}`,
    );
    process.exit(1);
  }
  const shown = relative(projectRoot, running.repoDir) || running.repoDir;
  const practice =
    running.practice.kind === 'created' || running.practice.kind === 'redated'
      ? [
          `  Đợt để thử gửi bài: “${PRACTICE_TITLE}”, mở tới ${formatDate(running.practice.deadline)};`,
          '  đợt này chỉ có trong bản sao trên máy này, không thuộc nội dung thật của kho.',
        ]
      : running.practice.kind === 'open-campaign' && running.practice.id === PRACTICE_CAMPAIGN
        ? [`  Đợt để thử gửi bài: “${PRACTICE_TITLE}” (chỉ có trên máy này).`]
        : [];
  console.log(
    [
      '',
      `Kho sáng kiến CCHC đang chạy trên máy này (sẵn sàng sau ${((performance.now() - started) / 1000).toFixed(1).replace('.', ',')} giây):`,
      `  Trang công khai:   ${running.siteUrl}${running.siteBuilding() ? ' (đang dựng; báo khi xong)' : ''}`,
      `  Trang quản trị:    ${running.adminUrl}`,
      `  Kho nội dung CMS:  ${shown} (nhánh main; bài nộp nằm ở các nhánh cms/…)`,
      ...practice,
      '',
      'Bấm Ctrl+C để dừng.',
    ].join('\n'),
  );
  process.on('SIGINT', () => void shutdown());
  process.on('SIGTERM', () => void shutdown());
  process.on('SIGHUP', () => void shutdown());
  // `npm start` does not pass SIGTERM on to its script: when npm is gone, stop rather than linger.
  const parent = process.ppid;
  setInterval(() => {
    if (process.ppid !== parent) void shutdown();
  }, 1000).unref();
}

const HELP = `Cách dùng: npm start [-- --verbose]

Chạy Kho sáng kiến CCHC trên máy này, không cần GitHub: tạo một bản sao git riêng của kho cho
trang quản trị (.tmp/cms-repo), chạy decap-server (chỉ nghe trên 127.0.0.1), dựng trang công
khai thật từ nhánh main của bản sao đó và dựng lại sau mỗi lần công bố, rồi in địa chỉ của
trang công khai và trang quản trị. Khi không có đợt nào đang mở, bản sao (và chỉ bản sao đó)
có thêm một đợt để thử gửi bài. Bấm Ctrl+C để dừng.

  --verbose    in cả nhật ký của decap-server và của các lần dựng
  -h, --help   in hướng dẫn này

Mã thoát: 0 khi dừng bằng Ctrl+C; 1 khi không khởi động được; 2 khi tham số sai.`;

if (isMain(import.meta)) {
  // Before anything starts: "npm start -- --help" used to start every server.
  const parsed = readCommandLine(
    () =>
      parseArgs({
        args: process.argv.slice(2),
        options: { verbose: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } },
      }),
    HELP,
  );
  if (typeof parsed === 'number') process.exit(parsed);
  if (!existsSync(join(projectRoot, 'node_modules', 'decap-server'))) {
    console.error('Thiếu thư viện: hãy chạy "npm install" trước.');
    process.exit(1);
  }
  guardTerminal();
  await main();
}
