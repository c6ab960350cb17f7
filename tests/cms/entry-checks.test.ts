/**
 * The admin's side of the gate, without a browser: the form's data becomes the file Decap
 * would save and is checked by the validator's rules (src/validator/entry-rules.ts), each
 * problem named by its form label; the backends refuse "ready" and "publish" for an entry
 * with errors and show the server's refusals without Decap's "API_ERROR:" prefix.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cmsConfig } from '../../src/admin/config.ts';
import { entryContext } from '../../src/admin/content-data.ts';
import {
  checkEntryText,
  checkForm,
  entryTextOf,
  type FieldConfig,
  problemText,
} from '../../src/admin/entry-checks.ts';
import { ORIGINAL, QUIET_FRONT_MATTER, quietFrontMatterFormat } from '../../src/admin/formats.ts';
import { type GateableBackend, withEntryGate } from '../../src/admin/gated-backend.ts';
import { initiativeValueSerializer } from '../../src/admin/initiative-widget.ts';
import { MessageError } from '../../src/admin/message-error.ts';
import { parseEntryText } from '../../src/model/read.ts';

const project = resolve(import.meta.dirname, '../..');
const SAMPLE = 'nhac-han-tu-dong-tren-he-thong-mot-cua-dien-tu-cho-ho-so-dat-dai';
const samplePath = `content/initiatives/${SAMPLE}/index.md`;
const sample = readFileSync(join(project, samplePath), 'utf8');
const initiatives = cmsConfig.collections.find((each) => each.name === 'initiatives');
const fields = (initiatives && 'fields' in initiatives ? initiatives.fields : []) as FieldConfig[];
/** Inside the sample campaign's period (2024-06-01 … 2024-09-04). */
const context = (isNew = true) => entryContext(isNew, '2024-08-25');

/** The sample as Decap holds it in the form: data, body, references with `/index`. */
function formOf(text: string): Record<string, unknown> {
  const { data, body } = parseEntryText(text);
  return { ...data, adaptedFrom: ['mot-sang-kien-khac/index'], body };
}

describe('the form as the file Decap would save', () => {
  it('serializes references to initiatives to the bare folder name, keeps the body', () => {
    const text = entryTextOf(formOf(sample), fields);
    const { data, body } = parseEntryText(text);
    expect(data?.adaptedFrom).toEqual(['mot-sang-kien-khac']);
    expect(data?.title).toBe(parseEntryText(sample).data?.title);
    expect(body.trim()).toBe(parseEntryText(sample).body.trim());
  });

  it('finds nothing wrong with a valid entry but what needs other entries', () => {
    const problems = checkForm(formOf(sample), fields, samplePath, context(false));
    expect(problems.filter((problem) => problem.severity === 'error')).toEqual([]);
  });

  it('names each problem by the label of its field', () => {
    const form = formOf(sample);
    const authors = (form.authors as Record<string, unknown>[]).slice(0, 2);
    Object.assign(authors[0] as object, { share: 60 });
    Object.assign(authors[1] as object, { share: 30 });
    const problems = checkForm(
      {
        ...form,
        authors,
        submitted: '2024-09-30',
        summary: `${form.summary} Liên hệ 0912 345 678.`,
        body: '## Thực trạng và vấn đề cần giải quyết\n\n## Nội dung giải pháp\n\nCó.\n',
      },
      fields,
      samplePath,
      context(),
    );
    const shown = problems
      .filter((problem) => problem.severity === 'error')
      .map((problem) => [problem.label, problem.message]);
    expect(shown).toEqual(
      expect.arrayContaining([
        ['Tác giả', 'Tổng tỷ lệ đóng góp là 90%, phải bằng 100%.'],
        ['Ngày gửi', 'Ngày gửi 30/09/2024 sau hạn cuối của đợt (04/09/2024, giờ Việt Nam).'],
        [
          'Tóm tắt',
          'Có số điện thoại: không ghi thông tin liên lạc hoặc định danh cá nhân trong hồ sơ công khai.',
        ],
        [
          'Nội dung sáng kiến, dòng 1',
          expect.stringMatching(/^Mục "Thực trạng và vấn đề cần giải quyết" chưa có nội dung\./),
        ],
        ['Nội dung sáng kiến, dòng 1', expect.stringMatching(/^Thiếu mục "## Tính mới/)],
      ]),
    );
  });

  it('knows the campaigns and units of the build', () => {
    const unknown = checkForm(
      { ...formOf(sample), campaign: '2030-khong-co', unit: 'xa-khong-co' },
      fields,
      samplePath,
      context(),
    ).map((problem) => problem.problem.code);
    expect(unknown).toEqual(expect.arrayContaining(['references.campaign', 'references.unit']));
  });
});

/**
 * An initiative file as Decap's form holds it once loaded: read by the collection's format,
 * references to initiatives given back their `/index` (the widget's value serializer).
 */
function loaded(text: string): Record<string, unknown> {
  const data = quietFrontMatterFormat.fromFile(text);
  if (data.adaptedFrom) data.adaptedFrom = initiativeValueSerializer.deserialize(data.adaptedFrom);
  return structuredClone(data);
}

/** The 1-based numbers of the lines that differ between two texts of as many lines. */
function differentLines(before: string, after: string): number[] {
  const a = before.split('\n');
  const b = after.split('\n');
  expect(b.length).toBe(a.length);
  return a.flatMap((line, index) => (line === b[index] ? [] : [index + 1]));
}

describe('saving an initiative written by hand changes only what was edited', () => {
  const samples = readdirSync(join(project, 'content/initiatives')).map(
    (name) => `content/initiatives/${name}/index.md`,
  );

  it('initiatives are saved through the quiet format', () => {
    expect((initiatives as { format?: string }).format).toBe(QUIET_FRONT_MATTER);
  });

  for (const path of samples) {
    const text = readFileSync(join(project, path), 'utf8');

    it(`${path}: opened and saved unchanged, the file is byte for byte the same`, () => {
      const written = entryTextOf(loaded(text), fields);
      expect(written).not.toContain(ORIGINAL);
      expect(written).toBe(text);
    });

    it(`${path}: one value edited in the form changes one line of the file`, () => {
      const form = loaded(text);
      const before = form.title as string;
      const written = entryTextOf({ ...form, title: `${before} (sửa)` }, fields);
      const lines = differentLines(text, written);
      expect(lines).toHaveLength(1);
      expect(written.split('\n')[(lines[0] as number) - 1]).toContain(`${before} (sửa)`);
      const edited = entryTextOf(
        { ...form, body: `${form.body as string}\nMột dòng thêm.\n` },
        fields,
      );
      expect(edited.startsWith(text.trimEnd())).toBe(true);
    });

    it(`${path}: the checks see no key the form carries for itself`, () => {
      const problems = checkForm(loaded(text), fields, path, context(false));
      expect(problems.map((problem) => problemText(problem)).join('\n')).not.toContain(ORIGINAL);
    });
  }
});

/** A backend as Decap's proxy and GitHub backends are, holding one unpublished entry. */
function fakeBackend(text: string, failWith?: Error) {
  const calls: string[] = [];
  class Fake implements GateableBackend {
    async unpublishedEntry() {
      return { diffs: [{ path: samplePath, id: 'x', newFile: true }] };
    }
    async unpublishedEntryDataFile() {
      return text;
    }
    async updateUnpublishedEntryStatus(_collection: string, _slug: string, status: string) {
      if (failWith) throw failWith;
      calls.push(`status ${status}`);
    }
    async publishUnpublishedEntry() {
      calls.push('publish');
    }
    async persistEntry() {
      if (failWith) throw failWith;
      calls.push('save');
    }
  }
  const Gated = withEntryGate(Fake);
  return { backend: new Gated(), calls };
}

describe('the backends refuse ready and publish for an entry with errors', () => {
  // The sample's campaign has closed by now: the refusal names the deadline, as the validator does.
  const invalid = sample.replace('share: 20', 'share: 10');

  it('refuses, in Vietnamese, and does not ask the server', async () => {
    const { backend, calls } = fakeBackend(invalid);
    const ready = backend.updateUnpublishedEntryStatus(
      'initiatives',
      `${SAMPLE}/index`,
      'pending_publish',
    );
    await expect(ready).rejects.toBeInstanceOf(MessageError);
    const error = await ready.catch((cause: unknown) => cause as Error);
    expect(String(error)).toMatch(/^Chưa chuyển được sang “Sẵn sàng công bố”: bài còn \d+ lỗi\./);
    expect(String(error)).toContain('• Tác giả: Tổng tỷ lệ đóng góp là 90%, phải bằng 100%.');
    await expect(backend.publishUnpublishedEntry('initiatives', `${SAMPLE}/index`)).rejects.toThrow(
      /^Chưa công bố được sáng kiến này: bài còn \d+ lỗi\./,
    );
    expect(calls).toEqual([]);
  });

  it('lets a draft with errors be saved and moved between the other states', async () => {
    const { backend, calls } = fakeBackend(invalid);
    await backend.persistEntry({}, {});
    await backend.updateUnpublishedEntryStatus('initiatives', `${SAMPLE}/index`, 'pending_review');
    await backend.updateUnpublishedEntryStatus('initiatives', `${SAMPLE}/index`, 'draft');
    expect(calls).toEqual(['save', 'status pending_review', 'status draft']);
  });

  it('shows a server refusal as its message alone', async () => {
    const apiError = Object.assign(
      new Error('Chưa công bố được: bài chưa ở trạng thái “Sẵn sàng công bố”.'),
      {
        name: 'API_ERROR',
        status: 422,
      },
    );
    expect(String(apiError)).toMatch(/^API_ERROR: /);
    const { backend } = fakeBackend(sample, apiError);
    const error = await backend.persistEntry({}, {}).catch((cause: unknown) => cause);
    expect(String(error)).toBe('Chưa công bố được: bài chưa ở trạng thái “Sẵn sàng công bố”.');
  });

  it('checks the text saved on the branch, with the rules of the validator', () => {
    const codes = checkEntryText(invalid, samplePath, context()).map(
      (problem) => problem.problem.code,
    );
    expect(codes).toEqual(['schema.invalid']);
  });
});
