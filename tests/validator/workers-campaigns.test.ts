import { afterEach, describe, expect, it } from 'vitest';
import { validate } from '../../src/validator/index.ts';
import { checkInWorkers } from '../../src/validator/pool.ts';
import {
  CAMPAIGN_ID,
  campaignData,
  entryText,
  errorCodes,
  type Fixture,
  initiativeData,
  makeFixture,
} from '../support/fixtures.ts';

let fixture: Fixture | undefined;
afterEach(() => fixture?.cleanup());

describe('worker threads', () => {
  it('give the same results as checking in the calling thread', async () => {
    fixture = makeFixture({ initiatives: 5 });
    fixture.initiative('hong', initiativeData({ unit: 'xa-khong-co', summary: 'ngắn' }));
    const paths = [1, 2, 3, 4, 5].map((n) => `content/initiatives/sang-kien-${n}/index.md`);
    paths.push('content/initiatives/hong/index.md');
    const inWorkers = await checkInWorkers(fixture.root, paths, false, 2);
    expect(inWorkers.map((result) => result.report.path)).toEqual(paths);
    expect(inWorkers.at(-1)?.report.problems.map((problem) => problem.code)).toEqual([
      'schema.invalid',
    ]);
    // Every entry in the workers, one at a time, two of them: their results come back in order.
    const onlyWorkers = await checkInWorkers(fixture.root, paths, false, 2, {
      chunk: 1,
      callerChecks: false,
    });
    expect(onlyWorkers).toEqual(inWorkers);
    const mixed = await checkInWorkers(fixture.root, paths, false, 2, { chunk: 1 });
    expect(mixed).toEqual(inWorkers);
    const threaded = await validate({ root: fixture.root, workers: 2 });
    const inline = await validate({ root: fixture.root, workers: 0 });
    expect(threaded).toEqual(inline);
    expect(errorCodes(inline, 'content/initiatives/hong/index.md')).toEqual([
      'schema.invalid',
      'references.unit',
    ]);
  });
});

describe('campaign files', () => {
  const path = `content/campaigns/${CAMPAIGN_ID}.md`;

  it('accept a valid campaign and check its organiser and units', async () => {
    fixture = makeFixture();
    expect(errorCodes(await validate({ root: fixture.root }), path)).toEqual([]);
    fixture.write(path, entryText(campaignData({ organiser: 'ubnd-khong-co' }), 'Thông báo.\n'));
    expect(errorCodes(await validate({ root: fixture.root }), path)).toEqual([
      'references.organiser',
    ]);
    fixture.write(
      path,
      entryText(campaignData({ receivingOffice: 'phong-khong-co' }), 'Thông báo.\n'),
    );
    expect(errorCodes(await validate({ root: fixture.root }), path)).toEqual(['references.unit']);
  });

  it('refuse scripts and dangerous links in the announcement', async () => {
    fixture = makeFixture();
    fixture.write(
      path,
      entryText(campaignData(), 'Thông báo <script>alert(1)</script>\n\n[nộp](javascript:x)\n'),
    );
    expect(errorCodes(await validate({ root: fixture.root }), path)).toEqual([
      'safety.script',
      'safety.url',
    ]);
  });

  it('refuse a deadline before the opening day (schema)', async () => {
    fixture = makeFixture({ campaign: { deadline: '2024-05-01' } });
    const report = await validate({ root: fixture.root });
    expect(report.files.find((file) => file.path === path)?.problems).toEqual([
      expect.objectContaining({
        code: 'schema.invalid',
        field: 'deadline',
        message: 'Ngày cuối cùng nhận sáng kiến: Hạn cuối sớm hơn ngày bắt đầu nhận.',
      }),
    ]);
  });
});
