/**
 * Each member's marks kept in the decision file: `decide` writes them, the validator recounts
 * the averages and votes from them and refuses an author's own line, and a decision recorded
 * before they were kept stays valid and gets them on the next run without `--replace`.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { runDecide } from '../../scripts/decide.ts';
import { buildReport } from '../../scripts/report/build.ts';
import { LocalGitSource } from '../../scripts/report/local-source.ts';
import { writeXlsx } from '../../scripts/report/xlsx.ts';
import { type Decision, decisionSchema } from '../../src/schemas/index.ts';
import { validate } from '../../src/validator/index.ts';
import { makeRepo } from '../support/git-fixture.ts';
import { fillFromDecision } from './fill.ts';

const project = resolve(import.meta.dirname, '../..');
const CAMPAIGN = '2024-tanh-linh';
const DECISION = `content/decisions/${CAMPAIGN}.yaml`;
const OWN = 'nhac-han-tu-dong-tren-he-thong-mot-cua-dien-tu-cho-ho-so-dat-dai'; // Trần Văn Hùng wrote it
const AUTHOR = 'tran-van-hung';
const LOW = 'phan-cong-cong-chuc-dau-moi-theo-nhom-thu-tuc-tai-xa-la-ngau';

let recorded: Decision;
let filled: string;

beforeAll(async () => {
  const root = makeRepo(project, {}, true);
  recorded = decisionSchema.parse(parse(readFileSync(join(root, DECISION), 'utf8')));
  const book = new ExcelJS.Workbook();
  const report = await buildReport(new LocalGitSource(root), CAMPAIGN);
  const sheet = join(mkdtempSync(join(tmpdir(), 'kho-marks-')), 'tong-hop.xlsx');
  await writeXlsx(report, sheet);
  await book.xlsx.readFile(sheet);
  // The workbook filled from a copy without marks: every member gives the recorded averages.
  fillFromDecision(book, withoutMarks(recorded));
  filled = join(mkdtempSync(join(tmpdir(), 'kho-marks-filled-')), 'tong-hop.xlsx');
  await book.xlsx.writeFile(filled);
}, 120_000);

function withoutMarks(decision: Decision): Decision {
  return {
    ...decision,
    results: decision.results.map(({ marks: _marks, ...result }) => result),
  };
}

function resultOf(decision: Decision, slug: string) {
  const result = decision.results.find((item) => item.initiative === slug);
  if (!result) throw new Error(`no result ${slug}`);
  return result;
}

/** The validator's error codes and messages for the decision file of a repository holding `decision`. */
async function validateDecision(decision: Decision) {
  const root = makeRepo(project, { [DECISION]: stringify(decision) }, true);
  const report = await validate({ root, workers: 0 });
  return (report.files.find((file) => file.path === DECISION)?.problems ?? []).filter(
    (problem) => problem.severity === 'error',
  );
}

describe("members' marks in the decision file", () => {
  it('the sample decision keeps them, and they recount to its averages and votes', async () => {
    expect(recorded.results.every((result) => result.marks && result.marks.length > 0)).toBe(true);
    expect(resultOf(recorded, OWN).marks?.map((mark) => mark.member)).not.toContain(AUTHOR);
    expect(await validateDecision(recorded)).toEqual([]);
  });

  it('decide writes each scorer line, never the author', async () => {
    const work = makeRepo(project, { [DECISION]: stringify(withoutMarks(recorded)) }, true);
    const result = await runDecide({ root: work, campaign: CAMPAIGN, sheet: filled, dryRun: true });
    const own = resultOf(result.decision, OWN);
    expect(own.marks?.map((mark) => mark.member)).toEqual(
      recorded.members.map((member) => member.id).filter((id) => id !== AUTHOR),
    );
    const low = resultOf(result.decision, LOW);
    expect(low.marks).toHaveLength(recorded.members.length);
    expect(low.marks?.filter((mark) => mark.vote === 'against')).toHaveLength(low.votesAgainst);
    for (const mark of low.marks ?? []) expect(mark.scores).toEqual(low.scores);
  });

  it('a decision recorded without marks stays valid and gets them on the next run, without --replace', async () => {
    const old = withoutMarks(recorded);
    expect(await validateDecision(old)).toEqual([]);
    const work = makeRepo(project, { [DECISION]: stringify(old) }, true);
    const result = await runDecide({ root: work, campaign: CAMPAIGN, sheet: filled });
    expect(result.written).toBe(true);
    expect(result.diff?.changed).toEqual([]);
    expect([...(result.diff?.marksAdded ?? [])].sort()).toEqual(
      recorded.results.map((item) => item.initiative).sort(),
    );
    const written = decisionSchema.parse(parse(readFileSync(join(work, DECISION), 'utf8')));
    expect(written.results.every((item) => (item.marks?.length ?? 0) > 0)).toBe(true);
    // Run again: marks recorded the same way are no change.
    const again = await runDecide({ root: work, campaign: CAMPAIGN, sheet: filled });
    expect(again.written).toBe(false);
    expect(again.diff?.marksAdded).toEqual([]);
  });

  it("an author's own marks folded into the average are refused, twice over", async () => {
    const own = resultOf(recorded, OWN);
    const marks = [
      ...(own.marks ?? []),
      {
        member: AUTHOR,
        scores: { novelty: 30, effectiveness: 30, applicability: 25, influence: 15 },
        vote: 'for' as const,
      },
    ];
    // The average as a sheet that counted the author would give it.
    const folded = Object.fromEntries(
      Object.keys(own.scores).map((id) => [
        id,
        Math.round(
          (marks.reduce((sum, mark) => sum + (mark.scores[id] ?? 0), 0) / marks.length) * 100,
        ) / 100,
      ]),
    );
    const tampered = {
      ...recorded,
      results: recorded.results.map((result) =>
        result.initiative === OWN
          ? { ...result, marks, scores: folded, votesFor: result.votesFor + 1 }
          : result,
      ),
    };
    const problems = await validateDecision(tampered);
    const codes = problems.map((problem) => problem.code);
    expect(codes).toContain('decision.author-marked');
    expect(codes).toContain('decision.marks-average');
    expect(
      problems.find((problem) => problem.code === 'decision.author-marked')?.message,
    ).toContain('Trần Văn Hùng');
    // Hidden by also listing the author as voting: the recusal rule still catches it.
    const unrecused = {
      ...tampered,
      results: tampered.results.map((result) =>
        result.initiative === OWN ? { ...result, recused: [] } : result,
      ),
    };
    const codesUnrecused = (await validateDecision(unrecused)).map((problem) => problem.code);
    expect(codesUnrecused).toContain('decision.author-marked');
    expect(codesUnrecused).toContain('decision.recusal');
  });

  it('averages and votes that differ from the marks are refused; a mark over the maximum too', async () => {
    const low = resultOf(recorded, LOW);
    const changed = {
      ...recorded,
      results: recorded.results.map((result) =>
        result.initiative === LOW
          ? {
              ...result,
              scores: { ...result.scores, novelty: (result.scores.novelty ?? 0) + 0.5 },
              votesFor: result.votesFor + 1,
              votesAgainst: result.votesAgainst - 1,
              marks: (low.marks ?? []).map((mark, index) =>
                index === 0 ? { ...mark, scores: { ...mark.scores, influence: 99 } } : mark,
              ),
            }
          : result,
      ),
    };
    const problems = await validateDecision(changed);
    const codes = problems.map((problem) => problem.code);
    expect(codes).toContain('decision.marks-votes');
    expect(codes).toContain('decision.score-above-max');
    const averages = problems.filter((problem) => problem.code === 'decision.marks-average');
    // Novelty was changed by hand, influence by the over-the-maximum mark.
    expect(averages.map((problem) => problem.field).sort()).toEqual([
      `results[${recorded.results.indexOf(low)}].scores.influence`,
      `results[${recorded.results.indexOf(low)}].scores.novelty`,
    ]);
  });
});
