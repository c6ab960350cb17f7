import { afterEach, describe, expect, it } from 'vitest';
import { validate } from '../../src/validator/index.ts';
import {
  CAMPAIGN_ID,
  campaignData,
  entryText,
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

describe('a campaign still said to be open after its last day (deadline 2024-09-04)', () => {
  const path = `content/campaigns/${CAMPAIGN_ID}.md`;
  const withStatus = (status: string) =>
    fixture?.write(path, entryText(campaignData({ status }), 'Thông báo phát động.\n'));

  it.each([
    ['open', '2024-09-04', []],
    ['open', '2024-09-05', ['warning deadline.still-open']],
    ['reviewing', '2024-09-05', []],
    ['closed', '2026-12-03', []],
  ])('status %s, checked on %s', async (status, today, expected) => {
    fixture = makeFixture();
    withStatus(status);
    const report = await validate({ root: fixture.root, today });
    const problems = problemsOf(report, path);
    expect(problems.map((problem) => `${problem.severity} ${problem.code}`)).toEqual(expected);
    if (expected.length > 0) {
      expect(problems[0]).toMatchObject({ field: 'status', line: expect.any(Number) });
      expect(problems[0]?.message).toContain('hết ngày 04/09/2024');
      expect(problems[0]?.message).toContain('"Đang tổng hợp, xét chọn"');
      expect(report.totals.errors).toBe(0);
    }
  });
});
