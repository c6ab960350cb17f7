/**
 * `npm run bench:validate`: how fast and how lean is a full validation?
 * Generates 1,000 and 10,000 synthetic valid initiatives (about 4 KB each,
 * Vietnamese text) in a temporary folder, validates each tree in a fresh
 * process and prints entries per second and peak memory (RSS); then measures
 * pull-request mode: one new entry in a 10,000-entry git repository, checked
 * for near-duplicates against all of them. Figures are printed, not asserted.
 */

import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { formatNumber } from '../../src/core/numbers.ts';
import { collections, pathOf, placeOf } from '../../src/model/collections.ts';
import { isMain } from '../lib/cli.ts';

const ROOT = join(import.meta.dirname, '../..');

// --- Synthetic content -------------------------------------------------------

const actions = [
  'Nhắc hạn tự động',
  'Số hóa',
  'Thanh toán trực tuyến',
  'Liên thông',
  'Chuẩn hóa',
  'Công khai',
  'Hẹn giờ trả kết quả',
  'Chuyển phát',
  'Tra cứu tình trạng',
  'Phân công đầu mối',
  'Rút ngắn thời gian',
  'Hướng dẫn trực quan',
  'Đánh giá mức độ hài lòng',
  'Kiểm soát chất lượng',
  'Lưu trữ điện tử',
  'Ký số',
  'Ghép nối dữ liệu',
  'Cảnh báo sớm',
  'Tự động đối soát',
  'Lập sổ theo dõi',
];
const objects = [
  'hồ sơ hộ tịch',
  'hồ sơ đất đai',
  'lệ phí chứng thực',
  'phiếu lý lịch tư pháp',
  'hồ sơ bảo trợ xã hội',
  'thủ tục khai sinh',
  'thủ tục khai tử',
  'đăng ký thường trú',
  'cấp bản sao trích lục',
  'xác nhận tình trạng hôn nhân',
  'hồ sơ người có công',
  'thu phí vệ sinh môi trường',
  'thẻ bảo hiểm y tế cho trẻ em',
  'chứng thực chữ ký',
  'văn bản đến và đi',
  'báo cáo thống kê',
  'hồ sơ thi đua khen thưởng',
  'kế hoạch công tác tuần',
  'hồ sơ trợ cấp thất nghiệp',
  'đăng ký kết hôn',
  'hồ sơ chính sách nhà ở',
];
const means = [
  'qua Zalo OA',
  'bằng mã QR',
  'trên hệ thống một cửa điện tử',
  'qua Cổng dịch vụ công',
  'bằng bảng tính dùng chung',
  'bằng tin nhắn SMS',
  'qua ki-ốt tra cứu',
  'bằng sổ tay điện tử',
  'qua tổ công nghệ số',
  'bằng phiếu hẹn có mã vạch',
  'trên phần mềm',
  'qua ứng dụng di động',
  'bằng quy trình nội bộ mới',
  'qua đoàn thanh niên',
  'bằng bản đồ số',
];
const beneficiaries = [
  'cho người cao tuổi',
  'cho hộ kinh doanh',
  'cho đồng bào',
  'cho người đi làm xa',
  'cho doanh nghiệp nhỏ',
  'cho học sinh, sinh viên',
  'cho người khuyết tật',
  'cho phụ nữ mang thai',
  'cho cán bộ thôn, khu phố',
  'cho hộ nghèo, cận nghèo',
  'cho người dân vùng sâu',
  'cho thân nhân liệt sĩ',
];
/** Name syllables: an archive of many districts and years has thousands of place names. */
const nameSyllables = (
  'An Bình Châu Đông Đức Gia Hòa Hưng Khánh Lạc Long Minh Nghĩa Phú Phước Quang Sơn Tân Thạnh Thành ' +
  'Thuận Tiến Trung Vinh Xuân Hải Hiệp Hội Lâm Lợi Mỹ Nam Ninh Phong Thắng Thịnh Thủy Tường Yên Bắc ' +
  'Cường Điền Hậu Hồng Kim Lộc Mai Ngọc Phúc Quý Sen Tâm Thái Thanh Tín Trà Trường Vĩnh Vân Hạnh ' +
  'Bảo Cát Chánh Dương Định Giang Hà Hiếu Hoàng Huy Kiên Liêm Lương Mão Nhơn Ổn Quới Sa Tài Tịnh ' +
  'Triều Tuy Uyên Vạn Vỹ Ái Ba Cẩm Diên Đạo Gò Hàm Kha Lệ Măng Nhuận Ô Quảng Suối Tà Trảng'
).split(' ');
const places = [
  'xã Đức Phú',
  'xã Gia An',
  'xã Gia Huynh',
  'xã Nghị Đức',
  'xã Bắc Ruộng',
  'xã La Ngâu',
  'xã Măng Tố',
  'xã Đức Bình',
  'xã Đồng Kho',
  'xã Huy Khiêm',
  'xã Đức Thuận',
  'xã Suối Kiết',
  'xã Đức Tân',
  'thị trấn Lạc Tánh',
  'Phòng Tư pháp',
  'Phòng Tài nguyên',
  'Văn phòng huyện',
  'Phòng Nội vụ',
];
const sentences = [
  'Trước khi áp dụng, bộ phận một cửa tiếp nhận hồ sơ bằng giấy và công chức phải nhập lại toàn bộ thông tin vào hệ thống.',
  'Nhiều hồ sơ bị trễ hẹn vì thiếu giấy tờ nhưng người dân chỉ biết khi đến nhận kết quả.',
  'Người dân ở các thôn xa phải đi lại hai đến ba lần mới hoàn thành một thủ tục.',
  'Giải pháp gồm ba bước: rà soát quy trình, phân công người chịu trách nhiệm và theo dõi hạn xử lý hằng ngày.',
  'Công chức đầu mối lập danh sách hồ sơ sắp đến hạn vào đầu mỗi buổi sáng và báo cho lãnh đạo phụ trách.',
  'Tin nhắn nhắc hẹn được gửi trước ngày trả kết quả một ngày làm việc, kèm hướng dẫn bổ sung giấy tờ nếu còn thiếu.',
  'Cách làm này chưa từng được áp dụng tại đơn vị, khác với việc theo dõi bằng sổ giấy trước đây.',
  'Điểm mới là gắn trách nhiệm của từng công chức với từng nhóm thủ tục và công khai kết quả hằng tháng.',
  'Sau sáu tháng áp dụng, tỷ lệ hồ sơ trễ hẹn giảm rõ rệt và số lần đi lại của người dân giảm một nửa.',
  'Tỷ lệ hồ sơ nộp trực tuyến tăng đều qua từng quý, phí và lệ phí được thanh toán không dùng tiền mặt nhiều hơn.',
  'Người dân đánh giá hài lòng qua phiếu khảo sát tại bộ phận một cửa và trên Cổng dịch vụ công.',
  'Giải pháp không cần thêm kinh phí, chỉ cần máy tính có kết nối mạng và một công chức được giao theo dõi.',
  'Các xã, thị trấn có bộ phận một cửa điện tử đều có thể áp dụng ngay sau một buổi tập huấn ngắn.',
  'Đơn vị đã chia sẻ biểu mẫu và hướng dẫn để các đơn vị khác trong huyện tham khảo.',
  'Số liệu được lấy từ Hệ thống thông tin giải quyết thủ tục hành chính của tỉnh, kỳ báo cáo sáu tháng.',
  'Lãnh đạo đơn vị kiểm tra định kỳ mỗi tuần và nhắc nhở kịp thời những trường hợp chậm trễ.',
];
const headings = [
  'Thực trạng và vấn đề cần giải quyết',
  'Nội dung giải pháp',
  'Tính mới, tính sáng tạo',
  'Hiệu quả đạt được',
  'Khả năng áp dụng, nhân rộng',
];
const people = [
  'Nguyễn Thị Lan',
  'Trần Văn Bình',
  'Lê Thị Hoa',
  'Phạm Văn Dũng',
  'Võ Thị Mai',
  'Huỳnh Văn Tâm',
];
const unitIds = [
  'xa-duc-phu',
  'xa-gia-an',
  'xa-gia-huynh',
  'xa-nghi-duc',
  'xa-bac-ruong',
  'phong-tu-phap',
  'phong-noi-vu',
];
const areaIds = ['procedures', 'digital-government', 'civil-service', 'public-finance'];
const fieldIds = ['procedure-simplification', 'digital-transformation', 'online-services'];

/** Deterministic pseudo-random numbers (mulberry32): the same trees on every run. */
function generator(seed: number) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const PNG = Buffer.from([
  0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52,
]);

function entry(
  index: number,
  random: () => number,
  year = 2024,
): { text: string; attachment: boolean } {
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;
  const place =
    random() < 0.3
      ? pick(places)
      : `${pick(['xã', 'phường', 'thị trấn'])} ${pick(nameSyllables)} ${pick(nameSyllables)}`;
  const title = `${pick(actions)} ${pick(objects)} ${pick(means)} ${pick(beneficiaries)} tại ${place}`;
  const authorCount = 1 + Math.floor(random() * 3);
  const shares = authorCount === 1 ? [undefined] : authorCount === 2 ? [60, 40] : [50, 30, 20];
  const authors = shares.map((share, i) => ({
    name: people[(index + i) % people.length],
    position: 'Công chức Văn phòng – Thống kê',
    unit: pick(unitIds),
    ...(share === undefined ? {} : { share }),
  }));
  const attachment = index % 10 === 0;
  const month = String(6 + Math.floor(random() * 3)).padStart(2, '0');
  const data = {
    title,
    summary: `${pick(sentences)} ${pick(sentences)}`,
    campaign: `${year}-tanh-linh`,
    unit: pick(unitIds),
    authors,
    areas: [pick(areaIds)],
    fields: [pick(fieldIds)],
    goals: ['fewer-late-dossiers'],
    firstApplied: `${year}-02-01`,
    submitted: `${year}-${month}-${String(1 + Math.floor(random() * 28)).padStart(2, '0')}`,
    indicators: [
      {
        kind: 'late-dossier-rate',
        before: { value: 10 + Math.round(random() * 100) / 10, period: '6 tháng cuối năm 2023' },
        after: { value: Math.round(random() * 50) / 10, period: '6 tháng đầu năm 2024' },
        source: 'Hệ thống thông tin giải quyết thủ tục hành chính tỉnh',
      },
    ],
    attachments: attachment ? [{ file: 'so-do.png', title: 'Sơ đồ quy trình mới' }] : [],
    keywords: ['một cửa', 'trễ hẹn'],
    sample: true,
  };
  let body = '';
  for (const heading of headings) {
    body += `## ${heading}\n\n`;
    for (let p = 0; p < 2; p += 1) {
      body += `${Array.from({ length: 3 }, () => pick(sentences)).join(' ')}\n\n`;
    }
  }
  if (attachment) body += '![Sơ đồ quy trình mới](so-do.png)\n\n';
  if (index % 7 === 0)
    body += 'Xem thêm [Cổng dịch vụ công quốc gia](https://dichvucong.gov.vn).\n';
  return { text: `---\n${stringify(data)}---\n\n${body}`, attachment };
}

/**
 * A tree of `count` generated initiatives. With `years` above 1, the sample campaign of 2024 is
 * copied to the years before it (dates moved with it) and the initiatives are dealt among them:
 * an archive of several calls, as a sharded build splits it.
 */
export function makeTree(count: number, options: { years?: number } = {}): string {
  const years = options.years ?? 1;
  const root = mkdtempSync(join(tmpdir(), `kho-bench-${count}-`));
  mkdirSync(join(root, collections.campaigns.folder), { recursive: true });
  mkdirSync(join(root, collections.organisers.folder), { recursive: true });
  const organiser = pathOf(collections.organisers, 'ubnd-huyen-tanh-linh');
  for (const file of [collections.units.file, collections.scopeLevels.file, organiser]) {
    copyFileSync(join(ROOT, file), join(root, file));
  }
  const campaign = readFileSync(
    join(ROOT, pathOf(collections.campaigns, '2024-tanh-linh')),
    'utf8',
  );
  for (let back = 0; back < years; back += 1) {
    const year = 2024 - back;
    writeFileSync(
      join(root, pathOf(collections.campaigns, `${year}-tanh-linh`)),
      campaign.replace(/\b2024\b/g, String(year)),
    );
  }
  const random = generator(count);
  for (let index = 0; index < count; index += 1) {
    const folder = join(
      root,
      placeOf(collections.initiatives, `sang-kien-${String(index).padStart(5, '0')}`),
    );
    mkdirSync(folder, { recursive: true });
    const { text, attachment } = entry(index, random, 2024 - (index % years));
    writeFileSync(join(folder, 'index.md'), text);
    if (attachment) writeFileSync(join(folder, 'so-do.png'), PNG);
  }
  return root;
}

// --- Measurement -------------------------------------------------------------

interface RunResult {
  ms: number;
  /** CPU time of the process, all threads, in milliseconds. */
  cpuMs: number;
  maxRssMb: number;
  files: number;
  errors: number;
  warnings: number;
  firstError?: string;
}

/** Child mode: validate one tree and print the figures as JSON. */
async function child(
  root: string,
  changedSince: string | undefined,
  cache: boolean,
): Promise<void> {
  const { validate } = await import('../../src/validator/index.ts');
  const started = performance.now();
  const report = await validate({ root, changedSince, today: '2024-08-30', cache });
  const ms = performance.now() - started;
  const firstError = report.files
    .flatMap((file) =>
      file.problems.filter((p) => p.severity === 'error').map((p) => `${file.path}: ${p.message}`),
    )
    .at(0);
  const usage = process.resourceUsage();
  const result: RunResult = {
    ms,
    cpuMs: (usage.userCPUTime + usage.systemCPUTime) / 1000,
    maxRssMb: process.resourceUsage().maxRSS / 1024,
    files: report.totals.files,
    errors: report.totals.errors,
    warnings: report.totals.warnings,
    firstError,
  };
  process.stdout.write(JSON.stringify(result));
}

function measure(
  root: string,
  options: { changedSince?: string; cache?: boolean } = {},
): RunResult & { wallMs: number } {
  const started = performance.now();
  const args = [
    import.meta.filename,
    '--child',
    root,
    options.cache ? 'cache' : 'no-cache',
    ...(options.changedSince ? [options.changedSince] : []),
  ];
  const run = spawnSync(process.execPath, args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  const wallMs = performance.now() - started;
  if (run.status !== 0) throw new Error(`Lần đo thất bại: ${run.stderr}`);
  return { ...(JSON.parse(run.stdout) as RunResult), wallMs };
}

function line(label: string, entries: number, result: RunResult & { wallMs: number }): string {
  const seconds = result.ms / 1000;
  return [
    label.padEnd(34),
    `${formatNumber(seconds, 2)} s`.padStart(9),
    `(cả khởi động ${formatNumber(result.wallMs / 1000, 2)} s)`.padEnd(26),
    `${formatNumber(entries / seconds, 0)} mục/s`.padStart(14),
    `RSS đỉnh ${formatNumber(result.maxRssMb, 0)} MB`.padStart(18),
    `CPU ${formatNumber(result.cpuMs / 1000, 2)} s`.padStart(12),
    `  ${result.errors} lỗi, ${result.warnings} cảnh báo`,
  ].join(' ');
}

function git(root: string, ...args: string[]): void {
  execFileSync('git', args, { cwd: root, stdio: 'ignore' });
}

async function main(): Promise<void> {
  if (process.argv[2] === '--child') {
    await child(process.argv[3] as string, process.argv[5], process.argv[4] === 'cache');
    return;
  }
  const cpu = cpus()[0]?.model ?? 'không rõ';
  process.stdout.write(
    `Đo hiệu năng kiểm tra nội dung — Node ${process.versions.node}, ${availableParallelism()} nhân (${cpu})\n`,
  );
  const trees: string[] = [];
  try {
    for (const count of [1_000, 10_000]) {
      const started = performance.now();
      const root = makeTree(count);
      trees.push(root);
      process.stdout.write(
        `Đã tạo ${formatNumber(count, 0)} sáng kiến mẫu (~4 KB mỗi mục) trong ${formatNumber((performance.now() - started) / 1000, 2)} s.\n`,
      );
      const result = measure(root);
      process.stdout.write(
        `${line(`Kiểm tra toàn bộ ${formatNumber(count, 0)} mục`, count, result)}\n`,
      );
      if (result.firstError) process.stdout.write(`  Lỗi đầu tiên: ${result.firstError}\n`);
      if (count === 10_000) {
        measure(root, { cache: true });
        const warm = measure(root, { cache: true });
        process.stdout.write(`${line('Chạy lại, có bộ nhớ đệm (không đổi)', count, warm)}\n`);
      }
      if (count === 10_000) {
        writeFileSync(join(root, '.gitignore'), 'node_modules/\n');
        git(root, 'init', '-q', '-b', 'main');
        git(root, 'config', 'user.name', 'Đo hiệu năng');
        git(root, 'config', 'user.email', 'bench@example.invalid');
        git(root, 'config', 'commit.gpgsign', 'false');
        // No background housekeeping writing into .git while the figures are taken or the folder removed.
        git(root, 'config', 'gc.auto', '0');
        git(root, 'config', 'maintenance.auto', 'false');
        git(root, 'add', '-A');
        git(root, 'commit', '-q', '-m', 'Kho 10.000 sáng kiến');
        git(root, 'checkout', '-q', '-b', 'nop-sang-kien');
        const folder = join(root, placeOf(collections.initiatives, 'sang-kien-moi'));
        mkdirSync(folder);
        writeFileSync(join(folder, 'index.md'), entry(99_999, generator(42)).text);
        git(root, 'add', '-A');
        git(root, 'commit', '-q', '-m', 'Nộp một sáng kiến');
        const pr = measure(root, { changedSince: 'main' });
        process.stdout.write(
          `${line('Chế độ pull request (1 mục mới)', 1, pr).replace(/\s+\S+ mục\/s/, '')}\n`,
        );
      }
    }
  } finally {
    for (const root of trees) {
      try {
        rmSync(root, { recursive: true, force: true, maxRetries: 5, retryDelay: 200 });
      } catch {
        process.stdout.write(`Không xóa được thư mục tạm ${root}; hãy xóa bằng tay.\n`);
      }
    }
  }
}

if (isMain(import.meta)) await main();
