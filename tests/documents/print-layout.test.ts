/**
 * How the documents fall on paper: what Word and LibreOffice read from the DOCX (keep with
 * next, rows that never split, space under tables, column widths) and where pdfkit broke pages.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { matchKey } from '../../src/core/text.ts';
import { applicationDocument } from '../../src/documents/application/index.ts';
import { committeeDocument } from '../../src/documents/committee/index.ts';
import { loadDecision, loadEntries } from '../../src/documents/common/content.ts';
import { measureText } from '../../src/documents/render/measure.ts';
import { bodySections } from '../../src/schemas/vocabularies.ts';
import {
  readDocx,
  readPdf,
  type XmlParagraph,
  type XmlTable,
  xmlParagraphs,
  xmlTables,
} from './read-back.ts';
import { makeContentRoot } from './support.ts';

const CAMPAIGN = '2024-tanh-linh';
/** The fullest sample: three authors, four indicators, and its own table of them in the body. */
const FULLEST = 'mau-day-du-kiosk-tra-cuu-ho-so-tai-bo-phan-mot-cua-huyen';

let root: string;
let cleanup: () => void;
beforeAll(() => {
  ({ root, cleanup } = makeContentRoot());
});
afterAll(() => cleanup());

const application = async (slug: string) =>
  readDocx((await applicationDocument(root, slug, 'docx')).content);
const list = async (kind: 'review' | 'recognition', blank = false) =>
  readDocx(
    (await committeeDocument({ root, campaign: CAMPAIGN, list: kind, format: 'docx', blank }))
      .content,
  );

const textOf = (cell: XmlParagraph[]) =>
  cell
    .map((paragraph) => paragraph.text)
    .join('\n')
    .trim();
const isDataTable = (table: XmlTable) => table.rows.some((row) => row.header);
const signatures = (tables: XmlTable[], title: string) => {
  const found = tables.find((table) =>
    table.rows.some((row) => row.cells.some((cell) => textOf(cell).includes(title))),
  );
  if (!found) throw new Error(`Không thấy khối chữ ký "${title}".`);
  return found;
};
/** A column name without its "(tối đa 30)"-like note, as a reader tells columns apart. */
const columnKey = (text: string) => matchKey(text.replace(/\([^)]*\)/g, ' '));

/** Every paragraph before the block's last row holds on to the next one. */
function expectKeptTogether(table: XmlTable, where: string) {
  for (const row of table.rows) expect(row.cantSplit, where).toBe(true);
  for (const row of table.rows.slice(0, -1))
    for (const paragraph of row.cells.flat())
      expect(paragraph.keepNext, `${where}: ${paragraph.text}`).toBe(true);
}

describe('documents on paper', () => {
  it('gives every column of every table a name of its own', { timeout: 180_000 }, async () => {
    const documents = [
      ...(await Promise.all(
        loadEntries(root, CAMPAIGN).map(async (entry) => ({
          name: entry.slug,
          docx: await application(entry.slug),
        })),
      )),
      { name: 'review', docx: await list('review') },
      { name: 'review --blank', docx: await list('review', true) },
      { name: 'recognition', docx: await list('recognition') },
    ];
    let headerRows = 0;
    for (const { name, docx } of documents) {
      for (const table of xmlTables(docx.xml)) {
        for (const row of table.rows.filter((item) => item.header)) {
          headerRows += 1;
          const keys = row.cells.map((cell) => columnKey(textOf(cell)));
          const repeated = keys.filter((key, index) => keys.indexOf(key) !== index);
          expect(repeated, `${name}: ${row.cells.map(textOf).join(' | ')}`).toEqual([]);
        }
      }
    }
    // The person tables of every form and the committee lists at least.
    expect(headerRows).toBeGreaterThanOrEqual(documents.length + 3);
  });

  it('keeps headings and labels with what follows, and the signature block whole, one space per author', async () => {
    const docx = await application(FULLEST);
    const paragraphs = xmlParagraphs(docx.xml);
    const headings = paragraphs.filter((paragraph) => paragraph.style?.startsWith('Heading'));
    expect(headings.map((heading) => heading.text)).toEqual(
      expect.arrayContaining(bodySections.map((section) => section.heading)),
    );
    for (const heading of headings) {
      expect(heading.keepNext, heading.text).toBe(true);
      expect(heading.keepLines, heading.text).toBe(true);
    }
    for (const label of ['- Mô tả bản chất của sáng kiến:', '- Các điều kiện cần thiết']) {
      const found = paragraphs.find((paragraph) => paragraph.text.startsWith(label));
      expect(found?.keepNext, label).toBe(true);
    }
    const pledge = paragraphs.find((paragraph) => paragraph.text.includes('xin cam đoan'));
    expect(pledge?.keepNext).toBe(true);

    const entry = loadEntries(root, CAMPAIGN).find((item) => item.slug === FULLEST);
    const authors = entry?.data.authors.map((author) => author.name) ?? [];
    expect(authors.length).toBe(3);
    const block = signatures(xmlTables(docx.xml), 'Người nộp đơn');
    expectKeptTogether(block, 'Người nộp đơn');
    const cells = block.rows.flatMap((row) => row.cells);
    for (const author of authors) {
      const own = cells.filter((cell) => cell.some((paragraph) => paragraph.text === author));
      expect(own, author).toHaveLength(1);
      const [cell] = own;
      // Above the name, a blank space of its own to sign in: at least 40 pt.
      const index = cell?.findIndex((paragraph) => paragraph.text === author) ?? -1;
      expect(index, author).toBeGreaterThan(-1);
      expect(cell?.[index - 1]?.text, author).toBe('');
      expect(cell?.[index - 1]?.after ?? 0, author).toBeGreaterThanOrEqual(800);
      // No other signer in that cell.
      expect(authors.filter((name) => textOf(cell ?? []).includes(name))).toEqual([author]);
    }
  });

  it('keeps one author alone in the right column of a signature block of one signer', async () => {
    const single = loadEntries(root, CAMPAIGN).find((item) => item.data.authors.length === 1);
    if (!single) throw new Error('Cần một sáng kiến mẫu có một tác giả.');
    const block = signatures(xmlTables((await application(single.slug)).xml), 'Người nộp đơn');
    expectKeptTogether(block, single.slug);
    expect(block.grid).toHaveLength(2);
    const [left, right] = block.rows[0]?.cells ?? [];
    expect(textOf(left ?? [])).toBe('');
    expect(textOf(right ?? [])).toContain(single.data.authors[0]?.name);
  });

  it('prints the indicators once: the body table when it has them, the form table otherwise', async () => {
    const indicatorTables = (tables: XmlTable[]) =>
      tables.filter((table) => /^Chỉ số/.test(textOf(table.rows[0]?.cells[0] ?? [])));
    const fullest = await application(FULLEST);
    expect(indicatorTables(xmlTables(fullest.xml))).toHaveLength(1);
    expect(fullest.text).not.toContain('Số liệu trước và sau khi áp dụng');
    expect(fullest.text).toContain(
      'Nguồn số liệu: Hệ thống thông tin giải quyết thủ tục hành chính tỉnh Bình Thuận;',
    );
    // An entry whose body has no table of its indicators gets the form's table.
    const other = loadEntries(root, CAMPAIGN).find(
      (item) => item.data.indicators.length > 0 && !item.body.includes('|'),
    );
    if (!other) throw new Error('Cần một sáng kiến mẫu có chỉ số mà không có bảng.');
    const docx = await application(other.slug);
    expect(docx.text).toContain('Số liệu trước và sau khi áp dụng');
    const [table] = indicatorTables(xmlTables(docx.xml));
    expect(table?.rows.length).toBe(other.data.indicators.length + 1);
  });

  it('leaves space under every table of data', async () => {
    for (const docx of [
      await application(FULLEST),
      await list('review'),
      await list('recognition'),
    ]) {
      const tables = xmlTables(docx.xml).filter(isDataTable);
      expect(tables.length).toBeGreaterThan(0);
      for (const table of tables) {
        const next = table.next;
        // The next paragraph has room before it, or is itself an empty spacer line.
        const room = next ? next.before + (next.text === '' ? 1 : 0) * 160 : 0;
        expect(room, textOf(table.rows[0]?.cells[0] ?? [])).toBeGreaterThanOrEqual(160);
      }
    }
  });

  it('keeps the list maker’s signature with the note above it', async () => {
    const docx = await list('review');
    const tables = xmlTables(docx.xml);
    const block = signatures(tables, 'NGƯỜI LẬP DANH SÁCH');
    expectKeptTogether(block, 'NGƯỜI LẬP DANH SÁCH');
    const note = xmlParagraphs(docx.xml).find((paragraph) =>
      paragraph.text.startsWith('Thang điểm'),
    );
    expect(note?.keepNext).toBe(true);
  });

  it('fits each line of the agency header of the committee lists on one line', async () => {
    for (const kind of ['review', 'recognition'] as const) {
      const [header] = xmlTables((await list(kind)).xml);
      const [left, right] = header?.rows[0]?.cells ?? [];
      const [leftWidth, rightWidth] = header?.grid ?? [];
      const fits = (cell: XmlParagraph[] | undefined, width: number | undefined) => {
        const lines = (cell ?? []).filter((paragraph) => paragraph.text);
        expect(lines.length, kind).toBeGreaterThan(0);
        for (const line of lines) {
          const size = Number(/<w:sz w:val="(\d+)"/.exec(line.xml)?.[1]) / 2;
          const bold = /<w:b\/>/.test(line.xml);
          const indent = [...line.xml.matchAll(/w:(?:left|right)="(\d+)"/g)].reduce(
            (sum, match) => sum + Number(match[1]),
            0,
          );
          // Word's cell margins: 0.19 cm each side.
          const room = ((width ?? 0) - indent - 2 * 108) / 20;
          expect(measureText(line.text, size, bold), `${kind}: ${line.text}`).toBeLessThanOrEqual(
            room,
          );
        }
        return lines.length;
      };
      expect(fits(left, leftWidth)).toBeLessThanOrEqual(2);
      fits(right, rightWidth);
    }
  });

  it('never splits a signature block or strands a heading at the bottom of a PDF page', {
    timeout: 180_000,
  }, async () => {
    const headings = bodySections.map((section) => section.heading);
    for (const entry of loadEntries(root, CAMPAIGN)) {
      const { pages } = await readPdf((await applicationDocument(root, entry.slug, 'pdf')).content);
      const signing = pages.find((page) => page.includes('Người nộp đơn')) ?? '';
      for (const author of entry.data.authors)
        expect(signing.replace(/\s+/g, ' '), `${entry.slug}: ${author.name}`).toContain(
          author.name,
        );
      for (const [index, page] of pages.entries()) {
        // The page number is the last line from the second page on.
        const lines = page.trim().split('\n');
        const last = (index > 0 ? lines.at(-2) : lines.at(-1))?.trim() ?? '';
        expect(headings, `${entry.slug}, trang ${index + 1}`).not.toContain(last);
      }
    }
    const review = await readPdf(
      (await committeeDocument({ root, campaign: CAMPAIGN, list: 'review', format: 'pdf' }))
        .content,
    );
    const signing = review.pages.find((page) => page.includes('NGƯỜI LẬP DANH SÁCH')) ?? '';
    expect(signing).toContain('Thang điểm');
    const secretary = loadDecision(root, CAMPAIGN)?.members.find(
      (member) => member.role === 'secretary',
    );
    expect(secretary).toBeDefined();
    expect(signing).toContain(secretary?.name);
  });
});
