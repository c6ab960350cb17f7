/**
 * A small stand-in for the GitHub REST API on 127.0.0.1, answering the endpoints
 * the committee scripts use the way GitHub does: pagination through `Link`
 * headers, 404/403/422 bodies, rate-limit answers. Tests point octokit at it via `baseUrl`.
 */
import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface FakeUser {
  login: string;
  type?: 'User' | 'Bot';
}
export interface FakePull {
  number: number;
  title: string;
  state: 'open' | 'closed';
  merged?: boolean;
  user: FakeUser;
  /** `repo`: "owner/name" the head comes from (a fork); default the repository itself. */
  head: { ref: string; sha: string; repo?: string };
  base: { ref: string };
  labels: string[];
  /** `mode` is not in GitHub's list of files; the fake serves it through the head's git tree. */
  files: { filename: string; status: string; mode?: string }[];
  body?: string;
  /** When it was opened; by default within the sample 2024 campaign, so its entry is on time. */
  createdAt?: string;
}
export interface FakeComment {
  id: number;
  issue: number;
  body: string;
  user: FakeUser;
  created_at: string;
  updated_at: string;
}
export interface FakeStatus {
  sha: string;
  state: string;
  context: string;
  description?: string;
  target_url?: string;
}
export interface Injected {
  method?: string;
  path: RegExp;
  status: number;
  headers?: Record<string, string>;
  body?: unknown;
  /** How many requests to answer this way (default 1). */
  times?: number;
}
export interface FakeState {
  owner: string;
  repo: string;
  pulls: FakePull[];
  comments: FakeComment[];
  labels: { name: string; color: string }[];
  /** team slug → members' logins */
  teams: Record<string, string[]>;
  /**
   * Tokens that may read teams. When set, any other token gets GitHub's 403 (a workflow's
   * own token cannot read the organisation's teams).
   */
  teamReaders?: string[];
  /** ref → path → text, or the target of a symbolic link */
  contents: Record<string, Record<string, string | Buffer | { symlink: string }>>;
  /** Commit statuses, in the order they were set. */
  statuses: FakeStatus[];
}

export interface FakeGitHub {
  baseUrl: string;
  state: FakeState;
  requests: { method: string; path: string }[];
  inject(failure: Injected): void;
  close(): Promise<void>;
}

const DEFAULT_PER_PAGE = 30;
const MAX_PER_PAGE = 100;

export async function startFakeGitHub(initial: Partial<FakeState> = {}): Promise<FakeGitHub> {
  const state: FakeState = {
    owner: 'so-noi-vu',
    repo: 'kho-sang-kien',
    pulls: [],
    comments: [],
    labels: [],
    teams: {},
    contents: {},
    statuses: [],
    ...initial,
  };
  const requests: { method: string; path: string }[] = [];
  const injected: Injected[] = [];
  let nextCommentId = 1000 + state.comments.length;
  let clock = Date.parse('2024-09-10T02:00:00Z');
  const now = () => {
    clock += 1000;
    return new Date(clock).toISOString().replace(/\.\d{3}Z$/, 'Z');
  };

  const server: Server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      send(response, 500, { message: String(error) });
    });
  });

  async function handle(request: IncomingMessage, response: ServerResponse) {
    const method = request.method ?? 'GET';
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    requests.push({ method, path: url.pathname + url.search });
    const failure = injected.find(
      (item) => (item.method ?? method) === method && item.path.test(url.pathname),
    );
    if (failure) {
      failure.times = (failure.times ?? 1) - 1;
      if (failure.times <= 0) injected.splice(injected.indexOf(failure), 1);
      return send(
        response,
        failure.status,
        failure.body ?? { message: 'Injected failure' },
        failure.headers,
      );
    }
    const body = method === 'GET' ? undefined : await readJson(request);
    const repoPrefix = `/repos/${state.owner}/${state.repo}`;
    const path = url.pathname;
    let match: RegExpExecArray | null;

    if (path.startsWith('/repos/') && !path.startsWith(`${repoPrefix}/`) && path !== repoPrefix) {
      return notFound(response);
    }
    if (method === 'GET' && path === `${repoPrefix}/pulls`) {
      const wanted = url.searchParams.get('state') ?? 'open';
      const list = state.pulls.filter((pull) => wanted === 'all' || pull.state === wanted);
      return paginate(request, response, url, list.map(pullJson));
    }
    match = method === 'GET' ? /\/pulls\/(\d+)$/.exec(path) : null;
    if (match) {
      const pull = state.pulls.find((item) => item.number === Number(match?.[1]));
      return pull ? send(response, 200, pullJson(pull)) : notFound(response);
    }
    match = method === 'GET' ? /\/pulls\/(\d+)\/files$/.exec(path) : null;
    if (match) {
      const pull = state.pulls.find((item) => item.number === Number(match?.[1]));
      if (!pull) return notFound(response);
      return paginate(
        request,
        response,
        url,
        pull.files.map(({ mode: _mode, ...file }) => ({ ...file, sha: sha(file.filename) })),
      );
    }
    // The head commit's tree, as far as the pull request's files go: enough for their modes.
    match = method === 'GET' ? new RegExp(`^${repoPrefix}/git/trees/([^/]+)$`).exec(path) : null;
    if (match) {
      const pull = state.pulls.find((item) => item.head.sha === match?.[1]);
      if (!pull) return notFound(response);
      const tree = pull.files
        .filter((file) => file.status !== 'removed')
        .map((file) => ({
          path: file.filename,
          mode: file.mode ?? '100644',
          type: file.mode === '160000' ? 'commit' : 'blob',
          sha: sha(file.filename),
        }));
      return send(response, 200, { sha: pull.head.sha, truncated: false, tree });
    }
    match =
      method === 'POST' ? new RegExp(`^${repoPrefix}/statuses/([0-9a-f]{40})$`).exec(path) : null;
    if (match) {
      const {
        state: status,
        context,
        description,
        target_url,
      } = (body ?? {}) as Record<string, unknown>;
      if (!['error', 'failure', 'pending', 'success'].includes(String(status)))
        return invalid(response, 'state');
      if (typeof description === 'string' && description.length > 140)
        return invalid(response, 'description');
      const entry: FakeStatus = {
        sha: match[1] ?? '',
        state: String(status),
        context: typeof context === 'string' ? context : 'default',
        ...(typeof description === 'string' ? { description } : {}),
        ...(typeof target_url === 'string' ? { target_url } : {}),
      };
      state.statuses.push(entry);
      return send(response, 201, { id: state.statuses.length, ...entry });
    }
    match = /\/issues\/(\d+)\/comments$/.exec(path);
    if (match) {
      const issue = Number(match[1]);
      const pull = state.pulls.find((item) => item.number === issue);
      if (!pull) return notFound(response);
      if (method === 'GET') {
        return paginate(
          request,
          response,
          url,
          state.comments.filter((c) => c.issue === issue).map(commentJson),
        );
      }
      if (method === 'POST') {
        const text = (body as { body?: unknown })?.body;
        if (typeof text !== 'string' || text.length === 0) return invalid(response, 'body');
        if (tooLong(text)) return bodyTooLong(response, 'create-an-issue-comment');
        const stamp = now();
        const comment: FakeComment = {
          id: nextCommentId++,
          issue,
          body: text,
          user: { login: 'github-actions[bot]', type: 'Bot' },
          created_at: stamp,
          updated_at: stamp,
        };
        state.comments.push(comment);
        return send(response, 201, commentJson(comment));
      }
    }
    match = method === 'PATCH' ? /\/issues\/comments\/(\d+)$/.exec(path) : null;
    if (match) {
      const comment = state.comments.find((item) => item.id === Number(match?.[1]));
      if (!comment) return notFound(response);
      const text = (body as { body?: unknown })?.body;
      if (typeof text !== 'string' || text.length === 0) return invalid(response, 'body');
      // Editing is held to the same limit as posting; a refused edit keeps the old body.
      if (tooLong(text)) return bodyTooLong(response, 'update-an-issue-comment');
      comment.body = text;
      comment.updated_at = now();
      return send(response, 200, commentJson(comment));
    }
    match = /\/issues\/(\d+)\/labels$/.exec(path);
    if (match) {
      const pull = state.pulls.find((item) => item.number === Number(match?.[1]));
      if (!pull) return notFound(response);
      if (method === 'GET') return paginate(request, response, url, pull.labels.map(labelJson));
      if (method === 'POST') {
        const names = (body as { labels?: unknown })?.labels;
        if (
          !Array.isArray(names) ||
          names.some((name) => typeof name !== 'string' || name.length > 50)
        ) {
          return invalid(response, 'labels');
        }
        for (const name of names as string[]) {
          // GitHub creates a label that does not exist yet when it is added to an issue.
          if (!state.labels.some((label) => label.name === name))
            state.labels.push({ name, color: 'ededed' });
          if (!pull.labels.includes(name)) pull.labels.push(name);
        }
        return send(response, 200, pull.labels.map(labelJson));
      }
    }
    match = method === 'DELETE' ? /\/issues\/(\d+)\/labels\/([^/]+)$/.exec(path) : null;
    if (match) {
      const pull = state.pulls.find((item) => item.number === Number(match?.[1]));
      const name = decodeURIComponent(match[2] ?? '');
      if (!pull?.labels.includes(name))
        return send(response, 404, { message: 'Label does not exist', status: '404' });
      pull.labels = pull.labels.filter((label) => label !== name);
      return send(response, 200, pull.labels.map(labelJson));
    }
    if (path === `${repoPrefix}/labels`) {
      if (method === 'GET')
        return paginate(
          request,
          response,
          url,
          state.labels.map((label) => labelJson(label.name)),
        );
      if (method === 'POST') {
        const { name, color } = (body ?? {}) as { name?: unknown; color?: unknown };
        if (typeof name !== 'string' || name.length === 0) return invalid(response, 'name');
        if (state.labels.some((label) => label.name.toLowerCase() === name.toLowerCase())) {
          return send(response, 422, {
            message: 'Validation Failed',
            errors: [{ resource: 'Label', code: 'already_exists', field: 'name' }],
            status: '422',
          });
        }
        state.labels.push({ name, color: typeof color === 'string' ? color : 'ededed' });
        return send(response, 201, labelJson(name));
      }
    }
    match =
      method === 'GET'
        ? /^\/orgs\/([^/]+)\/teams\/([^/]+)\/memberships\/([^/]+)$/.exec(path)
        : null;
    if (match) {
      const token = /^(?:token|bearer)\s+(.+)$/i.exec(request.headers.authorization ?? '')?.[1];
      if (state.teamReaders && !state.teamReaders.includes(token ?? '')) {
        return send(response, 403, {
          message: 'Resource not accessible by integration',
          status: '403',
        });
      }
      const members = state.teams[decodeURIComponent(match[2] ?? '')];
      const login = decodeURIComponent(match[3] ?? '');
      if (!members?.includes(login)) return notFound(response);
      return send(response, 200, { state: 'active', role: 'member', url: path });
    }
    match = method === 'GET' ? new RegExp(`^${repoPrefix}/contents/(.+)$`).exec(path) : null;
    if (match) {
      const ref = url.searchParams.get('ref') ?? 'main';
      const file = decodeURIComponent(match[1] ?? '');
      const stored = state.contents[ref]?.[file];
      if (stored === undefined) return notFound(response);
      if (typeof stored === 'object' && 'symlink' in stored) {
        // What GitHub answers for a link: its target, no content.
        return send(response, 200, {
          type: 'symlink',
          target: stored.symlink,
          name: file.split('/').pop(),
          path: file,
          sha: sha(stored.symlink),
          size: Buffer.byteLength(stored.symlink),
        });
      }
      const bytes = Buffer.isBuffer(stored) ? stored : Buffer.from(stored, 'utf8');
      return send(response, 200, {
        type: 'file',
        encoding: 'base64',
        name: file.split('/').pop(),
        path: file,
        sha: sha(bytes.toString('latin1')),
        size: bytes.length,
        content: bytes.toString('base64'),
      });
    }
    return notFound(response);
  }

  function paginate(
    request: IncomingMessage,
    response: ServerResponse,
    url: URL,
    items: unknown[],
  ) {
    const perPage = Math.min(
      Number(url.searchParams.get('per_page')) || DEFAULT_PER_PAGE,
      MAX_PER_PAGE,
    );
    const page = Math.max(Number(url.searchParams.get('page')) || 1, 1);
    const last = Math.max(Math.ceil(items.length / perPage), 1);
    const links: string[] = [];
    const link = (target: number, rel: string) => {
      const next = new URL(url.toString());
      next.searchParams.set('per_page', String(perPage));
      next.searchParams.set('page', String(target));
      const host = request.headers.host ?? '127.0.0.1';
      links.push(`<http://${host}${next.pathname}${next.search}>; rel="${rel}"`);
    };
    if (page > 1) link(page - 1, 'prev');
    if (page < last) link(page + 1, 'next');
    if (page < last) link(last, 'last');
    if (page > 1) link(1, 'first');
    const headers: Record<string, string> = links.length > 0 ? { link: links.join(', ') } : {};
    send(response, 200, items.slice((page - 1) * perPage, page * perPage), headers);
  }

  function pullJson(pull: FakePull) {
    return {
      number: pull.number,
      title: pull.title,
      state: pull.state,
      merged: pull.merged ?? false,
      body: pull.body ?? null,
      user: { login: pull.user.login, type: pull.user.type ?? 'User' },
      head: {
        ref: pull.head.ref,
        sha: pull.head.sha,
        label: `${state.owner}:${pull.head.ref}`,
        repo: { full_name: pull.head.repo ?? `${state.owner}/${state.repo}` },
      },
      base: { ref: pull.base.ref },
      labels: pull.labels.map(labelJson),
      html_url: `https://github.com/${state.owner}/${state.repo}/pull/${pull.number}`,
      created_at: pull.createdAt ?? '2024-08-20T02:00:00Z',
    };
  }
  function commentJson(comment: FakeComment) {
    return {
      id: comment.id,
      body: comment.body,
      user: { login: comment.user.login, type: comment.user.type ?? 'User' },
      created_at: comment.created_at,
      updated_at: comment.updated_at,
      html_url: `https://github.com/${state.owner}/${state.repo}/pull/${comment.issue}#issuecomment-${comment.id}`,
    };
  }
  function labelJson(name: string) {
    const label = state.labels.find((item) => item.name === name);
    return { name, color: label?.color ?? 'ededed' };
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    state,
    requests,
    inject(failure) {
      injected.push({ ...failure });
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** GitHub's rate-limit answer: 403 with an exhausted quota, or 429 with `retry-after`. */
export function rateLimited(
  status: 403 | 429,
  retryAfterSeconds: number,
): Pick<Injected, 'status' | 'headers' | 'body'> {
  return {
    status,
    headers: {
      'x-ratelimit-limit': '5000',
      'x-ratelimit-remaining': '0',
      'x-ratelimit-reset': String(Math.floor(Date.now() / 1000) + retryAfterSeconds),
      'retry-after': String(retryAfterSeconds),
    },
    body: {
      message: 'API rate limit exceeded for installation.',
      documentation_url: 'https://docs.github.com/rest',
    },
  };
}

function sha(text: string): string {
  return createHash('sha1').update(text).digest('hex');
}

function send(
  response: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
) {
  response.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers });
  response.end(JSON.stringify(body));
}
function notFound(response: ServerResponse) {
  send(response, 404, {
    message: 'Not Found',
    documentation_url: 'https://docs.github.com/rest',
    status: '404',
  });
}
/** GitHub's limit on a comment's body, in characters (code points, as its message says). */
export const COMMENT_BODY_LIMIT = 65_536;
function tooLong(text: string): boolean {
  return [...text].length > COMMENT_BODY_LIMIT;
}
/** What GitHub answers to a comment body over the limit, on POST and on PATCH alike. */
function bodyTooLong(response: ServerResponse, operation: string) {
  send(response, 422, {
    message: 'Validation Failed',
    errors: [
      {
        resource: 'IssueComment',
        code: 'unprocessable',
        field: 'data',
        message: `Body is too long (maximum is ${COMMENT_BODY_LIMIT} characters)`,
      },
    ],
    documentation_url: `https://docs.github.com/rest/issues/comments#${operation}`,
    status: '422',
  });
}
function invalid(response: ServerResponse, field: string) {
  send(response, 422, {
    message: 'Validation Failed',
    errors: [{ resource: 'Issue', code: 'missing_field', field }],
    status: '422',
  });
}
async function readJson(request: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  return text ? JSON.parse(text) : undefined;
}
