/**
 * HTML validity of the built site: html-validate with the project's `.htmlvalidate.json` (the
 * `html-validate:recommended` preset) over pages as the server sends them.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type ConfigData, HtmlValidate, StaticConfigLoader } from 'html-validate';
import { projectRoot } from './site.ts';

/**
 * Why each rule of the preset that the project's configuration changes is changed. JSON has no
 * comments, so the reasons live here, and a test keeps this list and the file in step.
 */
export const RULE_CHANGES: Record<string, string> = {
  // The rule is advice for search results, not validity: a page's title is the full name of its
  // initiative, campaign or reform area (the content model allows 200 characters), which
  // screen readers, tabs and bookmarks need whole. A search engine shortens it itself.
  'long-title':
    'Tiêu đề trang là tên đầy đủ của sáng kiến, đợt, nội dung cải cách (tới 200 ký tự); cắt đi thì trình đọc màn hình, thẻ trình duyệt, dấu trang mất tên.',
};

export function projectConfig(): ConfigData {
  return JSON.parse(readFileSync(join(projectRoot, '.htmlvalidate.json'), 'utf8')) as ConfigData;
}

/** Every error and warning of the pages at these addresses, one line each ("" when valid). */
export async function htmlProblems(urls: readonly string[]): Promise<string[]> {
  const validator = new HtmlValidate(new StaticConfigLoader(projectConfig()));
  const problems: string[] = [];
  for (const url of urls) {
    const response = await fetch(url);
    const html = await response.text();
    const report = await validator.validateString(html, url);
    for (const result of report.results) {
      for (const message of result.messages) {
        problems.push(
          `${new URL(url).pathname}:${message.line}:${message.column} ${message.ruleId}: ${message.message} [${message.selector ?? ''}]`,
        );
      }
    }
  }
  return problems;
}
