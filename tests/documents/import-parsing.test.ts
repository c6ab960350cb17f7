import type { Root } from 'mdast';
import { toString as toText } from 'mdast-util-to-string';
import { describe, expect, it } from 'vitest';
import { parseVietnameseDate } from '../../src/core/dates.ts';
import { folderName } from '../../src/core/slug.ts';
import { matchKey, normalizeText } from '../../src/core/text.ts';
import { loadUnits } from '../../src/documents/common/content.ts';
import { matchUnit, sectionMarkdown } from '../../src/documents/import/entry.ts';
import { matchLabel, stripNumbering } from '../../src/documents/import/labels.ts';
import {
  authorFromLine,
  isLayoutTable,
  matchSection,
  readStructure,
} from '../../src/documents/import/structure.ts';
import { REPO } from './support.ts';

const units = loadUnits(REPO);

const paragraph = (value: string, bold = false) =>
  ({
    type: 'paragraph',
    children: bold
      ? [{ type: 'strong', children: [{ type: 'text', value }] }]
      : [{ type: 'text', value }],
  }) as Root['children'][number];

describe('reading a Word submission', () => {
  it.each([
    ['15/3/2024', '2024-03-15'],
    ['ngày 02 tháng 01 năm 2024', '2024-01-02'],
    ['Từ tháng 5 năm 2024', '2024-05-01'],
    ['2024-09-04', '2024-09-04'],
    ['31/02/2024', undefined],
    ['chưa rõ', undefined],
  ])('reads the date in "%s"', (text, expected) => {
    expect(parseVietnameseDate(text)).toBe(expected);
  });

  it.each([
    ['Ủy ban nhân dân xã Đức Phú', 'xa-duc-phu'],
    ['UBND XÃ ĐỨC PHÚ', 'xa-duc-phu'],
    ['Phòng Tư pháp huyện Tánh Linh', 'phong-tu-phap'],
    ['xã Gia An', 'xa-gia-an'],
    ['Phòng Tài chính - Kế hoạch', 'phong-tai-chinh-ke-hoach'],
    ['Sở Tư pháp tỉnh Bình Thuận', undefined],
  ])('matches the unit "%s"', (text, expected) => {
    expect(matchUnit(units, text)?.id).toBe(expected);
  });

  it.each([
    ['1. Thực trạng', 'problem'],
    ['II. GIẢI PHÁP', 'solution'],
    ['c) Tính mới:', 'novelty'],
    ['Hiệu quả: giảm 50% hồ sơ trễ hẹn', 'effect'],
    ['Phần 5: Khả năng nhân rộng', 'applicability'],
    ['Giải pháp này giúp người dân', undefined],
  ])('maps the heading "%s" to a body section', (text, expected) => {
    expect(matchSection(paragraph(text))?.id).toBe(expected);
  });

  it('accepts a longer formatted heading but not a body sentence that starts like one', () => {
    expect(matchSection(paragraph('Hiệu quả đạt được sau sáu tháng', true))?.id).toBe('effect');
    expect(matchSection(paragraph('Hiệu quả đạt được sau sáu tháng'))).toBeUndefined();
  });

  it('splits author lines into name, position, unit and share', () => {
    expect(
      authorFromLine('Nguyễn Thị Lan, Công chức Tư pháp – Hộ tịch, UBND xã Đức Phú (40%)'),
    ).toEqual({
      name: 'Nguyễn Thị Lan',
      position: 'Công chức Tư pháp – Hộ tịch',
      unitText: 'UBND xã Đức Phú',
      share: 40,
    });
    expect(authorFromLine('Lê Văn Tâm – Chuyên viên – Phòng Nội vụ – tỷ lệ 33,5%')).toEqual({
      name: 'Lê Văn Tâm',
      position: 'Chuyên viên',
      unitText: 'Phòng Nội vụ',
      share: 33.5,
    });
  });

  it('reads labels with their value, or on the next line', () => {
    expect(matchLabel('- Tên sáng kiến: Hẹn giờ trả kết quả')).toEqual({
      target: 'title',
      value: 'Hẹn giờ trả kết quả',
    });
    expect(stripNumbering('2.1. Nội dung')).toBe('Nội dung');
    const structure = readStructure({
      type: 'root',
      children: [
        paragraph('TÊN SÁNG KIẾN:', true),
        paragraph('Sổ tay nghiệp vụ điện tử cho bộ phận một cửa'),
        paragraph('Đơn vị: UBND xã La Ngâu'),
      ],
    });
    expect(structure.title).toBe('Sổ tay nghiệp vụ điện tử cho bộ phận một cửa');
    expect(structure.unitText).toBe('UBND xã La Ngâu');
  });

  it('normalises text and makes ASCII slugs', () => {
    const messy = ` Thu\u200bc tra\u0323ng\u00a0mới\ufeff `;
    expect(normalizeText(messy)).toBe('Thuc trạng mới');
    expect(matchKey('ĐỔI MỚI Đăng ký')).toBe('doi moi dang ky');
    expect(folderName('Đơn giản hóa thủ tục đăng ký hộ kinh doanh')).toBe(
      'don-gian-hoa-thu-tuc-dang-ky-ho-kinh-doanh',
    );
    expect(folderName('Một tên rất dài '.repeat(10)).length).toBeLessThanOrEqual(80);
  });

  it('takes "V. TÍNH MỚI: …" with its long paragraph, but not a long sentence without a colon', () => {
    const long = `V. TÍNH MỚI: ${'Người dân tự xem hồ sơ đang ở bước nào. '.repeat(6)}`;
    expect(long.length).toBeGreaterThan(160);
    expect(matchSection(paragraph(long))).toEqual({ id: 'novelty', rest: long.slice(13).trim() });
    expect(
      matchSection(paragraph(`Tính mới ${'của cách làm này là người dân tự xem. '.repeat(5)}`)),
    ).toBeUndefined();
  });

  it('reads a manual line break as a space between words', () => {
    const structure = readStructure({
      type: 'root',
      children: [
        {
          type: 'paragraph',
          children: [
            { type: 'text', value: 'Tên sáng kiến: Tổ lưu động về thôn' },
            { type: 'break' },
            { type: 'text', value: 'cho người cao tuổi' },
          ],
        },
      ],
    });
    expect(structure.title).toBe('Tổ lưu động về thôn cho người cao tuổi');
  });

  const cell = (...texts: string[]) => ({
    type: 'tableCell' as const,
    children: texts.map((text) => paragraph(text)) as never[],
  });
  const row = (...cells: ReturnType<typeof cell>[]) => ({
    type: 'tableRow' as const,
    children: cells,
  });

  it('tells layout tables from data tables', () => {
    const data = {
      type: 'table' as const,
      children: [row(cell('Chỉ số'), cell('Trước')), row(cell('Hồ sơ trễ'), cell('12'))],
    };
    expect(isLayoutTable(data)).toBe(false);
    expect(
      isLayoutTable({ type: 'table', children: [row(cell('UBND XÃ'), cell('CỘNG HÒA'))] }),
    ).toBe(true);
    expect(
      isLayoutTable({
        type: 'table',
        children: [
          row(cell('Tác giả: Lê Văn Tâm', 'Chức vụ: Chuyên viên'), cell('x')),
          row(cell('a'), cell('b')),
        ],
      }),
    ).toBe(true);
  });

  it('places everything: unknown text to sort, a signed name as the author, an appendix to sort', () => {
    const structure = readStructure({
      type: 'root',
      children: [
        paragraph('Tên sáng kiến: Sổ tay điện tử cho bộ phận một cửa'),
        paragraph('Lời mở đầu của tác giả về hoàn cảnh ra đời.'),
        paragraph('1. Thực trạng', true),
        paragraph('Công chức mới phải lật nhiều văn bản.'),
        paragraph(
          'Tôi (chúng tôi) xin cam đoan mọi thông tin nêu trong đơn là trung thực, đúng sự thật và hoàn toàn chịu trách nhiệm trước pháp luật.',
        ),
        paragraph('Người viết đơn', true),
        paragraph('Lê Thị Mai', true),
        paragraph('PHỤ LỤC SỐ LIỆU', true),
        paragraph('Bảng theo dõi quý I.'),
      ],
    });
    expect(structure.authors).toEqual([{ name: 'Lê Thị Mai' }]);
    expect(structure.unsorted.map((node) => normalizeText(toText(node)))).toEqual([
      'Lời mở đầu của tác giả về hoàn cảnh ra đời.',
      'PHỤ LỤC SỐ LIỆU',
      'Bảng theo dõi quý I.',
    ]);
    expect(structure.placements.map((item) => item.place.kind)).toEqual([
      'field',
      'unsorted',
      'heading',
      'section',
      'form',
      'form',
      'field',
      'unsorted',
      'unsorted',
    ]);
  });

  it('keeps spacing as text: no entity for an indent of no-break spaces, tabs as spaces', () => {
    const markdown = sectionMarkdown([
      {
        type: 'paragraph',
        children: [
          { type: 'text', value: '\u00a0\u00a0\u00a0' },
          { type: 'text', value: 'Trước đây\tba phần tư ' },
          { type: 'break' },
          { type: 'text', value: '  câu hỏi là hỏi lại.\u00a0' },
        ],
      },
    ]);
    expect(markdown).toBe('Trước đây ba phần tư\\\ncâu hỏi là hỏi lại.');
  });

  it('keeps a sub-heading in its section but sends a heading like the sections to sort', () => {
    const structure = readStructure({
      type: 'root',
      children: [
        paragraph('1. THỰC TRẠNG', true),
        paragraph('MỘT SỐ KHÓ KHĂN', true),
        paragraph('Người cao tuổi chưa quen quét mã.'),
        paragraph('2.1. Chi tiết', true),
        paragraph('6. KIẾN NGHỊ', true),
        paragraph('Đề nghị bật sẵn chức năng.'),
        paragraph('2. GIẢI PHÁP', true),
        paragraph('In mã QR lên phiếu hẹn.'),
      ],
    });
    expect(structure.sections.get('problem')?.map((node) => toText(node))).toEqual([
      'MỘT SỐ KHÓ KHĂN',
      'Người cao tuổi chưa quen quét mã.',
      '2.1. Chi tiết',
    ]);
    expect(structure.unsorted.map((node) => toText(node))).toEqual([
      '6. KIẾN NGHỊ',
      'Đề nghị bật sẵn chức năng.',
    ]);
    expect(structure.sections.get('solution')?.map((node) => toText(node))).toEqual([
      'In mã QR lên phiếu hẹn.',
    ]);
  });
});
