/**
 * Documents of two organisers: the agency in the header and the place in the date line come
 * from the campaign's organiser (content/organisers/), not from one agency of the code.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { applicationDocument } from '../../src/documents/application/index.ts';
import { committeeDocument } from '../../src/documents/committee/index.ts';
import { loadEntries } from '../../src/documents/common/content.ts';
import { collections, pathOf } from '../../src/model/collections.ts';
import { readDocx } from './read-back.ts';
import { makeContentRoot } from './support.ts';

const OLD = '2024-tanh-linh';
const NEW = '2026-xa-tanh-linh';
let root: string;
let cleanup: () => void;
beforeAll(() => {
  ({ root, cleanup } = makeContentRoot());
});
afterAll(() => cleanup());

/** Rewrite one organiser of the copy, so that what the documents print can only come from it. */
function editOrganiser(id: string, changes: Record<string, unknown>): void {
  const path = join(root, pathOf(collections.organisers, id));
  writeFileSync(path, stringify({ ...parse(readFileSync(path, 'utf8')), ...changes }));
}

const entryOf = (campaign: string) => {
  const entry = loadEntries(root, campaign)[0];
  if (!entry) throw new Error(`Cần một sáng kiến mẫu của đợt ${campaign}.`);
  return entry;
};

describe('documents of two organisers', () => {
  it('address each application to its own organiser and date it at the organiser’s place', async () => {
    editOrganiser('ubnd-xa-tanh-linh', {
      name: 'Ủy ban nhân dân xã Thử Đổi Tên',
      place: 'Thử Đổi',
    });
    const fresh = entryOf(NEW);
    const fresher = await readDocx((await applicationDocument(root, fresh.slug, 'docx')).content);
    expect(fresher.text).toContain('Kính gửi: Ủy ban nhân dân xã Thử Đổi Tên.');
    const [year, month, day] = fresh.data.submitted.split('-').map(Number);
    expect(fresher.text).toContain(`Thử Đổi, ngày ${day} tháng ${month} năm ${year}`);

    const old = await readDocx(
      (await applicationDocument(root, entryOf(OLD).slug, 'docx')).content,
    );
    expect(old.text).toContain('Kính gửi: Ủy ban nhân dân huyện Tánh Linh.');
    expect(old.text).not.toContain('Thử Đổi');
  });

  it('head the committee’s lists with the organiser, under its parent agency when it has one', async () => {
    editOrganiser('ubnd-xa-tanh-linh', {
      name: 'Sở Nội vụ tỉnh Thử Nghiệm',
      parentAgency: 'UBND tỉnh Thử Nghiệm',
      place: 'Thử Nghiệm',
    });
    const review = await readDocx(
      (await committeeDocument({ root, campaign: NEW, list: 'review', format: 'docx' })).content,
    );
    expect(review.text).toContain('SỞ NỘI VỤ TỈNH THỬ NGHIỆM');
    expect(review.text).toContain('HỘI ĐỒNG XÉT CÔNG NHẬN SÁNG KIẾN');
    expect(review.text).toContain('Thử Nghiệm, ngày 15 tháng 10 năm 2026');
    expect(review.text).not.toContain('HUYỆN TÁNH LINH');

    editOrganiser('ubnd-huyen-tanh-linh', { parentAgency: 'Tỉnh Bình Thuận' });
    const recognition = await readDocx(
      (await committeeDocument({ root, campaign: OLD, list: 'recognition', format: 'docx' }))
        .content,
    );
    const header = recognition.text.indexOf('TỈNH BÌNH THUẬN');
    expect(header).toBeGreaterThanOrEqual(0);
    expect(recognition.text.indexOf('ỦY BAN NHÂN DÂN HUYỆN TÁNH LINH')).toBeGreaterThan(header);
    expect(recognition.text).not.toContain('SỞ NỘI VỤ');
  });
});
