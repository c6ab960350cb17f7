import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { basename, join, relative, resolve } from 'node:path';
import { Document } from 'yaml';
import { todayInVietnam } from '../../core/dates.ts';
import { contentPaths } from '../../model/collections.ts';
import { initiativeSchema } from '../../schemas/index.ts';
import { checkSchema } from '../../validator/schema.ts';
import { loadCampaigns, loadUnits } from '../common/content.ts';
import { UserError } from '../common/errors.ts';
import { convertDocx } from './convert.ts';
import { buildDraft, type Missing } from './entry.ts';
import { readDocx } from './guard.ts';
import { importReport } from './report.ts';
import { readStructure } from './structure.ts';
import { type EntryProblem, validateEntry } from './validator.ts';

export interface ImportOptions {
  /** Repository root (holds content/). */
  root: string;
  file: string;
  campaign?: string;
  /** Folder in which the entry's folder is created; the initiatives collection's folder by default. */
  out?: string;
  today?: string;
}

export interface ImportResult {
  slug: string;
  /** The written index.md, relative to the root when inside it. */
  path: string;
  attachments: string[];
  missing: Missing[];
  notes: string[];
  /** Where each part of the Word file went, in Vietnamese. */
  report: string[];
  problems: EntryProblem[];
  /** No validation error: ready to send. */
  ok: boolean;
  /** Whether the full validator ran (the entry is inside the repository's content). */
  fullValidation: boolean;
}

function header(fileName: string, today: string, missing: Missing[], report: string[]): string {
  const lines = missing.length
    ? [
        ` BẢN NHÁP nhập từ tệp Word "${fileName}" ngày ${today}.`,
        ' CẦN BỔ SUNG trước khi gửi (xóa các dòng ghi chú này khi đã xong):',
        ...missing.map((item) => `   - [${item.field}] ${item.message}`),
        '',
      ]
    : [` Nhập từ tệp Word "${fileName}" ngày ${today} (xóa các dòng ghi chú này khi đã xem).`];
  return [...lines, ...report.map((line) => ` ${line}`)].join('\n');
}

/** Converts a Word submission into a new entry folder and validates it. Never overwrites. */
export async function importDocx(options: ImportOptions): Promise<ImportResult> {
  const root = resolve(options.root);
  const today = options.today ?? todayInVietnam();
  const fileName = basename(options.file);
  const buffer = await readDocx(resolve(options.file));
  const converted = await convertDocx(buffer, fileName);
  const structure = readStructure(converted.tree);
  const units = loadUnits(root);
  const campaigns = loadCampaigns(root);
  if (
    options.campaign &&
    !campaigns.some(
      (item) => item.id === options.campaign || String(item.data.year) === options.campaign,
    )
  )
    throw new UserError(
      `Không có đợt phát động "${options.campaign}" (có: ${campaigns.map((item) => item.id).join(', ')}).`,
      2,
    );
  const draft = buildDraft({
    structure,
    comments: converted.facts.comments,
    images: converted.images,
    units,
    campaigns,
    campaignOption: options.campaign,
    today,
    fileName,
  });

  const parent = resolve(options.out ?? join(root, contentPaths.initiatives));
  const dir = join(parent, draft.slug);
  if (existsSync(dir))
    throw new UserError(
      `Đã có sáng kiến "${draft.slug}" (${relative(root, dir) || dir}); không ghi đè. Đổi tên sáng kiến trong tệp Word hoặc chuyển thư mục cũ đi rồi chạy lại.`,
    );
  mkdirSync(parent, { recursive: true });
  mkdirSync(dir);

  const report = importReport({
    fileName,
    placements: structure.placements,
    images: converted.images,
    facts: converted.facts,
  });
  const document = new Document(draft.data);
  document.commentBefore = header(fileName, today, draft.missing, report);
  const frontMatter = document.toString({ lineWidth: 0 });
  const indexPath = join(dir, 'index.md');
  writeFileSync(indexPath, `---\n${frontMatter}---\n\n${draft.body}`, 'utf8');
  for (const image of converted.images) writeFileSync(join(dir, image.file), image.content);

  const relativePath = relative(root, indexPath).split('\\').join('/');
  const inside = relativePath.startsWith(`${contentPaths.initiatives}/`);
  let problems: EntryProblem[];
  if (inside) problems = await validateEntry(root, relativePath, options.today);
  else {
    // Outside the repository there is no context: the schema rule alone, worded as the validator words it.
    problems = checkSchema(initiativeSchema, draft.data, () => undefined).problems.map(
      (problem) => ({ ...problem, field: problem.field ?? '' }),
    );
  }
  return {
    slug: draft.slug,
    path: inside ? relativePath : indexPath,
    attachments: converted.images.map((image) => image.file),
    missing: draft.missing,
    notes: [...converted.notes, ...draft.notes],
    report,
    problems,
    ok: !problems.some((problem) => problem.severity === 'error') && draft.missing.length === 0,
    fullValidation: inside,
  };
}
