import { Octokit, RequestError } from 'octokit';
import { formatTime } from '../../src/core/dates.ts';

export type GitHub = InstanceType<typeof Octokit>;

export interface ClientOptions {
  /** A token with the scopes the command needs; read from GITHUB_TOKEN when absent. */
  token?: string;
  /** REST root, e.g. https://api.github.com or a GitHub Enterprise / test server. */
  baseUrl?: string;
  /** Longest wait (seconds) accepted before retrying once after a rate limit. */
  maxRateLimitWait?: number;
  /** Milliseconds per second of `retry-after`; tests shrink it to keep runs short. */
  retryAfterUnit?: number;
  /**
   * Pace requests as GitHub asks (one write per second) and retry after rate limits.
   * Default true; tests against the local server that do not test rate limits turn it off.
   */
  throttle?: boolean;
}

/** Owner and name of a repository, from "owner/name". */
export interface RepoRef {
  owner: string;
  repo: string;
}

export function parseRepo(value: string | undefined): RepoRef {
  const match = /^([A-Za-z0-9-]+)\/([A-Za-z0-9._-]+)$/.exec(value ?? '');
  if (!match?.[1] || !match[2]) {
    throw new UserError(
      `Kho GitHub "${value ?? ''}" không hợp lệ: ghi theo dạng chủ-sở-hữu/tên-kho (ví dụ so-noi-vu/kho-sang-kien) hoặc đặt biến GITHUB_REPOSITORY.`,
    );
  }
  return { owner: match[1], repo: match[2] };
}

/** An error whose message is meant for the person running the command. */
export class UserError extends Error {
  override name = 'UserError';
}

/**
 * An octokit client that retries once after a rate limit when the wait is short,
 * and otherwise fails with a Vietnamese message (see `explainGitHubError`).
 */
export function createClient(options: ClientOptions = {}): GitHub {
  const maxWait = options.maxRateLimitWait ?? 60;
  const shouldRetry = (
    retryAfter: number,
    _request: unknown,
    _octokit: unknown,
    retryCount: number,
  ) => retryCount < 1 && retryAfter <= maxWait;
  return new Octokit({
    auth: options.token ?? process.env.GITHUB_TOKEN,
    baseUrl: (options.baseUrl ?? process.env.GITHUB_API_URL ?? 'https://api.github.com').replace(
      /\/+$/,
      '',
    ),
    log: { debug() {}, info() {}, warn() {}, error() {} },
    // 429 is left to the throttling plugin, which reads retry-after; the retry plugin would
    // otherwise hammer the server three more times.
    retry: { doNotRetry: [400, 401, 403, 404, 410, 422, 429, 451] },
    throttle: {
      onRateLimit: shouldRetry,
      onSecondaryRateLimit: shouldRetry,
      fallbackSecondaryRateRetryAfter: 60,
      retryAfterBaseValue: options.retryAfterUnit ?? 1000,
      enabled: options.throttle ?? true,
    },
  });
}

/** A Vietnamese explanation of a failed GitHub call, never a stack trace. */
export function explainGitHubError(error: unknown, what: string): string {
  if (error instanceof UserError) return error.message;
  if (error instanceof RequestError) {
    const headers = error.response?.headers ?? {};
    const remaining = headers['x-ratelimit-remaining'];
    if (error.status === 429 || (error.status === 403 && remaining === '0')) {
      const reset = Number(headers['x-ratelimit-reset']);
      const retryAfter = Number(headers['retry-after']);
      const when =
        Number.isFinite(retryAfter) && retryAfter > 0
          ? `sau khoảng ${retryAfter} giây`
          : Number.isFinite(reset) && reset > 0
            ? `sau ${formatTime(new Date(reset * 1000))} (giờ Việt Nam)`
            : 'sau ít phút';
      return `GitHub đang giới hạn số lần gọi nên không ${what} được. Hãy chạy lại ${when}.`;
    }
    if (error.status === 401)
      return `Không ${what} được: mã truy cập GitHub (GITHUB_TOKEN) không hợp lệ hoặc đã hết hạn.`;
    if (error.status === 403)
      return `Không ${what} được: mã truy cập GitHub không đủ quyền (HTTP 403).`;
    if (error.status === 404)
      return `Không ${what} được: GitHub không tìm thấy kho, yêu cầu hợp nhất hoặc tài nguyên cần dùng (HTTP 404).`;
    if (error.status === 422)
      return `Không ${what} được: GitHub từ chối dữ liệu gửi lên (HTTP 422).`;
    return `Không ${what} được: GitHub trả lỗi HTTP ${error.status}.`;
  }
  if (error instanceof Error && 'code' in error && error.code === 'ECONNREFUSED') {
    return `Không ${what} được: không kết nối được tới máy chủ GitHub.`;
  }
  return `Không ${what} được: ${error instanceof Error ? error.message : String(error)}`;
}
