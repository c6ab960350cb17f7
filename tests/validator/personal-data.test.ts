import { afterEach, describe, expect, it } from 'vitest';
import { validate } from '../../src/validator/index.ts';
import { findPersonalData } from '../../src/validator/personal-data.ts';
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

describe('personal data rule', () => {
  it.each([
    'Liên hệ: lan.nguyen@tanhlinh.gov.vn',
    'Điện thoại 0912 345 678',
    'Gọi 0912.345.678',
    'Số +84 912345678',
    'Máy bàn 0252 3880 123',
    'CCCD 052190001234',
    'CMND số 261234567',
  ])('finds %j', (text) => {
    expect(findPersonalData(text)).toBeDefined();
  });

  it.each([
    'Kế hoạch số 2992/KH-UBND ngày 12/08/2021',
    'Nghị định 13/2012/NĐ-CP',
    'Quyết định 766/QĐ-TTg',
    'Hạn cuối 2024-09-04',
    'Chi phí 1.500.000 đồng',
    'Tỷ lệ giảm từ 12,5% xuống 3,1%',
    'Năm 2024 có 1.234 hồ sơ',
    'Mã hồ sơ 000.00.22.H08-240820-0001',
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
