import { execFile, execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import jsQR from 'jsqr';
import JSZip from 'jszip';
import { PNG } from 'pngjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { statusLookup } from '../../src/core/status.ts';
import { loadCampaign, loadDecision, loadEntries } from '../../src/documents/common/content.ts';
import { readPdf } from './read-back.ts';
import { makeContentRoot, REPO } from './support.ts';

const CAMPAIGN = '2024-tanh-linh';
const SITE = 'https://sangkien.example.gov.vn';
const BASE = '/kho/';
/** An entry of the campaign that no decision names: undecided, so never in the booklet. */
const UNDECIDED = 'chua-xet-mau-kiem-tra-ky-yeu';
const UNDECIDED_TITLE = 'Sáng kiến chưa xét dùng để kiểm tra kỷ yếu không in';

const flat = (text: string) => text.replace(/\s+/g, ' ').trim();

function run(cwd: string, args: string[], env: Record<string, string> = {}) {
  return new Promise<{ code: number; stdout: string; stderr: string }>((done) => {
    execFile(
      process.execPath,
      [join(REPO, 'scripts', 'yearbook.ts'), ...args],
      { cwd, env: { ...process.env, ...env }, maxBuffer: 10 * 1024 * 1024 },
      (error, stdout, stderr) =>
        done({ code: error ? Number((error as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    );
  });
}

let root: string;
let cleanup: () => void;
let work: string;
let pdf: Buffer;
let pages: string[];
let recognised: { slug: string; title: string }[];
let others: { slug: string; title: string; status: string }[];

beforeAll(async () => {
  ({ root, cleanup } = makeContentRoot());
  work = mkdtempSync(join(tmpdir(), 'kho-yearbook-'));
  // A copy of a sample under a new slug and title, in the campaign but in no decision.
  const source = 'so-hoa-so-ho-tich-cu-de-cap-ban-sao-trich-luc-trong-ngay';
  const target = join(root, 'content', 'initiatives', UNDECIDED);
  cpSync(join(root, 'content', 'initiatives', source), target, { recursive: true });
  const file = join(target, 'index.md');
  const text = readFileSync(file, 'utf8').replace(/^title: .*$/m, `title: ${UNDECIDED_TITLE}`);
  writeFileSync(file, text);

  const campaign = loadCampaign(root, CAMPAIGN).data;
  const decision = loadDecision(root, CAMPAIGN);
  const statusOf = statusLookup(decision ? [decision] : [], () => campaign.rubric.grades);
  const entries = loadEntries(root, CAMPAIGN).map((entry) => ({
    slug: entry.slug,
    title: entry.data.title,
    status: statusOf({ id: entry.slug, campaign: CAMPAIGN }).id,
  }));
  recognised = entries.filter((entry) => entry.status === 'recognised');
  others = entries.filter((entry) => entry.status !== 'recognised');

  const out = join(work, 'ky-yeu.pdf');
  const result = await run(root, [CAMPAIGN, '--format', 'pdf', '--out', out], {
    SITE_URL: SITE,
    BASE_PATH: BASE,
  });
  expect(result.stderr).toBe('');
  expect(result.code).toBe(0);
  expect(result.stdout).toContain('Đã tạo kỷ yếu');
  pdf = readFileSync(out);
  pages = (await readPdf(pdf)).pages;
}, 600_000);

afterAll(() => {
  cleanup?.();
  if (work) rmSync(work, { recursive: true, force: true });
});

describe('npm run yearbook (PDF)', () => {
  it('prints every recognised initiative and none that is not recognised or undecided', () => {
    expect(recognised.length).toBeGreaterThan(1);
    expect(others.map((entry) => entry.status)).toEqual(
      expect.arrayContaining(['undecided', 'not-recognised']),
    );
    const text = flat(pages.join('\n'));
    for (const entry of recognised) expect(text).toContain(flat(entry.title));
    for (const entry of others) expect(text).not.toContain(flat(entry.title));
  });

  it('has a cover, a foreword from the campaign data and contents whose page numbers are right', () => {
    const cover = flat(pages[0] ?? '');
    expect(cover).toContain('KỶ YẾU');
    expect(cover).toContain('ỦY BAN NHÂN DÂN HUYỆN TÁNH LINH');
    expect(cover).toContain(
      'Tìm kiếm giải pháp, sáng kiến trong công tác cải cách hành chính năm 2024',
    );
    const contents = flat(pages[1] ?? '');
    expect(contents.startsWith('Mục lục')).toBe(true);
    const chapterPages: number[] = recognised.map(() => 0);
    // Chapters come in the booklet's own order: find each title's number and page in the contents.
    for (const entry of recognised) {
      const match = new RegExp(
        `(\\d+)\\. ${flat(entry.title).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} (\\d+)`,
      ).exec(contents);
      expect(match, entry.title).not.toBeNull();
      const [, number, page] = match as unknown as [string, string, string];
      const printed = flat(pages[Number(page) - 1] ?? '');
      expect(printed.startsWith(`${number}. ${flat(entry.title)}`), entry.title).toBe(true);
      chapterPages[Number(number) - 1] = Number(page);
    }
    expect(
      chapterPages.every((page, index) => index === 0 || page > (chapterPages[index - 1] ?? 0)),
    ).toBe(true);
    const foreword = flat(pages[2] ?? '');
    expect(foreword).toContain('Lời giới thiệu');
    expect(foreword).toContain('03/KH-UBND');
    expect(foreword).toContain('01/06/2024');
    expect(foreword).toContain('04/09/2024');
    expect(foreword).toContain(`Đợt đã nhận ${recognised.length + others.length} sáng kiến`);
    expect(foreword).toContain(`${recognised.length} sáng kiến của`);
    expect(foreword).toContain('2150/QĐ-UBND');
  });

  it('gives each chapter its sections, indicators, contact unit and adoptions, with no personal contact', () => {
    const text = flat(pages.join('\n'));
    for (const heading of [
      'Tóm tắt',
      'Thực trạng và vấn đề cần giải quyết',
      'Nội dung giải pháp',
      'Cách áp dụng, nhân rộng',
      'Chỉ số trước và sau khi áp dụng',
      'Đơn vị liên hệ',
      'Đã áp dụng, nhân rộng',
    ])
      expect(text.split(heading).length - 1, heading).toBeGreaterThanOrEqual(recognised.length - 1);
    // The sample adoption of the QR payment initiative: by Đức Bình commune, from 04/11/2024.
    expect(text).toContain('áp dụng từ ngày 04/11/2024 theo 87/KH-UBND');
    expect(text).toMatch(/Chỉ mục theo nội dung cải cách hành chính/);
    expect(text).toMatch(/Chỉ mục theo lĩnh vực áp dụng/);
    expect(text).toMatch(/Chỉ mục theo đơn vị/);
    expect(text).not.toMatch(/[\w.+-]+@[\w-]+\.[\w.]+/);
    expect(text).not.toMatch(/\b0\d{2,3}[ .]?\d{3}[ .]?\d{3,4}\b/);
  });

  it('never leaves a section heading or the QR code’s caption at the foot of a page', () => {
    const headings = [
      'Tóm tắt',
      'Thực trạng và vấn đề cần giải quyết',
      'Nội dung giải pháp',
      'Cách áp dụng, nhân rộng',
      'Chỉ số trước và sau khi áp dụng',
      'Đơn vị liên hệ',
      'Đã áp dụng, nhân rộng',
    ];
    pages.forEach((page, index) => {
      // The page number is printed last, at the top: drop it, then look at the last line.
      const lines = page
        .trim()
        .split('\n')
        .map((line) => line.trim())
        .filter((line) => line && !/^\d+$/.test(line));
      const last = lines.at(-1) ?? '';
      expect(headings, `trang ${index + 1}`).not.toContain(last);
      expect(last.startsWith('Quét mã QR'), `trang ${index + 1}`).toBe(false);
    });
  });

  it('prints a QR code on each chapter that decodes to the page of the initiative', async () => {
    const checked: string[] = [];
    for (const entry of recognised.slice(0, 3)) {
      const url = `${SITE}${BASE}sang-kien/${entry.slug}/`;
      // A long address wraps at a hyphen: look for it without the line breaks.
      const index = pages.findIndex((page) => page.replace(/\s+/g, '').includes(url));
      expect(index, entry.slug).toBeGreaterThan(0);
      const prefix = join(work, `qr-${index}`);
      execFileSync('pdftoppm', [
        '-r',
        '200',
        '-gray',
        '-png',
        '-singlefile',
        '-f',
        String(index + 1),
        '-l',
        String(index + 1),
        join(work, 'ky-yeu.pdf'),
        prefix,
      ]);
      const png = PNG.sync.read(readFileSync(`${prefix}.png`));
      const rgba = new Uint8ClampedArray(png.data.buffer, png.data.byteOffset, png.data.length);
      const code = jsQR(rgba, png.width, png.height);
      expect(code?.data, entry.slug).toBe(url);
      checked.push(entry.slug);
    }
    expect(checked.length).toBe(Math.min(3, recognised.length));
  }, 300_000);
});

describe('npm run yearbook (DOCX)', () => {
  it('opens as a Word file with the same chapters, bookmarks and page references', async () => {
    const out = join(work, 'ky-yeu.docx');
    const result = await run(root, [CAMPAIGN, '--format', 'docx', '--out', out], {
      SITE_URL: SITE,
      BASE_PATH: BASE,
    });
    expect(result.code).toBe(0);
    const zip = await JSZip.loadAsync(readFileSync(out));
    const xml = (await zip.file('word/document.xml')?.async('string')) ?? '';
    const settings = (await zip.file('word/settings.xml')?.async('string')) ?? '';
    expect(settings).toMatch(/<w:updateFields(?: w:val="(?:true|1)")?\/>/);
    const headings = (xml.match(/<w:p\b[\s\S]*?<\/w:p>/g) ?? [])
      .filter((paragraph) => paragraph.includes('<w:pStyle w:val="Heading1"/>'))
      .map((paragraph) =>
        [...paragraph.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join(''),
      );
    const chapters = headings.filter((heading) => /^\d+\. /.test(heading));
    const pdfContents = flat(pages[1] ?? '');
    expect(chapters.length).toBe(recognised.length);
    for (const chapter of chapters) expect(pdfContents).toContain(flat(chapter));
    for (const entry of others) expect(xml).not.toContain(entry.title);
    chapters.forEach((_, index) => {
      expect(xml).toContain(`w:name="chuong_${index + 1}"`);
      expect(xml).toContain(`PAGEREF chuong_${index + 1}`);
    });
  }, 300_000);
});

describe('npm run yearbook (command line)', () => {
  it('exits 2 with a Vietnamese message for an unknown campaign or a missing format', async () => {
    const unknown = await run(root, [
      '2099-khong-co',
      '--format',
      'pdf',
      '--out',
      join(work, 'x.pdf'),
    ]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('Không có đợt phát động "2099-khong-co"');
    expect(unknown.stderr).toContain(CAMPAIGN);
    const format = await run(root, [CAMPAIGN, '--format', 'odt']);
    expect(format.code).toBe(2);
    expect(format.stderr).toContain('Định dạng "odt" không hỗ trợ');
    const option = await run(root, [CAMPAIGN, '--format', 'pdf', '--bogus']);
    expect(option.code).toBe(2);
    expect(option.stderr).toContain('Tùy chọn không có');
  }, 300_000);

  it('exits 1, writing nothing, for a campaign with no recognised initiative yet', async () => {
    const out = join(work, 'trong.pdf');
    const result = await run(root, ['2026-xa-tanh-linh', '--format', 'pdf', '--out', out]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(
      /^Lỗi: Đợt "2026-xa-tanh-linh" chưa có sáng kiến nào được công nhận \(\d+ sáng kiến đã nhận; kết quả xét ghi ở content\/decisions\/2026-xa-tanh-linh\.yaml\), nên chưa có kỷ yếu để in\.\n$/,
    );
    expect(existsSync(out)).toBe(false);
  }, 300_000);

  it('exits 1 when a deploy build has no site address for the QR codes', async () => {
    const result = await run(root, [CAMPAIGN, '--format', 'pdf', '--out', join(work, 'y.pdf')], {
      KHO_DEPLOY: '1',
      SITE_URL: '',
    });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('SITE_URL');
  }, 300_000);
});
