import { matchKey } from '../../core/text.ts';
import { initiativeSchema, personSchema } from '../../schemas/initiative.ts';
import { labelOf } from '../../schemas/tree.ts';
import { FORM_LABELS } from '../application/build.ts';

/** What a "Label: value" line of a Word submission fills. */
export type LabelTarget =
  | 'title'
  | 'authors'
  | 'position'
  | 'unit'
  | 'firstApplied'
  | 'submitted'
  | 'summary'
  | 'fields'
  | 'areas'
  | 'keywords'
  | 'campaign'
  // Labels of the application form (TT 18/2013, Phụ lục I).
  | 'investor'
  | 'nature'
  | 'conditions'
  | 'benefitsAuthor'
  | 'participants'
  | 'benefitsAdopters'
  | 'confidential'
  | 'pledge'
  /** "Nơi nhận:" of an official letter: what follows is its closing, not the initiative. */
  | 'closing';

// The form's own labels come from the model; the others are wordings seen in Word submissions.
const shape = initiativeSchema.shape;

const LABELS: [LabelTarget, string[]][] = [
  [
    'title',
    [
      'Tên sáng kiến',
      'Tên giải pháp',
      labelOf(shape.title),
      'Tên giải pháp, sáng kiến',
      'Tên đề tài',
      FORM_LABELS.titleIntro,
    ],
  ],
  [
    'authors',
    [
      labelOf(shape.authors),
      'Nhóm tác giả',
      'Tác giả, nhóm tác giả',
      'Họ và tên tác giả',
      'Họ tên tác giả',
      'Người thực hiện',
      'Tác giả sáng kiến',
      FORM_LABELS.authorsIntro,
    ],
  ],
  ['position', ['Chức vụ', 'Chức danh', labelOf(personSchema.shape.position)]],
  [
    'unit',
    [
      'Đơn vị',
      labelOf(personSchema.shape.unit),
      'Cơ quan, đơn vị',
      'Nơi công tác',
      'Cơ quan chủ trì',
      'Đơn vị chủ trì',
      'Cơ quan',
      'Đơn vị áp dụng',
      labelOf(shape.unit),
    ],
  ],
  [
    'firstApplied',
    [
      'Ngày áp dụng lần đầu',
      'Thời gian áp dụng',
      'Ngày áp dụng',
      'Thời điểm áp dụng',
      labelOf(shape.firstApplied),
      'Thời gian áp dụng lần đầu',
      FORM_LABELS.firstApplied,
    ],
  ],
  ['submitted', [labelOf(shape.submitted), 'Ngày nộp']],
  ['summary', [labelOf(shape.summary), 'Tóm tắt sáng kiến', 'Tóm tắt nội dung']],
  ['fields', ['Lĩnh vực', labelOf(shape.fields), FORM_LABELS.field]],
  ['areas', ['Nội dung cải cách', labelOf(shape.areas)]],
  ['keywords', [labelOf(shape.keywords), 'Từ khoá']],
  ['campaign', [labelOf(shape.campaign)]],
  ['investor', [FORM_LABELS.investor, 'Chủ đầu tư tạo ra sáng kiến']],
  ['nature', [FORM_LABELS.nature]],
  ['conditions', [FORM_LABELS.conditions]],
  ['benefitsAuthor', [FORM_LABELS.benefitsAuthor]],
  [
    'participants',
    [FORM_LABELS.participants, 'Người tham gia áp dụng thử', labelOf(shape.trialParticipants)],
  ],
  ['benefitsAdopters', [FORM_LABELS.benefitsAdopters]],
  ['confidential', [FORM_LABELS.confidential, 'Thông tin cần được bảo mật']],
  ['pledge', [FORM_LABELS.pledge]],
  ['closing', ['Nơi nhận']],
];

const keyOf = (label: string) => matchKey(label.replace(/:\s*$/, ''));

const LABEL_KEYS = LABELS.flatMap(([target, names]) =>
  names.map((name) => ({ target, key: keyOf(name) })),
).sort((a, b) => b.key.length - a.key.length);

/** Leading list marks and numbering: "- ", "1. ", "II. ", "a) ", "Phần 2:". */
export function stripNumbering(text: string): string {
  return text
    .replace(/^\s*[-–—+•*]\s*/, '')
    .replace(
      /^(?:(?:phần|mục|chương)\s+)?(?:\d+(?:\.\d+)*|[IVXLC]+|[ivxlc]+|[a-zđ])\s*[.):–-]\s+/iu,
      '',
    )
    .trim();
}

export interface LabelMatch {
  target: LabelTarget;
  value: string;
}

/** Reads "Label: value" (or the whole line for sentence labels like the pledge). */
export function matchLabel(text: string): LabelMatch | undefined {
  const line = stripNumbering(text);
  const colon = line.indexOf(':');
  const head = colon >= 0 ? line.slice(0, colon) : line;
  const value = colon >= 0 ? line.slice(colon + 1).trim() : '';
  const key = matchKey(head);
  for (const label of LABEL_KEYS) {
    const long = label.key.split(' ').length >= 4;
    if (key === label.key || (long && key.startsWith(`${label.key} `)))
      return { target: label.target, value };
  }
  // The pledge sentence has no colon; other long labels may be followed by text on the same line.
  const whole = matchKey(line);
  for (const label of LABEL_KEYS) {
    if (label.key.split(' ').length >= 6 && whole.startsWith(label.key) && colon < 0)
      return { target: label.target, value: '' };
  }
  return undefined;
}
