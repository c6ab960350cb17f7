import { criterionHeader, gradeName, totalScore } from '../../core/committee.ts';
import { formatDate } from '../../core/dates.ts';
import { formatNumber } from '../../core/numbers.ts';
import { viCollator } from '../../core/text.ts';
import { collections, pathOf } from '../../model/collections.ts';
import {
  type Campaign,
  type Decision,
  type DecisionResult,
  initiativeSchema,
  labelOf,
  type Organiser,
  type ScopeLevel,
  type Unit,
} from '../../schemas/index.ts';
import { reformAreas, termById } from '../../schemas/vocabularies.ts';
import { dateLine, issuerAndMotto, signatureBlock } from '../common/blocks.ts';
import type { EntryFile } from '../common/content.ts';
import { UserError } from '../common/errors.ts';
import {
  type Block,
  bold,
  type Cell,
  type DocModel,
  LANDSCAPE_MARGINS,
  PORTRAIT_MARGINS,
  paragraph,
  textWidthMm,
} from '../render/model.ts';
import { HEADERS } from './columns.ts';

export type ListKind = 'review' | 'recognition';

export interface CommitteeInput {
  campaignId: string;
  campaign: Campaign;
  /** The campaign's organiser: the agency in the header, the place in the date line. */
  organiser: Organiser;
  decision?: Decision;
  entries: EntryFile[];
  units: Unit[];
  scopeLevels: ScopeLevel[];
  list: ListKind;
  /** Leave the score columns empty (a scoring sheet for the meeting). */
  blank?: boolean;
}

/** A table with more columns than this does not fit portrait A4 at 12 pt. */
const PORTRAIT_MAX_COLUMNS = 7;

function unitName(units: Unit[], id: string): string {
  return units.find((unit) => unit.id === id)?.name ?? id;
}

function authorsText(entry: EntryFile): string {
  const single = entry.data.authors.length === 1;
  return entry.data.authors
    .map((author) =>
      single || author.share === undefined
        ? author.name
        : `${author.name} (${formatNumber(author.share)}%)`,
    )
    .join('\n');
}

function total(result: DecisionResult | undefined): number | undefined {
  return result ? totalScore(result.scores) : undefined;
}

function average(values: number[]): string {
  if (!values.length) return '';
  return formatNumber(values.reduce((sum, value) => sum + value, 0) / values.length);
}

/** The consolidated list for the review meeting, or the list attached to the recognition decision. */
export function buildCommitteeList(input: CommitteeInput): DocModel {
  const { campaign, organiser, decision, units, list } = input;
  const criteria = campaign.rubric.criteria;
  const resultOf = new Map(decision?.results.map((result) => [result.initiative, result]) ?? []);
  const bySlug = new Map(input.entries.map((entry) => [entry.slug, entry]));

  let rows: { entry: EntryFile; result?: DecisionResult }[];
  if (list === 'review') {
    rows = input.entries
      .filter((entry) => entry.data.campaign === input.campaignId)
      .map((entry) => ({ entry, result: resultOf.get(entry.slug) }))
      .sort(
        (a, b) =>
          viCollator.compare(
            unitName(units, a.entry.data.unit),
            unitName(units, b.entry.data.unit),
          ) || viCollator.compare(a.entry.data.title, b.entry.data.title),
      );
  } else {
    if (!decision)
      throw new UserError(
        `Chưa có quyết định của đợt "${input.campaignId}" (${pathOf(collections.decisions, input.campaignId)}); không lập được danh sách công nhận.`,
      );
    rows = decision.results
      .filter((result) => result.recognised)
      .map((result, index) => {
        const entry = bySlug.get(result.initiative);
        if (!entry)
          throw new UserError(
            `Tệp ${pathOf(collections.decisions, input.campaignId)}, results[${index}].initiative: không có sáng kiến "${result.initiative}" trong ${collections.initiatives.folder}.`,
          );
        return { entry, result };
      })
      .sort(
        (a, b) =>
          (total(b.result) ?? 0) - (total(a.result) ?? 0) ||
          viCollator.compare(a.entry.data.title, b.entry.data.title),
      );
  }
  const showScores = !input.blank;

  const header: Cell[] = [
    { text: 'STT' },
    { text: labelOf(initiativeSchema.shape.title) },
    { text: labelOf(initiativeSchema.shape.authors) },
    { text: 'Đơn vị' },
  ];
  const widths = [6, 30, 18, 14];
  if (list === 'review') {
    header.push({ text: 'Nội dung cải cách' });
    widths.push(12);
  }
  for (const criterion of criteria) {
    header.push({ text: criterionHeader(criterion) });
    widths.push(8);
  }
  header.push({ text: `Tổng điểm (tối đa ${campaign.rubric.total})` });
  widths.push(7);
  if (list === 'recognition') {
    // The scope's own label would repeat a rubric criterion of the same name.
    header.push({ text: 'Xếp loại' }, { text: HEADERS.scope });
    widths.push(8, 9);
  }

  const score = (value: number | undefined): Cell => ({
    text: showScores && value !== undefined ? formatNumber(value) : '',
    align: 'center',
  });
  const body: Cell[][] = rows.map(({ entry, result }, index) => {
    const cells: Cell[] = [
      { text: String(index + 1), align: 'center' },
      { text: entry.data.title },
      { text: authorsText(entry) },
      { text: unitName(units, entry.data.unit) },
    ];
    if (list === 'review')
      cells.push({
        text: entry.data.areas.map((id) => termById(reformAreas, id)?.short ?? id).join('; '),
      });
    for (const criterion of criteria) cells.push(score(result?.scores[criterion.id]));
    cells.push({ ...score(total(result)), bold: true });
    if (list === 'recognition') {
      const scope = input.scopeLevels.find((item) => item.id === result?.scope);
      cells.push(
        { text: gradeName(campaign.rubric.grades, result?.grade) ?? '', align: 'center' },
        { text: scope?.name ?? '', align: 'center' },
      );
    }
    return cells;
  });

  const scored = rows.filter((row) => row.result);
  const leading = list === 'review' ? 5 : 4;
  const totalsRow: Cell[] = [
    {
      text:
        showScores && scored.length
          ? `Tổng cộng: ${rows.length} sáng kiến — điểm bình quân`
          : `Tổng cộng: ${rows.length} sáng kiến`,
      bold: true,
      colSpan: leading,
    },
    ...criteria.map((criterion) => ({
      text: showScores
        ? average(scored.flatMap((row) => row.result?.scores[criterion.id] ?? []))
        : '',
      align: 'center' as const,
      bold: true,
    })),
    {
      text: showScores ? average(scored.map((row) => total(row.result) ?? 0)) : '',
      align: 'center',
      bold: true,
    },
  ];
  if (list === 'recognition') totalsRow.push({ text: '' }, { text: '' });

  const orientation = header.length > PORTRAIT_MAX_COLUMNS ? 'landscape' : 'portrait';
  const margins = orientation === 'landscape' ? LANDSCAPE_MARGINS : PORTRAIT_MARGINS;
  const width = textWidthMm({ orientation, margins });
  const issuer = organiser.name;
  const blocks: Block[] = [];
  if (list === 'review') {
    blocks.push(issuerAndMotto(issuer, 'Hội đồng xét công nhận sáng kiến', width));
    blocks.push(
      bold(`DANH SÁCH TỔNG HỢP SÁNG KIẾN, GIẢI PHÁP NĂM ${campaign.year}`, {
        align: 'center',
        before: 12,
        after: 0,
        keepNext: true,
      }),
      paragraph(campaign.title, { align: 'center', after: 0, keepNext: true }),
      {
        kind: 'paragraph',
        runs: [
          {
            text: campaign.reviewOn
              ? `(Trình Hội đồng xét công nhận sáng kiến tại phiên họp ngày ${formatDate(campaign.reviewOn)})`
              : '(Trình Hội đồng xét công nhận sáng kiến)',
            italic: true,
          },
        ],
        align: 'center',
        after: 10,
        keepNext: true,
      },
    );
  } else if (decision) {
    blocks.push(issuerAndMotto(organiser.parentAgency, issuer, width));
    blocks.push(
      bold('DANH SÁCH SÁNG KIẾN ĐƯỢC CÔNG NHẬN', {
        align: 'center',
        before: 12,
        after: 0,
        keepNext: true,
      }),
      paragraph(campaign.title, { align: 'center', after: 0, keepNext: true }),
      {
        kind: 'paragraph',
        runs: [
          {
            text: `(Kèm theo Quyết định số ${decision.document.number} ngày ${formatDate(decision.document.date)} của ${decision.document.issuer})`,
            italic: true,
          },
        ],
        align: 'center',
        after: 10,
        keepNext: true,
      },
    );
  }
  blocks.push({ kind: 'table', widths, header: [header], rows: [...body, totalsRow], size: 12 });
  blocks.push(
    paragraph(
      `Thang điểm: ${criteria.map((criterion) => `${criterion.name} ${criterion.max} điểm`).join('; ')}; tổng ${campaign.rubric.total} điểm, điểm tối thiểu để xem xét công nhận ${formatNumber(campaign.rubric.passScore)}.`,
      // The list's maker signs under it: the note does not end a page without the signature.
      { size: 12, before: 6, align: 'left', keepNext: list === 'review' },
    ),
  );
  if (list === 'recognition' && campaign.rubric.grades.length)
    blocks.push(
      paragraph(
        `Xếp loại: ${campaign.rubric.grades.map((grade) => `${grade.name} từ ${formatNumber(grade.minScore)} điểm`).join('; ')}.`,
        { size: 12, align: 'left' },
      ),
    );
  if (list === 'review') {
    const secretary = decision?.members.find((member) => member.role === 'secretary');
    blocks.push(
      signatureBlock(
        'NGƯỜI LẬP DANH SÁCH',
        secretary ? [secretary.name] : [],
        dateLine(organiser.place, campaign.reviewOn),
      ),
    );
  }

  return {
    title:
      list === 'review'
        ? `Danh sách tổng hợp sáng kiến năm ${campaign.year}`
        : `Danh sách sáng kiến được công nhận năm ${campaign.year}`,
    orientation,
    margins,
    size: 13,
    blocks,
  };
}
