/** How every command ends: shared by the commands and the documents they write. */

/**
 * The exit codes every command shares. 0: done. 1: a content problem — the content, a
 * sheet or a pull request is not right, or the work itself failed (git, GitHub). 2: a
 * usage problem — the command line is wrong: an unknown option, a missing value, or a
 * folder, file, campaign or initiative named on it that does not exist.
 */
export const EXIT = { ok: 0, content: 1, usage: 2 } as const;

/** A wrong command line, said in Vietnamese: exit 2. */
export class UsageError extends Error {
  override name = 'UsageError';
  readonly exitCode = EXIT.usage;
}

/** The exit code an error stands for: its own when it carries one, else a content problem. */
export function exitCodeOf(error: unknown): number {
  const code = (error as { exitCode?: unknown } | undefined)?.exitCode;
  return typeof code === 'number' ? code : EXIT.content;
}

/** `--campaign` names no campaign of the content. */
export function unknownCampaign(id: string, known: readonly string[]): UsageError {
  return new UsageError(
    `Không có đợt phát động "${id}". Các đợt hiện có: ${known.join(', ') || '(chưa có)'}.`,
  );
}
