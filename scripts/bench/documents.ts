/**
 * `npm run bench:documents`: the committee's paper for a 1,000-entry campaign. Builds a git
 * repository whose sample campaign holds 1,000 published initiatives (the sample entries
 * copied under new names) and a decision with every member's marks, then times, each in a
 * fresh process as a secretary runs it: `npm run report` (XLSX and CSV; target 5 s) and
 * `npm run doc:committee` (both lists, DOCX and PDF). Prints the figures, the machine's load
 * and the file sizes; nothing is asserted.
 */

import { execFileSync, spawnSync } from 'node:child_process';
import {
  cpSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { availableParallelism, cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse, stringify } from 'yaml';
import { formatNumber } from '../../src/core/numbers.ts';
import type { Decision } from '../../src/schemas/index.ts';
import { isMain } from '../lib/cli.ts';

const ROOT = join(import.meta.dirname, '../..');
const CAMPAIGN = '2024-tanh-linh';
const ENTRIES = 1000;
const REPORT_TARGET_SECONDS = 5;

function git(cwd: string, ...args: string[]) {
  execFileSync('git', args, { cwd, stdio: 'pipe' });
}

/** The sample content, with the campaign's entries copied to `ENTRIES` and decided. */
export function makeCampaign(entries = ENTRIES): string {
  const root = mkdtempSync(join(tmpdir(), 'kho-bench-giay-'));
  cpSync(join(ROOT, 'content'), join(root, 'content'), { recursive: true });
  const folder = join(root, 'content', 'initiatives');
  const samples = readdirSync(folder).filter((slug) =>
    readFileSync(join(folder, slug, 'index.md'), 'utf8').includes(`campaign: ${CAMPAIGN}`),
  );
  const decisionPath = join(root, 'content', 'decisions', `${CAMPAIGN}.yaml`);
  const decision = parse(readFileSync(decisionPath, 'utf8')) as Decision;
  const results = new Map(decision.results.map((result) => [result.initiative, result]));
  const copies: Decision['results'] = [];
  for (let index = 0; copies.length + samples.length < entries; index++) {
    const sample = samples[index % samples.length] as string;
    const number = Math.floor(index / samples.length) + 2;
    const slug = `${sample.slice(0, 60).replace(/-+$/, '')}-${number}`;
    cpSync(join(folder, sample), join(folder, slug), { recursive: true });
    const file = join(folder, slug, 'index.md');
    // A title of its own: the same title twice is a near-duplicate, not another initiative.
    const text = readFileSync(file, 'utf8').replace(/^title: (.*)$/m, (_, title: string) => {
      const bare = title.replace(/^"(.*)"$/, '$1');
      return `title: "${bare} (lần ${number})"`;
    });
    writeFileSync(file, text);
    const result = results.get(sample);
    if (result) copies.push({ ...result, initiative: slug });
  }
  writeFileSync(
    decisionPath,
    stringify(
      { ...decision, results: [...decision.results, ...copies] },
      { lineWidth: 0, aliasDuplicateObjects: false },
    ),
  );
  git(root, 'init', '-q', '-b', 'main');
  git(root, 'config', 'user.name', 'Đo hiệu năng');
  git(root, 'config', 'user.email', 'bench@example.invalid');
  git(root, 'config', 'commit.gpgsign', 'false');
  git(root, 'add', '-A');
  git(root, 'commit', '-q', '-m', 'Đợt 1.000 sáng kiến');
  return root;
}

interface Timed {
  /** Wall-clock time, as the secretary waits for it. */
  seconds: number;
  /** Processor time of the Node process (user + system): what a loaded machine does not inflate. */
  cpuSeconds: number;
  output: string;
}

/** Printed by the measured process as it exits: its own processor time. */
const CPU_AT_EXIT = `data:text/javascript,process.on('exit',()=>{const u=process.cpuUsage();process.stderr.write('\\nbench-cpu-us '+(u.user+u.system)+'\\n')})`;

/** One command in a fresh Node process, as `npm run` starts it, timed from outside. */
function timed(script: string, args: string[], cwd: string): Timed {
  const started = performance.now();
  const run = spawnSync(
    process.execPath,
    ['--import', CPU_AT_EXIT, join(ROOT, 'scripts', script), ...args],
    { cwd, encoding: 'utf8' },
  );
  const seconds = (performance.now() - started) / 1000;
  if (run.status !== 0)
    throw new Error(`${script} ${args.join(' ')} thoát mã ${run.status}:\n${run.stderr}`);
  const cpu = Number(/bench-cpu-us (\d+)/.exec(run.stderr)?.[1] ?? Number.NaN);
  return { seconds, cpuSeconds: cpu / 1e6, output: run.stdout.trim() };
}

const kb = (path: string) => `${formatNumber(Math.round(statSync(path).size / 1024))} KB`;
const load = () =>
  loadavg()
    .map((value) => formatNumber(value, 2))
    .join(' / ');

function main(): void {
  console.log(
    `Máy: ${cpus()[0]?.model ?? '?'}, ${availableParallelism()} lõi; tải trung bình 1/5/15 phút lúc bắt đầu: ${load()}.`,
  );
  const started = performance.now();
  const root = makeCampaign();
  const out = join(root, 'bao-cao');
  mkdirSync(out);
  console.log(
    `Đã tạo đợt ${CAMPAIGN} với ${formatNumber(ENTRIES)} sáng kiến đã công bố và quyết định có phiếu từng thành viên (${formatNumber((performance.now() - started) / 1000, 1)} s).`,
  );
  try {
    const report = timed(
      'report.ts',
      ['--campaign', CAMPAIGN, '--repo', root, '--out', out, '--format', 'xlsx,csv'],
      root,
    );
    const xlsx = join(out, `tong-hop-${CAMPAIGN}.xlsx`);
    const csv = join(out, `tong-hop-${CAMPAIGN}.csv`);
    const verdict = report.seconds <= REPORT_TARGET_SECONDS ? 'đạt' : 'VƯỢT';
    console.log(
      `report (XLSX + CSV, ${formatNumber(ENTRIES)} sáng kiến): ${formatNumber(report.seconds, 2)} s (CPU ${formatNumber(report.cpuSeconds, 2)} s) — mục tiêu ≤ ${REPORT_TARGET_SECONDS} s: ${verdict}; XLSX ${kb(xlsx)}, CSV ${kb(csv)}.`,
    );
    for (const list of ['review', 'recognition'] as const) {
      for (const format of ['docx', 'pdf'] as const) {
        const file = join(out, `${list}.${format}`);
        const run = timed(
          'doc-committee.ts',
          [CAMPAIGN, '--list', list, '--format', format, '--out', file],
          root,
        );
        console.log(
          `doc:committee --list ${list} --format ${format}: ${formatNumber(run.seconds, 2)} s (CPU ${formatNumber(run.cpuSeconds, 2)} s), ${kb(file)}.`,
        );
      }
    }
    console.log(`Tải trung bình lúc kết thúc: ${load()}.`);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

if (isMain(import.meta)) main();
