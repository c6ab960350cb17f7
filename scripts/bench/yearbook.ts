/**
 * `npm run bench:yearbook`: how long does the yearbook of a large campaign take?
 * Generates a 1,000-entry campaign (the validator bench's generator) with a decision that
 * recognises two entries in five, rejects one and leaves the rest undecided, then runs
 * `npm run yearbook` on it as a fresh process, as PDF then DOCX, and prints wall time, CPU
 * time (steadier on a shared machine), pages and size. The target is 60 seconds for the
 * PDF; figures are printed, not asserted. `npm run bench:yearbook -- 2000` for another size.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse, stringify } from 'yaml';
import { formatNumber } from '../../src/core/numbers.ts';
import { collections, pathOf } from '../../src/model/collections.ts';
import { isMain } from '../lib/cli.ts';
import { makeTree } from './validate.ts';

const ROOT = join(import.meta.dirname, '../..');
const CAMPAIGN = '2024-tanh-linh';
const TARGET_SECONDS = 60;
const TIME = '/usr/bin/time';

/** The sample decision's header and members, with results for the generated entries. */
export function writeDecision(root: string, count: number): number {
  const sample = parse(readFileSync(join(ROOT, pathOf(collections.decisions, CAMPAIGN)), 'utf8'));
  const results = [];
  let recognised = 0;
  for (let index = 0; index < count; index += 1) {
    const kind = index % 5;
    if (kind > 2) continue;
    const yes = kind < 2;
    if (yes) recognised += 1;
    // Graded as the rubric grades their totals (Tốt from 70, Đạt from 50), as the validator requires.
    const good = index % 10 === 0;
    results.push({
      initiative: `sang-kien-${String(index).padStart(5, '0')}`,
      scores: !yes
        ? { novelty: 10, effectiveness: 10, applicability: 12, influence: 5 }
        : good
          ? { novelty: 22, effectiveness: 22, applicability: 18, influence: 12 }
          : { novelty: 18, effectiveness: 18, applicability: 14, influence: 10 },
      votesFor: yes ? 6 : 2,
      votesAgainst: yes ? 1 : 5,
      recognised: yes,
      ...(yes ? { grade: good ? 'tot' : 'dat', scope: 'co-so' } : {}),
    });
  }
  const folder = join(root, collections.decisions.folder);
  mkdirSync(folder, { recursive: true });
  writeFileSync(
    join(root, pathOf(collections.decisions, CAMPAIGN)),
    stringify({ ...sample, results }),
  );
  return recognised;
}

interface Timed {
  seconds: number;
  cpuSeconds?: number;
  maxRssMb?: number;
}

function runYearbook(root: string, format: 'pdf' | 'docx', out: string): Timed {
  const args = [join(ROOT, 'scripts', 'yearbook.ts'), CAMPAIGN, '--format', format, '--out', out];
  const useTime = existsSync(TIME);
  const started = performance.now();
  const env = { ...process.env, SITE_URL: 'https://sangkien.example.gov.vn', BASE_PATH: '/' };
  const run = useTime
    ? spawnSync(TIME, ['-f', 'MAXRSS %M CPU %U %S', process.execPath, ...args], {
        cwd: root,
        encoding: 'utf8',
        env,
      })
    : spawnSync(process.execPath, args, { cwd: root, encoding: 'utf8', env });
  const seconds = (performance.now() - started) / 1000;
  if (run.status !== 0)
    throw new Error(`Tạo kỷ yếu thất bại:\n${run.stdout.slice(-2000)}\n${run.stderr.slice(-4000)}`);
  const figures = /MAXRSS (\d+) CPU ([\d.]+) ([\d.]+)/.exec(run.stderr);
  return {
    seconds,
    cpuSeconds: figures ? Number(figures[2]) + Number(figures[3]) : undefined,
    maxRssMb: figures ? Number(figures[1]) / 1024 : undefined,
  };
}

/** Pages of a pdfkit PDF: its page objects are written plainly, one dictionary each. */
function pdfPages(file: string): number {
  return (readFileSync(file, 'latin1').match(/\/Type \/Page\b/g) ?? []).length;
}

const seconds = (value: number | undefined) =>
  value === undefined ? '—' : `${formatNumber(Math.round(value * 10) / 10)} giây`;

async function main() {
  const count = Number(process.argv[2] ?? 1000);
  const root = makeTree(count);
  try {
    const recognised = writeDecision(root, count);
    console.log(
      `Kỷ yếu của đợt ${formatNumber(count)} sáng kiến (${formatNumber(recognised)} được công nhận):`,
    );
    for (const format of ['pdf', 'docx'] as const) {
      const out = join(root, `ky-yeu.${format}`);
      const time = runYearbook(root, format, out);
      const size = readFileSync(out).length / 1024 / 1024;
      const pages = format === 'pdf' ? `, ${formatNumber(pdfPages(out))} trang` : '';
      const verdict =
        format === 'pdf'
          ? time.seconds <= TARGET_SECONDS
            ? ` — đạt mục tiêu ≤ ${TARGET_SECONDS} giây`
            : ` — VƯỢT mục tiêu ${TARGET_SECONDS} giây`
          : '';
      console.log(
        `  ${format.toUpperCase()}: ${seconds(time.seconds)} (CPU ${seconds(time.cpuSeconds)}, RSS đỉnh ${time.maxRssMb === undefined ? '—' : `${formatNumber(Math.round(time.maxRssMb))} MB`})${pages}, ${formatNumber(Math.round(size * 10) / 10)} MB${verdict}`,
      );
    }
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

if (isMain(import.meta)) await main();
