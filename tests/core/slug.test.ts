import { sanitizeSlug } from 'decap-cms-core/dist/esm/lib/urlHelper.js';
import { compileStringTemplate } from 'decap-cms-lib-widgets/dist/esm/stringTemplate.js';
import { Map as ImmutableMap } from 'immutable';
import { describe, expect, test } from 'vitest';
import { initiativeSlugTemplate, slugSettings } from '../../src/admin/config.ts';
import { FOLDER_TITLE_LIMIT, folderName, SLUG_MAX_LENGTH, slugify } from '../../src/core/slug.ts';
import { buildDraft } from '../../src/documents/import/entry.ts';
import { slugId } from '../../src/schemas/common.ts';

/**
 * The folder Decap makes of a title, with Decap's own template engine and
 * sanitiser; `prepareSlug` is Decap's too (lib/formatters.ts), copied because
 * its module pulls in the whole CMS.
 */
function cmsFolder(title: string): string {
  const prepareSlug = (text: string) =>
    text.trim().toLocaleLowerCase().replace(/[']/g, '').replace(/[.]/g, '-');
  return compileStringTemplate(initiativeSlugTemplate, null, title, ImmutableMap(), (value) =>
    sanitizeSlug(prepareSlug(value), { ...slugSettings }),
  );
}

/** The folder the Word import makes of a title (the rest of the document left empty). */
function importFolder(title: string): string {
  return buildDraft({
    structure: { title, participants: [], authors: [], sections: new Map() },
    images: [],
    units: [],
    campaigns: [],
    today: '2024-09-04',
    fileName: 'don.docx',
  }).slug;
}

// Cut at 70 by the CMS and kept whole by the Word import before both used folderName.
const TITLE_75 = 'Nhắn tin Zalo hẹn giờ trả kết quả cho người dân ở Bộ phận Một cửa xã Gia An';
const TITLE_80 = 'Hướng dẫn kích hoạt VNeID & Zalo OA: giảm 50% hồ sơ trễ hẹn tại xã Gia An (2024)';
const TITLE_106 =
  'Quy chế phối hợp luân chuyển hồ sơ đất đai giữa Bộ phận Một cửa và các phòng chuyên môn cấp huyện năm 2024';

describe('slugify', () => {
  const cases: [string, string][] = [
    ['Xã Đức Phú', 'xa-duc-phu'],
    ['ĐỔI MỚI đăng ký', 'doi-moi-dang-ky'],
    ['Phòng Tài chính – Kế hoạch', 'phong-tai-chinh-ke-hoach'],
    ['“Một cửa” 4.0', 'mot-cua-4-0'],
    ['VNeID & Zalo OA', 'vneid-zalo-oa'],
    ['Giảm 50% hồ sơ', 'giam-50-ho-so'],
    ['Thực trạng'.normalize('NFD'), 'thuc-trang'],
  ];
  test.each(cases)('%s → %s', (text, expected) => {
    expect(slugify(text)).toBe(expected);
  });
});

describe('folderName: one length rule for the CMS and the Word import', () => {
  const titles: [string, string][] = [
    ['a 75-character title', TITLE_75],
    ['an 80-character title', TITLE_80],
    ['a 106-character title', TITLE_106],
    ['a short title', 'Đặt lịch hẹn trả kết quả qua tin nhắn, thử nghiệm giao diện quản trị'],
  ];
  test.each(titles)('%s gives the same folder in the CMS and in the Word import', (_, title) => {
    const folder = folderName(title);
    expect(cmsFolder(title)).toBe(folder);
    expect(importFolder(title)).toBe(folder);
    expect(slugId.safeParse(folder).success).toBe(true);
  });

  test('the lengths of the test titles are what their names say', () => {
    expect([TITLE_75, TITLE_80, TITLE_106].map((title) => title.length)).toEqual([75, 80, 106]);
  });

  const lengths: [string, string, string][] = [
    // Up to 80 characters a title is kept whole.
    [
      TITLE_75,
      'whole',
      'nhan-tin-zalo-hen-gio-tra-ket-qua-cho-nguoi-dan-o-bo-phan-mot-cua-xa-gia-an',
    ],
    [
      TITLE_80,
      'whole',
      'huong-dan-kich-hoat-vneid-zalo-oa-giam-50-ho-so-tre-hen-tai-xa-gia-an-2024',
    ],
    // Longer, its first 77 characters are kept, even if that cuts a word.
    [
      TITLE_106,
      'cut',
      'quy-che-phoi-hop-luan-chuyen-ho-so-dat-dai-giua-bo-phan-mot-cua-va-cac-phong',
    ],
  ];
  test.each(lengths)('%s is kept %s', (title, _, expected) => {
    expect(folderName(title)).toBe(expected);
    expect(expected.length).toBeLessThanOrEqual(SLUG_MAX_LENGTH);
  });

  test('the admin template carries the same limit', () => {
    expect(initiativeSlugTemplate).toBe(`{{slug | truncate(${FOLDER_TITLE_LIMIT})}}`);
  });

  test('a title whose letters spell out past 80 characters is cut at a hyphen', () => {
    const title = `${'Một tên rất dài '.repeat(4)}${'ß'.repeat(15)}`;
    expect(title.length).toBeLessThanOrEqual(FOLDER_TITLE_LIMIT + 3);
    expect(slugify(title).length).toBeGreaterThan(SLUG_MAX_LENGTH);
    expect(folderName(title)).toBe(
      'mot-ten-rat-dai-mot-ten-rat-dai-mot-ten-rat-dai-mot-ten-rat-dai',
    );
  });
});
