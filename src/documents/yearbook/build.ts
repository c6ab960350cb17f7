import { formatDate } from '../../core/dates.ts';
import {
  describeChange,
  describeRelativeChange,
  type IndicatorView,
  indicatorName,
  verdictNames,
} from '../../core/indicators.ts';
import { formatNumber, formatValue } from '../../core/numbers.ts';
import type { Adoption, Unit } from '../../schemas/index.ts';
import {
  applicationFields,
  type BodySectionId,
  bodySections,
  reformAreas,
  type Term,
  termById,
} from '../../schemas/vocabularies.ts';
import { blocksOf, type PictureMap, splitSections } from '../render/markdown.ts';
import {
  type Block,
  type Contents,
  type DocModel,
  type Paragraph,
  type Picture,
  paragraph,
} from '../render/model.ts';
import type { RecognisedEntry, YearbookData } from './data.ts';
import { LOOK, SIZES } from './look.ts';

export const YEARBOOK_TITLE = 'KỶ YẾU';
export const YEARBOOK_SUBTITLE = 'SÁNG KIẾN, GIẢI PHÁP CẢI CÁCH HÀNH CHÍNH ĐƯỢC CÔNG NHẬN';

/** What the booklet prints for each recognised initiative besides its content. */
export interface ChapterExtras {
  /** Address of the initiative's public page, also encoded in the QR code. */
  url: string;
  qr: Picture;
  chart?: Picture;
  pictures: PictureMap;
  indicators: IndicatorView[];
}

export interface YearbookInput {
  data: YearbookData;
  extras: Map<string, ChapterExtras>;
  /** The site's name, where the QR codes lead. */
  siteName: string;
}

/** Bookmarks and PDF destinations: ASCII letters, digits and underscores (Word's rule). */
export const anchors = {
  foreword: 'loi_gioi_thieu',
  chapter: (index: number) => `chuong_${index + 1}`,
  indexes: 'chi_muc',
  index: (name: string) => `chi_muc_${name}`,
} as const;

const collator = new Intl.Collator('vi');

function unitName(units: Unit[], id: string): string {
  return units.find((unit) => unit.id === id)?.name ?? id;
}

function chapterHeading(text: string, anchor: string): Paragraph {
  return {
    kind: 'paragraph',
    runs: [{ text, bold: true }],
    heading: 1,
    pageBreakBefore: true,
    anchor,
    align: 'left',
    size: SIZES.chapter,
    color: LOOK.primary,
    after: 8,
    rule: undefined,
  };
}

function sectionHeading(text: string): Paragraph {
  return {
    kind: 'paragraph',
    runs: [{ text, bold: true }],
    heading: 2,
    align: 'left',
    size: SIZES.section,
    color: LOOK.primary,
    before: 8,
    after: 4,
  };
}

function muted(text: string, options: Partial<Paragraph> = {}): Paragraph {
  return {
    kind: 'paragraph',
    runs: [{ text }],
    color: LOOK.muted,
    align: 'left',
    after: 2,
    ...options,
  };
}

function sectionOf(
  sections: ReturnType<typeof splitSections>,
  id: BodySectionId,
  heading: string,
  pictures: PictureMap,
): Block[] {
  const nodes = sections.get(id);
  return [
    sectionHeading(heading),
    ...(nodes?.length
      ? blocksOf(nodes, pictures)
      : [paragraph('(Tác giả chưa viết phần này.)', { indent: true })]),
  ];
}

const headingOf = (id: BodySectionId) => bodySections.find((item) => item.id === id)?.heading ?? id;

function indicatorBlocks(entry: RecognisedEntry, extras: ChapterExtras): Block[] {
  if (extras.indicators.length === 0) return [];
  const views = extras.indicators;
  return [
    sectionHeading('Chỉ số trước và sau khi áp dụng'),
    ...(extras.chart ? [extras.chart] : []),
    {
      kind: 'table',
      widths: [30, 17, 17, 18, 18],
      size: SIZES.table,
      headerFill: LOOK.primary,
      header: [
        [
          { text: 'Chỉ số' },
          { text: 'Trước khi áp dụng' },
          { text: 'Sau khi áp dụng' },
          { text: 'Thay đổi' },
          { text: 'Nguồn số liệu' },
        ],
      ],
      rows: views.map((view, index) => {
        const indicator = entry.data.indicators[index];
        const relative = describeRelativeChange(view);
        return [
          { text: indicator ? indicatorName(indicator) : view.title },
          { text: `${formatValue(view.before.value, view.unit)}\n(${view.before.period})` },
          { text: `${formatValue(view.after.value, view.unit)}\n(${view.after.period})` },
          {
            text: `${describeChange(view)}${relative ? ` (${relative})` : ''}: ${verdictNames[view.verdict]}`,
          },
          { text: view.source },
        ];
      }),
    },
  ];
}

function contactBlocks(
  entry: RecognisedEntry,
  data: YearbookData,
  extras: ChapterExtras,
  siteName: string,
): Block[] {
  const unit = data.units.find((item) => item.id === entry.data.unit);
  const parent = unit?.parent ? data.units.find((item) => item.id === unit.parent) : undefined;
  // The unit is the contact: the booklet carries no author's phone number or e-mail address.
  return [
    sectionHeading('Đơn vị liên hệ'),
    {
      kind: 'paragraph',
      runs: [{ text: unit?.name ?? entry.data.unit, bold: true }],
      align: 'left',
      after: 2,
    },
    ...(parent ? [muted(`Trực thuộc: ${parent.name}`)] : []),
    ...(unit?.locality ? [muted(`Địa bàn: ${unit.locality}`)] : []),
    muted(`Quét mã QR để xem toàn văn, tệp đính kèm và cập nhật mới trên ${siteName}:`, {
      before: 4,
      keepNext: true,
    }),
    extras.qr,
    {
      kind: 'paragraph',
      runs: [{ text: extras.url }],
      align: 'center',
      size: 9,
      color: LOOK.muted,
    },
  ];
}

function adoptionBlocks(list: readonly Adoption[], units: Unit[]): Block[] {
  const blocks: Block[] = [sectionHeading('Đã áp dụng, nhân rộng')];
  if (list.length === 0) {
    blocks.push(
      paragraph(
        'Chưa có báo cáo áp dụng. Đơn vị áp dụng sáng kiến này xin gửi báo cáo để được ghi nhận trong lần cập nhật sau.',
        { indent: true },
      ),
    );
    return blocks;
  }
  list.forEach((adoption, index) => {
    const document = adoption.document
      ? ` theo ${adoption.document.number} ngày ${formatDate(adoption.document.date)}`
      : '';
    blocks.push({
      kind: 'paragraph',
      runs: [
        { text: `${unitName(units, adoption.unit)}`, bold: true },
        { text: `, áp dụng từ ngày ${formatDate(adoption.since)}${document}.` },
      ],
      list: { ordered: true, number: index + 1, group: 9000 },
      align: 'left',
      after: 2,
      keepNext: true,
    });
    for (const line of adoption.result.split('\n').filter((text) => text.trim()))
      blocks.push(paragraph(line, { indent: true, after: 4 }));
  });
  return blocks;
}

function chapterBlocks(entry: RecognisedEntry, index: number, input: YearbookInput): Block[] {
  const { data } = input;
  const extras = input.extras.get(entry.slug);
  if (!extras) throw new Error(`Thiếu phần phụ của sáng kiến ${entry.slug}.`);
  const sections = splitSections(entry.body);
  const areaNames = entry.data.areas.map((id) => termById(reformAreas, id)?.name ?? id);
  const fieldNames = entry.data.fields.map((id) => termById(applicationFields, id)?.name ?? id);
  return [
    chapterHeading(`${index + 1}. ${entry.data.title}`, anchors.chapter(index)),
    muted(entry.status.label, {
      runs: [{ text: entry.status.label, bold: true }],
      color: LOOK.good,
    }),
    muted(`Đơn vị: ${unitName(data.units, entry.data.unit)}`),
    muted(`Nội dung cải cách: ${areaNames.join('; ')}`),
    muted(`Lĩnh vực: ${fieldNames.join('; ')}`),
    muted(`Áp dụng lần đầu: ${formatDate(entry.data.firstApplied)}`, { after: 6 }),
    sectionHeading('Tóm tắt'),
    paragraph(entry.data.summary, { indent: true }),
    ...sectionOf(sections, 'problem', headingOf('problem'), extras.pictures),
    ...sectionOf(sections, 'solution', headingOf('solution'), extras.pictures),
    ...sectionOf(sections, 'applicability', 'Cách áp dụng, nhân rộng', extras.pictures),
    ...indicatorBlocks(entry, extras),
    ...contactBlocks(entry, data, extras, input.siteName),
    ...adoptionBlocks(data.adoptions.get(entry.slug) ?? [], data.units),
  ];
}

function coverBlocks(data: YearbookData): Block[] {
  const { organiser } = data;
  const centre = (
    text: string,
    options: Omit<Paragraph, 'kind' | 'runs'> & { bold?: boolean } = {},
  ): Paragraph => {
    const { bold, ...rest } = options;
    return { kind: 'paragraph', runs: [{ text, bold }], align: 'center', ...rest };
  };
  const decision = data.decision
    ? ` theo Quyết định số ${data.decision.document.number} ngày ${formatDate(data.decision.document.date)}`
    : '';
  return [
    ...(organiser.parentAgency
      ? [centre(organiser.parentAgency.toLocaleUpperCase('vi'), { after: 0, size: 12 })]
      : []),
    centre(organiser.name.toLocaleUpperCase('vi'), {
      bold: true,
      size: 13,
      color: LOOK.primary,
      rule: 'half',
      after: 150,
    }),
    centre(YEARBOOK_TITLE, { bold: true, size: 40, color: LOOK.primary, after: 10 }),
    centre(YEARBOOK_SUBTITLE, { bold: true, size: 16, after: 28 }),
    centre(data.campaign.title, { size: 14, after: 10 }),
    centre(`Chủ đề: ${data.campaign.theme.title}`, { size: 12, color: LOOK.muted, after: 170 }),
    centre(`${formatNumber(data.recognised.length)} sáng kiến được công nhận${decision}`, {
      size: 11,
      color: LOOK.muted,
      after: 40,
    }),
    centre(`${organiser.place}, năm ${data.campaign.year}`, { bold: true, size: 12 }),
  ];
}

/** The foreword, in plain words from the campaign's own data. */
export function forewordParagraphs(data: YearbookData, siteName: string): string[] {
  const { campaign, decision } = data;
  const organiser = data.organiser.name;
  const plans = [...campaign.legalBases, ...campaign.rules].filter((doc) =>
    /\/KH/.test(doc.number),
  );
  const plan = plans.length
    ? `Thực hiện ${plans.map((doc) => `Kế hoạch số ${doc.number} ngày ${formatDate(doc.date)} của ${doc.issuer}`).join(' và ')}, `
    : '';
  const submittingUnits = new Set(data.entries.map((entry) => entry.data.unit)).size;
  const recognisedUnits = new Set(data.recognised.map((entry) => entry.data.unit)).size;
  const grades = campaign.rubric.grades
    .map((grade) => ({
      name: grade.name,
      count: data.recognised.filter((entry) => entry.status.result?.grade === grade.id).length,
    }))
    .filter((grade) => grade.count > 0)
    .map((grade) => `${formatNumber(grade.count)} sáng kiến xếp loại ${grade.name}`);
  const adoptions = [...data.adoptions.values()].reduce((total, list) => total + list.length, 0);
  const adopted = [...data.adoptions.values()].filter((list) => list.length > 0).length;
  const first = `${plan}${organiser} phát động đợt “${campaign.title}” với chủ đề “${campaign.theme.title}”. Đợt nhận sáng kiến từ ngày ${formatDate(campaign.opensOn)} đến hết ngày ${formatDate(campaign.deadline)}.`;
  const second = decision
    ? `Đợt đã nhận ${formatNumber(data.entries.length)} sáng kiến của ${formatNumber(submittingUnits)} cơ quan, đơn vị. Hội đồng xét, công nhận sáng kiến họp ngày ${formatDate(decision.meetingOn ?? decision.document.date)}; theo Quyết định số ${decision.document.number} ngày ${formatDate(decision.document.date)} của ${decision.document.issuer}, ${formatNumber(data.recognised.length)} sáng kiến của ${formatNumber(recognisedUnits)} cơ quan, đơn vị được công nhận${grades.length ? ` (${grades.join(', ')})` : ''}.`
    : `Đợt đã nhận ${formatNumber(data.entries.length)} sáng kiến của ${formatNumber(submittingUnits)} cơ quan, đơn vị; Hội đồng chưa có quyết định công nhận.`;
  const third = `Kỷ yếu này giới thiệu ${formatNumber(data.recognised.length)} sáng kiến được công nhận để các cơ quan, đơn vị, các xã, thị trấn tham khảo và áp dụng, nhân rộng. Mỗi chương trình bày vấn đề, giải pháp, cách áp dụng, các chỉ số trước và sau khi áp dụng, đơn vị liên hệ và mã QR dẫn tới trang của sáng kiến trên ${siteName}, nơi có toàn văn và tệp đính kèm. Đến nay đã có ${formatNumber(adoptions)} báo cáo áp dụng của ${formatNumber(adopted)} sáng kiến; cuối kỷ yếu là chỉ mục theo nội dung cải cách, lĩnh vực và đơn vị.`;
  return [first, second, third];
}

interface IndexGroup {
  name: string;
  chapters: number[];
}

function groupBy(
  data: YearbookData,
  keys: (entry: RecognisedEntry) => string[],
  name: (key: string) => string,
  order?: readonly Term[],
): IndexGroup[] {
  const groups = new Map<string, number[]>();
  data.recognised.forEach((entry, index) => {
    for (const key of keys(entry)) groups.set(key, [...(groups.get(key) ?? []), index]);
  });
  const ids = [...groups.keys()];
  if (order) {
    const position = (id: string) => {
      const found = order.findIndex((term) => term.id === id);
      return found < 0 ? order.length : found;
    };
    ids.sort((a, b) => position(a) - position(b));
  } else ids.sort((a, b) => collator.compare(name(a), name(b)));
  return ids.map((id) => ({ name: name(id), chapters: groups.get(id) ?? [] }));
}

function indexBlocks(
  data: YearbookData,
  title: string,
  anchor: string,
  groups: IndexGroup[],
): Block[] {
  const blocks: Block[] = [
    { ...sectionHeading(title), anchor, heading: 2, size: SIZES.section + 1, before: 14 },
  ];
  for (const group of groups) {
    blocks.push({
      kind: 'paragraph',
      runs: [{ text: `${group.name} (${group.chapters.length})`, bold: true }],
      align: 'left',
      before: 4,
      after: 2,
      keepNext: true,
    });
    for (const chapter of group.chapters) {
      const entry = data.recognised[chapter];
      if (!entry) continue;
      blocks.push({
        kind: 'paragraph',
        runs: [{ text: `Chương ${chapter + 1}: `, bold: false }, { text: entry.data.title }],
        align: 'left',
        after: 1,
        size: SIZES.body - 0.5,
      });
    }
  }
  return blocks;
}

/** The whole booklet as the renderers' document model. */
export function buildYearbook(input: YearbookInput): DocModel {
  const { data } = input;
  const indexes = [
    {
      title: 'Chỉ mục theo nội dung cải cách hành chính',
      anchor: anchors.index('noi_dung'),
      groups: groupBy(
        data,
        (entry) => entry.data.areas,
        (id) => termById(reformAreas, id)?.name ?? id,
        reformAreas,
      ),
    },
    {
      title: 'Chỉ mục theo lĩnh vực áp dụng',
      anchor: anchors.index('linh_vuc'),
      groups: groupBy(
        data,
        (entry) => entry.data.fields,
        (id) => termById(applicationFields, id)?.name ?? id,
        applicationFields,
      ),
    },
    {
      title: 'Chỉ mục theo đơn vị',
      anchor: anchors.index('don_vi'),
      groups: groupBy(
        data,
        (entry) => [entry.data.unit],
        (id) => unitName(data.units, id),
      ),
    },
  ];
  const contents: Contents = {
    kind: 'contents',
    entries: [
      { text: 'Lời giới thiệu', anchor: anchors.foreword, level: 1 },
      ...data.recognised.map((entry, index) => ({
        text: `${index + 1}. ${entry.data.title}`,
        anchor: anchors.chapter(index),
        level: 2 as const,
      })),
      { text: 'Chỉ mục', anchor: anchors.indexes, level: 1 },
      ...indexes.map((index) => ({ text: index.title, anchor: index.anchor, level: 2 as const })),
    ],
  };
  const blocks: Block[] = [
    ...coverBlocks(data),
    { ...chapterHeading('Mục lục', 'muc_luc'), heading: undefined },
    contents,
    chapterHeading('Lời giới thiệu', anchors.foreword),
    ...forewordParagraphs(data, input.siteName).map((text) => paragraph(text, { indent: true })),
    ...(data.recognised.length === 0
      ? [paragraph('Đợt này chưa có sáng kiến nào được công nhận.', { indent: true })]
      : []),
    ...data.recognised.flatMap((entry, index) => chapterBlocks(entry, index, input)),
    chapterHeading('Chỉ mục', anchors.indexes),
    ...indexes.flatMap((index) => indexBlocks(data, index.title, index.anchor, index.groups)),
  ];
  return {
    title: `Kỷ yếu sáng kiến được công nhận: ${data.campaign.title}`,
    orientation: 'portrait',
    margins: { top: 20, bottom: 20, left: 25, right: 20 },
    size: SIZES.body,
    face: 'sans',
    blocks,
  };
}
