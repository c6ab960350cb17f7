import type { RootContent } from 'mdast';
import { toString as mdastToString } from 'mdast-util-to-string';
import { formatDate } from '../../core/dates.ts';
import { indicatorName, indicatorUnit } from '../../core/indicators.ts';
import { formatNumber, formatValue } from '../../core/numbers.ts';
import type { Campaign, Indicator, Initiative, Organiser, Unit } from '../../schemas/index.ts';
import {
  applicationFields,
  type BodySectionId,
  bodySections,
  reformAreas,
  termById,
} from '../../schemas/vocabularies.ts';
import { blankLines, dateLine, mottoBlock, placeName, signatureBlock } from '../common/blocks.ts';
import { blocksOf, type PictureMap, splitSections } from '../render/markdown.ts';
import {
  type Block,
  bold,
  type DocModel,
  type Paragraph,
  PORTRAIT_MARGINS,
  paragraph,
} from '../render/model.ts';

/**
 * The header of the form's two tables of people (authors, trial participants): the same
 * columns, birth date and qualification left for the person to fill in on paper.
 */
function personTableHeader(last: string) {
  return [
    [
      { text: 'Số TT' },
      { text: 'Họ và tên' },
      { text: 'Ngày tháng năm sinh' },
      { text: 'Nơi công tác' },
      { text: 'Chức danh' },
      { text: 'Trình độ chuyên môn' },
      { text: last },
    ],
  ];
}

export const APPLICATION_TITLE = 'ĐƠN YÊU CẦU CÔNG NHẬN SÁNG KIẾN';

/** The labels of Thông tư 18/2013/TT-BKHCN, Phụ lục I; the importer recognises them too. */
export const FORM_LABELS = {
  authorsIntro: 'Tôi (chúng tôi) ghi tên dưới đây:',
  titleIntro: 'Là tác giả (nhóm tác giả) đề nghị xét công nhận sáng kiến:',
  investor:
    'Chủ đầu tư tạo ra sáng kiến (trường hợp tác giả không đồng thời là chủ đầu tư tạo ra sáng kiến):',
  field: 'Lĩnh vực áp dụng sáng kiến:',
  firstApplied: 'Ngày sáng kiến được áp dụng lần đầu hoặc áp dụng thử:',
  nature: 'Mô tả bản chất của sáng kiến:',
  confidential: 'Những thông tin cần được bảo mật (nếu có):',
  conditions: 'Các điều kiện cần thiết để áp dụng sáng kiến:',
  benefitsAuthor:
    'Đánh giá lợi ích thu được hoặc dự kiến có thể thu được do áp dụng sáng kiến theo ý kiến của tác giả:',
  benefitsAdopters:
    'Đánh giá lợi ích thu được hoặc dự kiến có thể thu được do áp dụng sáng kiến theo ý kiến của tổ chức, cá nhân đã tham gia áp dụng sáng kiến lần đầu, kể cả áp dụng thử (nếu có):',
  participants:
    'Danh sách những người đã tham gia áp dụng thử hoặc áp dụng sáng kiến lần đầu (nếu có):',
  pledge:
    'Tôi (chúng tôi) xin cam đoan mọi thông tin nêu trong đơn là trung thực, đúng sự thật và hoàn toàn chịu trách nhiệm trước pháp luật.',
} as const;

export interface ApplicationInput {
  entry: Initiative;
  body: string;
  units: Unit[];
  campaign?: Campaign;
  /** The campaign's organiser: the form is addressed to it and dated at its place. */
  organiser?: Organiser;
  pictures?: PictureMap;
  /** Leave the date line blank, to be dated by hand on signing. */
  undated?: boolean;
}

/** A label of the form; one without a value introduces what follows and stays on its page. */
function label(text: string, value?: string): Paragraph {
  const runs = [{ text: `- ${text}`, bold: true }];
  if (value) runs.push({ text: ` ${value}`, bold: false });
  return { kind: 'paragraph', runs, indent: true, keepNext: !value };
}

const numbersIn = (text: string) => new Set(text.match(/\d[\d.,]*\d|\d/g) ?? []);

/**
 * Whether the effect section's own tables already give every indicator, a row holding its
 * value before and after: the form then prints them once, as the author wrote them.
 */
export function indicatorsInBody(nodes: RootContent[] | undefined, indicators: Indicator[]) {
  const rows = (nodes ?? []).flatMap((node) =>
    node.type === 'table'
      ? node.children.map((row) =>
          numbersIn(row.children.map((cell) => mdastToString(cell)).join(' ')),
        )
      : [],
  );
  return (
    indicators.length > 0 &&
    indicators.every((indicator) =>
      rows.some(
        (numbers) =>
          numbers.has(formatNumber(indicator.before.value)) &&
          numbers.has(formatNumber(indicator.after.value)),
      ),
    )
  );
}

function sectionBlocks(
  sections: ReturnType<typeof splitSections>,
  id: BodySectionId,
  pictures: PictureMap,
): Block[] {
  const section = bodySections.find((item) => item.id === id);
  if (!section) return [];
  const nodes = sections.get(id);
  return [
    bold(section.heading, { heading: 2, align: 'left', before: 4 }),
    ...(nodes?.length
      ? blocksOf(nodes, pictures)
      : [paragraph('(Chưa có nội dung.)', { indent: true })]),
  ];
}

function unitName(units: Unit[], id: string): string {
  return units.find((unit) => unit.id === id)?.name ?? id;
}

/** The application form of Thông tư 18/2013/TT-BKHCN, Phụ lục I, filled from an entry. */
export function buildApplication({
  entry,
  body,
  units,
  organiser,
  pictures = new Map(),
  undated = false,
}: ApplicationInput): DocModel {
  const sections = splitSections(body);
  const unit = units.find((item) => item.id === entry.unit);
  const single = entry.authors.length === 1;

  const authorRows = entry.authors.map((author, index) => [
    { text: String(index + 1), align: 'center' as const },
    { text: author.name },
    { text: '' },
    { text: unitName(units, author.unit) },
    { text: author.position },
    { text: '' },
    {
      text: `${formatNumber(author.share ?? (single ? 100 : 0))}%`,
      align: 'center' as const,
    },
  ]);

  const fieldNames = entry.fields.map((id) => termById(applicationFields, id)?.name ?? id);
  const areaNames = entry.areas.map((id) => termById(reformAreas, id)?.name ?? id);

  const sources = [...new Set(entry.indicators.map((indicator) => indicator.source))];
  const indicatorTable: Block[] = indicatorsInBody(sections.get('effect'), entry.indicators)
    ? [paragraph(`Nguồn số liệu: ${sources.join('; ')}.`, { indent: true })]
    : entry.indicators.length
      ? [
          paragraph('Số liệu trước và sau khi áp dụng:', { indent: true, keepNext: true }),
          {
            kind: 'table',
            widths: [30, 20, 20, 30],
            size: 12,
            header: [
              [
                { text: 'Chỉ số' },
                { text: 'Trước khi áp dụng' },
                { text: 'Sau khi áp dụng' },
                { text: 'Nguồn số liệu' },
              ],
            ],
            rows: entry.indicators.map((indicator) => {
              const unit = indicatorUnit(indicator);
              const value = (measure: { value: number; period: string }) =>
                `${formatValue(measure.value, unit)} (${measure.period})`;
              return [
                { text: indicatorName(indicator) },
                { text: value(indicator.before) },
                { text: value(indicator.after) },
                { text: indicator.source },
              ];
            }),
          },
        ]
      : [];

  const participants: Block[] = entry.trialParticipants.length
    ? [
        {
          kind: 'table',
          widths: [7, 22, 13, 22, 18, 12, 16],
          size: 12,
          header: personTableHeader('Nội dung công việc hỗ trợ'),
          rows: entry.trialParticipants.map((person, index) => [
            { text: String(index + 1), align: 'center' as const },
            { text: person.name },
            { text: '' },
            { text: unitName(units, person.unit) },
            { text: person.position },
            { text: '' },
            { text: '' },
          ]),
        },
      ]
    : [paragraph('Không có.', { indent: true })];

  const blocks: Block[] = [
    ...mottoBlock(),
    bold(APPLICATION_TITLE, { align: 'center', size: 14, before: 18, after: 12 }),
    {
      kind: 'paragraph',
      runs: [
        { text: 'Kính gửi: ' },
        { text: organiser?.name ?? '..................................................' },
        { text: '.' },
      ],
      align: 'center',
      after: 12,
    },
    paragraph(FORM_LABELS.authorsIntro, { indent: true }),
    {
      kind: 'table',
      widths: [7, 24, 13, 22, 18, 12, 14],
      size: 12,
      header: personTableHeader('Tỷ lệ (%) đóng góp vào việc tạo ra sáng kiến'),
      rows: authorRows,
    },
    {
      kind: 'paragraph',
      runs: [{ text: `${FORM_LABELS.titleIntro} ` }, { text: entry.title, bold: true }],
      indent: true,
    },
    label(FORM_LABELS.investor, `${unit?.name ?? entry.unit}.`),
    label(
      FORM_LABELS.field,
      `${fieldNames.join('; ')} (nội dung cải cách: ${areaNames.join('; ')}).`,
    ),
    label(FORM_LABELS.firstApplied, `${formatDate(entry.firstApplied)}.`),
    label(FORM_LABELS.nature),
    paragraph(entry.summary, { indent: true }),
    ...sectionBlocks(sections, 'problem', pictures),
    ...sectionBlocks(sections, 'solution', pictures),
    ...sectionBlocks(sections, 'novelty', pictures),
    label(
      FORM_LABELS.confidential,
      'Không có (nội dung sáng kiến được công khai trên Kho sáng kiến).',
    ),
    label(FORM_LABELS.conditions),
    ...sectionBlocks(sections, 'applicability', pictures),
    label(FORM_LABELS.benefitsAuthor),
    ...sectionBlocks(sections, 'effect', pictures),
    ...indicatorTable,
    label(FORM_LABELS.benefitsAdopters),
    ...blankLines(3),
    label(FORM_LABELS.participants),
    ...participants,
    paragraph(FORM_LABELS.pledge, { indent: true, before: 6, keepNext: true }),
    signatureBlock(
      'Người nộp đơn',
      entry.authors.map((author) => author.name),
      dateLine(
        organiser?.place ?? placeName(unit?.locality),
        undated ? undefined : entry.submitted,
      ),
    ),
  ];

  return {
    title: `Đơn yêu cầu công nhận sáng kiến: ${entry.title}`,
    orientation: 'portrait',
    margins: PORTRAIT_MARGINS,
    size: 13,
    blocks,
  };
}
