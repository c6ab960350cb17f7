/**
 * The sample site of two organisers, built for real: each organiser has its page and its
 * campaigns, the header and footer name the organiser of what a page shows (beside the site's
 * own operator), the list filters by organiser, and an adaptation across organisers shows on
 * both initiatives' pages.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import type { BuiltSite } from '../../scripts/build/build-site.ts';
import { sampleOperator } from '../support/sample-operator.ts';
import { sharedSite } from '../support/shared-site.ts';

const DISTRICT = 'Ủy ban nhân dân huyện Tánh Linh';
const COMMUNE = 'Ủy ban nhân dân xã Tánh Linh';
const OLD = 'thanh-toan-le-phi-chung-thuc-bang-ma-qr-ngan-hang-tai-thi-tran-lac-tanh';
const NEW = 'mo-rong-thanh-toan-le-phi-bang-ma-qr-ra-moi-diem-tiep-nhan-cua-xa-tanh-linh';

let site: BuiltSite;

beforeAll(async () => {
  site = await sharedSite({ base: '/' });
}, 900_000);

const page = (path: string) => readFileSync(join(site.outDir, path, 'index.html'), 'utf8');

function part(html: string, tag: 'header' | 'footer' | 'main'): string {
  const match = new RegExp(`<${tag}[\\s>][\\s\\S]*?</${tag}>`).exec(html);
  if (!match) throw new Error(`no <${tag}>`);
  return match[0];
}

/** The text of the list item holding a link to `href`. */
function itemLinking(html: string, href: string): string {
  const at = html.indexOf(`href="/${href}"`);
  expect(at, href).toBeGreaterThan(-1);
  const start = html.lastIndexOf('<li', at);
  const end = html.indexOf('</li>', at);
  return html.slice(start, end).replace(/<[^>]+>/g, '');
}

describe('a site of two organisers', () => {
  test('the organisers’ archive lists both, each with its campaigns', () => {
    const html = part(page('co-quan-to-chuc'), 'main');
    expect(html).toContain(DISTRICT);
    expect(html).toContain(COMMUNE);
    expect(html).toContain('href="/co-quan-to-chuc/ubnd-huyen-tanh-linh/"');
    expect(html).toContain('href="/co-quan-to-chuc/ubnd-xa-tanh-linh/"');
    expect(html).toContain('đợt phát động năm 2024');
    expect(html).toContain('đợt phát động năm 2026');
  });

  // The commune runs the sample site: its own pages name it once, as the operator.
  test.each([
    ['co-quan-to-chuc/ubnd-xa-tanh-linh', COMMUNE, DISTRICT, 'mark-xa-tanh-linh.svg', false],
    ['dot-phat-dong/2026-xa-tanh-linh', COMMUNE, DISTRICT, 'mark-xa-tanh-linh.svg', false],
    [`sang-kien/${NEW}`, COMMUNE, DISTRICT, 'mark-xa-tanh-linh.svg', false],
    ['co-quan-to-chuc/ubnd-huyen-tanh-linh', DISTRICT, COMMUNE, 'agency-mark.svg', true],
    ['dot-phat-dong/2024-tanh-linh', DISTRICT, COMMUNE, 'agency-mark.svg', true],
    [`sang-kien/${OLD}`, DISTRICT, COMMUNE, 'agency-mark.svg', true],
  ])(
    '%s: header names %s; the footer its organiser and the site’s operator',
    (path, shown, other, mark, organiserBlock) => {
      const html = page(path);
      const header = part(html, 'header');
      expect(header).toContain(shown);
      expect(header).toContain(`/${mark}"`);
      expect(header).not.toContain(other);
      const footer = part(html, 'footer');
      expect(footer.includes('Cơ quan tổ chức:</strong> <a href="/co-quan-to-chuc/')).toBe(
        organiserBlock,
      );
      expect(footer).toContain(shown);
      expect(footer).toContain(
        `Cơ quan quản lý trang:</strong> <a href="/co-quan-to-chuc/${sampleOperator.id}/">${sampleOperator.name}</a>`,
      );
    },
  );

  test('a page of no organiser names the site’s operator only', () => {
    const header = part(page('thong-ke'), 'header');
    expect(header).toContain(sampleOperator.name);
    expect(part(page('thong-ke'), 'footer')).not.toContain('Cơ quan tổ chức:</strong>');
  });

  test('the organiser’s page shows its dated scope, campaigns and standing committee', () => {
    const html = part(page('co-quan-to-chuc/ubnd-xa-tanh-linh'), 'main');
    expect(html).toContain('UBND xã Tánh Linh</a> và các đơn vị trực thuộc, từ 01/07/2025');
    expect(html).toContain('href="/dot-phat-dong/2026-xa-tanh-linh/"');
    expect(html).not.toContain('href="/dot-phat-dong/2024-tanh-linh/"');
    expect(html).toContain('Trần Quốc Việt, Phó Chủ tịch Ủy ban nhân dân xã');
    const district = part(page('co-quan-to-chuc/ubnd-huyen-tanh-linh'), 'main');
    expect(district).toContain('đến 30/06/2025');
    expect(district).toContain('href="/dot-phat-dong/2024-tanh-linh/"');
  });

  test('only the operator’s page says it runs the site', () => {
    const says = '<dt>Cơ quan quản lý trang web</dt><dd>Cơ quan này quản lý trang web';
    expect(part(page(`co-quan-to-chuc/${sampleOperator.id}`), 'main')).toContain(says);
    for (const id of ['ubnd-xa-tanh-linh', 'ubnd-huyen-tanh-linh'].filter(
      (id) => id !== sampleOperator.id,
    )) {
      expect(part(page(`co-quan-to-chuc/${id}`), 'main')).not.toContain(says);
    }
  });

  test('an adaptation across organisers shows on both initiatives’ pages, with who organised each', () => {
    const fresh = part(page(`sang-kien/${NEW}`), 'main');
    expect(itemLinking(fresh, `sang-kien/${OLD}/`)).toContain(`${DISTRICT}, năm 2024`);
    const old = part(page(`sang-kien/${OLD}`), 'main');
    expect(itemLinking(old, `sang-kien/${NEW}/`)).toContain(`${COMMUNE}, năm 2026`);
    // Who organised, decided and adopted it, at the top of the page.
    const provenance = /<dl class="kho-facts kho-provenance[\s\S]*?<\/dl>/.exec(old)?.[0] ?? '';
    expect(provenance).toContain(DISTRICT);
    expect(provenance).toMatch(/Quyết định số [^<]+ của Ủy ban nhân dân huyện Tánh Linh/);
    expect(provenance).toContain('UBND xã Tánh Linh');
  });

  test('an adoption by a commune of the new province shows on the 2024 initiative', () => {
    const html = part(
      page('sang-kien/so-hoa-so-ho-tich-cu-de-cap-ban-sao-trich-luc-trong-ngay'),
      'main',
    );
    expect(itemLinking(html, 'don-vi/xa-suoi-kiet-lam-dong/')).toContain('15/09/2025');
  });

  test('the list filters by organiser, and campaigns tell their organisers apart', () => {
    const html = part(page('sang-kien'), 'main');
    expect(html).toContain('data-organiser="ubnd-xa-tanh-linh"');
    expect(html).toContain('data-organiser="ubnd-huyen-tanh-linh"');
    expect(html).toContain('Năm 2026 – UBND xã Tánh Linh');
    expect(html).toContain('Năm 2024 – UBND huyện Tánh Linh');
  });
});
