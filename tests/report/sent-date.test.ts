/**
 * When a pending entry was sent is when its author first saved it: the author date of the
 * branch's first commit. decap-server replays a draft onto main at each save, and the admin's
 * gate when a draft is opened after another entry was published; a replay moves the committer
 * date, which would make an entry sent on time look late to the committee.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LocalGitSource } from '../../scripts/report/local-source.ts';
import { cmsBranch, git, makeRepo, SENT_ON_TIME } from '../support/git-fixture.ts';

const project = resolve(import.meta.dirname, '../..');
const SAMPLE = 'nhac-han-tu-dong-tren-he-thong-mot-cua-dien-tu-cho-ho-so-dat-dai';
const entry = readFileSync(join(project, 'content/initiatives', SAMPLE, 'index.md'), 'utf8');

describe('the date a pending entry was sent', () => {
  it("is its first save's author date, which a replay onto main keeps", async () => {
    const root = makeRepo(project, {}, true);
    const branch = cmsBranch(root, 'gui-dung-han', { 'index.md': entry }, 'pending_review');
    // A replay after the campaign's last day (04/09/2024): same author date, new committer date.
    git(root, 'checkout', '-q', branch);
    execFileSync('git', ['commit', '-q', '--amend', '--no-edit'], {
      cwd: root,
      env: { ...process.env, GIT_COMMITTER_DATE: '2024-10-01T09:00:00+07:00' },
    });
    git(root, 'checkout', '-q', 'main');
    expect(git(root, 'log', '-1', '--format=%cI', branch)).toBe('2024-10-01T09:00:00+07:00');
    const [pending] = await new LocalGitSource(root).pending();
    expect(pending?.sentAt?.toISOString()).toBe(new Date(SENT_ON_TIME).toISOString());
  });
});
