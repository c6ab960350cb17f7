import { afterEach, describe, expect, it } from 'vitest';
import { validate } from '../../src/validator/index.ts';
import {
  errorCodes,
  type Fixture,
  initiativeData,
  makeFixture,
  problemsOf,
} from '../support/fixtures.ts';

let fixture: Fixture | undefined;
afterEach(() => fixture?.cleanup());

describe('campaign deadline (opensOn 2024-06-01 … deadline 2024-09-04)', () => {
  it.each([
    ['2024-06-01', []],
    ['2024-09-04', []],
    ['2024-09-05', ['deadline.too-late']],
    ['2024-05-31', ['deadline.too-early']],
  ])('submitted %s', async (submitted, expected) => {
    fixture = makeFixture();
    const path = fixture.initiative(
      'han',
      initiativeData({ submitted, firstApplied: '2024-01-02' }),
    );
    const report = await validate({ root: fixture.root });
    expect(errorCodes(report, path)).toEqual(expected);
    if (expected.length > 0) {
      expect(problemsOf(report, path)[0]).toMatchObject({
        field: 'submitted',
        line: expect.any(Number),
      });
    }
  });
});
