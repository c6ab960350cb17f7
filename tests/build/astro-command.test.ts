import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import {
  astroBuildCommand,
  astroBuildEnv,
  projectRoot,
} from '../../scripts/build/astro-command.ts';

describe('astro build command', () => {
  it('starts Node with options this Node accepts, before Astro', () => {
    const [command, args] = astroBuildCommand(projectRoot, ['--outDir', 'x']);
    const astro = args.findIndex((arg) => arg.endsWith('astro.mjs'));
    expect(astro).toBeGreaterThan(0);
    expect(args.slice(astro + 1)).toEqual(['build', '--outDir', 'x']);
    const flags = args.slice(0, astro);
    expect(flags.some((flag) => flag.startsWith('--heap-growing-percent='))).toBe(true);
    // A misspelt V8 option stops Node with "bad option" before any build starts.
    const run = spawnSync(command, [...flags, '-p', '6 * 7'], { encoding: 'utf8' });
    expect(run.stderr).toBe('');
    expect(run.stdout.trim()).toBe('42');
  });

  it('adds the allocator settings, and keeps what the caller set', () => {
    const env = astroBuildEnv({ SITE_URL: 'https://a.example', MIMALLOC_PURGE_DELAY: '50' });
    expect(env.SITE_URL).toBe('https://a.example');
    expect(env.MIMALLOC_PURGE_DELAY).toBe('50');
    expect(env.MIMALLOC_ARENA_EAGER_COMMIT).toBe('0');
    expect(astroBuildEnv({}).MIMALLOC_PURGE_DELAY).toBe('0');
  });
});
