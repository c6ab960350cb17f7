import { tmpdir } from 'node:os';
import { describe, expect, it } from 'vitest';
import { bareLimitSeconds, timed } from '../../scripts/bench/build.ts';

describe('the build benchmark’s time limit', () => {
  it('stops a command still running at its limit, and says so', () => {
    const run = timed('sleep', ['60'], tmpdir(), {}, { limitSeconds: 1 });
    expect(run.stopped).toBe(true);
  });

  it('leaves a command that finishes alone', () => {
    const run = timed('true', [], tmpdir(), {}, { limitSeconds: 60 });
    expect(run.stopped).toBeUndefined();
  });

  it('still fails on a command that fails within its limit', () => {
    expect(() => timed('false', [], tmpdir(), {}, { limitSeconds: 60 })).toThrow(/Lệnh thất bại/);
  });

  it('reads the limit from KHO_BENCH_BARE_LIMIT, refusing what is not a number of seconds', () => {
    expect(bareLimitSeconds({})).toBe(900);
    expect(bareLimitSeconds({ KHO_BENCH_BARE_LIMIT: '120' })).toBe(120);
    expect(() => bareLimitSeconds({ KHO_BENCH_BARE_LIMIT: 'mười' })).toThrow(
      /KHO_BENCH_BARE_LIMIT phải là số giây nguyên dương/,
    );
    expect(() => bareLimitSeconds({ KHO_BENCH_BARE_LIMIT: '0' })).toThrow(/nguyên dương/);
  });
});
