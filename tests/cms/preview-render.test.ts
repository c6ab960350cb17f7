/**
 * The renderer the initiative page and the admin preview share (src/render): text is
 * escaped, vocabulary ids become names and links, dates read dd/mm/yyyy, a draft with
 * missing values still renders; and the editorial board's card text is plain.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { bundledStatus, loadDecisions } from '../../src/admin/content-data.ts';
import { plainSummary } from '../../src/admin/workflow-cards.ts';
import { parseEntryText } from '../../src/model/read.ts';
import { blockHtml, h } from '../../src/render/html.ts';
import { draftIndicatorHtml } from '../../src/render/indicator.ts';
import {
  attachmentsSection,
  type InitiativePageContext,
  initiativeHead,
  provenanceList,
  undecidedSection,
} from '../../src/render/initiative.ts';

const context: InitiativePageContext = {
  status: { id: 'undecided', label: 'Chưa xét' },
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

  it('draws an indicator as the page does: direction, before → after, a worded verdict', () => {
    const full = draftIndicatorHtml({
      kind: 'other',
      label: 'Cuộc gọi hỏi tình trạng hồ sơ',
      unit: 'cuộc gọi',
      better: 'lower',
      before: { value: 420, period: 'Quý I' },
      after: { value: 95, period: 'Quý III' },
      source: 'Sổ trực',
    }).value;
    expect(full).toContain('<p class="kho-muted">Chỉ số khác · Càng thấp càng tốt</p>');
    expect(full).toContain(
      '<span class="kho-indicator-big">420 <span aria-hidden="true">→</span><span class="kho-visually-hidden">, sau khi áp dụng:</span> 95</span><span class="kho-indicator-unit">cuộc gọi</span>',
    );
    expect(full).toContain('<p class="kho-verdict" data-verdict="improved">');
    expect(full).toContain(
      '<strong>Cải thiện</strong>: giảm 325 cuộc gọi, tức giảm 77,4% so với trước.',
    );
    // An "other" indicator says which way is better; until it does, no verdict is drawn.
    const undirected = {
      kind: 'other',
      label: 'Cuộc gọi',
      unit: 'cuộc gọi',
      before: { value: 420 },
      after: { value: 95 },
    };
    const pending = draftIndicatorHtml(undirected).value;
    expect(pending).toContain('Chưa đủ');
    expect(pending).not.toContain('kho-verdict');
  });

  it('states the committee status in the header, and a pending decision below', () => {
    const recognised = blockHtml(
      initiativeHead(
        { title: 'Một sáng kiến' },
        { ...context, status: { id: 'recognised', label: 'Được công nhận — Xuất sắc' } },
      ),
    );
    expect(recognised).toContain(
      '<dt>Kết quả xét của Hội đồng</dt><dd><span class="kho-status" data-status="recognised">Được công nhận — Xuất sắc</span> <a href="#quyet-dinh">chi tiết</a></dd>',
    );
    expect(undecidedSection({ id: 'recognised', label: 'Được công nhận' })).toBeUndefined();
    const pending = undecidedSection({ id: 'undecided', label: 'Chưa xét' });
    expect(pending && blockHtml([pending])).toContain(
      '<h2 id="quyet-dinh">Kết quả xét của Hội đồng</h2><p><span class="kho-status" data-status="undecided">Chưa xét</span> Hội đồng chưa có quyết định',
    );
  });

  it('reads the status from the decisions bundled with the admin, as the site does', async () => {
    expect(bundledStatus(undefined, '2024-tanh-linh')).toBeUndefined();
    await loadDecisions();
    const kiosk = 'mau-day-du-kiosk-tra-cuu-ho-so-tai-bo-phan-mot-cua-huyen';
    expect(bundledStatus(kiosk, '2024-tanh-linh')).toMatchObject({
      id: 'recognised',
      label: 'Được công nhận — Xuất sắc',
    });
    // Only the decision of the entry's own campaign counts; a new entry has none.
    expect(bundledStatus(kiosk, '2025-khac')?.id).toBe('undecided');
    expect(bundledStatus(undefined, '2024-tanh-linh')?.label).toBe('Chưa xét');
  });
});

describe('the record of an initiative (organiser, decision, adopters)', () => {
  const text = (html: string) => html.replace(/<[^>]+>/g, '');

  it('links the organiser and the campaign, dates the decision and lists who took it up', () => {
    const html = blockHtml([
      provenanceList({
        organiser: { id: 'ubnd-huyen-tanh-linh', name: 'Ủy ban nhân dân huyện Tánh Linh' },
        campaign: { id: '2024-tanh-linh', year: 2024 },
        decision: { number: '12/QĐ-UBND', date: '2024-09-30', issuer: 'UBND huyện <Tánh Linh>' },
        adopters: ['Xã Đức Bình', 'UBND xã Nghị Đức'],
      }),
    ]);
    expect(html).toMatch(/^<dl class="kho-facts kho-provenance" data-pagefind-ignore>/);
    expect(html).toContain('<a href="/co-quan-to-chuc/ubnd-huyen-tanh-linh/">');
    expect(html).toContain('<a href="/dot-phat-dong/2024-tanh-linh/">đợt năm 2024</a>');
    expect(text(html)).toBe(
      'Cơ quan tổ chứcỦy ban nhân dân huyện Tánh Linh, đợt năm 2024' +
        'Quyết địnhQuyết định số 12/QĐ-UBND ngày 30/09/2024 của UBND huyện &lt;Tánh Linh&gt;' +
        'Áp dụng, nhân rộngXã Đức Bình; UBND xã Nghị Đức',
    );
  });

  it('says what is not there yet, and "—" for what a preview does not know yet', () => {
    const none = text(blockHtml([provenanceList({ adopters: [] })]));
    expect(none).toBe(
      'Cơ quan tổ chức—Quyết địnhChưa có quyết định của Hội đồngÁp dụng, nhân rộngChưa có đơn vị báo cáo áp dụng',
    );
    const unknown = text(blockHtml([provenanceList({ adopters: undefined })]));
    expect(unknown).toMatch(/Áp dụng, nhân rộng—$/);
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
