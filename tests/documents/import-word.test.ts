/**
 * Word files made by a word processor (LibreOffice, from the sources beside them in
 * fixtures/word): every paragraph of the file, read here from its XML independently of the
 * importer, must be found in the entry the import writes, and the import's account must
 * say where things went.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DOMParser } from '@xmldom/xmldom';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ImportResult, importDocx } from '../../src/documents/import/index.ts';
import { parseEntryText } from '../../src/model/read.ts';
import { bodySections } from '../../src/schemas/vocabularies.ts';
import { makeRoot, REPO } from './support.ts';

const FIXTURES = join(REPO, 'tests/documents/fixtures/word');
type XmlElement = Element;
const W = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main';
const MC = 'http://schemas.openxmlformats.org/markup-compatibility/2006';

interface WordText {
  /** Paragraphs as Word shows them with every tracked change accepted. */
  paragraphs: string[];
  /** Text of tracked deletions (and moves away). */
  deleted: string[];
}

/**
 * Reads a WordprocessingML part with an XML parser. A paragraph inside a text box is a
 * paragraph of its own; the copy drawn for old Word versions (mc:Fallback) is skipped, since
 * mc:Choice holds the same content.
 */
function readWordPart(xml: string): WordText {
  if (!xml) return { paragraphs: [], deleted: [] };
  const document = new DOMParser().parseFromString(xml, 'text/xml');
  const paragraphs: string[] = [];
  const deleted: string[] = [];
  const walk = (element: XmlElement, buffer: string[] | undefined, inDeletion: boolean) => {
    const { namespaceURI: ns, localName: name } = element;
    if (ns === MC && name === 'Fallback') return;
    if (ns === W && (name === 'rPr' || name === 'pPr' || name === 'instrText')) return;
    const deletion = inDeletion || (ns === W && (name === 'del' || name === 'moveFrom'));
    let own = buffer;
    if (ns === W && name === 'p') own = [];
    if (ns === W && (name === 't' || name === 'delText')) {
      if (deletion) deleted.push(element.textContent ?? '');
      else own?.push(element.textContent ?? '');
    } else if (ns === W && ['tab', 'br', 'cr'].includes(name)) {
      if (!deletion) own?.push(' ');
    } else if (ns === W && name === 'noBreakHyphen') {
      if (!deletion) own?.push('-');
    }
    for (let child = element.firstChild; child; child = child.nextSibling)
      if (child.nodeType === 1) walk(child as XmlElement, own, deletion);
    if (ns === W && name === 'p') {
      const text = (own ?? []).join('').trim();
      if (text) paragraphs.push(text);
    }
  };
  walk(document.documentElement as XmlElement, undefined, false);
  return { paragraphs, deleted };
}

/** Words only, so that Markdown marks, YAML quoting and spacing do not matter. */
const words = (text: string) =>
  (
    text
      .normalize('NFC')
      .toLocaleLowerCase('vi')
      .match(/[\p{L}\p{N}]+/gu) ?? []
  ).join(' ');
const holds = (haystack: string, needle: string) =>
  ` ${words(haystack)} `.includes(` ${words(needle)} `);

async function marginText(zip: JSZip): Promise<WordText> {
  const texts = await Promise.all(
    Object.keys(zip.files)
      .filter((path) => /^word\/(?:header|footer)\d*\.xml$/.test(path))
      .map(async (path) => readWordPart((await zip.file(path)?.async('string')) ?? '')),
  );
  return { paragraphs: texts.flatMap((text) => text.paragraphs), deleted: [] };
}

interface Imported {
  result: ImportResult;
  text: string;
  /** The YAML comment at the top: the import's account. */
  report: string;
  data: Record<string, unknown>;
  body: string;
  word: WordText;
  comments: WordText;
  /** Page headers and footers. */
  margins: WordText;
}

let root: string;
let cleanup: () => void;
const imported = new Map<string, Imported>();

const FILES = ['tt18-don', 'bai-viet-tu-do', 'lon-xon', 'sua-doi-va-ghi-chu'];

beforeAll(async () => {
  ({ root, cleanup } = makeRoot());
  for (const name of FILES) {
    const file = join(FIXTURES, `${name}.docx`);
    const result = await importDocx({ root, file, campaign: '2024', today: '2024-08-20' });
    const text = readFileSync(join(root, result.path), 'utf8');
    const read = parseEntryText(text, result.path);
    const zip = await JSZip.loadAsync(readFileSync(file));
    const part = async (path: string) => (await zip.file(path)?.async('string')) ?? '';
    imported.set(name, {
      result,
      text,
      report: (text.split('\n---\n')[0] ?? '')
        .split('\n')
        .filter((line) => line.startsWith('#'))
        .join('\n'),
      data: (read.data ?? {}) as Record<string, unknown>,
      body: read.body,
      word: readWordPart(await part('word/document.xml')),
      comments: readWordPart(await part('word/comments.xml')),
      margins: await marginText(zip),
    });
  }
}, 120_000);
afterAll(() => cleanup());

function get(name: string): Imported {
  const entry = imported.get(name);
  if (!entry) throw new Error(`${name} was not imported`);
  return entry;
}

/** The body of one `## ` section, up to the next. */
function section(body: string, heading: string): string {
  const start = body.indexOf(`## ${heading}\n`);
  if (start < 0) return '';
  const rest = body.slice(start + heading.length + 4);
  const next = rest.search(/^## /m);
  return next < 0 ? rest : rest.slice(0, next);
}

describe('import:docx with Word files made by a word processor', () => {
  it.each(FILES)('%s: every paragraph is in the body or quoted in the account', (name) => {
    const entry = get(name);
    expect(entry.word.paragraphs.length).toBeGreaterThan(5);
    const lost = [
      ...entry.word.paragraphs,
      ...entry.comments.paragraphs,
      ...entry.margins.paragraphs,
    ].filter((paragraph) => !holds(entry.body, paragraph) && !holds(entry.report, paragraph));
    expect(lost).toEqual([]);
    // Word's spacing stays text: no entity for a leading (no-break) space, no joined words.
    expect(entry.body).not.toMatch(/&#x?[0-9a-f]+;/i);
    // Every section that received something is named in the account.
    for (const { heading } of bodySections)
      if (/[\p{L}\p{N}]/u.test(section(entry.body, heading)))
        expect(entry.report).toContain(`Mục "${heading}" ←`);
  });

  it('TT 18 form: fields from its labels, both assessments in the effect, the frame reported', () => {
    const entry = get('tt18-don');
    expect(entry.result.missing).toEqual([]);
    expect(entry.result.ok).toBe(true);
    // The manual line break in the title separates two words.
    expect(entry.data.title).toBe(
      'Tổ tiếp nhận hồ sơ lưu động về tận thôn cho người cao tuổi và người khuyết tật',
    );
    expect(entry.result.slug).toContain('tan-thon-cho-nguoi');
    expect(entry.data.authors).toEqual([
      {
        name: 'Nguyễn Thị Lan',
        position: 'Công chức Văn hóa – Xã hội',
        unit: 'xa-duc-phu',
        share: 100,
      },
    ]);
    expect(entry.data.firstApplied).toBe('2024-03-04');
    expect(entry.data.submitted).toBe('2024-08-12');
    const effect = section(entry.body, 'Hiệu quả đạt được');
    expect(effect).toContain('Sau sáu tháng, 187 hồ sơ');
    expect(effect).toContain('Ông Võ Văn Bình, Trưởng thôn 3, đánh giá');
    expect(entry.body).not.toContain('Nội dung cần sắp xếp');
    expect(entry.report).toMatch(
      /Phần khung của mẫu đơn, văn bản \(không đưa vào nội dung\) ← .*"CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM".*"Nguyễn Thị Lan"/,
    );
    expect(entry.result.report.join('\n')).toContain('- Tên sáng kiến ← "Là tác giả');
  });

  it('free-form article: nothing lost, pictures in place with their titles, breaks and spaces kept', () => {
    const entry = get('bai-viet-tu-do');
    expect(entry.data.title).toBe('Góc hỏi đáp thủ tục trên loa truyền thanh thôn');
    const unsorted = section(entry.body, 'Nội dung cần sắp xếp');
    for (const paragraph of entry.word.paragraphs.slice(1))
      expect(holds(unsorted, paragraph)).toBe(true);
    expect(unsorted).toMatch(/^### Chuyện ở quầy một cửa$/m);
    expect(entry.result.missing.map((item) => item.field)).toContain('body.unsorted');
    expect(entry.data.attachments).toEqual([
      { file: 'hinh-1.png', title: 'Công chức đọc hỏi đáp tại nhà văn hóa thôn 2' },
      { file: 'hinh-2.png', title: 'Biểu đồ lượt hỏi lại theo tháng' },
    ]);
    const first = unsorted.indexOf('![Công chức đọc hỏi đáp tại nhà văn hóa thôn 2](hinh-1.png)');
    expect(first).toBeGreaterThan(unsorted.indexOf('Tôi đi ba lần'));
    expect(first).toBeLessThan(unsorted.indexOf('Buổi phát thanh đầu tiên'));
    expect(unsorted).toContain(
      '![Biểu đồ lượt hỏi lại theo tháng – Lượt hỏi lại giảm đều từ tháng 4 đến tháng 9](hinh-2.png)',
    );
    // A manual line break is a Markdown hard break; an indent of no-break spaces is dropped, not encoded.
    expect(unsorted).toContain('Chị Hồ Thị Sen ở thôn 4 kể:\\\n“Tôi đi ba lần');
    expect(unsorted).toMatch(/^Trước đây, ba phần tư/m);
    expect(entry.report).toContain(
      '- Mục "Nội dung cần sắp xếp" (chưa nhận ra thuộc mục nào, tác giả tự sắp xếp) ←',
    );
    expect(entry.report).toContain(
      'hinh-1.png "Công chức đọc hỏi đáp tại nhà văn hóa thôn 2" tại mục "Nội dung cần sắp xếp"',
    );
  });

  it('messy report: bold headings, a long "V. TÍNH MỚI: …" line, authors in a layout table', () => {
    const entry = get('lon-xon');
    expect(entry.data.title).toBe('Phiếu hẹn có mã QR để người dân tự tra cứu tiến độ hồ sơ');
    expect(entry.data.authors).toEqual([
      { name: 'Trần Văn Hùng', position: 'Công chức Tư pháp – Hộ tịch', unit: 'xa-gia-huynh' },
    ]);
    expect(entry.data.firstApplied).toBe('2024-01-02');
    expect(entry.data.summary).toMatch(/^Phiếu hẹn in kèm mã QR/);
    expect(section(entry.body, 'Tính mới, tính sáng tạo')).toContain(
      'Trước đây người dân chỉ biết ngày hẹn trả kết quả',
    );
    expect(section(entry.body, 'Thực trạng và vấn đề cần giải quyết')).toContain(
      'Nhiều người cao tuổi chưa quen quét mã QR',
    );
    // Layout tables are read as text; the one data table stays a table.
    const tableRows = entry.body.split('\n').filter((line) => line.startsWith('|'));
    expect(tableRows).toHaveLength(3);
    expect(tableRows[0]).toMatch(/^\| Chỉ số +\| Trước \| Sau \|$/);
    // "6. KIẾN NGHỊ" is numbered and bold like the recognised headings: a section of the author's own.
    const unsorted = section(entry.body, 'Nội dung cần sắp xếp');
    expect(unsorted).toContain('**6. KIẾN NGHỊ**');
    expect(unsorted).toContain('Đề nghị Văn phòng UBND tỉnh bật sẵn');
    expect(section(entry.body, 'Khả năng áp dụng, nhân rộng')).not.toContain('KIẾN NGHỊ');
    expect(entry.result.missing.map((item) => item.field)).toEqual(['body.unsorted']);
    expect(entry.report).toContain(
      '- Mục "Tính mới, tính sáng tạo" ← tiêu đề "V. TÍNH MỚI: Trước đây',
    );
    expect(entry.margins.paragraphs).toHaveLength(2);
    expect(entry.report).toContain(
      '- Đầu trang, chân trang (không đưa vào nội dung) ← "UBND xã Gia Huynh – Báo cáo sáng kiến năm 2024"; "Trang 1"',
    );
  });

  it('tracked changes accepted, comments kept for sorting, text box text in place', () => {
    const entry = get('sua-doi-va-ghi-chu');
    const solution = section(entry.body, 'Nội dung giải pháp');
    expect(solution).toContain(
      'được tra cứu trên sổ tay điện tử có ô tìm kiếm không dấu ngay tại quầy',
    );
    expect(solution).toContain('Mỗi tháng tổ một cửa cập nhật sổ tay');
    expect(entry.word.deleted.join('')).toContain('giấy in sẵn');
    for (const removed of entry.word.deleted) expect(holds(entry.text, removed)).toBe(false);
    const problem = section(entry.body, 'Thực trạng và vấn đề cần giải quyết');
    expect(problem).toContain('Ghi chú trong khung: số liệu lấy từ sổ theo dõi');
    const unsorted = section(entry.body, 'Nội dung cần sắp xếp');
    expect(entry.comments.paragraphs).toHaveLength(2);
    // An unknown heading of the same level as the sections opens a section of the author's own.
    expect(unsorted).toMatch(/^### Bài học kinh nghiệm\n\nSổ tay chỉ hữu ích/m);
    expect(section(entry.body, 'Khả năng áp dụng, nhân rộng')).not.toContain('Bài học');
    for (const comment of entry.comments.paragraphs) expect(holds(unsorted, comment)).toBe(true);
    expect(unsorted).toContain('**Trần Văn Hùng**: Bổ sung số liệu tháng 6 trước khi nộp.');
    expect(entry.report).toContain('Ghi chú trong lề (comment): 2');
    expect(entry.report).toContain(
      'Sửa đổi được theo dõi (track changes): 2 chỗ chèn, 1 chỗ xóa; lấy như khi chấp nhận mọi sửa đổi: giữ chữ chèn thêm, bỏ chữ đã xóa',
    );
    expect(entry.report).toContain('Khung văn bản (text box): 1');
  });
});
