/**
 * A stopped build stops everything it started: the child runs its own child (as the site's
 * build runs astro) that keeps writing into a folder; after the abort, once runBuildChild and
 * buildsStopped resolve, nothing of the group is alive and nothing writes any more.
 */
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { buildsStopped, runBuildChild } from '../../scripts/cms/build-child.ts';

let dir: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'kho-build-child-'));
  // The grandchild ignores nothing and writes every 20 ms; the child waits for it synchronously.
  writeFileSync(
    join(dir, 'grandchild.mjs'),
    `import { appendFileSync, writeFileSync } from 'node:fs';
writeFileSync(process.argv[2], String(process.pid));
setInterval(() => appendFileSync(process.argv[3], 'x'), 20);
`,
  );
  writeFileSync(
    join(dir, 'child.mjs'),
    `import { spawnSync } from 'node:child_process';
console.log('bắt đầu');
spawnSync(process.execPath, [process.argv[2], process.argv[3], process.argv[4]], { stdio: 'inherit' });
`,
  );
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

test('an aborted build ends with everything it started, and buildsStopped waits for it', async () => {
  const pidFile = join(dir, 'pid');
  const output = join(dir, 'output');
  const aborts = new AbortController();
  const lines: string[] = [];
  const build = runBuildChild({
    script: join(dir, 'child.mjs'),
    args: [join(dir, 'grandchild.mjs'), pidFile, output],
    cwd: dir,
    env: process.env,
    signal: aborts.signal,
    label: 'thử',
    log: (line) => lines.push(line),
  });
  await expect
    .poll(() => statSync(output, { throwIfNoEntry: false })?.size ?? 0, { timeout: 60_000 })
    .toBeGreaterThan(2);
  const grandchild = Number(readFileSync(pidFile, 'utf8'));
  expect(alive(grandchild)).toBe(true);

  aborts.abort();
  const result = await build;
  await buildsStopped();
  expect(result.code).toBeNull();
  expect(lines).toContain('[thử] bắt đầu');
  expect(alive(grandchild)).toBe(false);
  const size = statSync(output).size;
  await new Promise((resolve) => setTimeout(resolve, 200));
  expect(statSync(output).size).toBe(size);
});

test('a build that ends by itself gives its exit code and its last lines', async () => {
  writeFileSync(join(dir, 'fails.mjs'), "console.error('hỏng'); process.exit(3);\n");
  const result = await runBuildChild({
    script: join(dir, 'fails.mjs'),
    args: [],
    cwd: dir,
    env: process.env,
    label: 'thử',
  });
  expect(result).toEqual({ code: 3, tail: ['hỏng'] });
});
