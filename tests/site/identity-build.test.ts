/**
 * The real build names the operator in every page's header and footer, with its contacts and the
 * data's last update (the same day as the open data's `modified`), and the "Giới thiệu" page
 * tells readers whom to write to.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import type { BuiltSite } from '../../scripts/build/build-site.ts';
import { formatDate } from '../../src/core/dates.ts';
import { pickCurrentCampaign } from '../../src/lib/catalog.ts';
import { phoneText } from '../../src/lib/site.ts';
import { loadContent } from '../../src/model/files.ts';
import { sampleOperator } from '../support/sample-operator.ts';
import { sharedSite } from '../support/shared-site.ts';

let site: BuiltSite;
let modified: string;

beforeAll(async () => {
  site = await sharedSite({ searchPartSize: 8 });
  modified = JSON.parse(
    readFileSync(join(site.outDir, 'du-lieu', 'initiatives.json'), 'utf8'),
  ).modified;
}, 600_000);

function part(html: string, tag: 'header' | 'footer' | 'main'): string {
  const match = new RegExp(`<${tag}[\\s>][\\s\\S]*?</${tag}>`).exec(html);
  if (!match) throw new Error(`no <${tag}>`);
  return match[0];
}

const operator = sampleOperator;

describe('built pages carry the operator', () => {
  test.each(['index.html', 'sang-kien/index.html', 'gioi-thieu/index.html', '404.html'])(
    '%s: header and footer',
    (file) => {
      const html = readFileSync(join(site.outDir, file), 'utf8');
      const header = part(html, 'header');
      expect(header).toContain(operator.name);
      expect(header).toContain(`${operator.mark}"`);
      const footer = part(html, 'footer');
      for (const text of [
        operator.name,
        operator.office,
        operator.address,
        // Spaces of the number do not break (html-validate's tel-non-breaking).
        phoneText(operator.phone),
        operator.email,
      ]) {
        expect(footer).toContain(text);
      }
      expect(modified).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(footer).toContain(`<time datetime="${modified}">${formatDate(modified)}</time>`);
    },
  );

  test('the mark is published', () => {
    expect(readFileSync(join(site.outDir, operator.mark), 'utf8')).toContain('<svg');
  });

  test('the open data names the operator as its publisher, on the data page too', () => {
    const json = JSON.parse(readFileSync(join(site.outDir, 'du-lieu', 'initiatives.json'), 'utf8'));
    expect(json.publisher).toEqual({
      name: operator.name,
      office: operator.office,
      email: operator.email,
      url: operator.website ?? null,
    });
    const main = part(readFileSync(join(site.outDir, 'du-lieu', 'index.html'), 'utf8'), 'main');
    expect(main).toContain(`Cơ quan công bố dữ liệu: ${operator.name}`);
    expect(main).toContain(`mailto:${operator.email}`);
  });

  test('"Giới thiệu" names the agency and its office to write to', () => {
    const main = part(readFileSync(join(site.outDir, 'gioi-thieu', 'index.html'), 'utf8'), 'main');
    expect(main).toContain(operator.name);
    expect(main).toContain(operator.office);
    expect(main).toContain(`mailto:${operator.email}`);
    expect(main).not.toContain('đơn vị quản lý trang.');
  });
});

describe('the guide never calls a campaign past its deadline open', () => {
  test('with no campaign open, it says so and shows the latest one’s criteria as such', async () => {
    const main = part(readFileSync(join(site.outDir, 'huong-dan', 'index.html'), 'utf8'), 'main');
    const latest = pickCurrentCampaign(
      (await loadContent()).campaigns.flatMap((entry) =>
        entry.data ? [{ id: entry.id, data: entry.data }] : [],
      ),
    );
    expect(latest?.data.status).not.toBe('open');
    expect(main).toContain('Hiện không có đợt nào đang nhận sáng kiến. Đợt gần nhất:');
    expect(main).toContain(`>${latest?.data.title}</a> (đang tổng hợp, xét chọn)`);
    expect(main).toContain(`đến hết ngày ${formatDate(latest?.data.deadline ?? '')}`);
    expect(main).toContain('<caption>Tiêu chí chấm điểm của đợt gần nhất</caption>');
    expect(main).not.toContain('Đợt đang nhận sáng kiến');
    const home = part(readFileSync(join(site.outDir, 'index.html'), 'utf8'), 'main');
    expect(home).toMatch(
      new RegExp(
        `class="kho-button" href="${site.base}huong-dan/"[^>]*>Hướng dẫn gửi sáng kiến</a>`,
      ),
    );
    expect(home).not.toContain('Cách tham gia');
  });
});

describe("the home page leads with search and the year's goals", () => {
  test('search, then goals, then recognised initiatives, then figures and the campaign', async () => {
    const main = part(readFileSync(join(site.outDir, 'index.html'), 'utf8'), 'main');
    const at = (marker: string) => {
      const index = main.indexOf(marker);
      expect(index, marker).toBeGreaterThan(-1);
      return index;
    };
    const order = [
      at('role="search"'),
      at('id="muc-tieu"'),
      at('id="tieu-bieu"'),
      at('Số liệu chính'),
      at('id="dot-hien-tai"'),
    ];
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    const form = /<form[^>]*role="search"[^>]*>[\s\S]*?<\/form>/.exec(main)?.[0] ?? '';
    expect(form).toMatch(new RegExp(`action="${site.base}tim-kiem/"`));
    expect(form).toContain('name="q"');
    const goals = /id="muc-tieu"[\s\S]*?<\/section>/.exec(main)?.[0] ?? '';
    const links = [...goals.matchAll(/href="[^"]*\/sang-kien\/muc-tieu\/[^"]+"/g)];
    // The current campaign's goals: the open one, else the latest year's.
    const current = pickCurrentCampaign(
      (await loadContent()).campaigns.flatMap((entry) =>
        entry.data ? [{ id: entry.id, data: entry.data }] : [],
      ),
    );
    expect(links.length).toBe(current?.data.theme.goals.length);
  });
});
