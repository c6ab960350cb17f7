/**
 * The cache keys of incremental builds (src/lib/page-keys.ts): what they hold and what they leave
 * out. tests/build/incremental.test.ts checks them against real builds.
 */
import { describe, expect, test } from 'vitest';
import type { Catalog, InitiativeView } from '../../src/lib/catalog.ts';
import { digestOf, listKey, pageKey, placeKey, siteKey, viewKey } from '../../src/lib/page-keys.ts';
import type { SiteIdentity } from '../../src/lib/site-identity.ts';

const identity = (lastUpdated: string | null, builtOnShown: string): SiteIdentity => ({
  operator: {} as SiteIdentity['operator'],
  phoneHref: 'tel:+842523000000',
  lastUpdated,
  lastUpdatedShown: lastUpdated,
  builtOnShown,
});

const catalog = (units: { id: string; name: string }[]): Catalog =>
  ({
    campaigns: [],
    organisers: [],
    units,
    scopeLevels: [],
    adoptions: [],
    initiatives: [],
  }) as unknown as Catalog;

describe('digestOf', () => {
  test('tells Maps and Sets apart by their content, which JSON alone writes as {}', () => {
    expect(digestOf(new Map([['a', 1]]))).not.toBe(digestOf(new Map([['a', 2]])));
    expect(digestOf({ ids: new Set(['a']) })).not.toBe(digestOf({ ids: new Set(['b']) }));
    expect(digestOf({ a: [1, 2] })).toBe(digestOf({ a: [1, 2] }));
  });

  test('refuses a function rather than leave it out of the key', () => {
    expect(() => digestOf({ render: () => 'x' })).toThrow(/hàm/);
  });
});

describe('siteKey', () => {
  test('the build day counts only when no content dates the data', () => {
    const units = [{ id: 'xa-a', name: 'UBND xã A' }];
    expect(siteKey(catalog(units), identity('2026-05-01', '30/11/2026'))).toBe(
      siteKey(catalog(units), identity('2026-05-01', '01/12/2026')),
    );
    expect(siteKey(catalog(units), identity(null, '30/11/2026'))).not.toBe(
      siteKey(catalog(units), identity(null, '01/12/2026')),
    );
  });

  test('a renamed unit changes every key', () => {
    const before = siteKey(catalog([{ id: 'xa-a', name: 'UBND xã A' }]), identity(null, 'x'));
    const after = siteKey(catalog([{ id: 'xa-a', name: 'UBND xã A mới' }]), identity(null, 'x'));
    expect(before).not.toBe(after);
    expect(pageKey(before, 'p')).not.toBe(pageKey(after, 'p'));
  });
});

describe('viewKey and listKey', () => {
  const view = (title: string) =>
    ({ id: 'a', data: { title }, adoptions: [] }) as unknown as InitiativeView;

  test('a list changes when any of its initiatives does, and not otherwise', () => {
    const one = view('Một');
    const two = view('Hai');
    const key = listKey([one, two]);
    expect(listKey([one, two])).toBe(key);
    expect(listKey([one, view('Hai, đã sửa')])).not.toBe(key);
    expect(listKey([two, one])).not.toBe(key);
    expect(viewKey(view('Một'))).toBe(viewKey(one));
  });

  test('a place in the lists changes with everything of the view but its summary', () => {
    const card = (title: string, summary: string, unit = 'xa-a') =>
      ({ id: 'a', data: { title, summary, unit }, adoptions: [] }) as unknown as InitiativeView;
    const one = card('Một', 'Tóm tắt');
    const retold = card('Một', 'Tóm tắt, đã sửa');
    expect(placeKey(retold)).toBe(placeKey(one));
    expect(viewKey(retold)).not.toBe(viewKey(one));
    for (const moved of [card('Một, đã sửa', 'Tóm tắt'), card('Một', 'Tóm tắt', 'xa-b')]) {
      expect(placeKey(moved)).not.toBe(placeKey(one));
      expect(viewKey(moved)).not.toBe(viewKey(one));
    }
    // The summary's text cannot pass for another field's.
    expect(viewKey(card('Một', ''))).not.toBe(viewKey(card('Một', '\u0000')));
  });
});
