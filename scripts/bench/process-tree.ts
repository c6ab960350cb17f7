/**
 * A command run with its whole process tree measured: wall time, CPU time of every descendant
 * (GNU time: a process's children's usage includes theirs once waited for), and peak memory as
 * the largest sum of the resident sets of the processes alive at once. GNU time's own peak is
 * the largest single process, which says nothing of shards built side by side.
 */
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';

const TIME = '/usr/bin/time';
const PAGE_KB = 4;

/** Every process's parent, from /proc (Linux); empty elsewhere. */
function parents(): Map<number, number> {
  const found = new Map<number, number>();
  if (!existsSync('/proc')) return found;
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      // The name in parentheses may hold spaces: the fields after its closing one are fixed.
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      found.set(Number(name), Number(fields[1]));
    } catch {
      // Gone between the listing and the read.
    }
  }
  return found;
}

/** Resident memory of `root` and all its descendants, in kB. */
export function treeRssKb(root: number): number {
  const parentOf = parents();
  const inTree = new Set([root]);
  let grew = true;
  while (grew) {
    grew = false;
    for (const [pid, parent] of parentOf) {
      if (!inTree.has(pid) && inTree.has(parent)) {
        inTree.add(pid);
        grew = true;
      }
    }
  }
  let total = 0;
  for (const pid of inTree) {
    try {
      const pages = Number(readFileSync(`/proc/${pid}/statm`, 'utf8').split(' ')[1]);
      total += pages * PAGE_KB;
    } catch {
      // Ended since.
    }
  }
  return total;
}

export interface TreeRun {
  seconds: number;
  cpuSeconds?: number;
  /** Largest sum of the resident sets of the tree's processes at one time (sampled). */
  peakTreeMb?: number;
  /** Largest single process (GNU time). */
  peakProcessMb?: number;
  output: string;
}

/** Runs `command` and samples its tree's memory every `every` ms until it ends. */
export function runTree(
  command: string,
  args: string[],
  options: { cwd: string; env: NodeJS.ProcessEnv; every?: number },
): Promise<TreeRun> {
  const useTime = existsSync(TIME);
  const started = performance.now();
  const child = useTime
    ? spawn(TIME, ['-f', 'MAXRSS %M CPU %U %S', command, ...args], {
        cwd: options.cwd,
        env: options.env,
      })
    : spawn(command, args, { cwd: options.cwd, env: options.env });
  let output = '';
  let errors = '';
  child.stdout.on('data', (chunk: Buffer) => {
    output = (output + chunk.toString('utf8')).slice(-200_000);
  });
  child.stderr.on('data', (chunk: Buffer) => {
    errors = (errors + chunk.toString('utf8')).slice(-200_000);
  });
  let peakKb = 0;
  const sample = () => {
    if (child.pid !== undefined) peakKb = Math.max(peakKb, treeRssKb(child.pid));
  };
  const timer = setInterval(sample, options.every ?? 250);
  return new Promise((done, fail) => {
    child.on('error', fail);
    child.on('close', (code) => {
      clearInterval(timer);
      const seconds = (performance.now() - started) / 1000;
      if (code !== 0) {
        fail(
          new Error(
            `Lệnh thất bại (${args.join(' ')}):\n${output.slice(-2000)}\n${errors.slice(-4000)}`,
          ),
        );
        return;
      }
      const figures = /MAXRSS (\d+) CPU ([\d.]+) ([\d.]+)/.exec(errors);
      done({
        seconds,
        cpuSeconds: figures ? Number(figures[2]) + Number(figures[3]) : undefined,
        peakTreeMb: existsSync('/proc') ? peakKb / 1024 : undefined,
        peakProcessMb: figures ? Number(figures[1]) / 1024 : undefined,
        output,
      });
    });
  });
}
