import { describe, expect, test } from 'vitest';
import { sectionOfHeading } from '../../src/core/sections.ts';
import { splitSections } from '../../src/documents/render/markdown.ts';
import { bodySections } from '../../src/schemas/vocabularies.ts';

describe('sectionOfHeading: one reading for the validator and the Word export', () => {
  const cases: [string, string | undefined][] = [
    ['Thực trạng và vấn đề cần giải quyết', 'problem'],
    ['1. Thực trạng:', 'problem'],
    ['II – TÍNH MỚI', 'novelty'],
    ['Hiệu quả, lợi ích', 'effect'],
    ['Hiệu quả – lợi ích', 'effect'],
    ['Khả năng áp dụng'.normalize('NFD'), 'applicability'],
    ['Kết luận', undefined],
  ];
  test.each(cases)('%j → %s', (heading, id) => {
    expect(sectionOfHeading(heading)?.id).toBe(id);
  });

  test('every heading and alias of the vocabulary is recognised', () => {
    for (const section of bodySections) {
      for (const name of [section.heading, ...section.aliases])
        expect(sectionOfHeading(name)?.id, name).toBe(section.id);
    }
  });

  test('the Word export finds a numbered heading the validator accepts', () => {
    const sections = splitSections('## 1. Tính mới:\n\nLần đầu áp dụng.\n');
    expect([...sections.keys()]).toEqual(['novelty']);
  });
});
