import { afterEach, describe, expect, it } from 'vitest';
import { validate } from '../../src/validator/index.ts';
import {
  bodyOf,
  type Fixture,
  initiativeData,
  makeFixture,
  problemsOf,
  sectionBodies,
} from '../support/fixtures.ts';

let fixture: Fixture | undefined;
afterEach(() => fixture?.cleanup());

async function unicodeProblems(
  summaryTail: string,
  solution = sectionBodies['Nội dung giải pháp'] as string,
) {
  fixture = makeFixture();
  const data = initiativeData({
    summary: `Xã lập lịch hẹn và nhắc hạn tự động để giảm hồ sơ trễ hẹn${summaryTail}`,
  });
  const path = fixture.initiative(
    'unicode',
    data,
    bodyOf({ ...sectionBodies, 'Nội dung giải pháp': solution }),
  );
  const report = await validate({ root: fixture.root });
  const lines = (await import('node:fs')).readFileSync(fixture.path(path), 'utf8').split('\n');
  return problemsOf(report, path)
    .filter((p) => p.code.startsWith('unicode.'))
    .map((p) => ({ ...p, text: lines[(p.line ?? 0) - 1] }));
}

describe('unicode rule', () => {
  it('accepts NFC text without invisible characters', async () => {
    expect(await unicodeProblems('. Tiếng Việt có dấu: ắ ằ ẳ ẵ ặ đ Đ — “ngoặc”, 12,5%.')).toEqual(
      [],
    );
  });

  it('reports decomposed (NFD) Vietnamese with the line', async () => {
    const problems = await unicodeProblems('.', 'Tiê\u0301ng Viê\u0323t tổ hợp.');
    expect(problems).toEqual([
      expect.objectContaining({
        code: 'unicode.nfc',
        text: expect.stringContaining('Tiê\u0301ng'),
      }),
    ]);
  });

  it.each([
    ['\u200b', 'U+200B'],
    ['\u202e', 'U+202E'],
    ['\u2066', 'U+2066'],
    ['\u200e', 'U+200E'],
    ['\ufeff', 'U+FEFF'],
    ['\u00ad', 'U+00AD'],
    ['\u0007', 'U+0007'],
  ])('reports invisible or bidi character %j with its line', async (char, name) => {
    const problems = await unicodeProblems('.', `Nhắc hạn${char} tự động.`);
    expect(problems).toEqual([
      expect.objectContaining({
        code: 'unicode.invisible',
        message: expect.stringContaining(name),
        text: expect.stringContaining('Nhắc hạn'),
      }),
    ]);
  });
});
