import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatNumber } from '../../src/core/numbers.ts';
import { committeeDocument } from '../../src/documents/committee/index.ts';
import {
  loadCampaign,
  loadDecision,
  loadEntries,
  loadUnits,
} from '../../src/documents/common/content.ts';
import { pdfPageSize, readDocx, readPdf } from './read-back.ts';
import { makeContentRoot } from './support.ts';

const CAMPAIGN = '2024-tanh-linh';
let root: string;
let cleanup: () => void;
beforeAll(() => {
  ({ root, cleanup } = makeContentRoot());
});
afterAll(() => cleanup());

function data() {
  const campaign = loadCampaign(root, CAMPAIGN).data;
  const decision = loadDecision(root, CAMPAIGN);
  if (!decision) throw new Error('Cần tệp quyết định mẫu của đợt 2024.');
  return { campaign, decision, entries: loadEntries(root, CAMPAIGN), units: loadUnits(root) };
}

const sum = (scores: Record<string, number>) => Object.values(scores).reduce((a, b) => a + b, 0);

describe('doc:committee', () => {
  it('lists every submission for the review meeting with the rubric columns, scores and totals', async () => {
    const { campaign, decision, entries } = data();
    const { content, count } = await committeeDocument({
      root,
      campaign: CAMPAIGN,
      list: 'review',
      format: 'docx',
    });
    expect(count).toBe(entries.length);
    const docx = await readDocx(content);
    expect(docx.text).toContain(`DANH SÁCH TỔNG HỢP SÁNG KIẾN, GIẢI PHÁP NĂM ${campaign.year}`);
    expect(docx.text).toContain('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM');
    const table = docx.tables.find((item) => item[0]?.[0] === 'STT');
    if (!table) throw new Error('Không thấy bảng danh sách.');
    const header = table[0] ?? [];
    for (const criterion of campaign.rubric.criteria)
      expect(header).toContain(`${criterion.name} (tối đa ${criterion.max})`);
    expect(header).toContain(`Tổng điểm (tối đa ${campaign.rubric.total})`);
    const body = table.slice(1, -1);
    expect(body).toHaveLength(entries.length);
    expect(body.map((row) => row[1]).sort()).toEqual(
      entries.map((entry) => entry.data.title).sort(),
    );
    const totalColumn = header.indexOf(`Tổng điểm (tối đa ${campaign.rubric.total})`);
    for (const result of decision.results) {
      const entry = entries.find((item) => item.slug === result.initiative);
      const row = body.find((cells) => cells[1] === entry?.data.title);
      expect(row?.[totalColumn]).toBe(formatNumber(sum(result.scores)));
    }
    expect(table.at(-1)?.[0]).toContain(`Tổng cộng: ${entries.length} sáng kiến`);
    expect(docx.xml.includes('w:orient="landscape"')).toBe(true);

    const blank = await readDocx(
      (
        await committeeDocument({
          root,
          campaign: CAMPAIGN,
          list: 'review',
          format: 'docx',
          blank: true,
        })
      ).content,
    );
    const blankTable = blank.tables.find((item) => item[0]?.[0] === 'STT') ?? [];
    expect(blankTable.length).toBe(entries.length + 2);
    expect(blankTable.slice(1, -1).every((row) => row[totalColumn] === '')).toBe(true);
  });

  it('lists the recognised initiatives for the decision, by total, with grade and scope, as DOCX and PDF', async () => {
    const { campaign, decision, entries } = data();
    const recognised = decision.results.filter((result) => result.recognised);
    const { content } = await committeeDocument({
      root,
      campaign: CAMPAIGN,
      list: 'recognition',
      format: 'docx',
    });
    const docx = await readDocx(content);
    expect(docx.text).toContain('DANH SÁCH SÁNG KIẾN ĐƯỢC CÔNG NHẬN');
    expect(docx.text).toContain(`Kèm theo Quyết định số ${decision.document.number}`);
    const table = docx.tables.find((item) => item[0]?.[0] === 'STT') ?? [];
    const body = table.slice(1, -1);
    expect(body).toHaveLength(recognised.length);
    const totals = body.map((row) => Number((row[8] ?? '').replace(',', '.')));
    expect(totals).toEqual([...totals].sort((a, b) => b - a));
    for (const result of recognised) {
      const entry = entries.find((item) => item.slug === result.initiative);
      const row = body.find((cells) => cells[1] === entry?.data.title);
      expect(row, result.initiative).toBeDefined();
      campaign.rubric.criteria.forEach((criterion, index) => {
        expect(row?.[4 + index]).toBe(formatNumber(result.scores[criterion.id] ?? Number.NaN));
      });
      expect(row?.[9]).toBe(
        campaign.rubric.grades.find((grade) => grade.id === result.grade)?.name ?? '',
      );
      for (const author of entry?.data.authors ?? []) expect(row?.[2]).toContain(author.name);
    }
    const average =
      recognised.reduce((total, result) => total + sum(result.scores), 0) / recognised.length;
    expect(table.at(-1)?.[table.at(-1)?.length === 8 ? 5 : 8]).toBe(formatNumber(average));

    const pdf = await committeeDocument({
      root,
      campaign: CAMPAIGN,
      list: 'recognition',
      format: 'pdf',
    });
    const size = await pdfPageSize(pdf.content);
    expect(size.width).toBeGreaterThan(size.height);
    const { text, pages } = await readPdf(pdf.content);
    // Every page that carries rows of the table repeats its header row.
    const titles = recognised.map(
      (result) => entries.find((item) => item.slug === result.initiative)?.data.title ?? '',
    );
    const withRows = pages.filter((page) =>
      titles.some((title) => page.replace(/\s+/g, ' ').includes(title.slice(0, 20))),
    );
    expect(withRows.length).toBeGreaterThan(1);
    for (const page of withRows)
      expect(page.replace(/\s+/g, ' ')).toContain('Tên sáng kiến, giải pháp');
    const flat = text.replace(/\s+/g, ' ');
    expect(flat).toContain('DANH SÁCH SÁNG KIẾN ĐƯỢC CÔNG NHẬN');
    expect(flat).toContain('Xếp loại');
    for (const result of recognised) {
      const entry = entries.find((item) => item.slug === result.initiative);
      expect(flat).toContain(entry?.data.authors[0]?.name);
    }
  });

  it('says in Vietnamese when the campaign does not exist', async () => {
    await expect(
      committeeDocument({ root, campaign: '1999-khong-co', list: 'review', format: 'docx' }),
    ).rejects.toThrow(
      'Không có đợt phát động "1999-khong-co". Các đợt hiện có: 2024-tanh-linh, 2026-xa-tanh-linh.',
    );
  });
});

describe('doc:committee and doc:application commands', () => {
  it('write the file they name, and exit 2 on a wrong command line', {
    timeout: 120_000,
  }, async () => {
    const { existsSync, readFileSync } = await import('node:fs');
    const { join } = await import('node:path');
    const { runScript } = await import('./support.ts');
    const ok = await runScript('doc-committee.ts', root, [
      CAMPAIGN,
      '--list',
      'recognition',
      '--format',
      'pdf',
      '--out',
      'ra/ds.pdf',
    ]);
    expect(ok.code).toBe(0);
    expect(ok.stdout).toContain('Đã tạo Danh sách sáng kiến được công nhận');
    expect(readFileSync(join(root, 'ra/ds.pdf')).subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const noList = await runScript('doc-committee.ts', root, [CAMPAIGN, '--format', 'docx']);
    expect(noList.code).toBe(2);
    expect(noList.stderr).toContain('Thiếu --list');
    const badFormat = await runScript('doc-committee.ts', root, [
      CAMPAIGN,
      '--list',
      'review',
      '--format',
      'odt',
    ]);
    expect(badFormat.code).toBe(2);
    expect(badFormat.stderr).toContain('Định dạng "odt" không hỗ trợ');
    const slug = loadEntries(root, CAMPAIGN)[0]?.slug ?? '';
    const application = await runScript('doc-application.ts', root, [slug, '--format', 'docx']);
    expect(application.code).toBe(0);
    expect(existsSync(join(root, `don-yeu-cau-${slug}.docx`))).toBe(true);
    const missing = await runScript('doc-application.ts', root, ['khong-co', '--format', 'docx']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('Không tìm thấy sáng kiến "khong-co"');
    expect(missing.stderr).not.toMatch(/\n\s+at /);
  });
});
