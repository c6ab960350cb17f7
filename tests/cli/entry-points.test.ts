/**
 * A command started as `node scripts/….ts` runs wherever the project lives. Offices name folders
 * in Vietnamese and with spaces ("Kho sáng kiến"); a command that told "started" from "imported"
 * by comparing its URL with the path as typed (`file://${process.argv[1]}`: the URL is
 * percent-encoded, the path is not) did nothing there and exited 0 — `npm run build` among them.
 * Every command file uses the one check (scripts/lib/cli.ts: isMain), and each is run here from
 * a copy of the project under such a folder.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { projectRoot } from '../../scripts/build/astro-command.ts';
import { cleanEnv } from '../../scripts/build/build-site.ts';
import { copyProject } from '../../scripts/build/project-copy.ts';

const SCRIPTS = join(projectRoot, 'scripts');

/** Every TypeScript file under scripts/, `/`-separated from it. */
const scriptFiles = (): string[] =>
  readdirSync(SCRIPTS, { recursive: true, encoding: 'utf8' })
    .filter((name) => name.endsWith('.ts'))
    .map((name) => name.split('\\').join('/'))
    .sort();

const read = (file: string): string => readFileSync(join(SCRIPTS, file), 'utf8');

/** The files that run as commands: those asking isMain whether they were started. */
const commandFiles = (): string[] =>
  scriptFiles().filter((file) => read(file).includes('isMain(import.meta)'));

/** What each command is given so that it answers at once, and what it must answer. */
interface Run {
  args: string[];
  status: number;
  says: RegExp;
}

/** The build first: the search index and the bundle-size check read what it left. */
const RUNS: Record<string, Run> = {
  'build/site.ts': { args: [], status: 0, says: /Dựng từ đầu: chưa có bản dựng trước/ },
  'build/search-index.ts': { args: ['dist'], status: 0, says: /^Chỉ mục tìm kiếm: \d+ trang/m },
  'build/shards.ts': { args: ['list'], status: 0, says: /^\[""\]$/m },
  'build/patch.ts': { args: [], status: 2, says: /^Cách dùng: patch\.ts plan/m },
  'cms/admin-build.ts': { args: [], status: 2, says: /^Cách dùng: .*admin-build\.ts/m },
  'cms/site-build.ts': { args: [], status: 2, says: /^Cách dùng: .*site-build\.ts/m },
  // The copy has no admin (project-copy.ts): the check says so.
  'cms/bundle-size.ts': { args: ['dist'], status: 1, says: /^Không thấy trang quản trị đã dựng/m },
  'docs/model-table.ts': { args: ['--check'], status: 0, says: /^docs\/model\.md: bảng mô hình/m },
  'start.ts': { args: ['--help'], status: 0, says: /^Cách dùng: npm start/m },
  'review.ts': { args: ['--help'], status: 0, says: /^Cách dùng: npm run review /m },
  'decide.ts': { args: ['--help'], status: 0, says: /^Cách dùng: npm run decide /m },
  'guard.ts': { args: ['--help'], status: 0, says: /^Cách dùng: npm run guard /m },
  'report.ts': { args: ['--help'], status: 0, says: /^Cách dùng: npm run report /m },
  'github/verdict.ts': {
    args: ['--help'],
    status: 0,
    says: /^Cách dùng: node scripts\/github\/verdict\.ts /m,
  },
  'github/feedback.ts': { args: ['--help'], status: 0, says: /^Cách dùng: npm run feedback /m },
};

/** Benchmarks run for minutes by design: they are held to the same check, not run here. */
const isBenchmark = (file: string): boolean => file.startsWith('bench/');

let copy: string;

beforeAll(() => {
  copy = join(mkdtempSync(join(tmpdir(), 'kho-')), 'Kho sáng kiến CCHC (bản thử)');
  copyProject(copy);
  cpSync(SCRIPTS, join(copy, 'scripts'), { recursive: true });
  for (const folder of ['content', 'docs']) {
    cpSync(join(projectRoot, folder), join(copy, folder), { recursive: true });
  }
});

afterAll(() => {
  if (copy) rmSync(join(copy, '..'), { recursive: true, force: true });
});

describe('commands started from a folder named in Vietnamese, with spaces', () => {
  test('every command file asks isMain, and none compares its own URL or file name by hand', () => {
    const byHand = /import\.meta\.(?:url|filename)\s*===|===\s*import\.meta\.(?:url|filename)/;
    expect(scriptFiles().filter((file) => byHand.test(read(file)))).toEqual([]);
    expect(commandFiles().filter((file) => !isBenchmark(file))).toEqual(Object.keys(RUNS).sort());
    expect(commandFiles().filter(isBenchmark).length).toBeGreaterThan(0);
  });

  test('no file of the project takes a path from a file URL’s pathname, which is percent-encoded', () => {
    const fromPathname = /import\.meta\.url\)\.pathname/;
    const files = ['src', 'scripts', 'tests'].flatMap((folder) =>
      readdirSync(join(projectRoot, folder), { recursive: true, encoding: 'utf8' })
        .filter((name) => /\.(?:ts|mjs|astro)$/.test(name))
        .map((name) => join(folder, name)),
    );
    expect(files.length).toBeGreaterThan(100);
    expect(
      [...files, 'astro.config.mjs'].filter((file) =>
        fromPathname.test(readFileSync(join(projectRoot, file), 'utf8')),
      ),
    ).toEqual([]);
  });

  for (const [file, run] of Object.entries(RUNS)) {
    test(`node scripts/${file} ${run.args.join(' ')}`.trimEnd(), () => {
      const result = spawnSync(process.execPath, [join('scripts', file), ...run.args], {
        cwd: copy,
        encoding: 'utf8',
        maxBuffer: 64 * 1024 * 1024,
        env: {
          ...cleanEnv(),
          ASTRO_TELEMETRY_DISABLED: '1',
          KHO_INDEX_CACHE: join(copy, '.index-cache'),
          GITHUB_TOKEN: '',
          GITHUB_REPOSITORY: '',
        },
        // Only the build takes long: a `npm start` that ignored --help would start its servers
        // and never end, so it is stopped rather than waited for.
        timeout: file === 'build/site.ts' ? 600_000 : 60_000,
      });
      const output = `${result.stdout}\n${result.stderr}`;
      expect(result.status, output.slice(-3000)).toBe(run.status);
      expect(output).toMatch(run.says);
      if (file === 'build/site.ts') expect(existsSync(join(copy, 'dist/index.html'))).toBe(true);
    }, 600_000);
  }
});
