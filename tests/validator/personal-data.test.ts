import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { validate } from '../../src/validator/index.ts';
import { analyseMarkdown } from '../../src/validator/markdown.ts';
import { checkTextPersonalData, findPersonalData } from '../../src/validator/personal-data.ts';
import {
  bodyOf,
  entryText,
  type Fixture,
  initiativeData,
  makeFixture,
  problemsOf,
  sectionBodies,
} from '../support/fixtures.ts';

let fixture: Fixture | undefined;
afterEach(() => fixture?.cleanup());

describe('personal data rule', () => {
  const EMAIL = 'địa chỉ thư điện tử';
  const PHONE = 'số điện thoại';
  const IDENTITY = 'số định danh cá nhân (CMND/CCCD)';
  const BIRTH = 'ngày sinh';
  it.each([
    ['Liên hệ: lan.nguyen@tanhlinh.gov.vn', EMAIL],
    ['Liên hệ: lan.nguyen @ tanhlinh.gov.vn', EMAIL],
    ['Liên hệ: lan.nguyen@ tanhlinh.gov.vn', EMAIL],
    ['Liên hệ: lan.nguyen[at]gmail.com', EMAIL],
    ['Liên hệ: lan.nguyen (at) gmail.com', EMAIL],
    ['Liên hệ: lan.nguyen(a)gmail.com', EMAIL],
    ['Liên hệ: lan.nguyen[at]gmail[dot]com', EMAIL],
    ['Liên hệ: lan.nguyen{@}gmail(.)com', EMAIL],
    ['Liên hệ: lan＠gmail.com', EMAIL],
    ['Điện thoại 0912 345 678', PHONE],
    ['Gọi 0912.345.678', PHONE],
    ['Gọi 0912-345-678', PHONE],
    ['Gọi 0912 - 345 - 678', PHONE],
    ['Gọi 091 234 5678', PHONE],
    ['Gọi 0912345678.', PHONE],
    ['ĐT:0912345678', PHONE],
    ['Số 0389 123 456, 0868 123 456', PHONE],
    ['Số 0563.123.456 hoặc 0703.123.456', PHONE],
    ['Số +84 912345678', PHONE],
    ['Số +84 912 345 678', PHONE],
    ['Số +84-912-345-678', PHONE],
    ['Số (+84) 912 345 678', PHONE],
    ['Số +84 (0) 912 345 678', PHONE],
    ['Số 0084 912 345 678', PHONE],
    ['Số 84912345678', PHONE],
    ['Máy bàn 0252 3880 123', PHONE],
    ['Máy bàn (028) 3823 4567', PHONE],
    ['Máy bàn (028)3823.4567', PHONE],
    ['Máy bàn 028 3823 4567', PHONE],
    ['Máy bàn +84 28 3823 4567', PHONE],
    ['Máy bàn 024.3823.4567', PHONE],
    ['Gọi 0912 345 678 - 2024', PHONE],
    ['Năm 2024 0912 345 678', PHONE],
    ['Điện thoại 0912\n345 678', PHONE],
    ['Điện thoại ０９１２３４５６７８', PHONE],
    ['Điện thoại ０９１２ ３４５ ６７８', PHONE],
    ['Điện thoại 0912\u00a0345\u00a0678', PHONE],
    ['Zalo: https://zalo.me/0912345678', PHONE],
    ['Zalo: zalo.me/0912.345.678', PHONE],
    ['Trang https://example.vn/lien-he/+84912345678', PHONE],
    ['CCCD 052190001234', IDENTITY],
    ['CCCD 052 190 001 234', IDENTITY],
    ['CCCD 0521 9000 1234', IDENTITY],
    ['CCCD 052.190.001.234', IDENTITY],
    ['CCCD 052-190-001-234', IDENTITY],
    ['CCCD ０５２１９０００１２３４', IDENTITY],
    ['CMND số 261234567', IDENTITY],
    // Written to slip through: a hard line break, a wrap, other groupings after a telling word.
    ['Gọi 0912 34 56 78', PHONE],
    ['Điện thoại: 09 12 34 56 78', PHONE],
    ['Số CMND 261 234 567', IDENTITY],
    ['Số 079123\n456789', IDENTITY],
    ['Ông sinh ngày 12/03/1975 tại xã.', BIRTH],
    ['Ngày sinh: 12-03-1975.', BIRTH],
    ['Sinh ngày 12 tháng 3 năm 1975.', BIRTH],
    ['Ngày, tháng, năm sinh: 02/9/1980', BIRTH],
    ['Năm sinh: 1980', BIRTH],
    ['Bà Nguyễn Thị Lan (sinh năm 1980), công chức', BIRTH],
  ])('finds %j', (text, what) => {
    expect(findPersonalData(text)).toBe(what);
  });

  it.each([
    'Kế hoạch số 2992/KH-UBND ngày 12/08/2021',
    'Nghị định 13/2012/NĐ-CP',
    'Quyết định 766/QĐ-TTg',
    'Quyết định số 1234/QĐ-UBND ngày 12/3/2024 của UBND huyện',
    'Hạn cuối 2024-09-04',
    'Ngày 09-04-2024 và ngày 12.08.2021',
    'Giai đoạn 2021 - 2025, năm 2019 2020 2021',
    'Chi phí 1.500.000 đồng',
    'Chi phí 12.345.000 đồng',
    'Kinh phí 1.500.000.000 đồng',
    'Kinh phí 100.000.000.000 đồng',
    'Kinh phí 1 500 000 000 đồng',
    'Tiết kiệm 150000000 đồng',
    'Tỷ lệ giảm từ 12,5% xuống 3,1%',
    'Năm 2024 có 1.234 hồ sơ',
    'Số hồ sơ theo tháng: 120 150 180 200 240 300',
    'Các bước 05 06 07 08 09 10',
    'Mã hồ sơ 000.00.22.H08-240820-0001',
    'Tổng đài 1900 1234 và 1800 1234',
    'Hệ số 0,912345678',
    'Theo dõi @ubnd.tanhlinh trên mạng xã hội',
    'Điểm (a) khoản 1 Điều 5',
    'Mã thủ tục 1.001234.000.00.00.H08',
    'Nhóm https://www.facebook.com/groups/123456789012',
    'Bài https://example.vn/tin-tuc/261234567',
    'Văn bản 01/2024/0912345678',
    'Trẻ sinh năm 2024 được cấp giấy khai sinh trong ngày',
    'Giấy khai sinh cấp ngày 12/03/2024',
    'Năm 2023 có 120 150 180 hồ sơ',
    'Các năm\n2023\n2024\n2025',
    'Mã số 261 234 567 của hồ sơ',
  ])('does not flag %j', (text) => {
    expect(findPersonalData(text)).toBeUndefined();
  });

  it('reports personal data in front matter and body with lines', async () => {
    fixture = makeFixture();
    const data = initiativeData({
      authors: [
        { name: 'Nguyễn Thị Lan', position: 'Công chức, ĐT 0912345678', unit: 'xa-duc-phu' },
      ],
    });
    const body = bodyOf({
      ...sectionBodies,
      'Nội dung giải pháp': 'Gửi góp ý về lan@example.com.',
    });
    const path = fixture.initiative('ca-nhan', data, body);
    const report = await validate({ root: fixture.root });
    const lines = (await import('node:fs')).readFileSync(fixture.path(path), 'utf8').split('\n');
    const found = problemsOf(report, path)
      .filter((p) => p.code === 'personal-data.value')
      .map((p) => lines[(p.line ?? 0) - 1]);
    expect(found).toEqual([
      expect.stringContaining('0912345678'),
      expect.stringContaining('lan@example.com'),
    ]);
  });

  it('names the field of a front-matter value and every kind of data in it', async () => {
    fixture = makeFixture();
    const data = initiativeData({
      summary: 'Liên hệ chị Lan qua lan@example.com hoặc 0912 345 678; CCCD 052190001234.',
      authors: [
        { name: 'Nguyễn Thị Lan', position: 'Công chức, ĐT 0912345678', unit: 'xa-duc-phu' },
      ],
    });
    const body = bodyOf({
      ...sectionBodies,
      'Nội dung giải pháp': 'Gửi góp ý về lan@example.com hoặc gọi 0912 345 678.',
    });
    const path = fixture.initiative('ca-nhan', data, body);
    const problems = problemsOf(await validate({ root: fixture.root }), path).filter(
      (problem) => problem.code === 'personal-data.value',
    );
    const rule = 'không ghi thông tin liên lạc hoặc định danh cá nhân trong hồ sơ công khai.';
    expect(problems.map((problem) => [problem.field, problem.message])).toEqual([
      [
        'summary',
        `Tóm tắt: Có địa chỉ thư điện tử, số điện thoại và số định danh cá nhân (CMND/CCCD): ${rule}`,
      ],
      ['authors[0].position', `Tác giả thứ 1 › Chức vụ, chức danh: Có số điện thoại: ${rule}`],
      [undefined, `Có địa chỉ thư điện tử và số điện thoại: ${rule}`],
    ]);
  });

  /** The personal-data problems of an entry, each with the text of the line it names. */
  async function found(text: string) {
    fixture = makeFixture();
    const path = 'content/initiatives/ca-nhan/index.md';
    fixture.write(path, text);
    const report = await validate({ root: fixture.root });
    const lines = readFileSync(fixture.path(path), 'utf8').split('\n');
    return problemsOf(report, path)
      .filter((problem) => problem.code.startsWith('personal-data.'))
      .map((problem) => lines[(problem.line ?? 0) - 1]);
  }

  const withSolution = (solution: string) =>
    entryText(initiativeData(), bodyOf({ ...sectionBodies, 'Nội dung giải pháp': solution }));
  /** `summary` as written in the YAML source (quotes and escapes included). */
  const withSummary = (summary: string) =>
    entryText(initiativeData({ summary: 'TÓM-TẮT' })).replace('TÓM-TẮT', summary);

  // What the site shows decoded is what the rule reads: each of these passed the raw-text scan.
  it.each([
    ['a digit as a decimal reference', withSolution('Liên hệ &#48;912 345 678.'), '&#48;912'],
    ['digits as hex references', withSolution('Liên hệ &#x30;&#x39;12 345 678.'), '&#x30;'],
    ['"@" as a reference', withSolution('Gửi lan&#64;example.com.'), 'lan&#64;'],
    ['"@" as a hex reference', withSolution('Gửi lan&#x40;example.com.'), 'lan&#x40;'],
    ['"@" as a named reference', withSolution('Gửi lan&commat;example.com.'), '&commat;'],
    ['"@" escaped', withSolution('Gửi lan\\@example.com.'), 'lan\\@'],
    ['emphasis inside a number', withSolution('Gọi 0912**345**678.'), '0912**345'],
    ['emphasis inside a number, no parser', withSolution('Gọi 0912*345*678.'), '0912*345'],
    ['a link around part of a number', withSolution('Gọi [0912](https://a.vn) 345 678.'), '[0912]'],
    ['a number over two lines', withSolution('Điện thoại 0912\n345 678.'), 'Điện thoại 0912'],
    [
      'a number in a link address',
      withSolution('Nhắn qua [Zalo](https://zalo.me/0912345678).'),
      '[Zalo]',
    ],
    [
      'a number in an autolinked address',
      withSolution('Zalo: https://zalo.me/0912345678.'),
      'Zalo:',
    ],
    ['full-width digits', withSolution('Gọi ０９１２３４５６７８.'), '０９１２'],
    ['groups with dashes', withSolution('Gọi 0912-345-678.'), '0912-345-678'],
    ['a landline with its area code', withSolution('Gọi (028) 3823 4567.'), '(028)'],
    ['a CCCD in groups', withSolution('CCCD 052-190-001-234.'), '052-190'],
    ['an e-mail behind "[at]"', withSolution('Gửi lan[at]gmail.com.'), '[at]'],
    // Already caught before (YAML scalars were read decoded); kept so that it stays so.
    [
      'a YAML escape',
      withSummary('"Xã lập lịch hẹn, gọi \\u0030912345678 để nhắc hạn hồ sơ."'),
      '\\u0030',
    ],
    [
      'a YAML escape of a full-width digit',
      withSummary('"Xã lập lịch hẹn, gọi \\uff10912345678 để nhắc hạn hồ sơ."'),
      '\\uff10',
    ],
    [
      'full-width digits in YAML',
      withSummary('Xã lập lịch hẹn, gọi ０９１２３４５６７８ để nhắc hạn hồ sơ.'),
      '０９１２',
    ],
    [
      'a phone with dashes in YAML',
      withSummary('Xã lập lịch hẹn, gọi 0912-345-678 để nhắc hạn hồ sơ.'),
      '0912-345',
    ],
    [
      'an e-mail with " @ " in YAML',
      withSummary('Xã lập lịch hẹn, gửi lan @ gmail.com để nhắc hạn hồ sơ.'),
      'lan @',
    ],
  ])('finds %s', async (_name, text, shown) => {
    expect(await found(text)).toEqual([expect.stringContaining(shown)]);
  });

  it.each([
    [
      'references that decode to ordinary text',
      withSolution('Chi phí 12.345.000&nbsp;đồng, Kế hoạch 2992/KH&#8209;UBND &amp; năm 2024.'),
    ],
    [
      'escapes in a document number',
      withSolution('Theo Kế hoạch 03\\/KH-UBND ngày 09/01/2024, chi 1.500.000 đồng.'),
    ],
    [
      'amounts, dates and years',
      withSolution(
        'Năm 2019 2020 2021 chi 1 500 000 000 đồng; hạn 2024-09-04; giai đoạn 2021 - 2025.',
      ),
    ],
  ])('accepts %s', async (_name, text) => {
    expect(await found(text)).toEqual([]);
  });

  it('accepts an entry that cites document numbers and dates', async () => {
    fixture = makeFixture();
    const body = bodyOf({
      ...sectionBodies,
      'Nội dung giải pháp': 'Theo Kế hoạch 03/KH-UBND ngày 09/01/2024, chi 1.500.000 đồng.',
    });
    const path = fixture.initiative('van-ban', initiativeData(), body);
    expect(problemsOf(await validate({ root: fixture.root }), path)).toEqual([]);
  });
});

describe('personal data rule on a body as Markdown shows it', () => {
  it.each([
    ['Liên hệ 0912\\\n345678 nhé.', 'số điện thoại'],
    ['Liên hệ lan.nguyen\\\n@gmail.com', 'địa chỉ thư điện tử'],
  ])(
    'joins the halves of a hard line break (a backslash at the end of the line): %j',
    (body, what) => {
      const problems = checkTextPersonalData(body, 10, analyseMarkdown(body));
      expect(problems).toEqual([
        expect.objectContaining({
          code: 'personal-data.value',
          line: 10,
          message: expect.stringContaining(what),
        }),
      ]);
    },
  );
});

describe('personal data rule on long runs of text', () => {
  it('reads a long run once: an address at its end is found, none is made up', () => {
    // Tried from every letter, such runs took minutes (the search grew with their square).
    expect(findPersonalData(`${'a.'.repeat(50_000)}@b`)).toBeUndefined();
    expect(findPersonalData(`Mục (a) gồm: ${'x.'.repeat(50_000)}`)).toBeUndefined();
    expect(findPersonalData(`${'a.'.repeat(50_000)}lan@tanhlinh.gov.vn`)).toBe(
      'địa chỉ thư điện tử',
    );
    expect(findPersonalData(`ghi ${'ab..cd'.repeat(10_000)}@x.vn`)).toBe('địa chỉ thư điện tử');
  });
});
