import { execFile } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import JSZip from 'jszip';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { prepareImage } from '../../src/documents/import/images.ts';
import { importDocx } from '../../src/documents/import/index.ts';
import { parseEntryText } from '../../src/model/read.ts';
import {
  groupDocx,
  sampleJpeg,
  samplePictures,
  samplePng,
  singleAuthorDocx,
  tablesAndImagesDocx,
  type WordPicture,
} from './import-samples.ts';
import { makeRoot, packDocx, REPO } from './support.ts';

const run = promisify(execFile);
let root: string;
let cleanup: () => void;

beforeEach(() => {
  ({ root, cleanup } = makeRoot());
});
afterEach(() => cleanup());

async function writeSample(name: string, document: Promise<Buffer>): Promise<string> {
  const file = join(root, name);
  writeFileSync(file, await document);
  return file;
}

function readEntry(path: string) {
  const text = readFileSync(join(root, path), 'utf8');
  // Through the project's one reader: what the validator and the site read.
  const read = parseEntryText(text, path);
  return { text, data: (read.data ?? {}) as Record<string, unknown>, content: read.body };
}

/** Runs the real command in the temporary root; returns exit code and output. */
async function cli(...args: string[]) {
  try {
    const { stdout, stderr } = await run(
      process.execPath,
      [join(REPO, 'scripts/import-docx.ts'), ...args],
      {
        cwd: root,
      },
    );
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

describe('import:docx', () => {
  it('turns a single-author submission into a valid entry with all five sections', async () => {
    const file = await writeSample('don-le.docx', packDocx(singleAuthorDocx()));
    const result = await importDocx({ root, file, campaign: '2024', today: '2024-08-20' });
    expect(result.missing).toEqual([]);
    expect(result.problems.filter((problem) => problem.severity === 'error')).toEqual([]);
    expect(result.ok).toBe(true);
    const entry = readEntry(result.path);
    expect(entry.data.title).toBe('Hẹn giờ trả kết quả qua tin nhắn Zalo cho hồ sơ đất đai');
    expect(entry.data.authors).toEqual([
      { name: 'Nguyễn Thị Lan', position: 'Công chức Địa chính – Xây dựng', unit: 'xa-duc-phu' },
    ]);
    expect(entry.data.unit).toBe('xa-duc-phu');
    expect(entry.data.campaign).toBe('2024-tanh-linh');
    expect(entry.data.firstApplied).toBe('2024-03-15');
    expect(entry.data.areas).toEqual(['procedures']);
    expect(entry.data.fields).toEqual(['online-services']);
    // Headings: Heading 1 with a number, a bold upper-case line, an inline "Tính mới:", an alias.
    const headings = [...entry.content.matchAll(/^## (.+)$/gm)].map((match) => match[1]);
    expect(headings).toEqual([
      'Thực trạng và vấn đề cần giải quyết',
      'Nội dung giải pháp',
      'Tính mới, tính sáng tạo',
      'Hiệu quả đạt được',
      'Khả năng áp dụng, nhân rộng',
    ]);
    expect(entry.content).toContain('Lần đầu tiên xã dùng tài khoản Zalo chính thức');
    expect(entry.content).toContain('412 hồ sơ đất đai; có 58 hồ sơ');
    // Normalised: NFC, no zero-width or non-breaking spaces.
    expect(entry.text).toBe(entry.text.normalize('NFC'));
    expect(entry.text).not.toMatch(/[\u200b\u00a0]/);
    expect(result.path).toBe(
      'content/initiatives/hen-gio-tra-ket-qua-qua-tin-nhan-zalo-cho-ho-so-dat-dai/index.md',
    );
  });

  it('reads a group with shares and lists, in Vietnamese, what the draft still lacks', async () => {
    const file = await writeSample('nhom.docx', packDocx(groupDocx()));
    const result = await importDocx({
      root,
      file,
      campaign: '2024-tanh-linh',
      today: '2024-08-20',
    });
    const entry = readEntry(result.path);
    expect(entry.data.authors).toEqual([
      {
        name: 'Trần Văn Hùng',
        position: 'Công chức Tư pháp – Hộ tịch',
        unit: 'xa-gia-huynh',
        share: 40,
      },
      {
        name: 'Lê Thị Mai',
        position: 'Công chức Văn phòng – Thống kê',
        unit: 'xa-gia-huynh',
        share: 35,
      },
      { name: 'Phạm Quốc Bảo', position: 'Chuyên viên', unit: 'phong-tu-phap', share: 25 },
    ]);
    const missingFields = result.missing.map((item) => item.field).sort();
    expect(missingFields).toEqual(
      ['areas', 'body.applicability', 'fields', 'firstApplied', 'summary'].sort(),
    );
    expect(result.ok).toBe(false);
    // The draft is written, marked as such, and the validator agrees it is incomplete.
    expect(entry.text).toMatch(/^---\n# BẢN NHÁP nhập từ tệp Word "nhom\.docx"/);
    expect(entry.text).toContain('CẦN BỔ SUNG');
    const codes = result.problems.map((problem) => problem.code);
    expect(codes).toContain('sections.empty');
    expect(result.problems.some((problem) => problem.field?.startsWith('summary'))).toBe(true);
    expect(entry.content).toMatch(/## Khả năng áp dụng, nhân rộng\n*$/);
    // Headings numbered by Word itself still open their sections.
    expect(entry.content).toMatch(
      /## Thực trạng và vấn đề cần giải quyết\n\nCha mẹ phải nộp ba bộ hồ sơ/,
    );
    expect(entry.content).toMatch(/## Hiệu quả đạt được\n\nThời gian giải quyết giảm/);
  });

  it('extracts images as PNG/JPEG attachments and tables as Markdown tables', async () => {
    const file = await writeSample('bang-va-hinh.docx', packDocx(await tablesAndImagesDocx()));
    const result = await importDocx({ root, file, campaign: '2024', today: '2024-08-20' });
    expect(result.missing).toEqual([]);
    expect(result.ok).toBe(true);
    const entry = readEntry(result.path);
    const dir = join(root, result.path, '..');
    expect(result.attachments).toEqual(['hinh-1.png', 'hinh-2.jpg']);
    // Pictures that are what they say they are pass without a word.
    expect(result.notes.filter((note) => note.startsWith('Hình'))).toEqual([]);
    expect(readFileSync(join(dir, 'hinh-1.png')).equals(await samplePng())).toBe(true);
    expect([...readFileSync(join(dir, 'hinh-1.png')).subarray(0, 4)]).toEqual([
      0x89, 0x50, 0x4e, 0x47,
    ]);
    expect([...readFileSync(join(dir, 'hinh-2.jpg')).subarray(0, 3)]).toEqual([0xff, 0xd8, 0xff]);
    expect(entry.data.attachments).toEqual([
      { file: 'hinh-1.png', title: 'Sơ đồ quy trình thanh toán' },
      { file: 'hinh-2.jpg', title: 'Quầy chứng thực có mã QR' },
    ]);
    expect(entry.content).toContain('![Sơ đồ quy trình thanh toán](hinh-1.png)');
    expect(entry.data.authors).toEqual([
      {
        name: 'Võ Thị Thu Hà',
        position: 'Công chức Tư pháp – Hộ tịch',
        unit: 'thi-tran-lac-tanh',
        share: 60,
      },
      {
        name: 'Đặng Minh Tuấn',
        position: 'Kế toán ngân sách',
        unit: 'thi-tran-lac-tanh',
        share: 40,
      },
    ]);
    expect(entry.data.firstApplied).toBe('2024-01-02');
    const effect = entry.content.split('## Hiệu quả đạt được')[1]?.split('## ')[0] ?? '';
    const rows = effect
      .trim()
      .split('\n')
      .map((line) =>
        line
          .split('|')
          .map((cell) => cell.trim())
          .filter(Boolean),
      );
    expect(rows[0]).toEqual(['Chỉ số', 'Trước', 'Sau']);
    expect(rows[1]?.every((cell) => /^:?-+:?$/.test(cell))).toBe(true);
    expect(rows[2]).toEqual(['Tỷ lệ thanh toán không dùng tiền mặt', '0%', '38%']);
    expect(rows[3]).toEqual(['Thời gian lập bảng kê cuối ngày', '45 phút', '10 phút']);
  });

  it('an SVG declared as PNG is not written; the note names the picture and says why', {
    timeout: 120_000,
  }, async () => {
    const [diagram, photo] = (await samplePictures()) as [WordPicture, WordPicture];
    const svg = Buffer.from(
      '<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><script>alert(document.cookie)</script><rect width="10" height="10"/></svg>',
    );
    const file = await writeSample(
      'svg-gia-png.docx',
      packDocx(await tablesAndImagesDocx([{ ...diagram, data: svg }, photo])),
    );
    const result = await importDocx({ root, file, campaign: '2024', today: '2024-08-20' });
    const dir = join(root, result.path, '..');
    // Only the real photo is kept; numbering of the files follows what is written.
    expect(result.attachments).toEqual(['hinh-1.jpg']);
    expect(readdirSync(dir).sort()).toEqual(['hinh-1.jpg', 'index.md']);
    for (const name of readdirSync(dir))
      expect(readFileSync(join(dir, name), 'utf8')).not.toMatch(/<svg|<script|onload/);
    const note = result.notes.find((item) => item.startsWith('Hình 1 '));
    expect(note).toMatch(
      /^Hình 1 "Sơ đồ quy trình thanh toán" \(tệp word\/media\/[^ ]+\.png trong tệp Word, khai báo là PNG\) không được đính kèm: nội dung thật là ảnh vẽ SVG, không phải ảnh PNG hay JPEG/,
    );
    expect(readEntry(result.path).data.attachments).toEqual([
      { file: 'hinh-1.jpg', title: 'Quầy chứng thực có mã QR' },
    ]);
    expect(result.problems.map((problem) => problem.code)).not.toContain(
      'attachments.type-mismatch',
    );
    expect(result.ok).toBe(true);

    // What the person running the command reads.
    const again = await writeSample(
      'svg-gia-png-2.docx',
      packDocx(await tablesAndImagesDocx([{ ...diagram, data: svg }])),
    );
    const printed = await cli(again, '--campaign', '2024', '--out', join(root, 'ra'));
    expect(printed.stdout).not.toContain('Hình ảnh đính kèm');
    expect(printed.stdout).toMatch(
      /Lưu ý: Hình 1 "Sơ đồ quy trình thanh toán" \(tệp word\/media\/[^ ]+\.png trong tệp Word, khai báo là PNG\) không được đính kèm: /,
    );
    expect(readdirSync(join(root, 'ra', readdirSync(join(root, 'ra'))[0] as string))).toEqual([
      'index.md',
    ]);
  });

  it('a JPEG declared as PNG is written as .jpg, byte for byte, and said so', async () => {
    const [diagram, photo] = (await samplePictures()) as [WordPicture, WordPicture];
    const jpeg = await sampleJpeg();
    const file = await writeSample(
      'jpeg-gia-png.docx',
      packDocx(await tablesAndImagesDocx([{ ...diagram, data: jpeg }, photo])),
    );
    const result = await importDocx({ root, file, campaign: '2024', today: '2024-08-20' });
    const dir = join(root, result.path, '..');
    expect(result.attachments).toEqual(['hinh-1.jpg', 'hinh-2.jpg']);
    expect(readFileSync(join(dir, 'hinh-1.jpg')).equals(jpeg)).toBe(true);
    expect(readEntry(result.path).content).toContain('![Sơ đồ quy trình thanh toán](hinh-1.jpg)');
    expect(result.notes).toContainEqual(
      expect.stringMatching(
        /^Hình 1 "Sơ đồ quy trình thanh toán" \(tệp word\/media\/[^ ]+\.png trong tệp Word, khai báo là PNG\): nội dung thật là ảnh JPEG, đã lưu thành hinh-1\.jpg/,
      ),
    );
    // The validator, which checks each file's first bytes against its name, agrees.
    expect(result.problems.filter((problem) => problem.code.startsWith('attachments.'))).toEqual(
      [],
    );
    expect(result.ok).toBe(true);
  });

  it('a PNG signature with markup behind it is not taken for a picture', async () => {
    const fake = Buffer.concat([
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
      Buffer.from('<html><script>alert(1)</script></html>'),
    ]);
    const prepared = await prepareImage(fake);
    expect(prepared.ok).toBe(false);
    expect(prepared.ok ? '' : prepared.reason).toMatch(
      /^nội dung có phần đầu của ảnh PNG nhưng không đọc được như một ảnh/,
    );
    const real = await prepareImage(await samplePng());
    expect(real.ok && real.extension).toBe('png');
  });

  it('exits 0 when valid, 1 for a draft, never overwrites, and 2 on a wrong command line', {
    timeout: 120_000,
  }, async () => {
    const single = await writeSample('don-le.docx', packDocx(singleAuthorDocx()));
    const group = await writeSample('nhom.docx', packDocx(groupDocx()));
    // The campaign is closed; the sample dates lie inside it, so the deadline check passes.
    const ok = await cli(single, '--campaign', '2024-tanh-linh');
    expect(ok.stdout).toContain('Sáng kiến hợp lệ');
    // The account of where each part went is printed too.
    expect(ok.stdout).toContain('Nơi đặt từng phần của tệp Word "don-le.docx":');
    expect(ok.stdout).toContain('- Mục "Nội dung giải pháp" ← tiêu đề "II. GIẢI PHÁP", 1 đoạn');
    expect(ok.code).toBe(0);
    const again = await cli(single, '--campaign', '2024-tanh-linh');
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('không ghi đè');
    const draft = await cli(group, '--campaign', '2024-tanh-linh');
    expect(draft.code).toBe(1);
    expect(draft.stdout).toContain('Chưa tìm thấy trong tệp Word');
    expect(draft.stdout).toContain('Tóm tắt: chưa có');
    expect(draft.stdout).toContain('BẢN NHÁP');
    expect((await cli()).code).toBe(2);
    expect((await cli('khong-co.docx')).code).toBe(2);
    expect((await cli(single, '--campaign', '1999')).code).toBe(2);
    const bogus = await cli(single, '--bogus');
    expect(bogus.code).toBe(2);
    expect(bogus.stderr).toContain('Tùy chọn không có: --bogus.');
  });

  it('refuses hostile or wrong files with a Vietnamese message and no stack trace', {
    timeout: 120_000,
  }, async () => {
    const text = join(root, 'gia.docx');
    writeFileSync(text, 'Đây không phải tệp Word');
    const notDocx = await cli(text);
    expect(notDocx.code).toBe(1);
    expect(notDocx.stderr).toContain('không phải tệp Word .docx');

    const zip = new JSZip();
    zip.file('hello.txt', 'xin chào');
    const otherZip = join(root, 'nen.docx');
    writeFileSync(
      otherZip,
      await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' }),
    );
    expect((await cli(otherZip)).stderr).toContain('thiếu phần word/document.xml');

    const bomb = new JSZip();
    bomb.file('[Content_Types].xml', '<Types/>');
    bomb.file('word/document.xml', Buffer.alloc(40 * 1024 * 1024, 0x20));
    const bombFile = join(root, 'bom.docx');
    writeFileSync(
      bombFile,
      await bomb.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' }),
    );
    const bombed = await cli(bombFile);
    expect(bombed.code).toBe(1);
    expect(bombed.stderr).toContain('bom nén');

    const laughs = await JSZip.loadAsync(await packDocx(singleAuthorDocx()));
    laughs.file(
      'word/document.xml',
      '<?xml version="1.0"?><!DOCTYPE w [<!ENTITY a "hahahahaha"><!ENTITY b "&a;&a;&a;&a;&a;&a;">]><w:document>&b;</w:document>',
    );
    const laughsFile = join(root, 'cuoi.docx');
    writeFileSync(
      laughsFile,
      await laughs.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' }),
    );
    const entity = await cli(laughsFile);
    expect(entity.code).toBe(1);
    expect(entity.stderr).toContain('khai báo DOCTYPE/ENTITY');

    const huge = join(root, 'lon.docx');
    writeFileSync(huge, Buffer.from([0x50, 0x4b, 0x03, 0x04]));
    truncateSync(huge, 31 * 1024 * 1024);
    const tooBig = await cli(huge);
    expect(tooBig.code).toBe(1);
    expect(tooBig.stderr).toContain('vượt giới hạn 30 MB');

    for (const result of [notDocx, bombed, tooBig]) expect(result.stderr).not.toMatch(/\n\s+at /);
    expect(existsSync(join(root, 'content/initiatives')) && true).toBe(true);
  });
});
