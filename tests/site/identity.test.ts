/**
 * The header and footer's identity data: the operator from the site settings and the last update
 * from the newest content date, the same day the open data calls `modified`.
 */
import { describe, expect, test } from 'vitest';
import type { Catalog } from '../../src/lib/catalog.ts';
import { siteInfo, telHref } from '../../src/lib/site.ts';
import { siteIdentity } from '../../src/lib/site-identity.ts';

type Views = Pick<Catalog, 'initiatives' | 'adoptions'>;

function catalogWith(submitted: string[], adopted: string[] = []): Views {
  return {
    initiatives: submitted.map((date) => ({ data: { submitted: date } })),
    adoptions: adopted.map((since) => ({ data: { since } })),
  } as unknown as Views;
}

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

  test('the operator comes from the settings, and another one is carried as given', () => {
    expect(siteIdentity(catalogWith(['2024-01-01']), {}).operator).toBe(siteInfo.operator);
    const other = { ...siteInfo.operator, name: 'Ủy ban nhân dân xã Thử', phone: '0252 3000 999' };
    const identity = siteIdentity(catalogWith(['2024-01-01']), {}, other);
    expect(identity.operator.name).toBe('Ủy ban nhân dân xã Thử');
    expect(identity.phoneHref).toBe('tel:+842523000999');
  });

  test('the settings name an operator with every contact a reader needs', () => {
    const { operator } = siteInfo;
    for (const field of ['name', 'office', 'address', 'phone', 'email', 'website'] as const) {
      expect(operator[field].trim()).not.toBe('');
    }
    expect(operator.email).toMatch(/^[^@\s]+@[^@\s]+\.[a-z]+$/);
    expect(telHref(operator.phone)).toMatch(/^tel:\+84\d{8,10}$/);
  });
});
