/**
 * The practice campaign of `npm start`. On a fresh clone the only campaign of the sample
 * content is closed, and the form offers only open campaigns: nothing could be submitted.
 * When no campaign of the CMS clone is open today, one is written into the clone's `main`
 * (a commit of the clone only, never pushed), open from 30 days ago to 60 days ahead in
 * Vietnam's time zone, re-dated on later starts, checked against the campaign schema,
 * marked as sample content and named so nobody takes it for a real call. The project's own
 * repository never receives it: `prepareCmsRepo` drops it before following the source.
 */
import { execFile } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { stringify } from 'yaml';
import { todayInVietnam } from '../../src/core/dates.ts';
import { validOn } from '../../src/core/organisers.ts';
import { collections, pathOf } from '../../src/model/collections.ts';
import { readRecords } from '../../src/model/files.ts';
import { type Campaign, campaignSchema, organiserSchema } from '../../src/schemas/index.ts';

const run = promisify(execFile);

export const PRACTICE_CAMPAIGN = 'thu-nghiem-tren-may';
export const PRACTICE_TITLE = 'Đợt thử nghiệm (chỉ trên máy này)';
/** Repository path of the practice campaign's file. */
export const PRACTICE_PATH = pathOf(collections.campaigns, PRACTICE_CAMPAIGN);
export const PRACTICE_COMMIT_MESSAGE =
  'Đợt thử nghiệm chỉ có trên máy này (do npm start tạo; không thuộc nội dung thật)';

const NOTICE = `**Đây là đợt thử nghiệm, chỉ có trên máy này.** Lệnh \`npm start\` tạo đợt này trong bản sao
riêng của kho cho trang quản trị, để bạn thử gửi một sáng kiến từ đầu đến cuối: điền biểu mẫu, lưu nháp,
chuyển trạng thái, công bố và xem bài trên trang công khai. Đợt này không có trong kho nội dung thật và
không được gửi đi đâu.

Để mở một đợt phát động thật, người tổ chức thêm đợt mới trong mục “Đợt phát động” của trang quản trị
(hoặc tệp \`content/campaigns/<mã-đợt>.md\` trong kho) với trạng thái “Đang nhận sáng kiến”, rồi để hội
đồng duyệt và hợp nhất như mọi thay đổi khác.
`;

function shift(day: string, days: number): string {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

function isOpenOn(campaign: Campaign, today: string): boolean {
  return campaign.status === 'open' && campaign.opensOn <= today && today <= campaign.deadline;
}

/** A unit of the clone's list for organiser and receiving office: one valid today if any. */
function practiceUnit(root: string, today: string): string | undefined {
  const units = readRecords(root, collections.units)
    .map((record) => record.raw)
    .filter(
      (raw): raw is { id: string; validFrom?: unknown; validTo?: unknown } =>
        typeof raw === 'object' && raw !== null && typeof (raw as { id?: unknown }).id === 'string',
    );
  const day = (value: unknown) =>
    value instanceof Date ? value.toISOString().slice(0, 10) : String(value ?? '');
  const valid = units.find(
    (unit) =>
      (unit.validFrom === undefined || day(unit.validFrom) <= today) &&
      (unit.validTo === undefined || today <= day(unit.validTo)),
  );
  return (valid ?? units[0])?.id;
}

/**
 * The organiser of the practice campaign: one of the clone's organisers that exists today,
 * with its own unit as receiving office (the campaign must lie in its scope).
 */
function practiceOrganiser(
  root: string,
  today: string,
): { organiser: string; unit: string } | undefined {
  const organisers = readRecords(root, collections.organisers).flatMap((record) => {
    const parsed = organiserSchema.safeParse(record.raw);
    return parsed.success ? [{ id: record.id, data: parsed.data }] : [];
  });
  const chosen = organisers.find((item) => validOn(item.data, today)) ?? organisers[0];
  return chosen ? { organiser: chosen.id, unit: chosen.data.unit } : undefined;
}

/** The practice campaign for `today`, valid under the schema (it throws otherwise). */
export function practiceCampaign(today: string, unit: string, organiser = unit): Campaign {
  return campaignSchema.parse({
    year: Number(today.slice(0, 4)),
    title: PRACTICE_TITLE,
    theme: {
      title: 'Thử gửi một sáng kiến trên máy này',
      goals: ['fewer-late-dossiers', 'more-online-services'],
    },
    legalBases: [
      {
        number: '13/2012/NĐ-CP',
        date: '2012-03-02',
        issuer: 'Chính phủ',
        title: 'Ban hành Điều lệ Sáng kiến',
      },
    ],
    organiser,
    receivingOffice: unit,
    participants:
      'Người đang thử hệ thống trên máy này; bài gửi vào đợt này chỉ nằm trong bản sao cục bộ.',
    format: 'Bài viết trong biểu mẫu của trang quản trị, kèm tệp đính kèm nếu muốn thử.',
    paperCopies: 0,
    opensOn: shift(today, -30),
    deadline: shift(today, 60),
    status: 'open',
    rubric: {
      total: 100,
      passScore: 50,
      criteria: [
        {
          id: 'novelty',
          name: 'Tính mới, tính sáng tạo',
          max: 40,
          description: 'Giải pháp chưa từng được áp dụng tại cơ quan, đơn vị.',
        },
        {
          id: 'effectiveness',
          name: 'Hiệu quả thiết thực',
          max: 40,
          description: 'Kết quả đo được trước và sau khi áp dụng.',
        },
        {
          id: 'applicability',
          name: 'Khả năng áp dụng ngay',
          max: 20,
          description: 'Đơn vị khác có thể làm theo ngay với chi phí thấp.',
        },
      ],
    },
    sample: true,
  });
}

async function git(cwd: string, ...args: string[]): Promise<string> {
  const { stdout } = await run('git', args, { cwd, maxBuffer: 64 * 1024 * 1024 });
  return stdout.trim();
}

export type PracticeOutcome =
  | { kind: 'created' | 'redated'; deadline: string }
  | { kind: 'open-campaign'; id: string }
  | { kind: 'skipped'; reason: string };

/**
 * Make sure the clone at `repoDir` (on `main`, clean, decap-server not yet running) has an
 * open campaign today: an open one of its own, or the practice campaign, committed on `main`.
 */
export async function ensurePracticeCampaign(options: {
  repoDir: string;
  today?: string;
}): Promise<PracticeOutcome> {
  const { repoDir } = options;
  const today = options.today ?? todayInVietnam();
  const campaigns = readRecords(repoDir, collections.campaigns);
  for (const record of campaigns) {
    if (record.id === PRACTICE_CAMPAIGN) continue;
    const parsed = campaignSchema.safeParse(record.raw);
    if (parsed.success && isOpenOn(parsed.data, today))
      return { kind: 'open-campaign', id: record.id };
  }
  const existing = campaigns.find((record) => record.id === PRACTICE_CAMPAIGN);
  const parsed = existing ? campaignSchema.safeParse(existing.raw) : undefined;
  if (parsed?.success && isOpenOn(parsed.data, today)) {
    return { kind: 'open-campaign', id: PRACTICE_CAMPAIGN };
  }
  const host = practiceOrganiser(repoDir, today);
  const unit = host?.unit ?? practiceUnit(repoDir, today);
  if (!unit) return { kind: 'skipped', reason: 'danh mục đơn vị trống' };
  if (
    (await git(repoDir, 'symbolic-ref', '--quiet', '--short', 'HEAD').catch(() => '')) !== 'main'
  ) {
    return { kind: 'skipped', reason: 'bản sao CMS không ở nhánh main' };
  }
  if ((await git(repoDir, 'status', '--porcelain')) !== '') {
    return { kind: 'skipped', reason: 'bản sao CMS có thay đổi chưa commit' };
  }
  const campaign = practiceCampaign(today, unit, host?.organiser);
  const file = join(repoDir, PRACTICE_PATH);
  await mkdir(dirname(file), { recursive: true });
  await writeFile(file, `---\n${stringify(campaign)}---\n\n${NOTICE}`);
  await git(repoDir, 'add', '--', PRACTICE_PATH);
  await git(repoDir, 'commit', '--quiet', '--no-verify', '-m', PRACTICE_COMMIT_MESSAGE);
  return { kind: existing ? 'redated' : 'created', deadline: campaign.deadline };
}
