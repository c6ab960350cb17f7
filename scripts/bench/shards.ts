/**
 * `npm run bench:shards -- <count> <campaigns> [built]`: the site built in shards as the deploy
 * workflow's matrix builds it, one shard after the other on this machine, so that each shard's
 * own cost shows (the matrix's machines, or `npm run build`'s processes side by side, overlap
 * them). Generates `count` initiatives over `campaigns` campaigns (the validator bench's
 * generator), validates and snapshots the records and plans the shards as the deploy's plan job
 * does (`shards.ts prepare`: the shared pages, then groups of campaigns or slices of a large one),
 * and prints that step's cost, then each shard's as soon as it is built (time, CPU time and peak
 * memory of astro build and its Pagefind index), then the merge's. With `built`, only the shared
 * shard and the first `built` others are built, and nothing is merged: the costs of the shards of
 * a large archive without building all of it. Figures are printed, not asserted.
 */
import { readdirSync, rmSync, statSync } from 'node:fs';
import { availableParallelism, cpus } from 'node:os';
import { join } from 'node:path';
import { formatNumber } from '../../src/core/numbers.ts';
import { SNAPSHOT_VARIABLE } from '../../src/model/snapshot.ts';
import { copyProject } from '../build/project-copy.ts';
import { isMain } from '../lib/cli.ts';
import { cpu, load, mb, timed } from './build.ts';
import { makeTree } from './validate.ts';

const ROOT = join(import.meta.dirname, '../..');
const SHARDS = join(ROOT, 'scripts/build/shards.ts');

async function main(): Promise<void> {
  const [count = 10_000, campaigns = 5, built] = process.argv
    .slice(2)
    .map(Number)
    .filter((n) => Number.isInteger(n) && n > 0);
  const say = (line: string) => process.stdout.write(`${line}\n`);
  say(
    `Dựng theo phần — Node ${process.versions.node}, ${availableParallelism()} nhân (${cpus()[0]?.model ?? 'không rõ'})`,
  );
  const tree = makeTree(count, { years: campaigns });
  try {
    copyProject(tree);
    say(
      `\n${formatNumber(count, 0)} sáng kiến, ${formatNumber(campaigns, 0)} đợt (tải trung bình 1/5/15 phút lúc bắt đầu: ${load()})`,
    );
    // As the deploy's plan job and npm run build do: validate once, snapshot the records.
    const snapshot = join(tree, '.tmp', 'danh-muc.v8');
    const prepare = timed(process.execPath, [SHARDS, 'prepare', snapshot], tree);
    const planned = JSON.parse((prepare.output ?? '').trim().split('\n').pop() ?? '[]') as string[];
    const shards = planned.slice(0, built === undefined ? undefined : built + 1);
    say(
      `  Chuẩn bị (validator, bản chụp danh mục ${mb(statSync(snapshot).size / 1024 / 1024)}): ${formatNumber(prepare.seconds, 1)} s${cpu(prepare.cpuSeconds)}, bộ nhớ đỉnh ${mb(prepare.maxRssMb)}; ${planned.length} phần`,
    );
    const dirs: string[] = [];
    let sum = 0;
    let sumCpu = 0;
    for (const [index, shard] of shards.entries()) {
      const dir = join(tree, 'phan', String(index + 1));
      dirs.push(dir);
      const run = timed(process.execPath, [SHARDS, 'build', shard, dir], tree, {
        [SNAPSHOT_VARIABLE]: snapshot,
      });
      sum += run.seconds;
      sumCpu += run.cpuSeconds ?? 0;
      const files = readdirSync(dir, { recursive: true }).length;
      say(
        `  Phần ${shard || '(cả trang)'}: ${formatNumber(run.seconds, 1)} s${cpu(run.cpuSeconds)}, bộ nhớ đỉnh ${mb(run.maxRssMb)}, ${formatNumber(files, 0)} tệp; ${(run.output ?? '').trim().split('\n').pop()}; tải: ${load()}`,
      );
    }
    say(
      `  Tổng các phần nối tiếp: ${formatNumber(sum, 1)} s (CPU ${formatNumber(sumCpu, 1)} s)${shards.length < planned.length ? `; ${shards.length} trong ${planned.length} phần, không gộp` : ''}`,
    );
    if (shards.length < planned.length) return;
    const out = join(tree, 'dist');
    const merge = timed(process.execPath, [SHARDS, 'merge', out, ...dirs], tree);
    say(
      `  Gộp: ${formatNumber(merge.seconds, 1)} s${cpu(merge.cpuSeconds)}, bộ nhớ đỉnh ${mb(merge.maxRssMb)}; ${(merge.output ?? '').trim().split('\n').pop()}; tải trung bình lúc xong: ${load()}`,
    );
  } finally {
    rmSync(tree, { recursive: true, force: true });
  }
}

if (isMain(import.meta)) await main();
