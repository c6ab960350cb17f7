/**
 * The project's gate in front of decap-server. decap-server has no rules of its own: it
 * answers any Host header, commits any path of its repository a request names, moves an
 * entry to "ready" and merges it into `main` whatever it holds. The admin talks to this
 * small proxy instead, which
 *
 * - answers only requests addressed to the loopback address and port it serves (a page
 *   elsewhere on the web cannot reach it through a DNS name that resolves to 127.0.0.1);
 * - lets a save write only inside `content/` on the entry's own branch (uploads may also go
 *   to the media library's folder), and the media library only files of an attachment
 *   type inside its folder; never a commit straight onto `main` that skips the review;
 * - refuses to move an entry to "Sẵn sàng công bố" (pending_publish), and to publish one,
 *   when the validator — the real `validate()`, on a temporary worktree of the entry's
 *   branch, checked as a pull request would be — reports an error.
 *
 * Every request that touches git (all but `info`) is passed on one at a time. decap-server
 * runs its git operations under a lock that gives up after 3 s with a bare 500 "Unknown
 * error": ten people saving at once, or a read arriving during a slow save, would otherwise
 * fail; queued here, each request finds the lock free. While `npm start` restarts a
 * decap-server that died, requests wait for it instead of failing.
 *
 * Everything else is passed on unchanged. Refusals are HTTP 4xx with `{ error }`, the shape
 * decap-cms-backend-proxy turns into the message the admin shows.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import {
  createServer,
  type IncomingHttpHeaders,
  type IncomingMessage,
  request,
  type ServerResponse,
} from 'node:http';
import { tmpdir } from 'node:os';
import { join, posix } from 'node:path';
import { promisify } from 'node:util';
import { CONTENT_ROOT, collections } from '../../src/model/collections.ts';
import { attachmentTypeOf } from '../../src/schemas/index.ts';
import { validate } from '../../src/validator/index.ts';
import {
  type GatedStep,
  type LocatedProblem,
  refusalMessage,
} from '../../src/validator/refusal.ts';

const run = promisify(execFile);

/** The admin's global media library (`media_folder` in src/admin/config.ts). */
export const MEDIA_FOLDER = 'public/media';

/** decap-server accepts 50 MB of JSON; a little more here, so its own refusal still applies. */
const MAX_BODY = 60 * 1024 * 1024;

/** Decap's label for the last workflow state (git config `branch.<name>.description`). */
const READY_LABEL = 'decap-cms/pending_publish';

/** Origins decap-server's CORS rule accepts; refusals carry the same header. */
const LOOPBACK_ORIGIN = /^https?:\/\/(?:localhost|127\.0\.0\.1)(?::\d+)?$/;

export interface GateOptions {
  /** decap-server's address, e.g. `http://127.0.0.1:8082`. */
  upstream: string;
  /** The CMS clone decap-server works on. */
  repoDir: string;
  /** Loopback port the gate listens on. */
  port: number;
  /** The branch entries are published into. */
  base?: string;
  /** "Today" for the campaign deadline (YYYY-MM-DD); default: the real date in Vietnam. */
  today?: string;
  /**
   * Resolves when decap-server answers again after a restart (rejects when it will not):
   * a request that finds it gone waits for this once instead of failing.
   */
  upstreamReady?: () => Promise<void>;
  log?: (line: string) => void;
}

export interface Gate {
  url: string;
  stop(): Promise<void>;
}

class Refusal extends Error {
  readonly status: number;
  constructor(status: number, message: string) {
    super(message);
    this.status = status;
  }
}

interface ActionBody {
  action?: unknown;
  params?: Record<string, unknown>;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A repository path a request may name: relative, forward slashes, no `..`, no oddities. */
function cleanPath(path: unknown): string | undefined {
  if (typeof path !== 'string' || path === '' || path.length > 500) return undefined;
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is refused
  if (/[\\\u0000-\u001f]/.test(path) || path.startsWith('/')) return undefined;
  if (path.split('/').some((part) => part === '..' || part === '.' || part === ''))
    return undefined;
  return posix.normalize(path) === path ? path : undefined;
}

function inside(path: string, folder: string): boolean {
  return path.startsWith(`${folder}/`);
}

function refusePath(path: unknown, where: string): never {
  throw new Refusal(
    422,
    `Không ghi được “${String(path)}”: trang quản trị chỉ được ghi vào ${where}.`,
  );
}

/**
 * A save on an entry's branch: its files inside `content/`; uploads beside them, or in the
 * media library's folder for collections that keep their images there (campaigns).
 */
function checkEntryPaths(params: Record<string, unknown>): void {
  const options = isRecord(params.options) ? params.options : {};
  if (options.useWorkflow !== true) {
    throw new Refusal(
      422,
      'Trang quản trị chỉ lưu bài lên nhánh riêng của bài (quy trình xét duyệt), không ghi thẳng vào nhánh chính.',
    );
  }
  const files = [
    ...(Array.isArray(params.dataFiles) ? params.dataFiles : []),
    ...(isRecord(params.entry) ? [params.entry] : []),
  ];
  const paths: unknown[] = [];
  for (const file of files) {
    if (!isRecord(file)) throw new Refusal(422, 'Yêu cầu lưu bài không hợp lệ.');
    paths.push(file.path);
    if (file.newPath !== undefined) paths.push(file.newPath);
  }
  for (const path of paths) {
    const clean = cleanPath(path);
    if (!clean || !inside(clean, CONTENT_ROOT)) refusePath(path, `thư mục ${CONTENT_ROOT}/`);
  }
  for (const asset of Array.isArray(params.assets) ? params.assets : []) {
    const path = isRecord(asset) ? asset.path : undefined;
    const clean = cleanPath(path);
    if (clean && inside(clean, MEDIA_FOLDER)) checkMediaPath(clean);
    else if (!clean || !inside(clean, CONTENT_ROOT)) refusePath(path, `thư mục ${CONTENT_ROOT}/`);
  }
}

/** The media library commits straight onto the base branch: only attachment files, in its folder. */
function checkMediaPath(path: unknown): void {
  const clean = cleanPath(path);
  const name = clean?.slice(MEDIA_FOLDER.length + 1) ?? '';
  if (!clean || !inside(clean, MEDIA_FOLDER) || name.includes('/') || !attachmentTypeOf(name)) {
    refusePath(path, `thư mục ${MEDIA_FOLDER}/ (ảnh, PDF, tài liệu văn phòng)`);
  }
}

async function git(cwd: string, ...args: string[]): Promise<string> {
  const { stdout } = await run('git', args, { cwd, maxBuffer: 64 * 1024 * 1024 });
  return stdout.trim();
}

async function branchExists(repoDir: string, branch: string): Promise<boolean> {
  try {
    await git(repoDir, 'rev-parse', '--verify', '--quiet', `refs/heads/${branch}`);
    return true;
  } catch {
    return false;
  }
}

/** The Decap branch of an entry, from the request's collection and entry slug. */
function branchOf(params: Record<string, unknown>): { branch: string; collection: string } {
  const { collection, slug } = params;
  if (
    typeof collection !== 'string' ||
    typeof slug !== 'string' ||
    !/^[A-Za-z][A-Za-z0-9_-]*$/.test(collection) ||
    !cleanPath(slug)
  ) {
    throw new Refusal(422, 'Yêu cầu không ghi rõ bài nào (danh mục và mã bài).');
  }
  return { branch: `cms/${collection}/${slug}`, collection };
}

/**
 * Run the validator on the branch as its pull request would be checked: what changed since
 * the base, a submission (an initiative) kept to its own folder, the deadline for new entries.
 */
async function problemsOnBranch(
  options: GateOptions,
  branch: string,
  collection: string,
): Promise<LocatedProblem[]> {
  const base = options.base ?? 'main';
  const dir = await mkdtemp(join(tmpdir(), 'kho-gate-'));
  const worktree = join(dir, 'repo');
  try {
    await git(options.repoDir, 'worktree', 'add', '--quiet', '--detach', worktree, branch);
    const report = await validate({
      root: worktree,
      changedSince: base,
      onlyEntryFolder: collection === collections.initiatives.name,
      today: options.today,
      workers: 0,
    });
    return report.files.flatMap((file) =>
      file.problems.map((problem) => ({
        problem,
        ...(file.path.endsWith('/index.md') ? {} : { file: file.path }),
      })),
    );
  } finally {
    await git(options.repoDir, 'worktree', 'remove', '--force', worktree).catch(() => {});
    await rm(dir, { recursive: true, force: true });
    await git(options.repoDir, 'worktree', 'prune').catch(() => {});
  }
}

async function checkEntry(
  options: GateOptions,
  params: Record<string, unknown>,
  step: GatedStep,
): Promise<void> {
  const { branch, collection } = branchOf(params);
  // An unknown branch is decap-server's to answer; there is nothing to check.
  if (!(await branchExists(options.repoDir, branch))) return;
  if (step === 'publish') {
    const label = await git(
      options.repoDir,
      'config',
      '--get',
      `branch.${branch}.description`,
    ).catch(() => '');
    if (label !== READY_LABEL) {
      throw new Refusal(422, 'Chưa công bố được: bài chưa ở trạng thái “Sẵn sàng công bố”.');
    }
  }
  let problems: LocatedProblem[];
  try {
    problems = await problemsOnBranch(options, branch, collection);
  } catch (cause) {
    options.log?.(`[cổng CMS] Không kiểm tra được ${branch}: ${String(cause)}`);
    throw new Refusal(
      500,
      'Không kiểm tra được bài trước khi đổi trạng thái; hãy thử lại hoặc chạy “npm run review”.',
    );
  }
  if (problems.some(({ problem }) => problem.severity === 'error')) {
    throw new Refusal(422, refusalMessage(step, problems));
  }
}

/** What a request may do, decided before decap-server sees it; throws a Refusal. */
async function judge(options: GateOptions, body: ActionBody): Promise<void> {
  const params = isRecord(body.params) ? body.params : {};
  const base = options.base ?? 'main';
  if (params.branch !== undefined && params.branch !== base) {
    throw new Refusal(422, `Trang quản trị chỉ làm việc với nhánh chính “${base}”.`);
  }
  switch (body.action) {
    case 'persistEntry':
      checkEntryPaths(params);
      return;
    case 'persistMedia':
      checkMediaPath(isRecord(params.asset) ? params.asset.path : undefined);
      return;
    case 'deleteFile':
      checkMediaPath(params.path);
      return;
    case 'deleteFiles':
      if (!Array.isArray(params.paths)) throw new Refusal(422, 'Yêu cầu xóa tệp không hợp lệ.');
      for (const path of params.paths) checkMediaPath(path);
      return;
    case 'updateUnpublishedEntryStatus':
      if (params.newStatus === 'pending_publish') await checkEntry(options, params, 'ready');
      return;
    case 'publishUnpublishedEntry':
      await checkEntry(options, params, 'publish');
      return;
  }
}

/**
 * decap-server shows an entry's changes as `git diff <base> <branch>`, not from where the branch
 * left the base. Once another entry is published, the base holds files the branch never had, the
 * entry seems to delete them, its editor asks for those files as its own attachments, and the
 * entry no longer opens; saving it would put it right, but it cannot be opened to be saved.
 * Before an entry is read, its branch is replayed onto the base, as decap-server does itself on
 * every save: in a worktree of its own, so the clone's working tree is not touched. A branch
 * that does not replay cleanly is left as it is.
 */
async function followBase(options: GateOptions, params: Record<string, unknown>): Promise<void> {
  const key = typeof params.id === 'string' ? params.id.split('/') : undefined;
  let branch: string;
  try {
    ({ branch } = branchOf(key ? { collection: key[0], slug: key.slice(1).join('/') } : params));
  } catch {
    return; // No entry named: decap-server answers that itself.
  }
  const repo = options.repoDir;
  const base = options.base ?? 'main';
  if (!(await branchExists(repo, branch))) return;
  const [baseHead, tip] = await Promise.all([
    git(repo, 'rev-parse', base),
    git(repo, 'rev-parse', `refs/heads/${branch}`),
  ]);
  if ((await git(repo, 'merge-base', base, tip)) === baseHead) return;
  const work = await mkdtemp(join(tmpdir(), 'kho-cms-base-'));
  try {
    await git(repo, 'worktree', 'add', '--quiet', '--detach', work, tip);
    try {
      await git(work, 'rebase', '--quiet', base);
      await git(
        repo,
        'update-ref',
        `refs/heads/${branch}`,
        await git(work, 'rev-parse', 'HEAD'),
        tip,
      );
    } catch (cause) {
      await git(work, 'rebase', '--abort').catch(() => undefined);
      options.log?.(
        `[cổng CMS] Không đưa được ${branch} theo ${base}: ${String(cause).split('\n')[0]}`,
      );
    }
  } finally {
    await git(repo, 'worktree', 'remove', '--force', work).catch(() => undefined);
    await rm(work, { recursive: true, force: true });
  }
}

/** What a request needs done before decap-server answers it. */
async function prepare(options: GateOptions, body: ActionBody): Promise<void> {
  const params = isRecord(body.params) ? body.params : {};
  if (body.action === 'unpublishedEntry') await followBase(options, params);
}

/**
 * The one action that does not touch git: everything else runs one at a time, so nothing
 * changes a branch between check and write and decap-server's own 3-second lock never waits.
 */
const WITHOUT_GIT = new Set(['info']);

/** decap-server's answer to any failure (its log has the cause). */
const BARE_FAILURE = '{"error":"Unknown error"}';

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((done, fail) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY) {
        fail(new Refusal(413, 'Yêu cầu quá lớn.'));
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => done(Buffer.concat(chunks)));
    req.on('error', fail);
  });
}

function corsHeaders(headers: IncomingHttpHeaders): Record<string, string> {
  const origin = headers.origin;
  return origin && LOOPBACK_ORIGIN.test(origin)
    ? { 'access-control-allow-origin': origin, vary: 'Origin' }
    : {};
}

function answer(req: IncomingMessage, res: ServerResponse, status: number, error: string): void {
  const body = JSON.stringify({ error });
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(body),
    ...corsHeaders(req.headers),
  });
  res.end(body);
}

interface Upstream {
  status: number;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

/** One request to decap-server, its answer read whole (answers are small JSON). */
function send(upstream: URL, req: IncomingMessage, body: Buffer | undefined): Promise<Upstream> {
  return new Promise((done, fail) => {
    const headers = { ...req.headers, host: upstream.host };
    if (body) headers['content-length'] = String(body.length);
    const outgoing = request(
      { host: upstream.hostname, port: upstream.port, method: req.method, path: req.url, headers },
      (incoming) => {
        const chunks: Buffer[] = [];
        incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
        incoming.on('end', () =>
          done({
            status: incoming.statusCode ?? 502,
            headers: incoming.headers,
            body: Buffer.concat(chunks),
          }),
        );
        incoming.on('error', fail);
      },
    );
    outgoing.on('error', fail);
    if (body) outgoing.end(body);
    else req.pipe(outgoing);
  });
}

const GONE =
  'Máy chủ nội dung (decap-server) không phản hồi. Hãy xem cửa sổ đang chạy “npm start”.';

async function forward(
  options: GateOptions,
  upstream: URL,
  req: IncomingMessage,
  res: ServerResponse,
  body: Buffer | undefined,
): Promise<void> {
  let answer: Upstream;
  try {
    answer = await send(upstream, req, body);
  } catch {
    // Gone (npm start is restarting it): wait for it once, then ask again.
    if (!body || !options.upstreamReady) throw new Refusal(502, GONE);
    try {
      await options.upstreamReady();
      answer = await send(upstream, req, body);
    } catch {
      throw new Refusal(502, GONE);
    }
  }
  if (answer.status === 500 && answer.body.toString('utf8') === BARE_FAILURE) {
    throw new Refusal(
      500,
      'Máy chủ nội dung (decap-server) không thực hiện được yêu cầu; hãy thử lại. Nếu lỗi lặp lại, chạy “npm start -- --verbose” để xem nguyên nhân.',
    );
  }
  const headers = { ...answer.headers };
  // Hop-by-hop: the gate keeps its own connections (see keepAliveTimeout below).
  for (const name of ['transfer-encoding', 'connection', 'keep-alive']) delete headers[name];
  headers['content-length'] = String(answer.body.length);
  res.writeHead(answer.status, headers);
  res.end(answer.body);
}

export async function startGate(options: GateOptions): Promise<Gate> {
  const upstream = new URL(options.upstream);
  const hosts = new Set([`127.0.0.1:${options.port}`, `localhost:${options.port}`]);
  let queue: Promise<unknown> = Promise.resolve();
  const serially = <T>(task: () => Promise<T>): Promise<T> => {
    const result = queue.then(task, task);
    queue = result.catch(() => {});
    return result;
  };

  const server = createServer(async (req, res) => {
    try {
      if (!hosts.has((req.headers.host ?? '').toLowerCase())) {
        throw new Refusal(
          421,
          `Máy chủ CMS chỉ nhận yêu cầu gửi tới 127.0.0.1:${options.port} hoặc localhost:${options.port}.`,
        );
      }
      if ((req.url ?? '').split('?')[0] !== '/api/v1') {
        throw new Refusal(404, 'Không có địa chỉ này.');
      }
      if (req.method !== 'POST') {
        await forward(options, upstream, req, res, undefined);
        return;
      }
      const raw = await readBody(req);
      let body: ActionBody;
      try {
        const parsed: unknown = JSON.parse(raw.toString('utf8'));
        if (!isRecord(parsed)) throw new Error('not an object');
        body = parsed;
      } catch {
        throw new Refusal(400, 'Yêu cầu không phải JSON hợp lệ.');
      }
      const pass = async () => {
        await judge(options, body);
        await prepare(options, body);
        await forward(options, upstream, req, res, raw);
      };
      if (typeof body.action === 'string' && WITHOUT_GIT.has(body.action)) await pass();
      else await serially(pass);
    } catch (cause) {
      if (res.headersSent) {
        res.destroy();
        return;
      }
      if (cause instanceof Refusal) {
        options.log?.(`[cổng CMS] Từ chối (${cause.status}): ${cause.message.split('\n')[0]}`);
        answer(req, res, cause.status, cause.message);
      } else {
        options.log?.(`[cổng CMS] Lỗi: ${String(cause)}`);
        answer(req, res, 500, 'Lỗi không mong đợi ở cổng kiểm tra của trang quản trị.');
      }
    }
  });
  // Longer than a client's pause between two requests of one action (a publish checked by
  // the validator, a person reading): a client reusing a connection the server is closing
  // at that moment gets ECONNRESET, and a POST is not retried.
  server.keepAliveTimeout = 65_000;
  await new Promise<void>((done, fail) => {
    server.once('error', fail);
    server.listen(options.port, '127.0.0.1', () => done());
  });
  return {
    url: `http://127.0.0.1:${options.port}/api/v1`,
    stop: () =>
      new Promise<void>((done) => {
        server.close(() => done());
        server.closeAllConnections();
      }),
  };
}
