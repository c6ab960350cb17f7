/**
 * Closed vocabularies of the content model. Each list is the one place where
 * an identifier (stored in files, English, ASCII) meets its Vietnamese name.
 * Adding an item here makes it a valid value everywhere: schema, form, site, docs.
 *
 * Things that change with administrative geography (units, organisers, scope
 * levels) are *not* here: they are dated data under `content/`.
 */

export interface Term<Id extends string = string> {
  id: Id;
  /** Vietnamese name, as printed on the site and in documents. */
  name: string;
  /** Short Vietnamese name for chips, table headers and charts. */
  short: string;
  /** One Vietnamese sentence explaining the term. */
  description: string;
  /** ASCII slug of the Vietnamese name, for terms that have their own page (stable once published). */
  slug?: string;
}

function ids<const T extends readonly Term[]>(terms: T): [T[number]['id'], ...T[number]['id'][]] {
  return terms.map((term) => term.id) as [T[number]['id'], ...T[number]['id'][]];
}

/** The six reform areas of the state administrative reform programme. */
export const reformAreas = [
  {
    id: 'institutions',
    slug: 'the-che',
    name: 'Cải cách thể chế',
    short: 'Thể chế',
    description:
      'Hoàn thiện văn bản, quy chế, quy định làm cơ sở cho hoạt động của cơ quan nhà nước.',
  },
  {
    id: 'procedures',
    slug: 'thu-tuc-hanh-chinh',
    name: 'Cải cách thủ tục hành chính',
    short: 'Thủ tục hành chính',
    description: 'Đơn giản hóa, cắt giảm, chuẩn hóa thủ tục và cách tiếp nhận, giải quyết hồ sơ.',
  },
  {
    id: 'organisation',
    slug: 'to-chuc-bo-may',
    name: 'Cải cách tổ chức bộ máy hành chính nhà nước',
    short: 'Tổ chức bộ máy',
    description:
      'Sắp xếp, phân công, phối hợp giữa các cơ quan, bộ phận cho gọn và rõ trách nhiệm.',
  },
  {
    id: 'civil-service',
    slug: 'che-do-cong-vu',
    name: 'Cải cách chế độ công vụ',
    short: 'Chế độ công vụ',
    description: 'Nâng cao kỷ luật, kỹ năng, đánh giá và thi đua của cán bộ, công chức, viên chức.',
  },
  {
    id: 'public-finance',
    slug: 'tai-chinh-cong',
    name: 'Cải cách tài chính công',
    short: 'Tài chính công',
    description: 'Quản lý, sử dụng ngân sách, phí, lệ phí và tài sản công minh bạch, tiết kiệm.',
  },
  {
    id: 'digital-government',
    slug: 'chinh-quyen-so',
    name: 'Xây dựng và phát triển chính quyền điện tử, chính quyền số',
    short: 'Chính quyền số',
    description: 'Ứng dụng công nghệ thông tin, dữ liệu và dịch vụ số trong hoạt động công vụ.',
  },
] as const satisfies readonly Term[];
export type ReformAreaId = (typeof reformAreas)[number]['id'];
export const reformAreaIds = ids(reformAreas);

/** The four fields of application named by the 2024 call. */
export const applicationFields = [
  {
    id: 'procedure-simplification',
    slug: 'don-gian-hoa-thu-tuc',
    name: 'Đơn giản hóa bộ thủ tục hành chính cấp huyện, cấp xã',
    short: 'Đơn giản hóa thủ tục',
    description:
      'Cắt giảm, gộp, sửa đổi các thủ tục chồng chéo hoặc không còn phù hợp tại UBND huyện, xã, thị trấn.',
  },
  {
    id: 'digital-transformation',
    slug: 'chuyen-doi-so',
    name: 'Ứng dụng công nghệ thông tin, chuyển đổi số trong công tác chuyên môn',
    short: 'Chuyển đổi số',
    description:
      'Giảm bước, kết hợp và đơn giản hóa thao tác trong quy trình giải quyết công việc.',
  },
  {
    id: 'online-services',
    slug: 'dich-vu-cong-truc-tuyen',
    name: 'Dịch vụ công trực tuyến, thanh toán trực tuyến và Bưu chính công ích',
    short: 'Dịch vụ công trực tuyến',
    description:
      'Quản lý, cung cấp dịch vụ công trực tuyến, thanh toán không dùng tiền mặt và dịch vụ Bưu chính công ích.',
  },
  {
    id: 'personnel-and-emulation',
    slug: 'thi-dua-can-bo-cong-vu',
    name: 'Thi đua khen thưởng, tổ chức cán bộ, đào tạo, thực thi công vụ',
    short: 'Thi đua, cán bộ, công vụ',
    description:
      'Quy trình trong thi đua khen thưởng, tổ chức cán bộ, đào tạo và thực thi công vụ.',
  },
] as const satisfies readonly Term[];
export type ApplicationFieldId = (typeof applicationFields)[number]['id'];
export const applicationFieldIds = ids(applicationFields);

/**
 * Measurable goals a campaign theme may set. The 2024 theme uses all three;
 * they map onto the national service index (Quyết định 766/QĐ-TTg).
 */
export const themeGoals = [
  {
    id: 'fewer-late-dossiers',
    slug: 'giam-tre-hen',
    name: 'Giảm hồ sơ trễ hẹn',
    short: 'Giảm trễ hẹn',
    description: 'Tăng tỷ lệ hồ sơ thủ tục hành chính được giải quyết đúng hoặc trước hạn.',
  },
  {
    id: 'more-online-services',
    slug: 'tang-dich-vu-cong-truc-tuyen',
    name: 'Tăng sử dụng dịch vụ công trực tuyến',
    short: 'Tăng dịch vụ công trực tuyến',
    description: 'Tăng tỷ lệ hồ sơ được nộp và xử lý trực tuyến toàn trình hoặc một phần.',
  },
  {
    id: 'more-cashless-payment',
    slug: 'tang-thanh-toan-khong-tien-mat',
    name: 'Tăng thanh toán không dùng tiền mặt',
    short: 'Tăng thanh toán không tiền mặt',
    description: 'Tăng tỷ lệ phí, lệ phí và nghĩa vụ tài chính được thanh toán trực tuyến.',
  },
] as const satisfies readonly Term[];
export type ThemeGoalId = (typeof themeGoals)[number]['id'];
export const themeGoalIds = ids(themeGoals);

export interface IndicatorKind extends Term {
  /** Unit printed after a value. */
  unit: string;
  /**
   * Which way is an improvement. `other` has none: each such indicator says so itself
   * (its `better` field), as a count of phone calls and a count of online dossiers go
   * opposite ways.
   */
  better?: IndicatorDirectionId;
  /** The theme goal this indicator measures, if any. */
  goal?: ThemeGoalId;
}

/** Which way an indicator improves. */
export const indicatorDirections = [
  {
    id: 'lower',
    name: 'Càng thấp càng tốt',
    short: 'Giảm là tốt',
    description:
      'Giá trị sau thấp hơn giá trị trước là cải thiện (số ngày, số lần đi lại, số cuộc gọi hỏi).',
  },
  {
    id: 'higher',
    name: 'Càng cao càng tốt',
    short: 'Tăng là tốt',
    description: 'Giá trị sau cao hơn giá trị trước là cải thiện (tỷ lệ trực tuyến, mức hài lòng).',
  },
] as const satisfies readonly Term[];
export type IndicatorDirectionId = (typeof indicatorDirections)[number]['id'];
export const indicatorDirectionIds = ids(indicatorDirections);

/** Indicators an initiative may report before and after. `other` needs its own label and unit. */
export const indicatorKinds = [
  {
    id: 'late-dossier-rate',
    name: 'Tỷ lệ hồ sơ trễ hẹn',
    short: 'Hồ sơ trễ hẹn',
    description: 'Số hồ sơ trả kết quả sau hạn chia cho tổng số hồ sơ đã giải quyết trong kỳ.',
    unit: '%',
    better: 'lower',
    goal: 'fewer-late-dossiers',
  },
  {
    id: 'online-filing-rate',
    name: 'Tỷ lệ hồ sơ nộp trực tuyến',
    short: 'Nộp trực tuyến',
    description: 'Số hồ sơ nộp qua Cổng dịch vụ công chia cho tổng số hồ sơ tiếp nhận trong kỳ.',
    unit: '%',
    better: 'higher',
    goal: 'more-online-services',
  },
  {
    id: 'end-to-end-online-rate',
    name: 'Tỷ lệ hồ sơ trực tuyến toàn trình',
    short: 'Trực tuyến toàn trình',
    description:
      'Số hồ sơ xử lý trực tuyến toàn trình chia cho tổng số hồ sơ của các thủ tục đủ điều kiện.',
    unit: '%',
    better: 'higher',
    goal: 'more-online-services',
  },
  {
    id: 'cashless-payment-rate',
    name: 'Tỷ lệ thanh toán không dùng tiền mặt',
    short: 'Thanh toán không tiền mặt',
    description:
      'Số giao dịch phí, lệ phí thanh toán trực tuyến chia cho tổng số giao dịch có thu phí.',
    unit: '%',
    better: 'higher',
    goal: 'more-cashless-payment',
  },
  {
    id: 'processing-days',
    name: 'Thời gian giải quyết bình quân',
    short: 'Thời gian giải quyết',
    description: 'Số ngày làm việc bình quân từ khi tiếp nhận đến khi trả kết quả.',
    unit: 'ngày',
    better: 'lower',
    goal: 'fewer-late-dossiers',
  },
  {
    id: 'visits-per-dossier',
    name: 'Số lần đi lại của người dân',
    short: 'Số lần đi lại',
    description: 'Số lần bình quân người dân phải đến cơ quan để hoàn thành một hồ sơ.',
    unit: 'lần',
    better: 'lower',
  },
  {
    id: 'cost-per-dossier',
    name: 'Chi phí bình quân cho một hồ sơ',
    short: 'Chi phí mỗi hồ sơ',
    description:
      'Chi phí bình quân (in ấn, đi lại, thời gian) của người dân hoặc cơ quan cho một hồ sơ.',
    unit: 'nghìn đồng',
    better: 'lower',
  },
  {
    id: 'satisfaction-rate',
    name: 'Tỷ lệ hài lòng của người dân',
    short: 'Mức hài lòng',
    description: 'Số phiếu đánh giá hài lòng chia cho tổng số phiếu đánh giá trong kỳ.',
    unit: '%',
    better: 'higher',
  },
  {
    id: 'other',
    name: 'Chỉ số khác',
    short: 'Chỉ số khác',
    description:
      'Chỉ số không có trong danh sách; phải ghi rõ tên, đơn vị tính và chiều tốt (càng thấp hay càng cao càng tốt).',
    unit: '',
  },
] as const satisfies readonly IndicatorKind[];
export type IndicatorKindId = (typeof indicatorKinds)[number]['id'];
export const indicatorKindIds = ids(indicatorKinds);

/** Kinds of unit. The units themselves are dated data in `content/units.yaml`. */
export const unitKinds = [
  {
    id: 'committee',
    name: 'Ủy ban nhân dân',
    short: 'UBND',
    description: 'Cơ quan hành chính cấp huyện hoặc cấp tỉnh, thường là đơn vị phát động.',
  },
  {
    id: 'office',
    name: 'Cơ quan chuyên môn',
    short: 'Phòng, ban',
    description: 'Phòng, ban chuyên môn và cơ quan thuộc Ủy ban nhân dân.',
  },
  {
    id: 'town',
    name: 'Thị trấn',
    short: 'Thị trấn',
    description: 'Đơn vị hành chính cấp xã ở đô thị nhỏ.',
  },
  { id: 'commune', name: 'Xã', short: 'Xã', description: 'Đơn vị hành chính cấp xã.' },
  {
    id: 'ward',
    name: 'Phường',
    short: 'Phường',
    description: 'Đơn vị hành chính cấp xã ở đô thị.',
  },
  {
    id: 'public-service',
    name: 'Đơn vị sự nghiệp, dịch vụ công',
    short: 'Đơn vị sự nghiệp',
    description:
      'Đơn vị sự nghiệp công lập, bộ phận một cửa, bưu điện và đơn vị cung cấp dịch vụ công.',
  },
] as const satisfies readonly Term[];
export type UnitKindId = (typeof unitKinds)[number]['id'];
export const unitKindIds = ids(unitKinds);

/** Kinds of organiser: who may run a call for initiatives after the 2025 reorganisation (and before). */
export const organiserKinds = [
  {
    id: 'province',
    name: 'Ủy ban nhân dân tỉnh',
    short: 'UBND tỉnh',
    description: 'Ủy ban nhân dân cấp tỉnh phát động trong toàn tỉnh.',
  },
  {
    id: 'department',
    name: 'Sở, ban, ngành',
    short: 'Sở, ngành',
    description: 'Cơ quan chuyên môn thuộc Ủy ban nhân dân tỉnh phát động trong ngành mình.',
  },
  {
    id: 'district',
    name: 'Ủy ban nhân dân huyện',
    short: 'UBND huyện',
    description: 'Cấp huyện, không còn từ ngày 01/07/2025; các đợt đã phát động vẫn là hồ sơ.',
  },
  {
    id: 'commune',
    name: 'Ủy ban nhân dân xã, phường',
    short: 'UBND xã, phường',
    description: 'Đơn vị hành chính cấp xã phát động trong xã, phường của mình.',
  },
] as const satisfies readonly Term[];
export type OrganiserKindId = (typeof organiserKinds)[number]['id'];
export const organiserKindIds = ids(organiserKinds);

export const campaignStatuses = [
  {
    id: 'open',
    name: 'Đang nhận sáng kiến',
    short: 'Đang mở',
    description: 'Cán bộ, công chức có thể gửi sáng kiến.',
  },
  {
    id: 'reviewing',
    name: 'Đang tổng hợp, xét chọn',
    short: 'Đang xét',
    description: 'Đã hết hạn gửi; hội đồng đang chấm và xét.',
  },
  {
    id: 'closed',
    name: 'Đã kết thúc',
    short: 'Đã kết thúc',
    description: 'Hội đồng đã có quyết định công nhận.',
  },
] as const satisfies readonly Term[];
export type CampaignStatusId = (typeof campaignStatuses)[number]['id'];
export const campaignStatusIds = ids(campaignStatuses);

export const memberRoles = [
  {
    id: 'chair',
    name: 'Chủ tịch Hội đồng',
    short: 'Chủ tịch',
    description: 'Điều hành phiên họp xét.',
  },
  {
    id: 'vice-chair',
    name: 'Phó Chủ tịch Hội đồng',
    short: 'Phó Chủ tịch',
    description: 'Giúp Chủ tịch điều hành.',
  },
  { id: 'member', name: 'Ủy viên', short: 'Ủy viên', description: 'Chấm điểm và biểu quyết.' },
  {
    id: 'secretary',
    name: 'Ủy viên thư ký',
    short: 'Thư ký',
    description: 'Tổng hợp hồ sơ, ghi biên bản; có biểu quyết.',
  },
] as const satisfies readonly Term[];
export type MemberRoleId = (typeof memberRoles)[number]['id'];
export const memberRoleIds = ids(memberRoles);

/** A member's vote on one initiative, as a decision keeps it (`results[].marks[].vote`). */
export const ballotVotes = [
  { id: 'for', name: 'Đồng ý', short: 'Đồng ý', description: 'Đồng ý công nhận sáng kiến.' },
  {
    id: 'against',
    name: 'Không đồng ý',
    short: 'Không đồng ý',
    description: 'Không đồng ý công nhận sáng kiến.',
  },
] as const satisfies readonly Term[];
export type BallotVoteId = (typeof ballotVotes)[number]['id'];
export const ballotVoteIds = ids(ballotVotes);

export interface BodySection {
  id: string;
  /** The level-2 heading that opens the section in the entry body. */
  heading: string;
  /** Other headings accepted for the same section (older or Word-imported entries). */
  aliases: readonly string[];
  /** What the committee expects in the section; shown in the form and the guide. */
  guidance: string;
}

/** The sections every initiative body must contain, in this order (mirrors TT 18/2013, Phụ lục I). */
export const bodySections = [
  {
    id: 'problem',
    heading: 'Thực trạng và vấn đề cần giải quyết',
    aliases: ['Thực trạng', 'Vấn đề', 'Tình trạng', 'Thực trạng, hạn chế'],
    guidance:
      'Mô tả cụ thể vướng mắc, hạn chế đang gặp tại cơ quan, đơn vị, địa phương: ở khâu nào, bao nhiêu hồ sơ, ai bị ảnh hưởng.',
  },
  {
    id: 'solution',
    heading: 'Nội dung giải pháp',
    aliases: [
      'Giải pháp',
      'Mô tả giải pháp',
      'Nội dung sáng kiến',
      'Nội dung giải pháp, sáng kiến',
    ],
    guidance:
      'Trình bày các bước thực hiện, ai làm, công cụ gì, thay đổi so với cách làm cũ; đủ để đơn vị khác làm theo.',
  },
  {
    id: 'novelty',
    heading: 'Tính mới, tính sáng tạo',
    aliases: ['Tính mới', 'Tính sáng tạo', 'Điểm mới'],
    guidance:
      'Nêu điểm chưa từng được áp dụng tại cơ quan, đơn vị; khác gì so với cách làm trước đây.',
  },
  {
    id: 'effect',
    heading: 'Hiệu quả đạt được',
    aliases: ['Hiệu quả', 'Kết quả', 'Lợi ích', 'Hiệu quả, lợi ích'],
    guidance:
      'Nêu số liệu trước và sau khi áp dụng (kỳ, nguồn số liệu), lợi ích theo đánh giá của tác giả và của người áp dụng thử.',
  },
  {
    id: 'applicability',
    heading: 'Khả năng áp dụng, nhân rộng',
    aliases: ['Khả năng áp dụng', 'Khả năng nhân rộng', 'Điều kiện áp dụng', 'Phạm vi áp dụng'],
    guidance:
      'Nêu điều kiện cần có (con người, thiết bị, kinh phí) và các đơn vị có thể áp dụng ngay.',
  },
] as const satisfies readonly BodySection[];
export type BodySectionId = (typeof bodySections)[number]['id'];

export interface AttachmentType {
  extensions: readonly string[];
  name: string;
  /** Largest allowed file, in bytes. */
  maxBytes: number;
  /** First bytes of a genuine file of this type, to catch renamed files. */
  magic: readonly (readonly number[])[];
}

const MB = 1024 * 1024;

/** File types allowed beside an entry. Videos are links, never files. */
export const attachmentTypes = {
  image: {
    extensions: ['png', 'jpg', 'jpeg', 'webp'],
    name: 'Hình ảnh',
    maxBytes: 5 * MB,
    magic: [
      [0x89, 0x50, 0x4e, 0x47],
      [0xff, 0xd8, 0xff],
      [0x52, 0x49, 0x46, 0x46],
    ],
  },
  pdf: {
    extensions: ['pdf'],
    name: 'Tài liệu PDF',
    maxBytes: 10 * MB,
    magic: [[0x25, 0x50, 0x44, 0x46]],
  },
  office: {
    extensions: ['docx', 'xlsx', 'pptx', 'odt', 'ods', 'odp'],
    name: 'Tài liệu văn phòng',
    maxBytes: 10 * MB,
    magic: [[0x50, 0x4b, 0x03, 0x04]],
  },
} as const satisfies Record<string, AttachmentType>;
export type AttachmentTypeId = keyof typeof attachmentTypes;

/** Total size of all attachments of one entry. */
export const maxAttachmentsBytesPerEntry = 25 * MB;

/** Extensions refused with a specific message: videos must be links; the rest can carry code. */
export const videoExtensions = [
  'mp4',
  'mov',
  'avi',
  'mkv',
  'wmv',
  'webm',
  'flv',
  'm4v',
  '3gp',
] as const;

export function termById<T extends Term>(list: readonly T[], id: string): T | undefined {
  return list.find((term) => term.id === id);
}

/** The URL slug of a term (its Vietnamese name without marks), or its id when it has none. */
export function termSlug(list: readonly Term[], id: string): string {
  return termById(list, id)?.slug ?? id;
}

export function attachmentTypeOf(fileName: string): AttachmentTypeId | undefined {
  const extension = fileName.toLowerCase().split('.').pop() ?? '';
  for (const [id, type] of Object.entries(attachmentTypes)) {
    if ((type.extensions as readonly string[]).includes(extension)) return id as AttachmentTypeId;
  }
  return undefined;
}
