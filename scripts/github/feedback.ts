/**
 * `npm run feedback`: run by the `feedback` workflow after `validate`. Reads
 * the artifact, checks that it belongs to the pull request's current head,
 * then posts or updates the Vietnamese comment and sets the labels.
 * It never runs code from the pull request.
 */

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { formatIssue, issuePath, parseWithInput } from '../../src/model/zod-errors.ts';
import { isMain, readCommandLine } from '../lib/cli.ts';
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
import { type PrResult, prResultSchema, renderComment } from './result.ts';

export interface FeedbackOutcome {
  status: 'posted' | 'skipped';
  message: string;
  comment?: UpsertResult;
  labels?: LabelChange;
}

export function readResult(path: string): PrResult {
  let raw: unknown;
  try {
    const text = readFileSync(path, 'utf8');
    if (text.length > 2_000_000) throw new UserError(`Tệp kết quả ${path} quá lớn.`);
    raw = JSON.parse(text);
  } catch (error) {
    if (error instanceof UserError) throw error;
    throw new UserError(
      `Không đọc được tệp kết quả kiểm tra ${path}: tệp thiếu hoặc không phải JSON.`,
    );
  }
  const parsed = parseWithInput(prResultSchema, raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new UserError(
      `Tệp kết quả kiểm tra ${path} không đúng định dạng: ${issue ? `${issuePath(issue).join('.') || '(gốc)'} — ${formatIssue(prResultSchema, issue)}` : ''}`,
    );
  }
  return parsed.data;
}

export async function sendFeedback(
  github: GitHub,
  target: RepoRef & { headSha: string; botLogin?: string },
  result: PrResult,
): Promise<FeedbackOutcome> {
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
  // The artifact names the pull request; only the head commit proves it is that one.
  if (pull.head.sha !== target.headSha) {
    return {
      status: 'skipped',
      message: `Yêu cầu #${pull.number} đã có lần cập nhật mới hơn (${pull.head.sha.slice(0, 7)}); lần kiểm tra sau sẽ đăng kết quả.`,
    };
  }
  if (pull.state !== 'open') {
    return {
      status: 'skipped',
      message: `Yêu cầu #${pull.number} đã đóng trong lúc kiểm tra; không đăng bình luận, không đổi nhãn.`,
    };
  }
  const issue = { owner: target.owner, repo: target.repo, issue: pull.number };
  const comment = await upsertComment(
    github,
    { ...issue, botLogin: target.botLogin },
    renderComment(result),
  );
  const valid = result.validation.ok && result.guard.ok;
  const labels = await syncLabels(
    github,
    issue,
    labelsFor(
      valid,
      result.entries.flatMap((entry) => entry.areas),
    ),
  );
  const verb = {
    created: 'Đã đăng bình luận',
    updated: 'Đã cập nhật bình luận',
    unchanged: 'Bình luận không đổi',
    'created-after-edit': 'Đã đăng bình luận mới',
  }[comment.action];
  return {
    status: 'posted',
    message: `${verb} trên yêu cầu #${pull.number}.${comment.note ? ` ${comment.note}` : ''}`,
    comment,
    labels,
  };
}

const HELP = `Cách dùng: npm run feedback -- --result THƯ_MỤC --head-sha SHA [--repo chủ/kho]

Đăng (hoặc cập nhật) bình luận kết quả kiểm tra bằng tiếng Việt trên yêu cầu hợp nhất
và gắn nhãn "hợp lệ" / "cần sửa" cùng các nội dung cải cách. Dùng trong quy trình feedback.

  --result DIR     thư mục chứa result.json do quy trình validate tải lên
  --head-sha SHA   mã lần cập nhật mà quy trình validate đã kiểm tra (từ workflow_run)
  --repo OWNER/REPO  kho GitHub (mặc định: biến GITHUB_REPOSITORY)
  --api-url URL    địa chỉ API GitHub (mặc định: GITHUB_API_URL hoặc https://api.github.com)
  --bot LOGIN      tài khoản đăng bình luận (mặc định: github-actions[bot])
  -h, --help       in hướng dẫn này

Biến môi trường: GITHUB_TOKEN (quyền pull-requests: write, issues: write).`;

export async function main(argv: string[]): Promise<number> {
  const parsed = readCommandLine(
    () =>
      parseArgs({
        args: argv,
        options: {
          result: { type: 'string' },
          'head-sha': { type: 'string' },
          repo: { type: 'string' },
          'api-url': { type: 'string' },
          bot: { type: 'string' },
          help: { type: 'boolean', short: 'h' },
        },
      }),
    HELP,
  );
  if (typeof parsed === 'number') return parsed;
  const { values } = parsed;
  try {
    if (typeof values.result !== 'string')
      throw new UserError('Thiếu --result (thư mục kết quả kiểm tra).');
    const headSha = String(values['head-sha'] ?? '');
    if (!/^[0-9a-f]{40}$/.test(headSha))
      throw new UserError('Thiếu hoặc sai --head-sha (40 ký tự hệ 16).');
    const result = readResult(join(values.result, 'result.json'));
    const github = createClient({ baseUrl: values['api-url'] as string | undefined });
    const outcome = await sendFeedback(
      github,
      {
        ...parseRepo((values.repo as string | undefined) ?? process.env.GITHUB_REPOSITORY),
        headSha,
        botLogin: (values.bot as string | undefined) ?? 'github-actions[bot]',
      },
      result,
    );
    console.log(outcome.message);
    return 0;
  } catch (error) {
    console.error(explainGitHubError(error, 'đăng kết quả kiểm tra'));
    return 1;
  }
}

if (isMain(import.meta)) process.exitCode = await main(process.argv.slice(2));
