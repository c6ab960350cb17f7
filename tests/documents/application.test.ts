import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatDate } from '../../src/core/dates.ts';
import { formatNumber } from '../../src/core/numbers.ts';
import { applicationDocument } from '../../src/documents/application/index.ts';
import { loadEntries, loadUnits } from '../../src/documents/common/content.ts';
import { pdfPageSize, readDocx, readPdf } from './read-back.ts';
import { makeContentRoot } from './support.ts';

let root: string;
let cleanup: () => void;
beforeAll(() => {
  ({ root, cleanup } = makeContentRoot());
});
afterAll(() => cleanup());

/** A sample entry written by a group (shares) to exercise the author table fully. */
function groupEntry() {
  const entries = loadEntries(root, '2024-tanh-linh');
  const entry = entries.find((item) => item.data.authors.length >= 2);
  if (!entry) throw new Error('Cần ít nhất một sáng kiến mẫu có nhóm tác giả.');
  return entry;
}

describe('doc:application', () => {
  it('writes the TT 18/2013 form as DOCX: motto, authors table, fields, sections, Times New Roman, A4 margins', async () => {
    const entry = groupEntry();
    const units = loadUnits(root);
    const { content } = await applicationDocument(root, entry.slug, 'docx');
    const docx = await readDocx(content);
    expect(docx.text).toContain('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM');
    expect(docx.text).toContain('Độc lập - Tự do - Hạnh phúc');
    expect(docx.text).toContain('ĐƠN YÊU CẦU CÔNG NHẬN SÁNG KIẾN');
    expect(docx.text).toContain('Kính gửi: Ủy ban nhân dân huyện Tánh Linh');
    expect(docx.text).toContain(entry.data.title);
    expect(docx.text).toContain(`áp dụng thử: ${formatDate(entry.data.firstApplied)}`);
    expect(docx.text).toContain('xin cam đoan mọi thông tin nêu trong đơn là trung thực');
    expect(docx.text).toMatch(/Tánh Linh, ngày \d{2} tháng \d{1,2} năm \d{4}/);
    // Diacritics survive intact (NFC, not decomposed).
    expect(docx.text).toContain('ệ');
    expect(docx.text).toContain('ữ');
    expect(docx.text).toBe(docx.text.normalize('NFC'));
    const authors = docx.tables.find((table) => table[0]?.[1] === 'Họ và tên');
    expect(authors?.[0]).toEqual([
      'Số TT',
      'Họ và tên',
      'Ngày tháng năm sinh',
      'Nơi công tác',
      'Chức danh',
      'Trình độ chuyên môn',
      'Tỷ lệ (%) đóng góp vào việc tạo ra sáng kiến',
    ]);
    expect(authors?.slice(1)).toEqual(
      entry.data.authors.map((author, index) => [
        String(index + 1),
        author.name,
        '',
        units.find((unit) => unit.id === author.unit)?.name ?? author.unit,
        author.position,
        '',
        `${formatNumber(author.share ?? 0)}%`,
      ]),
    );
    for (const heading of [
      'Thực trạng và vấn đề cần giải quyết',
      'Nội dung giải pháp',
      'Tính mới, tính sáng tạo',
      'Hiệu quả đạt được',
      'Khả năng áp dụng, nhân rộng',
    ])
      expect(docx.text).toContain(heading);
    // Checked as booleans: a failure should not print the whole document.xml.
    expect(docx.xml.includes('w:ascii="Times New Roman"')).toBe(true);
    expect(/w:ascii="(?!Times New Roman)/.test(docx.xml)).toBe(false);
    expect(/<w:pgSz w:w="11906" w:h="16838"/.test(docx.xml)).toBe(true);
    const margins = /<w:pgMar ([^>]*)\/>/.exec(docx.xml)?.[1] ?? '';
    const twips = (name: string) => Number(new RegExp(`w:${name}="(\\d+)"`).exec(margins)?.[1]);
    const mm = (value: number) => Math.round((value * 254) / 1440) / 10;
    expect(mm(twips('top'))).toBeGreaterThanOrEqual(20);
    expect(mm(twips('top'))).toBeLessThanOrEqual(25);
    expect(mm(twips('bottom'))).toBeGreaterThanOrEqual(20);
    expect(mm(twips('left'))).toBeGreaterThanOrEqual(30);
    expect(mm(twips('left'))).toBeLessThanOrEqual(35);
    expect(mm(twips('right'))).toBeGreaterThanOrEqual(15);
    expect(mm(twips('right'))).toBeLessThanOrEqual(20);
    // Page number centred in the header, not on the first page.
    expect(docx.xml.includes('<w:titlePg/>')).toBe(true);
    expect(docx.headers.some((header) => header.includes('PAGE'))).toBe(true);
    // Body text 13 pt (26 half-points); no run smaller than 12 pt.
    const sizes = [...docx.xml.matchAll(/<w:sz w:val="(\d+)"/g)].map((match) => Number(match[1]));
    expect(sizes).toContain(26);
    expect(Math.min(...sizes)).toBeGreaterThanOrEqual(24);
  });

  it('writes the same form as an A4 PDF whose text reads back with Vietnamese letters', async () => {
    const entry = groupEntry();
    const { content } = await applicationDocument(root, entry.slug, 'pdf');
    expect(content.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const size = await pdfPageSize(content);
    expect(Math.round(size.width)).toBe(595);
    expect(Math.round(size.height)).toBe(842);
    const { text } = await readPdf(content);
    const flat = text.replace(/\s+/g, ' ');
    expect(flat).toContain('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM');
    expect(flat).toContain('ĐƠN YÊU CẦU CÔNG NHẬN SÁNG KIẾN');
    expect(flat).toContain('Tỷ lệ (%) đóng góp');
    for (const author of entry.data.authors) expect(flat).toContain(author.name);
    expect(flat).toContain('Hiệu quả đạt được');
    expect(flat).toContain('Người nộp đơn');
    expect(flat).toContain('ệ');
    expect(flat).toContain('ữ');
  });

  it('refuses an unknown entry and an invalid one with a Vietnamese message naming the file', async () => {
    await expect(applicationDocument(root, 'khong-co-sang-kien-nay', 'docx')).rejects.toThrow(
      /Không tìm thấy sáng kiến "khong-co-sang-kien-nay"/,
    );
    const { writeFileSync, mkdirSync } = await import('node:fs');
    const { join } = await import('node:path');
    mkdirSync(join(root, 'content/initiatives/hong'), { recursive: true });
    writeFileSync(join(root, 'content/initiatives/hong/index.md'), '---\ntitle: Ngắn\n---\n');
    await expect(applicationDocument(root, 'hong', 'pdf')).rejects.toThrow(
      /content\/initiatives\/hong\/index\.md không hợp lệ:[\s\S]*Tên sáng kiến, giải pháp: /,
    );
  });

  it('never runs code from a front matter written in another dialect', async () => {
    const { existsSync, mkdirSync, writeFileSync } = await import('node:fs');
    const { join } = await import('node:path');
    const marker = join(root, 'da-chay-ma.txt');
    mkdirSync(join(root, 'content/initiatives/doc-hai'), { recursive: true });
    writeFileSync(
      join(root, 'content/initiatives/doc-hai/index.md'),
      `---js\n{ title: process.getBuiltinModule('node:fs').writeFileSync(${JSON.stringify(marker)}, 'x') }\n---\n`,
    );
    await expect(applicationDocument(root, 'doc-hai', 'docx')).rejects.toThrow(
      /content\/initiatives\/doc-hai\/index\.md không đọc được/,
    );
    expect(existsSync(marker)).toBe(false);
  });

  it('embeds a picture from the entry folder, but never one that is a symbolic link', async () => {
    const { mkdirSync, readFileSync, renameSync, symlinkSync } = await import('node:fs');
    const { join } = await import('node:path');
    const { loadPictures } = await import('../../src/documents/application/pictures.ts');
    const slug = 'nhac-han-tu-dong-tren-he-thong-mot-cua-dien-tu-cho-ho-so-dat-dai';
    const picture = 'bieu-do-ho-so-tre-hen.png';
    const dir = join(root, 'content/initiatives', slug);
    const body = readFileSync(join(dir, 'index.md'), 'utf8');
    expect(body).toContain(`](${picture})`);
    expect([...(await loadPictures(dir, body)).keys()]).toEqual([picture]);
    // The same picture, now reached through a link to a file outside the entry's folder.
    mkdirSync(join(root, 'ngoai'), { recursive: true });
    renameSync(join(dir, picture), join(root, 'ngoai', picture));
    symlinkSync(join(root, 'ngoai', picture), join(dir, picture));
    expect([...(await loadPictures(dir, body)).keys()]).toEqual([]);
    // A linked entry folder is refused as a whole.
    symlinkSync(slug, join(root, 'content/initiatives/lien-ket'));
    await expect(applicationDocument(root, 'lien-ket', 'docx')).rejects.toThrow(
      /content\/initiatives\/lien-ket\/index\.md không đọc được:[\s\S]*liên kết tượng trưng/,
    );
  });
});
