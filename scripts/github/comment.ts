import { createHash } from 'node:crypto';
import { type GitHub, type RepoRef, UserError } from './client.ts';

/** The hidden line that identifies the validation comment on a pull request. */
export const MARKER = '<!-- kho-sang-kien:validation -->';
const HASH_LINE = /\n?<!-- kho-sang-kien:hash ([0-9a-f]{64}) -->\s*$/;

/**
 * The longest comment body this tool sends, marker and hash line included, in UTF-16 code
 * units. GitHub refuses a body over 65,536 "characters" (HTTP 422, on creating and on
 * editing a comment), and which unit it counts is not documented. A third of the limit holds
 * whichever it is: code points and UTF-16 units are at most 20,000, UTF-8 bytes at most
 * 60,000 (3 bytes per UTF-16 unit at worst). And 20,000 characters is already more than
 * anyone reads in a comment: past that, the list is in the fast check's log.
 */
export const COMMENT_BUDGET = 20_000;

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

/** Said on a fresh comment when the previous one was edited by someone. */
function editedNote(id: number): string {
  return `Bình luận kết quả kiểm tra trước (mã ${id}) đã được người khác sửa nên được giữ nguyên; kết quả mới được đăng thành bình luận mới.`;
}

/**
 * The most a text given to upsertComment may hold: COMMENT_BUDGET less what upsertComment
 * wraps around it at most (the marker, the hash line, the note on an edited comment with
 * the longest id), measured on the wrapping itself.
 */
export const TEXT_BUDGET =
  COMMENT_BUDGET - (withMarker(`> ${editedNote(Number.MAX_SAFE_INTEGER)}\n\n.`).length - 1);

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

/** A body over the budget is a fault of the caller: said in Vietnamese, never sent for a 422. */
function tooLong(body: string): void {
  if (body.length > COMMENT_BUDGET)
    throw new UserError(
      `Bình luận kết quả dài ${body.length} ký tự, quá giới hạn ${COMMENT_BUDGET} ký tự của công cụ; không đăng.`,
    );
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
    tooLong(body);
    const { data } = await github.rest.issues.updateComment({
      owner,
      repo,
      comment_id: previous.id,
      body,
    });
    return { action: 'updated', commentId: data.id, url: data.html_url };
  }
  const note = previous ? editedNote(previous.id) : undefined;
  const fresh = note ? withMarker(`> ${note}\n\n${text.trim()}`) : body;
  tooLong(fresh);
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
