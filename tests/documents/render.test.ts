/**
 * Every paper document printed for real: the application (DOCX, PDF), the committee's lists
 * (DOCX, PDF) and the report's workbook (XLSX). LibreOffice turns the DOCX and XLSX files into
 * PDF in one run, pdftoppm draws every page as a PNG (kept in the run's folder, printed at the
 * end, to look at), and pdf.js reads back where each piece of text fell. Checked: A4 in the
 * right orientation, every page drawn and not blank, no text printed over other text, every
 * signature block on one page with its signers, no page ending on a heading or label.
 */
import { copyFileSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildReport } from '../../scripts/report/build.ts';
import { LocalGitSource } from '../../scripts/report/local-source.ts';
import { writeXlsx } from '../../scripts/report/xlsx.ts';
import { FORM_LABELS } from '../../src/documents/application/build.ts';
import { applicationDocument } from '../../src/documents/application/index.ts';
import { BALLOT, ballotSheetName, SHEETS } from '../../src/documents/committee/columns.ts';
import { committeeDocument } from '../../src/documents/committee/index.ts';
import { loadCampaign, loadDecision, loadEntries } from '../../src/documents/common/content.ts';
import { makeRepo } from '../support/git-fixture.ts';
import {
  a4Orientation,
  bodyText,
  convertToPdf,
  overlaps,
  type PagePicture,
  type PdfPage,
  readPages,
  renderPages,
  requireProgram,
  spaceless,
} from './render-check.ts';
import { makeContentRoot } from './support.ts';

const project = resolve(import.meta.dirname, '../..');
const CAMPAIGN = '2024-tanh-linh';
/** Three authors, so three signing places. */
const GROUP = 'mau-day-du-kiosk-tra-cuu-ho-so-tai-bo-phan-mot-cua-huyen';
/** One author. */
const SINGLE = 'ma-qr-huong-dan-thu-tuc-tai-bo-phan-mot-cua-xa-duc-phu';

interface Printed {
  name: string;
  /** The PDF as printed: pdfkit's own, or LibreOffice's from the DOCX or XLSX. */
  pdf: string;
  orientation: 'portrait' | 'landscape' | 'mixed';
  pages: PdfPage[];
  pictures: PagePicture[];
  /** The signature block's title and its signers, when the document has one. */
  signature?: { title: string; names: string[] };
}

let cleanup: () => void;
let folder: string;
const printed = new Map<string, Printed>();
let members: { name: string }[] = [];

beforeAll(async () => {
  await requireProgram('soffice', 'libreoffice-writer-nogui, libreoffice-calc-nogui');
  await requireProgram('pdftoppm', 'poppler-utils');
  const content = makeContentRoot();
  cleanup = content.cleanup;
  const { root } = content;
  folder = mkdtempSync(join(tmpdir(), 'kho-ban-in-'));
  const source = join(folder, 'nguon');
  const pdfs = join(folder, 'pdf');
  mkdirSync(source);
  mkdirSync(pdfs);

  const entries = loadEntries(root, CAMPAIGN);
  const authors = (slug: string) =>
    entries.find((entry) => entry.slug === slug)?.data.authors.map((author) => author.name) ?? [];
  members = rosterOf(root);
  const secretary = loadDecision(root, CAMPAIGN)?.members.find(
    (member) => member.role === 'secretary',
  );
  const applicant = (slug: string) => ({ title: 'Người nộp đơn', names: authors(slug) });
  const lister = { title: 'NGƯỜI LẬP DANH SÁCH', names: secretary ? [secretary.name] : [] };

  const documents: {
    name: string;
    file: string;
    content: () => Promise<Buffer>;
    orientation: Printed['orientation'];
    signature?: Printed['signature'];
  }[] = [
    {
      name: 'đơn, nhóm tác giả (DOCX)',
      file: 'don-nhom.docx',
      content: async () => (await applicationDocument(root, GROUP, 'docx')).content,
      orientation: 'portrait',
      signature: applicant(GROUP),
    },
    {
      name: 'đơn, nhóm tác giả (PDF)',
      file: 'don-nhom-pdfkit.pdf',
      content: async () => (await applicationDocument(root, GROUP, 'pdf')).content,
      orientation: 'portrait',
      signature: applicant(GROUP),
    },
    {
      name: 'đơn, một tác giả (DOCX)',
      file: 'don-mot.docx',
      content: async () => (await applicationDocument(root, SINGLE, 'docx')).content,
      orientation: 'portrait',
      signature: applicant(SINGLE),
    },
    ...(['docx', 'pdf'] as const).flatMap((format) => [
      {
        name: `danh sách họp xét (${format.toUpperCase()})`,
        file: `danh-sach-xet${format === 'pdf' ? '-pdfkit' : ''}.${format}`,
        content: async () =>
          (await committeeDocument({ root, campaign: CAMPAIGN, list: 'review', format })).content,
        orientation: 'landscape' as const,
        signature: lister,
      },
      {
        name: `danh sách công nhận (${format.toUpperCase()})`,
        file: `danh-sach-cong-nhan${format === 'pdf' ? '-pdfkit' : ''}.${format}`,
        content: async () =>
          (await committeeDocument({ root, campaign: CAMPAIGN, list: 'recognition', format }))
            .content,
        orientation: 'landscape' as const,
      },
    ]),
  ];
  for (const document of documents)
    writeFileSync(join(source, document.file), await document.content());
  const report = await buildReport(new LocalGitSource(makeRepo(project, {}, true)), CAMPAIGN);
  await writeXlsx(report, join(source, 'tong-hop.xlsx'));

  const office = [...documents.map((document) => document.file), 'tong-hop.xlsx'].filter(
    (file) => !file.endsWith('.pdf'),
  );
  await convertToPdf(
    office.map((file) => join(source, file)),
    pdfs,
    join(folder, 'ho-so-libreoffice'),
  );
  for (const document of documents)
    if (document.file.endsWith('.pdf'))
      copyFileSync(join(source, document.file), join(pdfs, document.file));

  const all: {
    name: string;
    pdf: string;
    orientation: Printed['orientation'];
    signature?: Printed['signature'];
  }[] = [
    ...documents.map((document) => ({
      ...document,
      pdf: join(pdfs, document.file.replace(/\.docx$/, '.pdf')),
    })),
    // The workbook: "Tổng hợp" and every ballot landscape, the guide portrait.
    {
      name: 'bảng tổng hợp (XLSX)',
      pdf: join(pdfs, 'tong-hop.pdf'),
      orientation: 'mixed' as const,
    },
  ];
  for (const document of all) {
    const pages = await readPages(document.pdf);
    const pictures = await renderPages(
      document.pdf,
      join(folder, basename(document.pdf).replace(/\.pdf$/, '')),
    );
    printed.set(document.name, {
      name: document.name,
      pdf: document.pdf,
      orientation: document.orientation,
      pages,
      pictures,
      ...(document.signature ? { signature: document.signature } : {}),
    });
  }
}, 600_000);

afterAll(() => {
  cleanup?.();
  // The PNG pages stay, to be looked at.
  if (folder) console.log(`Ảnh các trang in: ${folder}`);
});

const each = () => [...printed.values()];

/** The roster, in the order the workbook gives each member a ballot. */
function rosterOf(root: string) {
  return loadCampaign(root, CAMPAIGN).data.committee?.members ?? [];
}

describe('documents printed through LibreOffice and pdftoppm', () => {
  it('prints every document, each page drawn as a PNG of an A4 sheet, none blank', () => {
    expect(printed.size).toBe(8);
    for (const document of each()) {
      const { name, pages, pictures } = document;
      expect(pages.length, name).toBeGreaterThan(0);
      expect(pictures.length, name).toBe(pages.length);
      pages.forEach((page, index) => {
        const picture = pictures[index] as PagePicture;
        const where = `${name}, trang ${index + 1}`;
        const orientation = a4Orientation(page);
        expect(orientation, where).toBeDefined();
        if (document.orientation !== 'mixed') expect(orientation, where).toBe(document.orientation);
        // The picture has the page's shape: 210 × 297 mm one way or the other.
        const ratio = picture.width / picture.height;
        expect(ratio, where).toBeCloseTo(orientation === 'portrait' ? 210 / 297 : 297 / 210, 1);
        expect(picture.darkest, where).toBeLessThan(100);
        expect(page.items.length, where).toBeGreaterThan(0);
      });
    }
  });

  it('prints no text over other text', () => {
    for (const { name, pages } of each())
      pages.forEach((page, index) => {
        const crossing = overlaps(page).map(([a, b]) => `"${a.text}" / "${b.text}"`);
        expect(crossing.slice(0, 5), `${name}, trang ${index + 1}`).toEqual([]);
      });
  });

  it('keeps each signature block on one page, its signers under its title', () => {
    const signed = each().filter((document) => document.signature);
    expect(signed.length).toBe(5);
    for (const { name, pages, signature } of signed) {
      if (!signature) continue;
      expect(signature.names.length, name).toBeGreaterThan(0);
      const title = spaceless(signature.title);
      const at = pages.findLastIndex((page) => bodyText(page).includes(title));
      expect(at, `${name}: không thấy "${signature.title}"`).toBeGreaterThanOrEqual(0);
      // Nothing of the block runs over: it is on the last page.
      expect(at, name).toBe(pages.length - 1);
      const page = pages[at] as PdfPage;
      const titleItem = page.items.find((item) => spaceless(item.text).includes(title));
      const below = spaceless(
        page.items
          .filter((item) => titleItem && item.y < titleItem.y)
          .map((item) => item.text)
          .join(''),
      );
      expect(below, name).toContain(spaceless('(Ký và ghi rõ họ tên'));
      for (const signer of signature.names)
        expect(below, `${name}: ${signer}`).toContain(spaceless(signer));
      // The place and date line stands above the title, on the same page.
      expect(bodyText(page), name).toMatch(/ngày/);
    }
  });

  it('ends no page on a heading or a label whose content is on the next page', () => {
    const headings = [
      ...Object.values(FORM_LABELS),
      'Người nộp đơn',
      'NGƯỜI LẬP DANH SÁCH',
      'DANH SÁCH',
    ].map(spaceless);
    for (const { name, pages } of each())
      pages.forEach((page, index) => {
        const text = bodyText(page);
        const where = `${name}, trang ${index + 1}`;
        expect(text.length, where).toBeGreaterThan(0);
        // A page holding nothing but a heading.
        expect(headings.includes(text), where).toBe(false);
        if (index === pages.length - 1) return;
        const ending = headings.find((heading) => text.endsWith(heading));
        expect(ending, where).toBeUndefined();
      });
  });

  it('prints the workbook\'s "Tổng hợp" on A4 landscape at a readable size', () => {
    const book = printed.get('bảng tổng hợp (XLSX)') as Printed;
    const listPages = book.pages.filter((page) =>
      page.items.some((item) => item.text.includes(`${SHEETS.list} – trang`)),
    );
    expect(listPages.length).toBeGreaterThan(0);
    for (const page of listPages) {
      expect(a4Orientation(page)).toBe('landscape');
      const sizes = page.items.map((item) => item.height).sort((a, b) => a - b);
      // 11-point text fitted to the width: 9 points at least (it was 6.8 before the columns
      // were narrowed, and under 4 at a third).
      expect(sizes[0]).toBeGreaterThanOrEqual(9);
    }
    // The header row is repeated: each page of the list starts with the column titles.
    for (const page of listPages) expect(bodyText(page)).toContain(spaceless('Tên sáng kiến'));
  });

  it("prints each member's ballot in landscape, the signing line on its last page", () => {
    const book = printed.get('bảng tổng hợp (XLSX)') as Printed;
    expect(members.length).toBeGreaterThan(2);
    members.forEach((member, index) => {
      const sheet = ballotSheetName(index, member.name);
      const pages = book.pages.filter((page) =>
        page.items.some((item) => item.text.includes(`${sheet} – trang`)),
      );
      expect(pages.length, sheet).toBeGreaterThan(0);
      for (const page of pages) expect(a4Orientation(page), sheet).toBe('landscape');
      expect(bodyText(pages.at(-1) as PdfPage), sheet).toContain(spaceless(BALLOT.signature));
      expect(bodyText(pages[0] as PdfPage), sheet).toContain(spaceless(member.name));
    });
  });
});
