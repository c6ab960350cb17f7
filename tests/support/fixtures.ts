/**
 * Small content trees in temporary folders for the validator's tests: a valid
 * campaign, units, scope levels and any number of valid initiatives, which a
 * test then breaks in exactly one way.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { stringify } from 'yaml';

export const CAMPAIGN_ID = '2024-thu-nghiem';

export const PNG = Buffer.from([
  0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52,
]);
export const JPEG = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46]);
export const PDF = Buffer.from('%PDF-1.4\n%âãÏÓ\n1 0 obj\n<<>>\nendobj\n', 'latin1');
export const ZIP = Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x00, 0x00]);
export const EXE = Buffer.from('MZ\x90\x00\x03\x00\x00\x00', 'latin1');

export const units = [
  {
    id: 'ubnd-huyen-thu-nghiem',
    name: 'Ủy ban nhân dân huyện Thử Nghiệm',
    kind: 'committee',
  },
  {
    id: 'phong-noi-vu',
    name: 'Phòng Nội vụ',
    kind: 'office',
    parent: 'ubnd-huyen-thu-nghiem',
  },
  { id: 'xa-duc-phu', name: 'UBND xã Đức Phú', kind: 'commune', parent: 'ubnd-huyen-thu-nghiem' },
  { id: 'xa-gia-an', name: 'UBND xã Gia An', kind: 'commune', parent: 'ubnd-huyen-thu-nghiem' },
];

export const scopeLevels = [
  { id: 'co-so', name: 'Cấp cơ sở', rank: 1 },
  { id: 'huyen', name: 'Cấp huyện', rank: 2 },
];

export const ORGANISER_ID = 'ubnd-huyen-thu-nghiem';

export function organiserData(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    name: 'Ủy ban nhân dân huyện Thử Nghiệm',
    shortName: 'UBND huyện Thử Nghiệm',
    kind: 'district',
    unit: 'ubnd-huyen-thu-nghiem',
    place: 'Thử Nghiệm',
    contact: {
      office: 'Văn phòng HĐND và UBND huyện Thử Nghiệm',
      address: 'Số 1 đường Thử Nghiệm, huyện Thử Nghiệm',
      phone: '0252 3880 000',
      email: 'vanphong@thunghiem.example.invalid',
    },
    scope: [{ unit: 'ubnd-huyen-thu-nghiem' }],
    operatesSite: true,
    ...overrides,
  };
}

export function campaignData(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    year: 2024,
    title: 'Tìm kiếm giải pháp, sáng kiến cải cách hành chính năm 2024',
    theme: { title: 'Giảm hồ sơ trễ hẹn', goals: ['fewer-late-dossiers'] },
    legalBases: [
      { number: '03/KH-UBND', date: '2024-01-09', issuer: 'Ủy ban nhân dân huyện Thử Nghiệm' },
    ],
    organiser: 'ubnd-huyen-thu-nghiem',
    receivingOffice: 'phong-noi-vu',
    participants: 'Cán bộ, công chức, viên chức trong huyện.',
    format: 'Bài viết của một tác giả hoặc nhóm tác giả.',
    opensOn: '2024-06-01',
    deadline: '2024-09-04',
    status: 'closed',
    rubric: {
      total: 100,
      passScore: 50,
      criteria: [
        { id: 'novelty', name: 'Tính mới', max: 40, description: 'Cách làm mới tại đơn vị.' },
        { id: 'effect', name: 'Hiệu quả', max: 60, description: 'Kết quả đo được trước và sau.' },
      ],
      grades: [{ id: 'xuat-sac', name: 'Xuất sắc', minScore: 85 }],
    },
    ...overrides,
  };
}

export const sectionBodies: Record<string, string> = {
  'Thực trạng và vấn đề cần giải quyết':
    'Hồ sơ hộ tịch tại bộ phận một cửa thường trễ hẹn vì công chức phải nhập lại dữ liệu.',
  'Nội dung giải pháp':
    'Lập lịch hẹn trả kết quả và nhắc hạn tự động trên hệ thống một cửa điện tử.',
  'Tính mới, tính sáng tạo': 'Lần đầu áp dụng nhắc hạn tự động tại xã.',
  'Hiệu quả đạt được': 'Tỷ lệ hồ sơ trễ hẹn giảm từ 12,5% xuống 3,1% sau sáu tháng.',
  'Khả năng áp dụng, nhân rộng': 'Các xã có hệ thống một cửa điện tử đều áp dụng được ngay.',
};

export function bodyOf(sections: Record<string, string> = sectionBodies): string {
  return Object.entries(sections)
    .map(([heading, text]) => `## ${heading}\n\n${text}\n`)
    .join('\n');
}

/** Distinct titles: fixtures with several entries must not trip the near-duplicate rule. */
export const distinctTitles = [
  'Nhắc hạn tự động hồ sơ hộ tịch tại bộ phận một cửa',
  'Thanh toán lệ phí chứng thực bằng mã QR ngân hàng',
  'Số hóa sổ đăng ký khai sinh cũ để cấp bản sao trong ngày',
  'Tổ thanh niên tình nguyện hướng dẫn nộp hồ sơ trực tuyến',
  'Quy chế phối hợp luân chuyển hồ sơ đất đai giữa các phòng',
  'Chấm điểm thi đua cải cách hành chính trên phần mềm',
  'Công khai thu chi ngân sách xã hàng quý qua bảng tin',
  'Sổ tay nghiệp vụ điện tử cho công chức mới nhận việc',
];

/** Which title the next initiativeData takes: each fixture starts again from the first. */
let counter = 0;

export function initiativeData(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  counter += 1;
  return {
    title: distinctTitles[(counter - 1) % distinctTitles.length],
    summary:
      'Xã lập lịch hẹn và nhắc hạn tự động để giảm hồ sơ hộ tịch trễ hẹn tại bộ phận một cửa.',
    campaign: CAMPAIGN_ID,
    unit: 'xa-duc-phu',
    authors: [
      { name: 'Nguyễn Thị Lan', position: 'Công chức Tư pháp – Hộ tịch', unit: 'xa-duc-phu' },
    ],
    areas: ['procedures'],
    fields: ['procedure-simplification'],
    firstApplied: '2024-03-01',
    submitted: '2024-08-20',
    ...overrides,
  };
}

/** An entry file: YAML front matter between `---` fences, then the body. */
export function entryText(data: Record<string, unknown>, body = bodyOf()): string {
  return `---\n${stringify(data)}---\n\n${body}`;
}

export interface Fixture {
  root: string;
  path(relative: string): string;
  write(relative: string, content: string | Buffer): void;
  remove(relative: string): void;
  /** Write `content/initiatives/<slug>/index.md` (and attachments beside it). */
  initiative(
    slug: string,
    data?: Record<string, unknown>,
    body?: string,
    files?: Record<string, string | Buffer>,
  ): string;
  git(...args: string[]): string;
  cleanup(): void;
}

export interface FixtureOptions {
  /** Valid initiatives to create (slugs `sang-kien-1`, …). */
  initiatives?: number;
  campaign?: Record<string, unknown>;
  /** Initialise a git repository with one commit. */
  git?: boolean;
}

export function makeFixture(options: FixtureOptions = {}): Fixture {
  // The same titles whatever ran before in this process: a test that adds an entry under one of
  // distinctTitles must not meet it among the fixture's own.
  counter = 0;
  const root = mkdtempSync(join(tmpdir(), 'kho-validate-'));
  const write = (relative: string, content: string | Buffer) => {
    const path = join(root, relative);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, content);
  };
  const git = (...args: string[]) =>
    execFileSync('git', args, { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  const fixture: Fixture = {
    root,
    path: (relative) => join(root, relative),
    write,
    remove: (relative) => rmSync(join(root, relative), { recursive: true, force: true }),
    initiative(slug, data = initiativeData(), body = bodyOf(), files = {}) {
      const folder = `content/initiatives/${slug}`;
      write(`${folder}/index.md`, entryText(data, body));
      for (const [name, content] of Object.entries(files)) write(`${folder}/${name}`, content);
      return `${folder}/index.md`;
    },
    git,
    cleanup: () => rmSync(root, { recursive: true, force: true }),
  };
  write('content/units.yaml', stringify(units));
  write('content/scope-levels.yaml', stringify(scopeLevels));
  write(`content/organisers/${ORGANISER_ID}.yaml`, stringify(organiserData()));
  write(
    `content/campaigns/${CAMPAIGN_ID}.md`,
    entryText(campaignData(options.campaign), 'Thông báo phát động đợt thử nghiệm.\n'),
  );
  for (let index = 1; index <= (options.initiatives ?? 0); index += 1) {
    fixture.initiative(`sang-kien-${index}`);
  }
  if (options.git) {
    write('.gitignore', 'node_modules/\n');
    git('init', '-q', '-b', 'main');
    git('config', 'user.name', 'Kiểm thử');
    git('config', 'user.email', 'kiem-thu@example.invalid');
    git('config', 'commit.gpgsign', 'false');
    git('add', '-A');
    git('commit', '-q', '-m', 'Khởi tạo');
  }
  return fixture;
}

export interface ReportLike {
  files: {
    path: string;
    ok: boolean;
    problems: { code: string; severity: string; field?: string; line?: number; message: string }[];
  }[];
}

/** Problems reported for one file (empty when the file is not in the report). */
export function problemsOf(report: ReportLike, path: string) {
  return report.files.find((file) => file.path === path)?.problems ?? [];
}

/** Codes of the error-severity problems of one file. */
export function errorCodes(report: ReportLike, path: string): string[] {
  return problemsOf(report, path)
    .filter((problem) => problem.severity === 'error')
    .map((problem) => problem.code);
}
