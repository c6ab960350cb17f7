import type { Root } from 'mdast';
import { describe, expect, it } from 'vitest';
import { loadUnits } from '../../scripts/documents/common/content.ts';
import { matchUnit } from '../../scripts/documents/import/entry.ts';
import { matchLabel, stripNumbering } from '../../scripts/documents/import/labels.ts';
import {
  authorFromLine,
  matchSection,
  readStructure,
} from '../../scripts/documents/import/structure.ts';
import { parseVietnameseDate } from '../../src/core/dates.ts';
import { folderName } from '../../src/core/slug.ts';
import { matchKey, normalizeText } from '../../src/core/text.ts';
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
});
