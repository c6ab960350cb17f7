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

async function sectionProblems(body: string) {
  fixture = makeFixture();
  const path = fixture.initiative('muc', initiativeData(), body);
  return problemsOf(await validate({ root: fixture.root }), path).filter((p) =>
    p.code.startsWith('sections.'),
  );
}

describe('required body sections', () => {
  it('accepts all sections in any order, by alias, without diacritics or with numbering', async () => {
    const body = [
      '## 1. Hieu qua dat duoc\n\nGiảm trễ hẹn.',
      '## Giải pháp\n\nNhắc hạn tự động.',
      '## THỰC TRẠNG\n\nHồ sơ trễ hẹn nhiều.',
      '## Tính mới:\n\nLần đầu áp dụng.',
      '## Khả năng nhân rộng\n\nÁp dụng được ở các xã.\n\n### Điều kiện\n\nCó máy tính.',
    ].join('\n\n');
    expect(await sectionProblems(body)).toEqual([]);
  });

  it('reports a missing section by its heading', async () => {
    const sections = { ...sectionBodies };
    delete sections['Tính mới, tính sáng tạo'];
    const problems = await sectionProblems(bodyOf(sections));
    expect(problems).toEqual([
      expect.objectContaining({
        code: 'sections.missing',
        message: expect.stringContaining('## Tính mới, tính sáng tạo'),
      }),
    ]);
  });

  it('reports an empty section on its heading line', async () => {
    const body = bodyOf({ ...sectionBodies, 'Hiệu quả đạt được': '   \n\n---\n' });
    const problems = await sectionProblems(body);
    expect(problems.map((p) => p.code)).toEqual(['sections.empty']);
    const text = (fixture as Fixture).path('content/initiatives/muc/index.md');
    const { readFileSync } = await import('node:fs');
    expect(readFileSync(text, 'utf8').split('\n')[(problems[0]?.line ?? 0) - 1]).toBe(
      '## Hiệu quả đạt được',
    );
  });

  it.each([['&nbsp;'], ['[](https://dichvucong.gov.vn)'], ['&#8203; &nbsp; [ ](https://a.vn)']])(
    'counts only what a reader sees: %j is an empty section',
    async (text) => {
      const body = bodyOf({ ...sectionBodies, 'Hiệu quả đạt được': text });
      expect((await sectionProblems(body)).map((p) => p.code)).toEqual(['sections.empty']);
    },
  );

  it('counts link texts and words written with entities', async () => {
    const body = bodyOf({
      ...sectionBodies,
      'Hiệu quả đạt được': '[Báo cáo quý](https://dichvucong.gov.vn) &amp; số liệu',
    });
    expect(await sectionProblems(body)).toEqual([]);
  });

  it('warns of a section written twice on the second heading, without a line in its words', async () => {
    const body = `${bodyOf()}\n## Hiệu quả đạt được\n\nThêm số liệu quý IV.\n`;
    const problems = (await sectionProblems(body)).filter(
      (problem) => problem.code === 'sections.duplicate',
    );
    expect(problems).toEqual([
      expect.objectContaining({
        severity: 'warning',
        message:
          'Mục "Hiệu quả đạt được" xuất hiện hai lần: gộp nội dung vào mục đầu tiên rồi xóa tiêu đề này.',
      }),
    ]);
    const text = (fixture as Fixture).path('content/initiatives/muc/index.md');
    const { readFileSync } = await import('node:fs');
    const lines = readFileSync(text, 'utf8').split('\n');
    expect(lines[(problems[0]?.line ?? 0) - 1]).toBe('## Hiệu quả đạt được');
    expect(lines.indexOf('## Hiệu quả đạt được')).toBeLessThan((problems[0]?.line ?? 0) - 1);
  });

  it('does not count a heading inside a code block or at another level', async () => {
    const sections = { ...sectionBodies };
    delete sections['Nội dung giải pháp'];
    const body = `${bodyOf(sections)}\n\`\`\`\n## Nội dung giải pháp\n\`\`\`\n\n### Nội dung giải pháp\n\nChữ.\n`;
    expect((await sectionProblems(body)).map((p) => p.code)).toEqual(['sections.missing']);
  });
});

describe('heading scan shortcut', () => {
  it('finds the same level-2 headings as the CommonMark parser', async () => {
    const fc = (await import('fast-check')).default;
    const { analyseMarkdown, parseFully } = await import('../../src/validator/markdown.ts');
    const lines = [
      '## Nội dung giải pháp',
      '## **Nội dung giải pháp**',
      '## Tính mới ##',
      '## Tính mới#',
      '##',
      '##Thực trạng',
      '# Hiệu quả',
      '### Hiệu quả đạt được',
      '####### bảy',
      '  ## thụt hai',
      '    ## mã thụt',
      '\t## tab',
      '> ## trích dẫn',
      '- ## trong danh sách',
      '- mục',
      '1. mục',
      'Tiêu đề kiểu setext',
      '---',
      '===',
      '***',
      '',
      'Chữ thường, 12,5% & 3 < 4',
      '```',
      '~~~',
      '[liên kết](https://a.b)',
      '\\## thoát',
      '## a_b_c \\#',
      '## Khả năng áp dụng, nhân rộng\r',
    ];
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...lines), { maxLength: 25 }), (chosen) => {
        const body = chosen.join('\n');
        const pick = (facts: ReturnType<typeof parseFully>) =>
          facts.headings.map((heading) => [heading.depth, heading.text, heading.line]);
        expect(pick(analyseMarkdown(body))).toEqual(pick(parseFully(body)));
      }),
      { numRuns: 1000 },
    );
  });
});

describe('the section a Word import leaves to sort', () => {
  it('is refused while it is there, on its own line, however its heading is written', async () => {
    for (const heading of ['Nội dung cần sắp xếp', 'NOI DUNG CAN SAP XEP']) {
      const body = `${bodyOf(sectionBodies)}\n\n## ${heading}\n\nMột đoạn chưa rõ thuộc mục nào.\n`;
      const problems = await sectionProblems(body);
      expect(problems.map((p) => p.code)).toEqual(['sections.unsorted']);
      expect(problems[0]?.message).toContain('Nội dung cần sắp xếp');
      const text = (fixture as Fixture).path('content/initiatives/muc/index.md');
      const { readFileSync } = await import('node:fs');
      expect(readFileSync(text, 'utf8').split('\n')[(problems[0]?.line ?? 0) - 1]).toBe(
        `## ${heading}`,
      );
      fixture?.cleanup();
      fixture = undefined;
    }
  });
});
