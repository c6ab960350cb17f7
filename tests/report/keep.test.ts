/**
 * Running `report` again into a folder where the committee already typed marks must not
 * write over them unnoticed: refused, naming each cell, unless they are recorded or --replace.
 */
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { ballotFileName } from '../../scripts/report/xlsx.ts';
import { main } from '../../scripts/report.ts';
import { ballotOf, lineOf, mark } from '../decide/fill.ts';
import { makeRepo } from '../support/git-fixture.ts';

const project = resolve(import.meta.dirname, '../..');
const CAMPAIGN = '2024-tanh-linh';
const KIOSK = 'mau-day-du-kiosk-tra-cuu-ho-so-tai-bo-phan-mot-cua-huyen';

let root: string;
beforeAll(() => {
  root = makeRepo(project, {}, true);
});

async function run(argv: string[]): Promise<{ code: number; out: string }> {
  const lines: string[] = [];
  const original = { log: console.log, error: console.error };
  console.log = (text: string) => lines.push(text);
  console.error = (text: string) => lines.push(text);
  try {
    const code = await main(['--repo', root, '--campaign', CAMPAIGN, ...argv]);
    return { code, out: lines.join('\n') };
  } finally {
    Object.assign(console, original);
  }
}

const hash = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');

async function edit(path: string, change: (book: ExcelJS.Workbook) => void): Promise<void> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.readFile(path);
  change(book);
  await book.xlsx.writeFile(path);
}

async function ballotScore(path: string, member: string, slug: string): Promise<unknown> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.readFile(path);
  const sheet = ballotOf(book, member);
  return sheet.getRow(lineOf(sheet, slug)).getCell(4).value;
}

describe('report run again over a filled workbook', () => {
  it('keeps typed marks: refuses, naming the cells, until they are recorded or --replace', async () => {
    const out = mkdtempSync(join(tmpdir(), 'kho-report-keep-'));
    const workbook = join(out, `tong-hop-${CAMPAIGN}.xlsx`);
    const csv = join(out, `tong-hop-${CAMPAIGN}.csv`);
    expect((await run(['--out', out, '--ballot-files'])).code).toBe(0);
    // Nothing typed since: the recorded decision comes back pre-filled, so a second run writes.
    expect((await run(['--out', out, '--ballot-files'])).code).toBe(0);

    // The recorded line is 25, 28, 19, 14, for: two marks change.
    await edit(workbook, (book) =>
      mark(book, 'pham-duc-long', KIOSK, {
        scores: { novelty: 29, effectiveness: 27, applicability: 19, influence: 14 },
        vote: 'for',
      }),
    );
    const ballotFile = join(out, `phieu-cham-${CAMPAIGN}`, ballotFileName(0, 'nguyen-van-thanh'));
    await edit(ballotFile, (book) => {
      const sheet = ballotOf(book, 'nguyen-van-thanh');
      sheet.getRow(lineOf(sheet, KIOSK)).getCell(4 + 4 + 2).value = 'Cần thêm số liệu quý IV';
    });
    const before = [workbook, ballotFile, csv].map(hash);

    const refused = await run(['--out', out, '--ballot-files']);
    expect(refused.code).toBe(1);
    expect(refused.out).toContain(
      'Không ghi đè, chưa ghi tệp nào: bảng cũ có điều đã nhập mà chưa ghi vào kho.',
    );
    expect(refused.out).toMatch(
      /tong-hop-2024-tanh-linh\.xlsx: 2 ô đã nhập mà bảng mới không giữ:\n {4}Trang "P3 Phạm Đức Long", dòng \d+, cột "Tính mới, tính sáng tạo \(tối đa 30\)": "29"\n {4}Trang "P3 Phạm Đức Long", dòng \d+, cột "Hiệu quả thiết thực \(tối đa 30\)": "27"\n/,
    );
    expect(refused.out).toMatch(
      /phieu-1-nguyen-van-thanh\.xlsx: 1 ô đã nhập mà bảng mới không giữ:\n {4}Trang "[^"]+", dòng \d+, cột "Ghi chú": "Cần thêm số liệu quý IV"/,
    );
    expect(refused.out).toContain('--replace');
    expect([workbook, ballotFile, csv].map(hash)).toEqual(before);
    expect(await ballotScore(workbook, 'pham-duc-long', KIOSK)).toBe(29);

    const replaced = await run(['--out', out, '--ballot-files', '--replace']);
    expect(replaced.code).toBe(0);
    // Back to the recorded mark of Phạm Đức Long for the kiosk.
    expect(await ballotScore(workbook, 'pham-duc-long', KIOSK)).toBe(25);
  });

  it('does not replace a file it cannot read as a workbook', async () => {
    const out = mkdtempSync(join(tmpdir(), 'kho-report-keep-'));
    const workbook = join(out, `tong-hop-${CAMPAIGN}.xlsx`);
    writeFileSync(workbook, 'không phải bảng tính');
    const refused = await run(['--out', out]);
    expect(refused.code).toBe(1);
    expect(refused.out).toContain('không đọc được như một bảng tính .xlsx.');
    expect(readFileSync(workbook, 'utf8')).toBe('không phải bảng tính');
  });

  it('--out naming a file is a wrong command line, said in Vietnamese', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'kho-report-keep-')), 'ghi-chu.txt');
    writeFileSync(file, 'x');
    const refused = await run(['--out', file]);
    expect(refused.code).toBe(2);
    expect(refused.out).toContain('là một tệp, không phải thư mục');
    expect(refused.out).not.toMatch(/EEXIST|ENOTDIR/);
  });
});
