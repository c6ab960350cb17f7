/**
 * `npm run feedback`: run by the `feedback` workflow (workflow_run, after `validate`) from
 * the default branch's checkout. For the commit that `validate` ran on, it finds the open
 * pull request(s) through the API, fetches their head as data into a separate worktree,
 * judges it with this checkout's guard and validator (scripts/github/verdict.ts), then posts
 * or updates the Vietnamese comment and sets the labels on each pull request, and sets the
 * one commit status that branch protection requires. Nothing from the pull request is run,
 * and nothing `validate` uploaded is read.
 */

import { execFileSync } from 'node:child_process';
import { parseArgs } from 'node:util';
import { guardTerminal } from '../../src/core/terminal.ts';
import { clipText } from '../../src/core/text.ts';
import {
  EXIT,
  existingFolder,
  exitCodeOf,
  isMain,
  readCommandLine,
  UsageError,
} from '../lib/cli.ts';
import {
  createClient,
  explainGitHubError,
  type GitHub,
  parseRepo,
  type RepoRef,
  UserError,
} from './client.ts';
import { type UpsertResult, upsertComment } from './comment.ts';
import { type LabelChange, labelsFor, syncLabels } from './labels.ts';
import { type PrResult, renderComment } from './result.ts';
import { judge } from './verdict.ts';

/** The commit status set on the pull request's head: the check branch protection requires. */
export const STATUS_CONTEXT = 'Kiểm tra bài gửi (mã nhánh gốc)';

/** GitHub refuses a commit status whose description is longer (HTTP 422). */
const STATUS_DESCRIPTION_MAX = 140;

export interface FeedbackOutcome {
  /**
   * `failed`: the verdict was judged and counted in the commit's status, but the comment or
   * the labels could not be written.
   */
  status: 'posted' | 'skipped' | 'failed';
  message: string;
  comment?: UpsertResult;
  labels?: LabelChange;
}

/** One open pull request's verdict, as the commit status counts it. */
export interface PullVerdict {
  number: number;
  valid: boolean;
  errors: number;
  /** Its comment, or the pull request when the comment could not be written. */
  url?: string;
}

/**
 * The one status for a commit that is the head of `verdicts`' pull requests. A commit status
 * belongs to the commit, not to a pull request, so each pull request's own status would
 * overwrite the others' and the last one written would decide for all: the commit fails when
 * any of them fails, whatever order GitHub lists them in.
 */
export function combinedStatus(
  verdicts: readonly PullVerdict[],
  /** Pull requests with this head that could not be judged: the commit is not passed. */
  unjudged: readonly number[] = [],
): {
  state: 'success' | 'failure' | 'error';
  description: string;
  target_url?: string;
} {
  const sorted = [...verdicts].sort((a, b) => a.number - b.number);
  if (unjudged.length > 0) {
    const url = sorted.find((verdict) => !verdict.valid)?.url;
    return {
      state: 'error',
      description: fitted(
        [...unjudged].sort((a, b) => a - b).map((number) => `#${number}`),
        (named) => `Không kiểm tra được yêu cầu ${named}; cần chạy lại quy trình kiểm tra.`,
      ),
      ...(url ? { target_url: url } : {}),
    };
  }
  const failing = sorted.filter((verdict) => !verdict.valid);
  const state = failing.length === 0 ? 'success' : 'failure';
  const url = (failing[0] ?? sorted[0])?.url;
  let description: string;
  if (sorted.length === 1) {
    description =
      state === 'success' ? 'Bài gửi hợp lệ.' : `Bài gửi cần sửa: ${failing[0]?.errors ?? 0} lỗi.`;
  } else if (state === 'success') {
    description = fitted(
      sorted.map((verdict) => `#${verdict.number}`),
      (named) => `Hợp lệ ở cả ${sorted.length} yêu cầu cùng lần cập nhật: ${named}.`,
    );
  } else {
    const passing = sorted.length - failing.length;
    description = fitted(
      failing.map((verdict) => `#${verdict.number} (${verdict.errors} lỗi)`),
      (named) =>
        `Cùng lần cập nhật, cần sửa ở yêu cầu ${named}${passing > 0 ? `; hợp lệ ở ${passing} yêu cầu còn lại` : ''}.`,
    );
  }
  return { state, description, ...(url ? { target_url: url } : {}) };
}

/** As many of `items` as fit GitHub's limit on a status description, the rest counted. */
function fitted(items: readonly string[], sentence: (named: string) => string): string {
  for (let shown = items.length; shown > 0; shown -= 1) {
    const others = items.length - shown;
    const text = sentence(
      `${items.slice(0, shown).join(', ')}${others > 0 ? ` và ${others} yêu cầu khác` : ''}`,
    );
    if (text.length <= STATUS_DESCRIPTION_MAX) return text;
  }
  return clipText(sentence(`${items.length} yêu cầu`), STATUS_DESCRIPTION_MAX);
}

/** The comment and the labels of one pull request; its verdict for the commit's status. */
async function answerPull(
  github: GitHub,
  target: RepoRef & { headSha: string; botLogin?: string },
  result: PrResult,
): Promise<{ outcome: FeedbackOutcome; verdict?: PullVerdict }> {
  if (result.headSha !== target.headSha) {
    throw new UserError(
      `Kết quả kiểm tra thuộc lần cập nhật ${result.headSha.slice(0, 7)}, khác lần chạy ${target.headSha.slice(0, 7)}: không đăng.`,
    );
  }
  const { data: pull } = await github.rest.pulls.get({
    owner: target.owner,
    repo: target.repo,
    pull_number: result.pullRequest,
  });
  // Judging took a while: the pull request may have moved on or been closed meanwhile.
  if (pull.head.sha !== target.headSha) {
    return {
      outcome: {
        status: 'skipped',
        message: `Yêu cầu #${pull.number} đã có lần cập nhật mới hơn (${pull.head.sha.slice(0, 7)}); lần kiểm tra sau sẽ đăng kết quả.`,
      },
    };
  }
  if (pull.state !== 'open') {
    return {
      outcome: {
        status: 'skipped',
        message: `Yêu cầu #${pull.number} đã đóng trong lúc kiểm tra; không đăng bình luận, không đổi nhãn.`,
      },
    };
  }
  const issue = { owner: target.owner, repo: target.repo, issue: pull.number };
  const valid = result.validation.ok && result.guard.ok;
  const errors =
    result.validation.findings.filter((finding) => finding.severity === 'error').length +
    result.guard.problems.length;
  // The labels and the status must follow the new verdict even when the comment cannot be
  // written: a failed comment used to leave the last push's "hợp lệ" on a commit never checked.
  const failures: string[] = [];
  let comment: UpsertResult | undefined;
  try {
    comment = await upsertComment(
      github,
      { ...issue, botLogin: target.botLogin },
      renderComment(result),
    );
  } catch (error) {
    failures.push(explainGitHubError(error, `đăng bình luận kết quả lên yêu cầu #${pull.number}`));
  }
  let labels: LabelChange | undefined;
  try {
    labels = await syncLabels(
      github,
      issue,
      labelsFor(
        valid,
        result.entries.flatMap((entry) => entry.areas),
      ),
    );
  } catch (error) {
    failures.push(explainGitHubError(error, `gắn nhãn cho yêu cầu #${pull.number}`));
  }
  const url = comment?.url ?? pull.html_url;
  const verdict: PullVerdict = { number: pull.number, valid, errors, ...(url ? { url } : {}) };
  if (!comment) {
    return {
      outcome: {
        status: 'failed',
        message: `${failures.join(' ')} Kết luận (${valid ? 'hợp lệ' : 'cần sửa'}) vẫn được ghi vào ${labels ? 'nhãn và ' : ''}trạng thái "${STATUS_CONTEXT}".`,
        ...(labels ? { labels } : {}),
      },
      verdict,
    };
  }
  const verb = {
    created: 'Đã đăng bình luận',
    updated: 'Đã cập nhật bình luận',
    unchanged: 'Bình luận không đổi',
    'created-after-edit': 'Đã đăng bình luận mới',
  }[comment.action];
  const said = `${verb} trên yêu cầu #${pull.number}.${comment.note ? ` ${comment.note}` : ''}`;
  return {
    outcome: failures.length
      ? { status: 'failed', message: `${said} ${failures.join(' ')}`, comment }
      : { status: 'posted', message: said, comment, ...(labels ? { labels } : {}) },
    verdict,
  };
}

/**
 * Answer the pull requests whose head is `target.headSha`, one result each: a comment and
 * labels on each pull request, then one status on the commit for all of them.
 */
export async function sendFeedbackForCommit(
  github: GitHub,
  target: RepoRef & { headSha: string; botLogin?: string },
  results: readonly PrResult[],
  /** Pull requests with this head whose judging failed: the status says so, never "hợp lệ". */
  unjudged: readonly number[] = [],
): Promise<FeedbackOutcome[]> {
  const outcomes: FeedbackOutcome[] = [];
  const verdicts: PullVerdict[] = [];
  for (const result of results) {
    const { outcome, verdict } = await answerPull(github, target, result);
    outcomes.push(outcome);
    if (verdict) verdicts.push(verdict);
  }
  if (verdicts.length > 0 || unjudged.length > 0) {
    await github.rest.repos.createCommitStatus({
      owner: target.owner,
      repo: target.repo,
      sha: target.headSha,
      context: STATUS_CONTEXT,
      ...combinedStatus(verdicts, unjudged),
    });
  }
  return outcomes;
}

/** Answer one pull request: comment, labels, and the status of its head. */
export async function sendFeedback(
  github: GitHub,
  target: RepoRef & { headSha: string; botLogin?: string },
  result: PrResult,
): Promise<FeedbackOutcome> {
  // One result, one outcome.
  return (await sendFeedbackForCommit(github, target, [result]))[0] as FeedbackOutcome;
}

/**
 * Fetch a pull request's head and its base branch into `root` as refs of their own, for
 * reading only. The token, when given, goes to git through the environment for this one
 * command: the checkout keeps no credentials.
 */
export function fetchPull(
  root: string,
  number: number,
  baseRef: string,
  token?: string,
): { head: string; base: string } {
  const head = `refs/kho/pull/${number}/head`;
  const base = `refs/kho/pull/${number}/base`;
  try {
    execFileSync('git', ['check-ref-format', `refs/heads/${baseRef}`], { stdio: 'ignore' });
  } catch {
    throw new UserError(`Tên nhánh gốc "${baseRef}" không hợp lệ.`);
  }
  const env: NodeJS.ProcessEnv = { ...process.env, GIT_TERMINAL_PROMPT: '0' };
  if (token) {
    const server = (process.env.GITHUB_SERVER_URL ?? 'https://github.com').replace(/\/+$/, '');
    const basic = Buffer.from(`x-access-token:${token}`).toString('base64');
    Object.assign(env, {
      GIT_CONFIG_COUNT: '1',
      GIT_CONFIG_KEY_0: `http.${server}/.extraheader`,
      GIT_CONFIG_VALUE_0: `AUTHORIZATION: basic ${basic}`,
    });
  }
  try {
    execFileSync(
      'git',
      [
        'fetch',
        '--no-tags',
        '--quiet',
        'origin',
        `+refs/pull/${number}/head:${head}`,
        `+refs/heads/${baseRef}:${base}`,
      ],
      { cwd: root, env, stdio: ['ignore', 'ignore', 'pipe'] },
    );
  } catch {
    throw new UserError(
      `Không tải được lần cập nhật của yêu cầu #${number} và nhánh gốc "${baseRef}" bằng git.`,
    );
  }
  return { head, base };
}

/**
 * Judge and answer every open pull request whose head is `headSha` (the commit the
 * `validate` run checked; GitHub lists no pull request on a run from a fork). Every one
 * counts, whichever repository its head comes from: the status is the commit's, and a
 * pull request left out would be overwritten by its own run.
 */
export async function feedbackForCommit(
  github: GitHub,
  target: RepoRef & {
    headSha: string;
    /** "owner/repo" the head comes from (workflow_run.head_repository); only named in messages. */
    headRepo?: string;
    root: string;
    botLogin?: string;
    /** Token for `git fetch` of a private repository. */
    fetchToken?: string;
    today?: string;
  },
): Promise<FeedbackOutcome[]> {
  const pulls = (
    await github.paginate(github.rest.pulls.list, {
      owner: target.owner,
      repo: target.repo,
      state: 'open',
      per_page: 100,
    })
  )
    .filter((pull) => pull.head.sha === target.headSha)
    // Judged in a fixed order, so that two runs for the same commit write the same things.
    .sort((a, b) => a.number - b.number);
  if (pulls.length === 0) {
    return [
      {
        status: 'skipped',
        message: `Không có yêu cầu hợp nhất nào đang mở ở lần cập nhật ${target.headSha.slice(0, 7)}${target.headRepo ? ` của ${target.headRepo}` : ''} (đã đóng hoặc đã có lần cập nhật mới hơn); không đăng.`,
      },
    ];
  }
  const outcomes: FeedbackOutcome[] = [];
  const results: PrResult[] = [];
  const unjudged: number[] = [];
  for (const pull of pulls) {
    // One pull request that cannot be fetched or judged must not keep the others unanswered,
    // nor leave the commit without a status that says why it was not checked.
    try {
      const refs = fetchPull(target.root, pull.number, pull.base.ref, target.fetchToken);
      const fetched = execFileSync('git', ['rev-parse', `${refs.head}^{commit}`], {
        cwd: target.root,
        encoding: 'utf8',
      }).trim();
      if (fetched !== target.headSha) {
        outcomes.push({
          status: 'skipped',
          message: `Yêu cầu #${pull.number} đã có lần cập nhật mới hơn (${fetched.slice(0, 7)}); lần kiểm tra sau sẽ đăng kết quả.`,
        });
        continue;
      }
      const verdict = await judge({
        repo: target.root,
        base: refs.base,
        head: target.headSha,
        author: pull.user?.login ?? '',
        headRef: pull.head.ref,
        pullRequest: pull.number,
        github,
        today: target.today,
      });
      results.push(verdict.result);
    } catch (error) {
      unjudged.push(pull.number);
      outcomes.push({
        status: 'failed',
        message: `${explainGitHubError(error, `kiểm tra yêu cầu #${pull.number}`)} Trạng thái "${STATUS_CONTEXT}" ghi là chưa kiểm tra được.`,
      });
    }
  }
  outcomes.push(
    ...(await sendFeedbackForCommit(
      github,
      {
        owner: target.owner,
        repo: target.repo,
        headSha: target.headSha,
        botLogin: target.botLogin,
      },
      results,
      unjudged,
    )),
  );
  return outcomes;
}

const HELP = `Cách dùng: npm run feedback -- --head-sha MÃ_BĂM [--head-repo CHỦ/KHO] [--repo CHỦ/KHO]

Kiểm tra mọi yêu cầu hợp nhất đang mở ở lần cập nhật MÃ_BĂM bằng mã của nhánh gốc (thư mục
hiện tại), đọc tệp của yêu cầu như dữ liệu; rồi đăng (hoặc cập nhật) bình luận kết quả bằng
tiếng Việt và gắn nhãn "hợp lệ" / "cần sửa" cùng các nội dung cải cách trên từng yêu cầu, và
đặt một trạng thái "${STATUS_CONTEXT}" cho lần cập nhật đó: không đạt nếu một
yêu cầu nào cần sửa. Không đăng được bình luận thì nhãn và trạng thái vẫn theo kết quả mới,
lệnh thoát mã 1. Dùng trong quy trình feedback.

  --head-sha MÃ_BĂM    mã băm (40 ký tự hệ 16) của lần cập nhật mà quy trình validate đã
                       chạy (workflow_run.head_sha)
  --head-repo CHỦ/KHO  kho chứa lần cập nhật đó (workflow_run.head_repository.full_name),
                       chỉ để ghi trong thông báo
  --repo CHỦ/KHO       kho GitHub (mặc định: biến GITHUB_REPOSITORY)
  --root ĐƯỜNG_DẪN     bản sao git của nhánh gốc (mặc định: thư mục hiện tại)
  --api-url ĐỊA_CHỈ    địa chỉ API GitHub (mặc định: GITHUB_API_URL hoặc https://api.github.com)
  --bot TÀI_KHOẢN      tài khoản đăng bình luận (mặc định: github-actions[bot])
  --today NGÀY         coi hôm nay là ngày này (YYYY-MM-DD, giờ Việt Nam) khi xét hạn nộp
  -h, --help           in hướng dẫn này

Biến môi trường: GITHUB_TOKEN (quyền contents: read, pull-requests: write, issues: write,
statuses: write); COMMITTEE_TOKEN nếu có, để đọc nhóm Hội đồng của tổ chức.`;

export async function main(argv: string[]): Promise<number> {
  const parsed = readCommandLine(
    () =>
      parseArgs({
        args: argv,
        options: {
          'head-sha': { type: 'string' },
          'head-repo': { type: 'string' },
          repo: { type: 'string' },
          root: { type: 'string' },
          'api-url': { type: 'string' },
          bot: { type: 'string' },
          today: { type: 'string' },
          help: { type: 'boolean', short: 'h' },
        },
      }),
    HELP,
  );
  if (typeof parsed === 'number') return parsed;
  const { values } = parsed;
  try {
    const headSha = String(values['head-sha'] ?? '');
    if (!/^[0-9a-f]{40}$/.test(headSha))
      throw new UsageError('Thiếu hoặc sai --head-sha (40 ký tự hệ 16).');
    const root = existingFolder(values.root ?? process.cwd(), '--root');
    const github = createClient({ baseUrl: values['api-url'] });
    const outcomes = await feedbackForCommit(github, {
      ...parseRepo(values.repo ?? process.env.GITHUB_REPOSITORY),
      headSha,
      headRepo: values['head-repo'] || undefined,
      root,
      botLogin: values.bot ?? 'github-actions[bot]',
      fetchToken: process.env.GITHUB_TOKEN || undefined,
      today: values.today,
    });
    for (const outcome of outcomes) {
      if (outcome.status === 'failed') console.error(outcome.message);
      else console.log(outcome.message);
    }
    // A verdict that reached the labels and the status but not the comment still fails the
    // run: the author would otherwise be left without the reasons, and nobody would know.
    return outcomes.some((outcome) => outcome.status === 'failed') ? EXIT.content : EXIT.ok;
  } catch (error) {
    console.error(
      error instanceof UsageError
        ? error.message
        : explainGitHubError(error, 'kiểm tra và đăng kết quả'),
    );
    return exitCodeOf(error);
  }
}

if (isMain(import.meta)) {
  guardTerminal();
  process.exitCode = await main(process.argv.slice(2));
}
