/**
 * A site built in shards (one per campaign) and merged is the site built at once: the same files,
 * byte for byte, so the same pages and the same search. Real astro builds of a small generated
 * archive over two campaigns, real Pagefind.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { makeTree } from '../../scripts/bench/validate.ts';
import { astroBuildCommand } from '../../scripts/build/astro-command.ts';
import { cleanEnv } from '../../scripts/build/build-site.ts';
import { copyProject } from '../../scripts/build/project-copy.ts';
import { buildSearchIndex } from '../../scripts/build/search-index.ts';
import { buildSharded, mergeShards, shardIds } from '../../scripts/build/shards.ts';
import { QUICK_DIR, QuickIndex } from '../../src/lib/quick-search.ts';

let tree: string;
let single: string;
let merged: string;
let shards: string[] = [];

const env = () => ({
  ...cleanEnv(),
  ASTRO_TELEMETRY_DISABLED: '1',
  BASE_PATH: '/',
  SITE_URL: '',
  SOURCE_DATE_EPOCH: '1735689600',
});

beforeAll(() => {
  tree = makeTree(24, { years: 2 });
  copyProject(tree);
  single = join(tree, 'dist-single');
  const [command, args] = astroBuildCommand(tree, ['--outDir', single]);
  const run = spawnSync(command, args, { cwd: tree, encoding: 'utf8', env: env() });
  if (run.status !== 0) throw new Error(`astro build thất bại:\n${run.stderr.slice(-4000)}`);
  buildSearchIndex(single);
  merged = join(tree, 'dist-merged');
  shards = buildSharded(tree, merged, { env: env(), work: join(tree, 'shards') }).shards;
}, 1_500_000);

afterAll(() => {
  if (tree) rmSync(tree, { recursive: true, force: true });
});

function files(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name).slice(dir.length + 1))
    .sort();
}

describe('a sharded build', () => {
  test('splits by campaign', () => {
    expect(shards).toEqual(['2023-tanh-linh', '2024-tanh-linh']);
    expect(shardIds(tree)).toEqual(shards);
  });

  test('merges into the same files as the single build, byte for byte', () => {
    const expected = files(single);
    expect(
      expected.filter((file) => /^sang-kien\/sang-kien-\d+\/index\.html$/.test(file)),
    ).toHaveLength(24);
    expect(files(merged)).toEqual(expected);
    const different = expected.filter(
      (file) => !readFileSync(join(single, file)).equals(readFileSync(join(merged, file))),
    );
    expect(different).toEqual([]);
  });

  test('answers searches the same way', async () => {
    const index = (dir: string) =>
      new QuickIndex(async (path) => {
        try {
          return readFileSync(join(dir, QUICK_DIR, path), 'utf8');
        } catch {
          return undefined;
        }
      });
    for (const query of ['ho so', 'dang ky', 'xa duc phu', 'so hoa']) {
      const [a, b] = await Promise.all([index(single).search(query), index(merged).search(query)]);
      expect(b).toEqual(a);
    }
  });

  test('two shards built from different content are refused at the merge', () => {
    const first = join(tree, 'shards-a');
    const second = join(tree, 'shards-b');
    for (const [dir, text] of [
      [first, 'một'],
      [second, 'hai'],
    ] as const) {
      mkdirSync(dir, { recursive: true });
      writeFileSync(join(dir, 'index.html'), text);
    }
    expect(() => mergeShards([first, second], join(tree, 'shards-out'))).toThrow(/index\.html/);
  });
});
