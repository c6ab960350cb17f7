import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { formatDate } from '../../src/core/dates.ts';
import { printDateText } from '../../src/lib/print-date.ts';

describe('print date', () => {
  test.each([
    // Midnight in Viet Nam is 17:00 UTC the day before.
    ['2026-03-31T16:59:59Z', 'In ngày 31/03/2026 · '],
    ['2026-03-31T17:00:00Z', 'In ngày 01/04/2026 · '],
    ['2024-12-31T23:30:00Z', 'In ngày 01/01/2025 · '],
  ])('%s prints as “%s”', (instant, text) => {
    expect(printDateText(new Date(instant))).toBe(text);
  });

  test('is the day formatDate gives, at any instant', () => {
    fc.assert(
      fc.property(
        fc.date({
          min: new Date('1990-01-01T00:00:00Z'),
          max: new Date('2100-01-01T00:00:00Z'),
          noInvalidDate: true,
        }),
        (instant) => {
          expect(printDateText(instant)).toBe(`In ngày ${formatDate(instant)} · `);
        },
      ),
      { numRuns: 2000 },
    );
  });
});
