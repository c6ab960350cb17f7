/**
 * `npm run bench:shards -- <count> <shards> [built]`: the site built in shards, as the deploy workflow's
 * matrix builds it, one shard after the other on this machine. Generates `count` initiatives over
 * `shards` campaigns (the validator bench's generator) plus one campaign with no initiative, whose
 * shard builds only what every shard builds (the shared pages from the whole catalog, and the
 * reading of it): the fixed cost of a shard at this size of archive. Prints, for each shard as
 * soon as it is built, its time, CPU time and peak memory (astro build and its Pagefind index),
 * then the merge's. With `built`, only the empty shard and the first `built` shards are built,
 * and nothing is merged: the fixed and per-initiative costs of a shard of a large archive, without
 * building all of it. Figures are printed, not asserted.
 */
import { copyFileSync, readdirSync, rmSync } from 'node:fs';
import { availableParallelism, cpus } from 'node:os';
import { join } from 'node:path';
import { formatNumber } from '../../src/core/numbers.ts';
import { collections, pathOf } from '../../src/model/collections.ts';
import { campaignSizes } from '../build/shards.ts';
import { cpu, load, mb, timed } from './build.ts';
import { makeTree } from './validate.ts';

const ROOT = join(import.meta.dirname, '../..');
const SHARDS = join(ROOT, 'scripts/build/shards.ts');
/** The campaign without initiatives: a year before the generator's. */
const EMPTY = '2000-tanh-linh';

async function main(): Promise<void> {
  const [count = 10_000, parts = 5, built] = process.argv
    .slice(2)
    .map(Number)
    .filter((n) => Number.isInteger(n) && n > 0);
  const say = (line: string) => process.stdout.write(`${line}\n`);
  say(
    `Dựng theo phần — Node ${process.versions.node}, ${availableParallelism()} nhân (${cpus()[0]?.model ?? 'không rõ'})`,
  );
  const tree = makeTree(count, { years: parts });
  try {
    copyFileSync(
      join(tree, pathOf(collections.campaigns, '2024-tanh-linh')),
      join(tree, pathOf(collections.campaigns, EMPTY)),
    );
    const { copyProject } = await import('../build/project-copy.ts');
    copyProject(tree);
    const sizes = campaignSizes(tree);
    // The empty campaign first: its figure is the fixed cost that every other shard also pays.
    const shards = [EMPTY, ...[...sizes.keys()].filter((id) => id !== EMPTY).sort()].slice(
      0,
      built === undefined ? undefined : built + 1,
    );
    say(
      `\n${formatNumber(count, 0)} sáng kiến, ${shards.length} phần (tải trung bình 1/5/15 phút lúc bắt đầu: ${load()})`,
    );
    const dirs: string[] = [];
    let sum = 0;
    let sumCpu = 0;
    for (const [index, shard] of shards.entries()) {
      const dir = join(tree, 'phan', String(index + 1));
      dirs.push(dir);
      const run = timed(process.execPath, [SHARDS, 'build', shard, dir], tree);
      sum += run.seconds;
      sumCpu += run.cpuSeconds ?? 0;
      const files = readdirSync(dir, { recursive: true }).length;
      say(
        `  Phần ${shard} (${formatNumber(sizes.get(shard) ?? 0, 0)} bài): ${formatNumber(run.seconds, 1)} s${cpu(run.cpuSeconds)}, bộ nhớ đỉnh ${mb(run.maxRssMb)}, ${formatNumber(files, 0)} tệp; ${(run.output ?? '').trim().split('\n').pop()}; tải: ${load()}`,
      );
    }
    if (built !== undefined) {
      say(
        `  (${shards.length} trong ${sizes.size} phần, không gộp); tải trung bình lúc xong: ${load()}`,
      );
      return;
    }
    const out = join(tree, 'dist');
    const merge = timed(process.execPath, [SHARDS, 'merge', out, ...dirs], tree);
    say(
      `  Gộp: ${formatNumber(merge.seconds, 1)} s${cpu(merge.cpuSeconds)}, bộ nhớ đỉnh ${mb(merge.maxRssMb)}; ${(merge.output ?? '').trim().split('\n').pop()}`,
    );
    say(
      `  Tổng các phần nối tiếp: ${formatNumber(sum, 1)} s (CPU ${formatNumber(sumCpu, 1)} s); tải trung bình lúc xong: ${load()}`,
    );
  } finally {
    rmSync(tree, { recursive: true, force: true });
  }
}

if (process.argv[1] === import.meta.filename) await main();
