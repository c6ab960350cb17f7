/**
 * One exit-code convention for every command: 0 done, 1 a content problem, 2 a wrong
 * command line — an unknown option, a missing value, or a campaign or folder named on
 * it that does not exist. Each command runs as its own process, as `npm run` starts it.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { makeRepo } from '../support/git-fixture.ts';

const project = resolve(import.meta.dirname, '../..');
const WORD_FILE =
  'content/initiatives/mau-day-du-kiosk-tra-cuu-ho-so-tai-bo-phan-mot-cua-huyen/mau-phieu-danh-gia.docx';

interface Outcome {
  code: number;
  stdout: string;
  stderr: string;
}

function command(script: string, args: string[], cwd: string): Promise<Outcome> {
  return new Promise((done) => {
    execFile(
      process.execPath,
      [join(project, 'scripts', script), ...args],
      // No token, no repository: nothing here may reach GitHub before the command line is judged.
      { cwd, env: { ...process.env, GITHUB_TOKEN: '', GITHUB_REPOSITORY: 'to-chuc/kho' } },
      (error, stdout, stderr) => {
        done({
          code: error ? Number((error as { code?: number }).code ?? 1) : 0,
          stdout,
          stderr,
        });
      },
    );
  });
}

let repo: string;
let missing: string;

beforeAll(() => {
  repo = makeRepo(project, {}, true);
  missing = join(mkdtempSync(join(tmpdir(), 'kho-exit-')), 'khong-co-thu-muc');
});

/** A Vietnamese sentence naming the missing folder, and no stack trace. */
function saysFolderMissing(outcome: Outcome, option: string): void {
  const text = outcome.stdout + outcome.stderr;
  expect(text).toContain(`Thư mục không tồn tại: "${missing}" (${option}).`);
  expect(text).not.toContain('đợt phát động');
  expect(text).not.toMatch(/\n\s+at /);
}

describe('a wrong campaign exits 2 in every command that takes one', () => {
  it.each<[string, string, string[]]>([
    ['report', 'report.ts', ['--repo', '.', '--campaign', '1999-khong-co', '--out', 'bao-cao']],
    ['decide', 'decide.ts', ['--campaign', '1999-khong-co', '--sheet', WORD_FILE]],
    [
      'doc:committee',
      'doc-committee.ts',
      ['1999-khong-co', '--list', 'review', '--format', 'docx'],
    ],
    ['import:docx', 'import-docx.ts', [WORD_FILE, '--campaign', '1999-khong-co', '--out', 'nhap']],
  ])('%s', async (_name, script, args) => {
    const outcome = await command(script, args, repo);
    expect(outcome.code).toBe(2);
    expect(outcome.stderr).toMatch(/Không có đợt phát động "1999-khong-co"/);
    expect(outcome.stderr).not.toMatch(/\n\s+at /);
  });
});

describe('a missing folder exits 2 and says the folder does not exist', () => {
  it.each<[string, string, (folder: string) => string[], string]>([
    ['validate', 'validate.ts', (folder) => ['--root', folder], '--root'],
    [
      'decide',
      'decide.ts',
      (folder) => ['--root', folder, '--campaign', '2024-tanh-linh', '--sheet', WORD_FILE],
      '--root',
    ],
    [
      'guard',
      'guard.ts',
      (folder) => ['--root', folder, '--base', 'main', '--author', 'can-bo'],
      '--root',
    ],
    [
      'feedback',
      'github/feedback.ts',
      (folder) => ['--root', folder, '--head-sha', 'a'.repeat(40), '--head-repo', 'can-bo/kho'],
      '--root',
    ],
    [
      'report',
      'report.ts',
      (folder) => ['--repo', folder, '--campaign', '2024-tanh-linh'],
      '--repo',
    ],
    ['review', 'review.ts', (folder) => ['--repo', folder], '--repo'],
  ])('%s', async (_name, script, args, option) => {
    const outcome = await command(script, args(missing), repo);
    expect(outcome.code).toBe(2);
    saysFolderMissing(outcome, option);
  });
});

describe('other wrong command lines exit 2', () => {
  it.each<[string, string, string[], RegExp]>([
    ['guard without --author', 'guard.ts', ['--base', 'main'], /^Thiếu --author/],
    [
      'review publish of an entry that is not waiting',
      'review.ts',
      ['--repo', '.', 'publish', 'khong-co'],
      /^Không có bài chờ duyệt "khong-co"/,
    ],
    [
      'decide with an unknown option',
      'decide.ts',
      ['--khong-co'],
      /^Tùy chọn không có: --khong-co\./,
    ],
  ])('%s', async (_name, script, args, message) => {
    const outcome = await command(script, args, repo);
    expect(outcome.code).toBe(2);
    expect(outcome.stderr).toMatch(message);
  });
});

describe('a content problem exits 1, a good run 0', () => {
  it('validate: 0 on the sample content, 1 when a decision drops a member of the roster', async () => {
    expect((await command('validate.ts', ['--root', repo], repo)).code).toBe(0);
    const broken = makeRepo(
      project,
      {
        'content/decisions/2024-tanh-linh.yaml': readFileSync(
          join(project, 'content/decisions/2024-tanh-linh.yaml'),
          'utf8',
        ).replace(/ {2}- id: pham-duc-long\n(?: {4}.*\n)+/, ''),
      },
      true,
    );
    const outcome = await command('validate.ts', ['--root', broken], broken);
    expect(outcome.code).toBe(1);
    expect(outcome.stdout).toContain(
      'Thành viên khác danh sách Hội đồng của đợt (content/campaigns/2024-tanh-linh.md, mục "Hội đồng xét sáng kiến"): thiếu Phạm Đức Long (pham-duc-long).',
    );
  });

  it('decide: a file that is not the report workbook is a content problem', async () => {
    const outcome = await command(
      'decide.ts',
      ['--campaign', '2024-tanh-linh', '--sheet', WORD_FILE],
      repo,
    );
    expect(outcome.code).toBe(1);
    // A Word file is a zip that the spreadsheet library opens as a workbook with no sheet.
    expect(outcome.stderr).toContain('không phải bảng tính do "npm run report" lập');
  });
});
