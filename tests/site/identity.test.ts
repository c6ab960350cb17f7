/**
 * The header and footer's identity data: the operator from the organisers' files and the last update
 * from the newest content date, the same day the open data calls `modified`.
 */
import { describe, expect, test } from 'vitest';
import type { Catalog, OrganiserView } from '../../src/lib/catalog.ts';
import { GENERIC_MARK, siteOperatorOf } from '../../src/lib/site.ts';
import { siteIdentity } from '../../src/lib/site-identity.ts';

type Views = Pick<Catalog, 'initiatives' | 'adoptions' | 'organisers'>;

function catalogWith(
  submitted: string[],
  adopted: string[] = [],
  organisers: OrganiserView[] = [],
): Views {
  return {
    initiatives: submitted.map((date) => ({ data: { submitted: date } })),
    adoptions: adopted.map((since) => ({ data: { since } })),
    organisers,
  } as unknown as Views;
}

const district: OrganiserView = {
  id: 'ubnd-huyen-thu',
  name: 'Ủy ban nhân dân huyện Thử',
  shortName: 'UBND huyện Thử',
  kind: 'district',
  unit: 'huyen-thu',
  place: 'Thử',
  mark: 'agency-mark.svg',
  contact: {
    office: 'Văn phòng HĐND và UBND huyện Thử',
    address: 'Khu phố 1, huyện Thử',
    phone: '0252 3000 111',
    email: 'vanphong@huyenthu.example.invalid',
    website: 'https://huyenthu.example.invalid',
  },
  scope: [{ unit: 'huyen-thu' }],
  validTo: '2025-06-30',
  operatesSite: false,
  sample: false,
};

const commune: OrganiserView = {
  ...district,
  id: 'ubnd-xa-thu',
  name: 'Ủy ban nhân dân xã Thử',
  shortName: 'UBND xã Thử',
  kind: 'commune',
  unit: 'xa-thu',
  mark: 'mark-xa-thu.svg',
  contact: {
    office: 'Văn phòng HĐND và UBND xã Thử',
    address: 'Thôn 1, xã Thử',
    phone: '0252 3000 999',
    email: 'vanphong@xathu.example.invalid',
  },
  validTo: undefined,
  operatesSite: true,
};

describe('siteIdentity', () => {
  test('the last update is the newest content date, shown dd/mm/yyyy', () => {
    const identity = siteIdentity(catalogWith(['2024-03-02', '2024-11-20'], ['2025-01-07']), {});
    expect(identity.lastUpdated).toBe('2025-01-07');
    expect(identity.lastUpdatedShown).toBe('07/01/2025');
  });

  test('the build date follows SOURCE_DATE_EPOCH, in Viet Nam time', () => {
    // 2025-03-04 18:30 UTC is already 5 March in Viet Nam.
    const epoch = String(Date.UTC(2025, 2, 4, 18, 30) / 1000);
    expect(siteIdentity(catalogWith([]), { SOURCE_DATE_EPOCH: epoch }).builtOnShown).toBe(
      '05/03/2025',
    );
  });

  test('a site with no content shows no date', () => {
    const identity = siteIdentity(catalogWith([]), {});
    expect(identity.lastUpdated).toBeNull();
    expect(identity.lastUpdatedShown).toBeNull();
  });

  test('the operator is the one organiser that says operatesSite, with its contacts', () => {
    const identity = siteIdentity(catalogWith(['2024-01-01'], [], [district, commune]), {});
    expect(identity.operator).toEqual({
      id: 'ubnd-xa-thu',
      name: 'Ủy ban nhân dân xã Thử',
      shortName: 'UBND xã Thử',
      unit: 'xa-thu',
      office: 'Văn phòng HĐND và UBND xã Thử',
      mark: 'mark-xa-thu.svg',
      address: 'Thôn 1, xã Thử',
      phone: '0252 3000 999',
      email: 'vanphong@xathu.example.invalid',
      website: undefined,
      sample: false,
    });
    expect(identity.phoneHref).toBe('tel:+842523000999');
  });

  test('an organiser without a mark of its own is shown with the common one', () => {
    const plain = { ...commune, mark: undefined };
    expect(siteOperatorOf([district, plain])?.mark).toBe(GENERIC_MARK);
  });

  test('none, or more than one, says operatesSite: the site names no operator', () => {
    expect(siteIdentity(catalogWith([], [], [district]), {}).operator).toBeUndefined();
    expect(siteIdentity(catalogWith([], [], [district]), {}).phoneHref).toBeUndefined();
    const both = [commune, { ...district, operatesSite: true }];
    expect(siteOperatorOf(both)).toBeUndefined();
    expect(siteIdentity(catalogWith([]), {}).operator).toBeUndefined();
  });
});
