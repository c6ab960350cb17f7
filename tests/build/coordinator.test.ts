/**
 * The build's coordinator (scripts/build/site.ts) lives beside the shards' Astro processes for the
 * whole build: its modules must not load the content model's schemas, zod or the validator, which
 * held about 60 MB in it at the build's peak of memory. Checked by importing each module in a
 * fresh Node whose module resolution refuses those files.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { projectRoot } from '../../scripts/build/astro-command.ts';

/** Heavy for a process that only starts and waits for others. */
const HEAVY = String.raw`/node_modules/zod/|/src/(schemas|validator)/|/src/model/collections\.ts$`;

/** A resolve hook (run by Node's loader) that fails the import of any heavy module. */
const HOOK = `export async function resolve(specifier, context, next) {
  const found = await next(specifier, context);
  if (new RegExp(${JSON.stringify(HEAVY)}).test(found.url)) {
    throw new Error('HEAVY ' + found.url + ' <- ' + context.parentURL);
  }
  return found;
}`;

const REGISTER = `import { register } from 'node:module';
register(${JSON.stringify(`data:text/javascript,${encodeURIComponent(HOOK)}`)});`;

/** Imports `module` (relative to the project) in a Node that refuses heavy modules. */
function importLight(module: string) {
  return spawnSync(
    process.execPath,
    [
      '--import',
      `data:text/javascript,${encodeURIComponent(REGISTER)}`,
      '--input-type=module',
      '-e',
      `await import(${JSON.stringify(join(projectRoot, module))}); console.log('ok');`,
    ],
    { cwd: projectRoot, encoding: 'utf8' },
  );
}

describe('the build coordinator stays light', () => {
  it.each([
    'scripts/build/site.ts',
    'scripts/build/shard-runner.ts',
    'scripts/build/build-state.ts',
  ])('%s loads neither zod, nor the schemas, nor the validator', (module) => {
    const run = importLight(module);
    expect(run.stderr).not.toContain('HEAVY');
    expect(run.status).toBe(0);
    expect(run.stdout.trim()).toBe('ok');
  });

  it('the check sees a module that does load them (the shards’ commands)', () => {
    const run = importLight('scripts/build/shards.ts');
    expect(run.status).not.toBe(0);
    expect(run.stderr).toContain('HEAVY');
  });
});
