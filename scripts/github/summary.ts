/**
 * Run in the read-only `validate` workflow: gathers the validator's findings
 * for the pull request, the guard's verdict and the areas of the changed
 * initiatives into `result.json`, the artifact read by `feedback`.
 */

import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { collections, pathOf } from '../../src/model/collections.ts';
import { readEntryFile } from '../../src/model/files.ts';
import { reformAreaIds } from '../../src/schemas/vocabularies.ts';
import { changedFilesFromGit } from '../guard/changes.ts';
import { isMain, readCommandLine } from '../lib/cli.ts';
import { explainGitHubError, UserError } from './client.ts';
import { type PrResult, prResultSchema } from './result.ts';
import { runValidator } from './validator.ts';

const clip = (text: string, max: number) =>
  text.length > max ? `${text.slice(0, max - 1)}…` : text;

export async function summarise(options: {
  root: string;
  base: string;
  pr: number;
  headSha: string;
  guardFile?: string;
  /** A committee or maintainer pull request: changes outside one entry folder are the guard's call. */
  anyPath?: boolean;
}): Promise<PrResult> {
  const changed = changedFilesFromGit(options.root, options.base).filter(
    (file) => file.status !== 'removed',
  );
  const validation = await runValidator({
    root: options.root,
    changedSince: options.base,
    onlyEntryFolder: !options.anyPath,
  });
  const slugs = new Set<string>();
  for (const file of changed) {
    const match = /^content\/initiatives\/([^/]+)\//.exec(file.path);
    if (match?.[1]) slugs.add(match[1]);
  }
  const entries = [...slugs].sort().map((slug) => {
    const path = join(options.root, pathOf(collections.initiatives, slug));
    const data = existsSync(path) ? readEntryFile(path).data : undefined;
    const areas = Array.isArray(data?.areas)
      ? data.areas.filter((area): area is (typeof reformAreaIds)[number] =>
          (reformAreaIds as readonly unknown[]).includes(area),
        )
      : [];
    const title = typeof data?.title === 'string' ? clip(data.title, 300) : undefined;
    return { slug: clip(slug, 200), ...(title ? { title } : {}), areas: [...new Set(areas)] };
  });
  let guard: PrResult['guard'] = {
    ok: false,
    problems: [{ message: 'Bước kiểm tra phạm vi thay đổi không chạy xong.' }],
  };
  if (options.guardFile && existsSync(options.guardFile)) {
    const raw = JSON.parse(readFileSync(options.guardFile, 'utf8')) as PrResult['guard'];
    guard = { ok: raw.ok === true, problems: (raw.problems ?? []).slice(0, 500) };
  }
  const result: PrResult = {
    version: 1,
    pullRequest: options.pr,
    headSha: options.headSha,
    entries: entries.slice(0, 200),
    validation: {
      ok: validation.ok,
      findings: validation.findings.slice(0, 2000).map((finding) => ({
        file: clip(finding.file, 300),
        severity: finding.severity,
        ...(finding.field ? { field: clip(finding.field, 200) } : {}),
        ...(finding.line !== undefined ? { line: finding.line } : {}),
        message: clip(finding.message, 1000),
      })),
    },
    guard,
  };
  return prResultSchema.parse(result);
}

const HELP = `Cách dùng: node scripts/github/summary.ts --base NHÁNH_GỐC --pr SỐ --head-sha SHA --out THƯ_MỤC [--guard TỆP]

Tổng hợp kết quả kiểm tra một yêu cầu hợp nhất (lỗi nội dung, phạm vi thay đổi, nội dung
cải cách của sáng kiến) vào THƯ_MỤC/result.json để quy trình feedback đăng bình luận.`;

const OPTIONS = {
  base: { type: 'string' },
  pr: { type: 'string' },
  'head-sha': { type: 'string' },
  'any-path': { type: 'boolean' },
  out: { type: 'string' },
  guard: { type: 'string' },
  root: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

function parse(argv: string[]) {
  return parseArgs({ args: argv, options: OPTIONS });
}

export async function main(argv: string[]): Promise<number> {
  const parsed = readCommandLine(() => parse(argv), HELP);
  if (typeof parsed === 'number') return parsed;
  const { values } = parsed;
  try {
    const pr = Number(values.pr);
    if (
      !values.base ||
      !values.out ||
      !Number.isInteger(pr) ||
      pr < 1 ||
      !/^[0-9a-f]{40}$/.test(values['head-sha'] ?? '')
    ) {
      throw new UserError(`Thiếu hoặc sai tham số.\n\n${HELP}`);
    }
    const result = await summarise({
      root: values.root ?? process.cwd(),
      base: values.base,
      pr,
      headSha: values['head-sha'] ?? '',
      guardFile: values.guard,
      anyPath: values['any-path'],
    });
    mkdirSync(values.out, { recursive: true });
    writeFileSync(join(values.out, 'result.json'), `${JSON.stringify(result, null, 2)}\n`);
    console.log(
      `Đã ghi ${join(values.out, 'result.json')}: ${result.validation.findings.length} mục, ${result.entries.length} sáng kiến.`,
    );
    return 0;
  } catch (error) {
    console.error(explainGitHubError(error, 'tổng hợp kết quả kiểm tra'));
    return 1;
  }
}

if (isMain(import.meta)) process.exitCode = await main(process.argv.slice(2));
