/**
 * `npm start`'s builds (the admin bundle, the site) run in a child process, which starts
 * astro or Vite in turn. Each child gets a process group of its own so that stopping a build
 * stops everything it started: stopping only the child left astro writing into a folder that
 * was being removed. A stop also waits until the whole group is gone.
 */
import { spawn } from 'node:child_process';

export interface ChildBuild {
  /** The child's exit code; null when it was stopped by a signal. */
  code: number | null;
  /** The last lines it printed (stdout and stderr), for an error message. */
  tail: string[];
}

const TAIL_LINES = 40;
const live = new Map<number, Promise<void>>();

function signalGroup(pid: number, signal: NodeJS.Signals | 0): boolean {
  try {
    process.kill(-pid, signal);
    return true;
  } catch {
    return false; // ESRCH: nobody left in the group
  }
}

/** Resolves once no process of the group is left; after `graceMs`, kills what remains. */
async function groupGone(pid: number, graceMs = 10_000): Promise<void> {
  const started = Date.now();
  while (signalGroup(pid, 0)) {
    if (Date.now() - started > graceMs) signalGroup(pid, 'SIGKILL');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

// A parent that exits (an error, process.exit) takes its builds with it.
process.once('exit', () => {
  for (const pid of live.keys()) signalGroup(pid, 'SIGTERM');
});

/** Run `node script …args` in its own process group; `signal` stops the whole group. */
export function runBuildChild(options: {
  script: string;
  args: string[];
  cwd: string;
  env: NodeJS.ProcessEnv;
  signal?: AbortSignal;
  /** Prefix of each line passed to `log`. */
  label: string;
  log?: (line: string) => void;
}): Promise<ChildBuild> {
  const child = spawn(process.execPath, [options.script, ...options.args], {
    cwd: options.cwd,
    env: options.env,
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  const pid = child.pid;
  const tail: string[] = [];
  const collect = (chunk: Buffer) => {
    for (const line of chunk.toString().split('\n')) {
      if (!line.trim()) continue;
      tail.push(line);
      if (tail.length > TAIL_LINES) tail.shift();
      options.log?.(`[${options.label}] ${line}`);
    }
  };
  child.stdout.on('data', collect);
  child.stderr.on('data', collect);
  const stop = () => {
    if (pid !== undefined) signalGroup(pid, 'SIGTERM');
  };
  const exited = new Promise<number | null>((resolve) => {
    child.once('error', () => resolve(null));
    child.once('exit', (code) => resolve(code));
  });
  const finished = (async (): Promise<ChildBuild> => {
    options.signal?.addEventListener('abort', stop, { once: true });
    if (options.signal?.aborted) stop();
    const code = await exited;
    options.signal?.removeEventListener('abort', stop);
    if (pid !== undefined) {
      // What the child started may outlive it: when stopped, wait for all of it to end.
      if (options.signal?.aborted) await groupGone(pid);
      live.delete(pid);
    }
    return { code, tail };
  })();
  if (pid !== undefined) {
    live.set(
      pid,
      finished.then(() => {}),
    );
  }
  return finished;
}

/** Resolves when every build started here has ended (after an abort, its whole group). */
export async function buildsStopped(): Promise<void> {
  await Promise.all(live.values());
}
