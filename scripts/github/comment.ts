import { createHash } from 'node:crypto';
import type { GitHub, RepoRef } from './client.ts';

/** The hidden line that identifies the validation comment on a pull request. */
export const MARKER = '<!-- kho-sang-kien:validation -->';
const HASH_LINE = /\n?<!-- kho-sang-kien:hash ([0-9a-f]{64}) -->\s*$/;

export type UpsertAction = 'created' | 'updated' | 'unchanged' | 'created-after-edit';
export interface UpsertResult {
  action: UpsertAction;
  commentId: number;
  url?: string;
  /** Vietnamese explanation when the previous comment was left alone. */
  note?: string;
}

function digest(text: string): string {
  return createHash('sha256').update(text.normalize('NFC'), 'utf8').digest('hex');
}

/** The full comment body: marker, visible text, and a hash of the text so edits can be seen. */
export function withMarker(text: string): string {
  const body = `${MARKER}\n${text.trim()}`;
  return `${body}\n<!-- kho-sang-kien:hash ${digest(body)} -->`;
}

/** True when the comment still holds exactly what this tool wrote. */
export function isUntouched(body: string): boolean {
  // GitHub's editor may save CRLF line endings; that is not an edit of the content.
  const text = body.replace(/\r\n/g, '\n');
  const match = HASH_LINE.exec(text);
  if (!match?.[1]) return false;
  return digest(text.slice(0, match.index)) === match[1];
}

interface CommentLike {
  id: number;
  body?: string | null;
  user?: { login?: string; type?: string } | null;
  html_url?: string;
}

/** The newest comment written by a bot (or by `botLogin`) that carries the marker. */
export function findOwnComment(
  comments: CommentLike[],
  botLogin?: string,
): CommentLike | undefined {
  const own = comments.filter(
    (comment) =>
      (comment.body ?? '').includes(MARKER) &&
      (botLogin ? comment.user?.login === botLogin : comment.user?.type === 'Bot'),
  );
  return own.at(-1);
}

/**
 * Post the validation comment, or update the one posted before. A comment a
 * person has edited is never overwritten: a fresh one is posted instead and
 * the result says so.
 */
export async function upsertComment(
  github: GitHub,
  target: RepoRef & { issue: number; botLogin?: string },
  text: string,
): Promise<UpsertResult> {
  const { owner, repo, issue } = target;
  const comments = await github.paginate(github.rest.issues.listComments, {
    owner,
    repo,
    issue_number: issue,
    per_page: 100,
  });
  const previous = findOwnComment(comments, target.botLogin);
  const body = withMarker(text);
  if (previous && isUntouched(previous.body ?? '')) {
    if ((previous.body ?? '').replace(/\r\n/g, '\n') === body) {
      return { action: 'unchanged', commentId: previous.id, url: previous.html_url };
    }
    const { data } = await github.rest.issues.updateComment({
      owner,
      repo,
      comment_id: previous.id,
      body,
    });
    return { action: 'updated', commentId: data.id, url: data.html_url };
  }
  const note = previous
    ? `Bình luận kết quả kiểm tra trước (mã ${previous.id}) đã được người khác sửa nên được giữ nguyên; kết quả mới được đăng thành bình luận mới.`
    : undefined;
  const fresh = note ? withMarker(`> ${note}\n\n${text.trim()}`) : body;
  const { data } = await github.rest.issues.createComment({
    owner,
    repo,
    issue_number: issue,
    body: fresh,
  });
  return {
    action: previous ? 'created-after-edit' : 'created',
    commentId: data.id,
    url: data.html_url,
    note,
  };
}
