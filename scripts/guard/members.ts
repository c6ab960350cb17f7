import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { RequestError } from 'octokit';
import { z } from 'zod';
import { parseYamlSafely } from '../../src/model/read.ts';
import { formatIssue, issuePath, parseWithInput } from '../../src/model/zod-errors.ts';
import { type GitHub, type RepoRef, UserError } from '../github/client.ts';

/** `.github/committee.yml`: who may change committee-owned files and site code. */
export const committeeConfigSchema = z.strictObject({
  /** "org/team-slug" of the GitHub team of the committee. */
  team: z
    .string()
    .regex(/^[A-Za-z0-9-]+\/[A-Za-z0-9_.-]+$/, { error: 'Nhóm phải ghi dạng tổ-chức/tên-nhóm.' })
    .optional(),
  /** GitHub logins of members, used when the team cannot be read (e.g. with a read-only token). */
  members: z
    .array(
      z
        .string()
        .regex(/^[A-Za-z0-9-]+(\[bot\])?$/, { error: 'Tên tài khoản GitHub không hợp lệ.' }),
    )
    .default([]),
});
export type CommitteeConfig = z.infer<typeof committeeConfigSchema>;

export const COMMITTEE_CONFIG = '.github/committee.yml';

/**
 * Read the committee list. With `ref`, it is read from that commit (the base
 * branch) so that a pull request cannot add its own author to the list.
 */
export function readCommitteeConfig(
  root: string,
  ref?: string,
  path = COMMITTEE_CONFIG,
): CommitteeConfig {
  let text: string;
  try {
    text = ref
      ? execFileSync('git', ['show', `${ref}:${path}`], {
          cwd: root,
          encoding: 'utf8',
          stdio: ['ignore', 'pipe', 'ignore'],
        })
      : readFileSync(join(root, path), 'utf8');
  } catch {
    return { members: [] };
  }
  return parseCommitteeConfig(text, path);
}

/**
 * The committee list as a branch of the repository on GitHub holds it: `guard --pr` reads the
 * pull request's base, not the checkout, which may be the pull request's own branch.
 */
export async function readCommitteeConfigFromGitHub(
  github: GitHub,
  repo: RepoRef,
  ref: string,
  path = COMMITTEE_CONFIG,
): Promise<CommitteeConfig> {
  try {
    const { data } = await github.rest.repos.getContent({ ...repo, path, ref });
    if (Array.isArray(data) || data.type !== 'file' || !('content' in data)) return { members: [] };
    return parseCommitteeConfig(Buffer.from(data.content, 'base64').toString('utf8'), path);
  } catch (error) {
    if (error instanceof RequestError && error.status === 404) return { members: [] };
    throw error;
  }
}

function parseCommitteeConfig(text: string, path: string): CommitteeConfig {
  const parsed = parseWithInput(committeeConfigSchema, parseYamlSafely(text, 1).data ?? {});
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new UserError(
      `${path}: trường "${issue ? issuePath(issue).join('.') || '(gốc)' : '(gốc)'}" không hợp lệ: ${issue ? formatIssue(committeeConfigSchema, issue) : ''}`,
    );
  }
  return parsed.data;
}

export interface Membership {
  member: boolean;
  /** How it was decided, in Vietnamese, for the log. */
  how: string;
}

export async function isCommitteeMember(
  login: string,
  config: CommitteeConfig,
  github?: GitHub,
): Promise<Membership> {
  const wanted = login.toLowerCase();
  if (config.members.some((member) => member.toLowerCase() === wanted)) {
    return { member: true, how: `có trong danh sách ${COMMITTEE_CONFIG}` };
  }
  if (config.team && github) {
    const [org = '', team_slug = ''] = config.team.split('/');
    try {
      const { data } = await github.rest.teams.getMembershipForUserInOrg({
        org,
        team_slug,
        username: login,
      });
      if (data.state === 'active') return { member: true, how: `thuộc nhóm ${config.team}` };
    } catch (error) {
      // A workflow's own token cannot read organisation teams (403): fall back to the list.
      if (error instanceof RequestError && error.status === 403) {
        return {
          member: false,
          how: `không có trong danh sách, và không đọc được nhóm ${config.team} (mã truy cập thiếu quyền đọc tổ chức)`,
        };
      }
      if (!(error instanceof RequestError && error.status === 404)) throw error;
    }
    return { member: false, how: `không thuộc nhóm ${config.team}` };
  }
  return { member: false, how: `không có trong danh sách ${COMMITTEE_CONFIG}` };
}
