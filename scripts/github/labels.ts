import { RequestError } from 'octokit';
import { reformAreas } from '../../src/schemas/vocabularies.ts';
import type { GitHub, RepoRef } from './client.ts';

export interface LabelSpec {
  name: string;
  color: string;
  description: string;
}

export const statusLabels = {
  valid: { name: 'hợp lệ', color: '2e7d32', description: 'Bài gửi đạt kiểm tra tự động.' },
  invalid: {
    name: 'cần sửa',
    color: 'c62828',
    description: 'Bài gửi còn lỗi cần sửa trước khi xét.',
  },
} as const satisfies Record<string, LabelSpec>;

/** One label per reform area, named after the area's short Vietnamese name. */
export const areaLabels: Record<string, LabelSpec> = Object.fromEntries(
  reformAreas.map((area) => [
    area.id,
    { name: `CCHC: ${area.short}`, color: '1d4e89', description: area.name.slice(0, 100) },
  ]),
);

/** Every label this tool adds or removes; other labels (e.g. Decap's) are left alone. */
export const managedLabels: LabelSpec[] = [
  statusLabels.valid,
  statusLabels.invalid,
  ...Object.values(areaLabels),
];

export function labelsFor(valid: boolean, areaIds: readonly string[]): LabelSpec[] {
  const areas = [...new Set(areaIds)]
    .map((id) => areaLabels[id])
    .filter((label): label is LabelSpec => label !== undefined);
  return [valid ? statusLabels.valid : statusLabels.invalid, ...areas];
}

export interface LabelChange {
  added: string[];
  removed: string[];
}

/**
 * Make the managed labels on an issue exactly `wanted`: create missing labels
 * (with colour and description), add the wanted ones, remove stale ones.
 */
export async function syncLabels(
  github: GitHub,
  target: RepoRef & { issue: number },
  wanted: LabelSpec[],
): Promise<LabelChange> {
  const { owner, repo, issue } = target;
  const current = (
    await github.paginate(github.rest.issues.listLabelsOnIssue, {
      owner,
      repo,
      issue_number: issue,
      per_page: 100,
    })
  ).map((label) => label.name);
  const wantedNames = new Set(wanted.map((label) => label.name));
  const toAdd = wanted.filter((label) => !current.includes(label.name));
  const toRemove = managedLabels
    .map((label) => label.name)
    .filter((name) => current.includes(name) && !wantedNames.has(name));

  for (const label of toAdd) {
    try {
      await github.rest.issues.createLabel({ owner, repo, ...label });
    } catch (error) {
      // 422 already_exists: the repository has it, only the issue lacks it.
      if (!(error instanceof RequestError && error.status === 422)) throw error;
    }
  }
  if (toAdd.length > 0) {
    await github.rest.issues.addLabels({
      owner,
      repo,
      issue_number: issue,
      labels: toAdd.map((label) => label.name),
    });
  }
  for (const name of toRemove) {
    try {
      await github.rest.issues.removeLabel({ owner, repo, issue_number: issue, name });
    } catch (error) {
      if (!(error instanceof RequestError && error.status === 404)) throw error;
    }
  }
  return { added: toAdd.map((label) => label.name), removed: toRemove };
}
