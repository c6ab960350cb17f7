/**
 * The practice campaign `npm start` writes into the CMS clone when no campaign is open:
 * valid for the project's validator, open today, re-dated when it has run out, never made
 * when a real campaign is open, and dropped again before the clone follows its source.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  ensurePracticeCampaign,
  PRACTICE_CAMPAIGN,
  PRACTICE_PATH,
  PRACTICE_TITLE,
} from '../../scripts/cms/practice.ts';
import { headOf, prepareCmsRepo } from '../../scripts/cms/repo.ts';
import { collections, pathOf } from '../../src/model/collections.ts';
import { readEntryFile } from '../../src/model/files.ts';
import { campaignSchema } from '../../src/schemas/index.ts';
import { validate } from '../../src/validator/index.ts';
import { git, makeRepo } from '../support/git-fixture.ts';

const project = resolve(import.meta.dirname, '../..');
const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function repo(): string {
  const dir = makeRepo(project, {}, true);
  dirs.push(dir);
  return dir;
}

const practiceOf = (dir: string) =>
  campaignSchema.parse(readEntryFile(join(dir, PRACTICE_PATH)).data);

describe('the practice campaign of npm start', () => {
  it('is written and committed when no campaign is open, open today and valid', async () => {
    const dir = repo();
    const outcome = await ensurePracticeCampaign({ repoDir: dir, today: '2026-11-30' });
    expect(outcome).toEqual({ kind: 'created', deadline: '2027-01-29' });
    const campaign = practiceOf(dir);
    expect(campaign).toMatchObject({
      title: PRACTICE_TITLE,
      status: 'open',
      opensOn: '2026-10-31',
      deadline: '2027-01-29',
      sample: true,
      year: 2026,
    });
    expect(readFileSync(join(dir, PRACTICE_PATH), 'utf8')).toContain(
      'Đây là đợt thử nghiệm, chỉ có trên máy này.',
    );
    expect(git(dir, 'status', '--porcelain')).toBe('');
    expect(git(dir, 'show', '--name-only', '--format=', 'HEAD')).toBe(PRACTICE_PATH);
    // The project's validator accepts the whole tree with it.
    const report = await validate({ root: dir, today: '2026-11-30', workers: 0 });
    const file = report.files.find((entry) => entry.path === PRACTICE_PATH);
    expect(file?.problems.filter((problem) => problem.severity === 'error')).toEqual([]);
    expect(report.totals.errors).toBe(0);
  });

  it('is kept while open, and dated again once it has closed', async () => {
    const dir = repo();
    await ensurePracticeCampaign({ repoDir: dir, today: '2026-11-30' });
    const head = await headOf(dir);
    expect(await ensurePracticeCampaign({ repoDir: dir, today: '2027-01-29' })).toEqual({
      kind: 'open-campaign',
      id: PRACTICE_CAMPAIGN,
    });
    expect(await headOf(dir)).toBe(head);
    expect(await ensurePracticeCampaign({ repoDir: dir, today: '2027-01-30' })).toEqual({
      kind: 'redated',
      deadline: '2027-03-31',
    });
    expect(practiceOf(dir).opensOn).toBe('2026-12-31');
  });

  it('is not made when a campaign of the repository is open', async () => {
    const dir = repo();
    const open = readFileSync(join(dir, pathOf(collections.campaigns, '2024-tanh-linh')), 'utf8');
    writeFileSync(
      join(dir, pathOf(collections.campaigns, '2024-tanh-linh')),
      open.replace('status: closed', 'status: open'),
    );
    git(dir, 'commit', '-qam', 'Mở đợt');
    // Inside the sample campaign's period.
    expect(await ensurePracticeCampaign({ repoDir: dir, today: '2024-08-25' })).toEqual({
      kind: 'open-campaign',
      id: '2024-tanh-linh',
    });
    expect(existsSync(join(dir, PRACTICE_PATH))).toBe(false);
  });

  it('does not keep the clone from following its source', async () => {
    const source = repo();
    const dir = join(mkdtempSync(join(tmpdir(), 'kho-cms-clone-')), 'cms-repo');
    dirs.push(dir);
    await prepareCmsRepo({ source, dir, practicePath: PRACTICE_PATH });
    await ensurePracticeCampaign({ repoDir: dir, today: '2026-11-30' });
    writeFileSync(join(source, 'content', 'them.md'), 'một thay đổi của kho gốc\n');
    git(source, 'add', '.');
    git(source, 'commit', '-qm', 'Kho gốc đi tiếp');
    await prepareCmsRepo({ source, dir, practicePath: PRACTICE_PATH });
    expect(await headOf(dir)).toBe(await headOf(source));
    expect(existsSync(join(dir, PRACTICE_PATH))).toBe(false);
    // Written again for the new start, on top of the source's main.
    await ensurePracticeCampaign({ repoDir: dir, today: '2026-11-30' });
    expect(git(dir, 'rev-parse', 'HEAD~1')).toBe(await headOf(source));
    // The source itself never has it.
    expect(
      execFileSync('git', ['log', '--all', '--format=%H', '--', PRACTICE_PATH], {
        cwd: source,
        encoding: 'utf8',
      }),
    ).toBe('');
  });
});
