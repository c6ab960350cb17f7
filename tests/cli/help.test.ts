/**
 * Every command's `--help` is Vietnamese down to its placeholders: a secretary who reads
 * `--repo OWNER/REPO` or `--base REF` has to guess what to type. Each command runs as its own
 * process, as `npm run` starts it; `--help` must answer before anything else happens (for
 * `npm start`, before any server is started).
 */
import { spawnSync } from 'node:child_process';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const project = resolve(import.meta.dirname, '../..');

const COMMANDS = [
  'validate',
  'report',
  'review',
  'decide',
  'guard',
  'github/verdict',
  'github/feedback',
  'import-docx',
  'doc-application',
  'doc-committee',
  'yearbook',
  'start',
];

/** The ISO date format the project writes dates in, which the user types as shown. */
const DATE_FORMAT = 'YYYY-MM-DD';

/**
 * Words in capitals that are what the user types or reads verbatim, not placeholders: the
 * environment variables a command reads by these exact names, the project's own Vietnamese
 * abbreviation (cải cách hành chính), and technical names that have no Vietnamese form in use
 * (the GitHub API, JSON, Unicode NFC, UTF-8 with a BOM as Excel needs it). A placeholder in
 * capitals is Vietnamese (`TÀI_KHOẢN`, `CHỦ/KHO`), so no English word has to be allowed here.
 */
const LITERALS = new Set([
  'GITHUB_TOKEN',
  'GITHUB_REPOSITORY',
  'GITHUB_API_URL',
  'COMMITTEE_TOKEN',
  'KHO_REPO',
  'CCHC',
  'API',
  'JSON',
  'NFC',
  'UTF',
  'BOM',
]);

/**
 * Placeholders spelled in ASCII capitals: a run of two capitals or more (`PATH`, `NAME`), or
 * capitals joined by "/" or "_" (`OWNER/REPO`, `O/R`), standing as a word of their own.
 * Vietnamese letters count as word letters, so the plain capitals inside `ĐƯỜNG_DẪN` or
 * `TÀI_KHOẢN` are parts of a Vietnamese word, not a placeholder (JavaScript's \b would split
 * them there).
 */
const CAPITALS = /(?<![\p{L}\p{N}_/])(?:[A-Z]+(?:[/_][A-Z]+)+|[A-Z]{2,})(?![\p{L}\p{N}_/])/gu;

/** A one-letter placeholder after an option (`--pr N`), which the word rule leaves alone. */
const OPTION_LETTER = /--[a-z][a-z-]* ([A-Z])(?![\p{L}\p{N}_/])/gu;

function englishPlaceholders(help: string): string[] {
  const text = help.replaceAll(DATE_FORMAT, ' ');
  return [
    ...[...text.matchAll(CAPITALS)].map((match) => match[0]).filter((word) => !LITERALS.has(word)),
    ...[...text.matchAll(OPTION_LETTER)].map((match) => match[0]),
  ];
}

function run(script: string, args: string[]) {
  return spawnSync(process.execPath, [join('scripts', `${script}.ts`), ...args], {
    cwd: project,
    encoding: 'utf8',
    // `npm start` without a working --help starts its servers; stop it rather than wait.
    timeout: 20_000,
    env: { ...process.env, GITHUB_TOKEN: '', GITHUB_REPOSITORY: '' },
  });
}

describe('the placeholder rule', () => {
  it('finds English placeholders and passes Vietnamese ones', () => {
    expect(
      englishPlaceholders('--repo OWNER/REPO --base REF --head-repo O/R --pr N --root PATH'),
    ).toEqual(['OWNER/REPO', 'REF', 'O/R', 'PATH', '--pr N']);
    expect(
      englishPlaceholders(
        '--author TÀI_KHOẢN --repo CHỦ/KHO --root ĐƯỜNG_DẪN --today NGÀY (YYYY-MM-DD) GITHUB_TOKEN GitHub',
      ),
    ).toEqual([]);
  });
});

describe('--help', () => {
  it.each(COMMANDS)('%s: exit 0, Vietnamese placeholders', (script) => {
    const result = run(script, ['--help']);
    expect(result.status, result.stderr).toBe(0);
    expect(result.stdout.trim()).not.toBe('');
    expect(result.stdout).toMatch(/^Cách dùng|\nCách dùng/);
    expect(englishPlaceholders(result.stdout)).toEqual([]);
  });
});

describe('usage errors', () => {
  it('validate: an option without its value exits 2, said in Vietnamese', () => {
    const result = run('validate', ['--today']);
    expect(result.status).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe(
      'Lỗi: Tùy chọn --today thiếu giá trị: viết --today GIÁ_TRỊ.\nGõ --help để xem hướng dẫn.\n',
    );
  });

  it('validate: an unknown option exits 2, said in Vietnamese', () => {
    const result = run('validate', ['--khong-co']);
    expect(result.status).toBe(2);
    expect(result.stderr).toBe(
      'Lỗi: Tùy chọn không có: --khong-co.\nGõ --help để xem hướng dẫn.\n',
    );
  });

  it('start: an unknown option exits 2 before any server starts', () => {
    const result = run('start', ['--khong-co']);
    expect(result.status).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/^Tùy chọn không có: --khong-co\.\n\nCách dùng: npm start/);
  });

  it('verdict: without --author exits 2, as its help says', () => {
    const result = run('github/verdict', []);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/^Thiếu --author/);
  });
});
