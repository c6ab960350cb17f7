/**
 * A stand-in for GitHub's REST API on 127.0.0.1, backed by a real bare git repository, for
 * Decap's GitHub backend in editorial workflow (without open authoring): the user and their
 * permission, branches and refs, blobs, trees and commits (git plumbing), compare, pull
 * requests (list, create, update, merge with `git merge-tree`), labels, commit statuses and
 * contents. Every request is logged, and every move of a ref is recorded with the request
 * that made it, so a test can say what reached a branch and how. Merges can be refused with
 * GitHub's 405, as branch protection does while a required check or review is missing;
 * direct ref updates stay possible (as for an administrator who may bypass protection), so
 * a client that falls back to writing the branch itself is seen doing it.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface FakeGitUser {
  login: string;
  name: string;
  email: string;
}

export interface FakeGitPull {
  number: number;
  title: string;
  body: string;
  head: string;
  base: string;
  state: 'open' | 'closed';
  labels: string[];
  /** The head commit when the pull request was last merged or closed with its branch gone. */
  headSha: string;
  mergedAt?: string;
  mergeCommitSha?: string;
  createdAt: string;
  updatedAt: string;
}

export interface RefUpdate {
  ref: string;
  /** Empty when the ref was created, `to` empty when it was deleted. */
  from: string;
  to: string;
  /** The request that moved it, e.g. "PUT /repos/o/r/pulls/1/merge". */
  by: string;
}

export interface LoggedRequest {
  method: string;
  path: string;
  status: number;
}

export interface FakeGitHubGit {
  /** What the GitHub backend's `api_root` would be. */
  baseUrl: string;
  owner: string;
  repo: string;
  token: string;
  user: FakeGitUser;
  gitDir: string;
  requests: LoggedRequest[];
  refUpdates: RefUpdate[];
  pulls: FakeGitPull[];
  /** Answer every merge with 405 and this message (GitHub's words), or merge again (undefined). */
  refuseMerges(message: string | undefined): void;
  close(): Promise<void>;
}

class HttpError extends Error {
  readonly status: number;
  constructor(status: number, message: string) {
    super(message);
    this.status = status;
  }
}

const ZERO = '0'.repeat(40);

export async function startFakeGitHubGit(options: {
  gitDir: string;
  owner: string;
  repo: string;
  token: string;
  user: FakeGitUser;
}): Promise<FakeGitHubGit> {
  const { gitDir, owner, repo, token, user } = options;
  const fullName = `${owner}/${repo}`;
  const repoPrefix = `/repos/${fullName}`;
  const requests: LoggedRequest[] = [];
  const refUpdates: RefUpdate[] = [];
  const pulls: FakeGitPull[] = [];
  const statuses: { sha: string; state: string; context: string }[] = [];
  let mergeRefusal: string | undefined;
  const scratch = mkdtempSync(join(tmpdir(), 'fake-github-git-'));
  let indexCount = 0;
  let baseUrl = '';

  const git = (args: string[], input?: string | Buffer, env: NodeJS.ProcessEnv = {}) =>
    execFileSync('git', args, {
      cwd: gitDir,
      input,
      env: { ...process.env, ...env },
      maxBuffer: 64 * 1024 * 1024,
    });
  const gitText = (args: string[], input?: string | Buffer, env?: NodeJS.ProcessEnv) =>
    git(args, input, env).toString('utf8').trim();
  const gitOk = (args: string[]) => spawnSync('git', args, { cwd: gitDir }).status === 0;
  const now = () => new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');

  /** A commit id for a branch name, `owner:branch`, a full ref or a commit id; else undefined. */
  function resolve(name: string): string | undefined {
    const bare = name.startsWith(`${owner}:`) ? name.slice(owner.length + 1) : name;
    for (const candidate of [`refs/heads/${bare}`, bare]) {
      const found = spawnSync(
        'git',
        ['rev-parse', '--verify', '--quiet', `${candidate}^{commit}`],
        {
          cwd: gitDir,
          encoding: 'utf8',
        },
      );
      if (found.status === 0) return found.stdout.trim();
    }
    return undefined;
  }
  const mustResolve = (name: string) => {
    const sha = resolve(name);
    if (!sha) throw new HttpError(404, 'Not Found');
    return sha;
  };
  const refSha = (ref: string) =>
    spawnSync('git', ['rev-parse', '--verify', '--quiet', ref], {
      cwd: gitDir,
      encoding: 'utf8',
    }).stdout.trim() || undefined;

  function moveRef(ref: string, to: string, from: string, by: string) {
    if (to) git(['update-ref', ref, to, from || ZERO]);
    else git(['update-ref', '-d', ref, from]);
    refUpdates.push({ ref, from, to, by });
  }

  function commitJson(sha: string) {
    const [tree, parents, an, ae, ad, cn, ce, cd, ...message] = gitText([
      'show',
      '-s',
      '--format=%T%n%P%n%an%n%ae%n%aI%n%cn%n%ce%n%cI%n%B',
      sha,
    ]).split('\n');
    return {
      sha,
      url: `${baseUrl}${repoPrefix}/commits/${sha}`,
      html_url: `https://github.com/${fullName}/commit/${sha}`,
      commit: {
        message: message.join('\n').trim(),
        tree: { sha: tree },
        author: { name: an, email: ae, date: ad },
        committer: { name: cn, email: ce, date: cd },
      },
      parents: (parents ?? '')
        .split(' ')
        .filter(Boolean)
        .map((parent) => ({ sha: parent })),
    };
  }

  /** The tree of a commit, branch, tree id or `<rev>:<path>`; undefined when there is none. */
  function treeOf(treeish: string): string | undefined {
    const sha = refSha(treeish) ?? refSha(`refs/heads/${treeish}`);
    if (!sha) return undefined;
    const type = gitText(['cat-file', '-t', sha]);
    return type === 'tree' ? sha : type === 'commit' ? refSha(`${sha}^{tree}`) : undefined;
  }

  function treeJson(treeish: string, recursive: boolean) {
    const sha = treeOf(treeish);
    if (!sha) throw new HttpError(404, 'Not Found');
    const listing = gitText(['ls-tree', ...(recursive ? ['-r', '-t'] : []), '--long', '-z', sha]);
    const tree = listing
      .split('\0')
      .filter(Boolean)
      .map((line) => {
        const [meta, path] = line.split('\t') as [string, string];
        const [mode, type, object, size] = meta.split(/\s+/) as [string, string, string, string];
        return {
          path,
          mode,
          type,
          sha: object,
          ...(type === 'blob' && { size: Number(size) }),
        };
      });
    return { sha, url: `${baseUrl}${repoPrefix}/git/trees/${sha}`, tree, truncated: false };
  }

  /** GitHub's "create a tree": entries with a path (folders made as needed), `sha: null` deletes. */
  function createTree(body: { base_tree?: string; tree?: Record<string, unknown>[] }) {
    const index = join(scratch, `index-${indexCount++}`);
    const env = { GIT_INDEX_FILE: index };
    if (body.base_tree) git(['read-tree', mustResolveTree(body.base_tree)], undefined, env);
    else git(['read-tree', '--empty'], undefined, env);
    const lines = (body.tree ?? []).map((entry) => {
      const path = String(entry.path ?? '');
      if (!path || path.startsWith('/') || path.split('/').includes('..'))
        throw new HttpError(422, `tree.path contains a malformed path component`);
      if (entry.sha === null) return `0 ${ZERO}\t${path}`;
      const sha =
        typeof entry.content === 'string'
          ? gitText(['hash-object', '-w', '--stdin'], entry.content)
          : String(entry.sha);
      if (!gitOk(['cat-file', '-e', sha])) throw new HttpError(422, 'GitRPC::BadObjectState');
      return `${String(entry.mode ?? '100644')} ${sha}\t${path}`;
    });
    git(['update-index', '--index-info'], `${lines.join('\n')}\n`, env);
    const sha = gitText(['write-tree'], undefined, env);
    rmSync(index, { force: true });
    return treeJson(sha, false);
  }
  const mustResolveTree = (name: string) => {
    const sha = treeOf(name);
    if (!sha) throw new HttpError(422, 'Invalid tree info');
    return sha;
  };

  function createCommit(body: Record<string, unknown>) {
    const tree = mustResolveTree(String(body.tree ?? ''));
    const parents = Array.isArray(body.parents) ? body.parents.map(String) : [];
    for (const parent of parents) {
      if (!resolve(parent))
        throw new HttpError(422, 'Parent SHA does not exist or is not a commit object');
    }
    const person = (value: unknown, prefix: 'AUTHOR' | 'COMMITTER') => {
      const who = (value ?? {}) as { name?: string; email?: string; date?: string };
      return {
        [`GIT_${prefix}_NAME`]: who.name || user.name,
        [`GIT_${prefix}_EMAIL`]: who.email || user.email,
        ...(who.date && { [`GIT_${prefix}_DATE`]: who.date }),
      };
    };
    const sha = gitText(
      ['commit-tree', tree, ...parents.flatMap((parent) => ['-p', parent]), '-F', '-'],
      String(body.message ?? ''),
      { ...person(body.author, 'AUTHOR'), ...person(body.committer ?? body.author, 'COMMITTER') },
    );
    return commitJson(sha);
  }

  /** GitHub's three-dot compare: commits on `head` since the merge base, files changed since it. */
  function compare(base: string, head: string) {
    const baseSha = mustResolve(base);
    const headSha = mustResolve(head);
    const mergeBase = gitText(['merge-base', baseSha, headSha]);
    const commits = gitText(['rev-list', '--reverse', '--topo-order', `${baseSha}..${headSha}`])
      .split('\n')
      .filter(Boolean);
    const behind = gitText(['rev-list', '--count', `${headSha}..${baseSha}`]);
    const binary = new Set(
      gitText(['diff', '--numstat', '-z', '--no-renames', mergeBase, headSha])
        .split('\0')
        .filter((line) => line.startsWith('-\t-\t'))
        .map((line) => line.slice(4)),
    );
    const raw = gitText(['diff', '--raw', '-z', '--no-renames', '--no-abbrev', mergeBase, headSha])
      .split('\0')
      .filter(Boolean);
    const files = [];
    for (let i = 0; i + 1 < raw.length; i += 2) {
      const [, , oldSha, newSha, letter] = (raw[i] as string).split(' ') as string[];
      const filename = raw[i + 1] as string;
      const status = letter === 'A' ? 'added' : letter === 'D' ? 'removed' : 'modified';
      const patch = binary.has(filename)
        ? undefined
        : gitText(['diff', mergeBase, headSha, '--', filename]).replace(/^[\s\S]*?(?=^@@)/m, '');
      files.push({
        sha: status === 'removed' ? oldSha : newSha,
        filename,
        status,
        ...(patch && { patch }),
      });
    }
    const ahead = commits.length;
    return {
      status:
        ahead && Number(behind)
          ? 'diverged'
          : ahead
            ? 'ahead'
            : Number(behind)
              ? 'behind'
              : 'identical',
      ahead_by: ahead,
      behind_by: Number(behind),
      total_commits: ahead,
      base_commit: commitJson(baseSha),
      merge_base_commit: commitJson(mergeBase),
      commits: commits.map(commitJson),
      files,
    };
  }

  const userJson = () => ({
    login: user.login,
    id: 1,
    name: user.name,
    email: user.email,
    type: 'User',
    avatar_url: '',
  });
  const repoJson = () => ({
    full_name: fullName,
    owner: { login: owner },
    name: repo,
    fork: false,
  });

  function pullJson(pull: FakeGitPull) {
    const headSha = refSha(`refs/heads/${pull.head}`) ?? pull.headSha;
    return {
      number: pull.number,
      id: pull.number,
      state: pull.state,
      title: pull.title,
      body: pull.body,
      html_url: `https://github.com/${fullName}/pull/${pull.number}`,
      user: userJson(),
      labels: pull.labels.map((name) => ({ name, color: 'ededed', description: '' })),
      head: { ref: pull.head, sha: headSha, label: `${owner}:${pull.head}`, repo: repoJson() },
      base: { ref: pull.base, sha: refSha(`refs/heads/${pull.base}`), repo: repoJson() },
      merged: Boolean(pull.mergedAt),
      merged_at: pull.mergedAt ?? null,
      merge_commit_sha: pull.mergeCommitSha ?? null,
      created_at: pull.createdAt,
      updated_at: pull.updatedAt,
    };
  }
  const findPull = (number: string | undefined) => {
    const pull = pulls.find((item) => item.number === Number(number));
    if (!pull) throw new HttpError(404, 'Not Found');
    return pull;
  };

  function merge(pull: FakeGitPull, body: Record<string, unknown>, by: string) {
    if (pull.state !== 'open' || pull.mergedAt)
      throw new HttpError(405, 'Pull Request is not mergeable');
    if (mergeRefusal !== undefined) throw new HttpError(405, mergeRefusal);
    const baseRef = `refs/heads/${pull.base}`;
    const baseSha = mustResolve(baseRef);
    const headSha = mustResolve(`refs/heads/${pull.head}`);
    if (body.sha && body.sha !== headSha)
      throw new HttpError(409, 'Head branch was modified. Review and try the merge again.');
    const merged = spawnSync(
      'git',
      ['merge-tree', '--write-tree', '--no-messages', baseSha, headSha],
      {
        cwd: gitDir,
        encoding: 'utf8',
      },
    );
    if (merged.status !== 0) throw new HttpError(405, 'Pull Request is not mergeable');
    const tree = merged.stdout.split('\n')[0] as string;
    const method = String(body.merge_method ?? 'merge');
    const squash = method === 'squash';
    const title = squash
      ? `${String(body.commit_title ?? pull.title)} (#${pull.number})`
      : `Merge pull request #${pull.number} from ${owner}/${pull.head}`;
    const message = `${title}\n\n${String(body.commit_message ?? '')}`.trim();
    const { sha } = createCommit({
      tree,
      parents: squash ? [baseSha] : [baseSha, headSha],
      message,
    });
    moveRef(baseRef, sha, baseSha, by);
    Object.assign(pull, {
      state: 'closed',
      headSha,
      mergedAt: now(),
      mergeCommitSha: sha,
      updatedAt: now(),
    });
    return { sha, merged: true, message: 'Pull Request successfully merged' };
  }

  type Handler = (match: string[], url: URL, body: Record<string, unknown>, by: string) => unknown;
  const at = (pattern: string) => new RegExp(`^${repoPrefix}${pattern}$`);

  function refRoute(method: string): Handler {
    return ([, name], _url, body, by) => {
      const ref = `refs/${name}`;
      const current = refSha(ref);
      if (method === 'GET') {
        if (!current) throw new HttpError(404, 'Not Found');
        return { ref, object: { sha: current, type: 'commit' } };
      }
      if (!current) throw new HttpError(422, 'Reference does not exist');
      if (method === 'DELETE') {
        moveRef(ref, '', current, by);
        return null;
      }
      const to = String(body.sha ?? '');
      if (!resolve(to)) throw new HttpError(422, 'Object does not exist');
      if (!body.force && !gitOk(['merge-base', '--is-ancestor', current, to]))
        throw new HttpError(422, 'Update is not a fast forward');
      moveRef(ref, to, current, by);
      return { ref, object: { sha: to, type: 'commit' } };
    };
  }

  function createRef(body: Record<string, unknown>, by: string) {
    const ref = String(body.ref ?? '');
    const to = String(body.sha ?? '');
    if (!ref.startsWith('refs/') || !gitOk(['check-ref-format', ref]))
      throw new HttpError(422, 'Reference name is invalid');
    if (refSha(ref)) throw new HttpError(422, 'Reference already exists');
    if (!resolve(to)) throw new HttpError(422, 'Object does not exist');
    moveRef(ref, to, '', by);
    return { ref, object: { sha: to, type: 'commit' } };
  }

  function blob(sha: string) {
    if (!gitOk(['cat-file', '-e', `${sha}^{blob}`])) throw new HttpError(404, 'Not Found');
    const content = git(['cat-file', 'blob', sha]);
    return { sha, size: content.length, encoding: 'base64', content: content.toString('base64') };
  }

  function createBlob(body: Record<string, unknown>) {
    const content = Buffer.from(
      String(body.content ?? ''),
      body.encoding === 'base64' ? 'base64' : 'utf8',
    );
    const sha = gitText(['hash-object', '-w', '--stdin'], content);
    return { sha, url: `${baseUrl}${repoPrefix}/git/blobs/${sha}` };
  }

  function contents(path: string, ref: string) {
    const object = `${ref}:${path}`;
    const type = spawnSync('git', ['cat-file', '-t', object], { cwd: gitDir, encoding: 'utf8' });
    if (type.status !== 0) throw new HttpError(404, 'Not Found');
    if (type.stdout.trim() === 'tree') return treeJson(object, false).tree;
    return {
      type: 'file',
      name: path.split('/').at(-1),
      path,
      ...blob(gitText(['rev-parse', object])),
    };
  }

  function combinedStatus(ref: string) {
    const sha = mustResolve(ref);
    const own = statuses.filter((status) => status.sha === sha);
    const success = own.length > 0 && own.every((status) => status.state === 'success');
    return { sha, state: success ? 'success' : 'pending', statuses: own, total_count: own.length };
  }

  function listPulls(url: URL) {
    const state = url.searchParams.get('state') ?? 'open';
    const head = url.searchParams.get('head');
    const base = url.searchParams.get('base');
    return pulls
      .filter((pull) => state === 'all' || pull.state === state)
      .filter((pull) => !head || `${owner}:${pull.head}` === head)
      .filter((pull) => !base || pull.base === base)
      .map(pullJson);
  }

  function createPull(body: Record<string, unknown>) {
    const head = String(body.head ?? '').replace(`${owner}:`, '');
    const base = String(body.base ?? '');
    const headSha = refSha(`refs/heads/${head}`);
    if (!headSha || !refSha(`refs/heads/${base}`)) throw new HttpError(422, 'Validation Failed');
    if (pulls.some((pull) => pull.state === 'open' && pull.head === head && pull.base === base))
      throw new HttpError(422, `A pull request already exists for ${owner}:${head}.`);
    const pull: FakeGitPull = {
      number: pulls.length + 1,
      title: String(body.title ?? ''),
      body: String(body.body ?? ''),
      ...{ head, base, headSha, state: 'open', labels: [] },
      createdAt: now(),
      updatedAt: now(),
    };
    pulls.push(pull);
    return pullJson(pull);
  }

  function updatePull(pull: FakeGitPull, body: Record<string, unknown>) {
    if (body.state === 'open' || body.state === 'closed') pull.state = body.state;
    if (typeof body.title === 'string') pull.title = body.title;
    pull.updatedAt = now();
    return pullJson(pull);
  }

  function setLabels(pull: FakeGitPull, names: unknown, add: boolean) {
    const list = Array.isArray(names) ? names.map(String) : [];
    pull.labels = add ? [...new Set([...pull.labels, ...list])] : list;
    pull.updatedAt = now();
    return pullJson(pull).labels;
  }

  const routes: [string, RegExp, Handler][] = [
    ['GET', /^\/user$/, () => userJson()],
    ['GET', new RegExp(`^/users/${user.login}$`), () => userJson()],
    ['GET', /^\/search\/issues$/, () => ({ total_count: 0, incomplete_results: false, items: [] })],
    [
      'GET',
      at(''),
      () => ({
        ...repoJson(),
        default_branch: 'main',
        private: false,
        permissions: { admin: false, maintain: false, push: true, triage: true, pull: true },
      }),
    ],
    [
      'GET',
      at(`/collaborators/${user.login}/permission`),
      () => ({ permission: 'write', user: userJson() }),
    ],
    [
      'GET',
      at('/branches/(.+)'),
      ([, name = '']) => {
        const sha = refSha(`refs/heads/${name}`);
        if (!sha) throw new HttpError(404, 'Branch not found');
        return { name, commit: commitJson(sha), protected: name === 'main' };
      },
    ],
    ['GET', at('/git/refs/(.+)'), refRoute('GET')],
    ['PATCH', at('/git/refs/(.+)'), refRoute('PATCH')],
    ['DELETE', at('/git/refs/(.+)'), refRoute('DELETE')],
    ['POST', at('/git/refs'), (_m, _u, body, by) => createRef(body, by)],
    ['POST', at('/git/blobs'), (_m, _u, body) => createBlob(body)],
    ['GET', at('/git/blobs/([0-9a-f]{40})'), ([, sha = '']) => blob(sha)],
    [
      'GET',
      at('/git/trees/(.+)'),
      ([, treeish = ''], url) => treeJson(treeish, Boolean(url.searchParams.get('recursive'))),
    ],
    ['POST', at('/git/trees'), (_m, _u, body) => createTree(body)],
    ['POST', at('/git/commits'), (_m, _u, body) => createCommit(body)],
    ['GET', at('/git/commits/([0-9a-f]{40})'), ([, sha = '']) => commitJson(mustResolve(sha))],
    ['GET', at('/compare/(.+?)\\.\\.\\.(.+)'), ([, base = '', head = '']) => compare(base, head)],
    [
      'GET',
      at('/commits'),
      (_m, url) => {
        const from = mustResolve(url.searchParams.get('sha') ?? 'main');
        const file = url.searchParams.get('path');
        const args = ['log', '--format=%H', '-n', '30', from, ...(file ? ['--', file] : [])];
        return gitText(args).split('\n').filter(Boolean).map(commitJson);
      },
    ],
    ['GET', at('/commits/(.+)/status'), ([, ref = '']) => combinedStatus(ref)],
    [
      'POST',
      at('/statuses/([0-9a-f]{40})'),
      ([, sha = ''], _u, body) => {
        const status = { sha, state: String(body.state), context: String(body.context ?? '') };
        statuses.push(status);
        return status;
      },
    ],
    [
      'GET',
      at('/contents/(.*)'),
      ([, path = ''], url) => contents(path, url.searchParams.get('ref') ?? 'main'),
    ],
    ['GET', at('/pulls'), (_m, url) => listPulls(url)],
    ['POST', at('/pulls'), (_m, _u, body) => createPull(body)],
    ['GET', at('/pulls/(\\d+)'), ([, number]) => pullJson(findPull(number))],
    ['PATCH', at('/pulls/(\\d+)'), ([, number], _u, body) => updatePull(findPull(number), body)],
    [
      'GET',
      at('/pulls/(\\d+)/commits'),
      ([, number]) => {
        const pull = findPull(number);
        return compare(pull.base, pullJson(pull).head.sha).commits;
      },
    ],
    [
      'PUT',
      at('/pulls/(\\d+)/merge'),
      ([, number], _u, body, by) => merge(findPull(number), body, by),
    ],
    ['GET', at('/issues/(\\d+)/labels'), ([, number]) => pullJson(findPull(number)).labels],
    [
      'PUT',
      at('/issues/(\\d+)/labels'),
      ([, n], _u, body) => setLabels(findPull(n), body.labels, false),
    ],
    [
      'POST',
      at('/issues/(\\d+)/labels'),
      ([, n], _u, body) => setLabels(findPull(n), body.labels, true),
    ],
  ];

  function route(method: string, url: URL, body: Record<string, unknown>): unknown {
    const path = decodeURIComponent(url.pathname);
    for (const [verb, pattern, handler] of routes) {
      const match = verb === method ? pattern.exec(path) : null;
      if (match) return handler([...match], url, body, `${method} ${url.pathname}`);
    }
    throw new HttpError(404, 'Not Found');
  }

  // Each answer closes its connection: a kept-alive socket closed by the server while the
  // client reuses it would fail a request at random.
  const cors = {
    connection: 'close',
    'access-control-allow-origin': '*',
    'access-control-allow-headers': 'Authorization, Content-Type, If-None-Match, Accept',
    'access-control-allow-methods': 'GET, POST, PUT, PATCH, DELETE, OPTIONS',
    'access-control-expose-headers': 'ETag, Link',
  };

  async function handle(request: IncomingMessage, response: ServerResponse) {
    const method = request.method ?? 'GET';
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    const reply = (status: number, payload: unknown) => {
      requests.push({ method, path: url.pathname + url.search, status });
      if (payload === null) {
        response.writeHead(status, cors);
        response.end();
        return;
      }
      response.writeHead(status, { ...cors, 'content-type': 'application/json; charset=utf-8' });
      response.end(JSON.stringify(payload));
    };
    if (method === 'OPTIONS') {
      response.writeHead(204, cors);
      response.end();
      return;
    }
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const text = Buffer.concat(chunks).toString('utf8');
    const auth = request.headers.authorization ?? '';
    if (auth !== `token ${token}` && auth !== `Bearer ${token}`)
      return reply(401, { message: 'Bad credentials' });
    try {
      const body = text ? (JSON.parse(text) as Record<string, unknown>) : {};
      const result = route(method, url, body);
      const status = method === 'POST' ? 201 : result === null ? 204 : 200;
      return reply(status, result);
    } catch (error) {
      if (error instanceof HttpError) return reply(error.status, { message: error.message });
      return reply(500, { message: String(error) });
    }
  }

  const server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      response.writeHead(500);
      response.end(String(error));
    });
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    baseUrl,
    owner,
    repo,
    token,
    user,
    gitDir,
    requests,
    refUpdates,
    pulls,
    refuseMerges(message) {
      mergeRefusal = message;
    },
    close: () =>
      new Promise<void>((done) => {
        server.closeAllConnections();
        server.close(() => {
          rmSync(scratch, { recursive: true, force: true });
          done();
        });
      }),
  };
}
