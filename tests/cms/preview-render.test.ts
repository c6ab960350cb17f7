/**
 * The renderer the initiative page and the admin preview share (src/render): text is
 * escaped, vocabulary ids become names and links, dates read dd/mm/yyyy, a draft with
 * missing values still renders; and the editorial board's card text is plain.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { plainSummary } from '../../src/admin/workflow-cards.ts';
import { parseEntryText } from '../../src/model/read.ts';
import { blockHtml, h } from '../../src/render/html.ts';
import { draftIndicatorHtml } from '../../src/render/indicator.ts';
import {
  attachmentsSection,
  type InitiativePageContext,
  initiativeHead,
} from '../../src/render/initiative.ts';

const context: InitiativePageContext = {
  unit: { id: 'phong-noi-vu', name: 'Phòng Nội vụ' },
  campaign: { id: '2024-tanh-linh', title: 'Đợt năm 2024' },
  unitName: (id) => (id === 'phong-noi-vu' ? 'Phòng Nội vụ' : (id ?? '—')),
  attachments: [],
};

describe('the shared renderer', () => {
  it('escapes every text and attribute', () => {
    const html = h('a', { href: '"><script>x</script>', title: "it's" }, '<b>&</b>').value;
    expect(html).toBe(
      '<a href="&quot;&gt;&lt;script&gt;x&lt;/script&gt;" title="it&#39;s">&lt;b&gt;&amp;&lt;/b&gt;</a>',
    );
    const head = blockHtml(
      initiativeHead({ title: '<img src=x onerror=alert(1)>', summary: 'a & b' }, context),
    );
    expect(head).not.toContain('<img');
    expect(head).toContain('&lt;img src=x onerror=alert(1)&gt;');
  });

  it('names what the entry refers to, links the chips and writes dates dd/mm/yyyy', () => {
    const head = blockHtml(
      initiativeHead(
        {
          title: 'Một sáng kiến',
          unit: 'phong-noi-vu',
          areas: ['procedures'],
          goals: ['fewer-late-dossiers'],
          submitted: '2024-08-30',
          firstApplied: undefined,
          authors: [
            { name: 'Lê Văn A', position: 'Chuyên viên', unit: 'phong-noi-vu', share: 100 },
          ],
        },
        context,
      ),
    );
    expect(head).toContain(
      '<dt>Đợt phát động</dt><dd><a href="/dot-phat-dong/2024-tanh-linh/">Đợt năm 2024</a></dd>',
    );
    expect(head).toContain('<dd>30/08/2024</dd>');
    expect(head).toContain('Giảm hồ sơ trễ hẹn');
    expect(head).not.toContain('fewer-late-dossiers<');
    expect(head).toContain('<strong>Lê Văn A</strong>, Chuyên viên, Phòng Nội vụ — đóng góp 100%');
    // A date not given yet reads as a dash, not as an error.
    expect(head).toContain('<dd>—</dd>');
  });

  it('renders a draft indicator that lacks values, and attachments without a known size', () => {
    expect(draftIndicatorHtml({ kind: 'late-dossier-rate' }).value).toContain('Chưa đủ');
    const full = draftIndicatorHtml({
      kind: 'late-dossier-rate',
      before: { value: 18.4, period: '2023' },
      after: { value: 6.1, period: '2024' },
      source: 'Hệ thống một cửa',
    }).value;
    expect(full).toContain('giảm 12,3 điểm phần trăm');
    const files = attachmentsSection(
      {},
      {
        ...context,
        attachments: [
          { title: 'Sơ đồ', file: 'so-do.png', typeName: 'Hình ảnh', extension: 'PNG' },
        ],
      },
    );
    expect(files && blockHtml([files])).toContain('(Hình ảnh, PNG)');
  });
});

describe('the editorial board’s card text', () => {
  it('is the body as plain words: no headings, marks or link targets', () => {
    const file =
      'content/initiatives/mau-day-du-kiosk-tra-cuu-ho-so-tai-bo-phan-mot-cua-huyen/index.md';
    const { body } = parseEntryText(readFileSync(file, 'utf8'));
    expect(body).toMatch(/^## /m);
    const plain = plainSummary(body);
    expect(plain).not.toMatch(/##|\*\*|\]\(/);
    expect(plain.length).toBeLessThanOrEqual(221);
    expect(plain.endsWith('…')).toBe(true);
    expect(plainSummary('## Thực trạng\n\nNgười dân **phải** hỏi [nhiều lần](https://x.vn).')).toBe(
      'Người dân phải hỏi nhiều lần.',
    );
  });
});
