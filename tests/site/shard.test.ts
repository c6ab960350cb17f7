import { describe, expect, test } from 'vitest';
import {
  cacheScope,
  inShard,
  PATCH_PREFIX,
  patchShard,
  rendersShared,
  SHARD_VARIABLE,
  SHARED_SHARD,
  shardMode,
  sliceOf,
} from '../../src/lib/shard.ts';

const mode = (value: string | undefined) => shardMode({ [SHARD_VARIABLE]: value });

describe('what a build renders (KHO_SHARD)', () => {
  test('unset or blank: the whole site', () => {
    for (const value of [undefined, '', '  ']) {
      expect(mode(value)).toEqual({ kind: 'whole' });
      expect(inShard('2024-tanh-linh', mode(value))).toBe(true);
      expect(rendersShared(mode(value))).toBe(true);
    }
  });

  test('the shared shard: every list, no campaign or initiative page', () => {
    expect(mode(SHARED_SHARD)).toEqual({ kind: 'shared' });
    expect(mode(` ${SHARED_SHARD} `)).toEqual({ kind: 'shared' });
    expect(inShard('2024-tanh-linh', mode(SHARED_SHARD))).toBe(false);
    expect(rendersShared(mode(SHARED_SHARD))).toBe(true);
  });

  test('campaign ids: their pages and their initiatives only, no list', () => {
    const campaigns = mode(' 2023-tanh-linh, 2024-tanh-linh ,,');
    expect(campaigns).toEqual({
      kind: 'initiatives',
      parts: new Map([
        ['2023-tanh-linh', { campaign: '2023-tanh-linh' }],
        ['2024-tanh-linh', { campaign: '2024-tanh-linh' }],
      ]),
      shared: false,
    });
    expect(inShard('2023-tanh-linh', campaigns)).toBe(true);
    expect(inShard('2025-tanh-linh', campaigns)).toBe(false);
    // A prefix is not a campaign of the shard.
    expect(inShard('2023-tanh', campaigns)).toBe(false);
    expect(rendersShared(campaigns)).toBe(false);
  });

  test('a slice of a campaign: the initiatives whose id hashes to it; the campaign page in the first', () => {
    const ids = Array.from({ length: 200 }, (_, index) => `sang-kien-${index}`);
    const first = mode('2024-a#1/3, 2023-b');
    const counts = [1, 2, 3].map((slice) => {
      const own = mode(`2024-a#${slice}/3`);
      return ids.filter((id) => inShard('2024-a', own, id)).length;
    });
    // Each id in exactly one slice, and the slices near even.
    expect(counts.reduce((a, b) => a + b, 0)).toBe(200);
    for (const count of counts) expect(count).toBeGreaterThan(40);
    expect(ids.every((id) => inShard('2024-a', first, id) === (sliceOf(id, 3) === 1))).toBe(true);
    expect(inShard('2024-a', first)).toBe(true);
    expect(inShard('2024-a', mode('2024-a#2/3'))).toBe(false);
    // A whole campaign beside it is whole.
    expect(inShard('2023-b', first, 'sang-kien-7')).toBe(true);
  });

  test('the shared pages with campaigns (the last shard of a local build): both', () => {
    const folded = mode(`${SHARED_SHARD},2024-a#2/2`);
    expect(rendersShared(folded)).toBe(true);
    expect(inShard('2024-a', folded, 'sang-kien-1')).toBe(sliceOf('sang-kien-1', 2) === 2);
    expect(inShard('2023-b', folded, 'sang-kien-1')).toBe(false);
  });

  test('a patch: the shared pages, and only the named initiatives and campaigns', () => {
    const value = patchShard(['sang-kien-1', 'sang-kien-2'], ['2024-a']);
    const patch = mode(value);
    expect(patch).toEqual({
      kind: 'patch',
      initiatives: new Set(['sang-kien-1', 'sang-kien-2']),
      campaigns: new Set(['2024-a']),
    });
    expect(rendersShared(patch)).toBe(true);
    expect(inShard('2024-a', patch, 'sang-kien-2')).toBe(true);
    expect(inShard('2023-b', patch, 'sang-kien-1')).toBe(true);
    expect(inShard('2024-a', patch, 'sang-kien-3')).toBe(false);
    expect(inShard('2024-a', patch)).toBe(true);
    expect(inShard('2023-b', patch)).toBe(false);
    // Every patch shares one cache of Astro's, whatever it renders; each shard has its own.
    expect(cacheScope({ [SHARD_VARIABLE]: value })).toBe(PATCH_PREFIX);
    expect(cacheScope({ [SHARD_VARIABLE]: patchShard(['x'], []) })).toBe(PATCH_PREFIX);
    expect(cacheScope({ [SHARD_VARIABLE]: ' 2024-a#1/2 ' })).toBe('2024-a#1/2');
    expect(cacheScope({})).toBe('');
  });

  test('a patch names the initiatives whose list pages it renders, or none for every list page', () => {
    expect(mode(patchShard(['sang-kien-1', 'sang-kien-2'], ['2024-a'], ['sang-kien-2']))).toEqual({
      kind: 'patch',
      initiatives: new Set(['sang-kien-1', 'sang-kien-2']),
      campaigns: new Set(['2024-a']),
      lists: new Set(['sang-kien-2']),
    });
    // A body changed, no view: no list page at all.
    expect(mode(patchShard(['sang-kien-1'], ['2024-a'], []))).toMatchObject({ lists: new Set() });
    expect(mode(patchShard(['sang-kien-1'], ['2024-a']))).not.toHaveProperty('lists');
  });

  test('a malformed slice is refused, naming the variable', () => {
    for (const value of ['2024-a#0/3', '2024-a#4/3', '2024-a#1/0']) {
      expect(() => mode(value)).toThrow(/KHO_SHARD/);
    }
  });
});
