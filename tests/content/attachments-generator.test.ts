/**
 * The sample attachments are generated, not drawn by hand: this runs the
 * generator into a temporary folder and checks that it reproduces every
 * attachment the samples declare, as genuine files with Vietnamese text.
 */

import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import mammoth from 'mammoth';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { collections, contentPaths } from '../../src/model/collections.ts';
import { readRecords } from '../../src/model/files.ts';
import { attachmentTypeOf } from '../../src/schemas/index.ts';

const root = fileURLToPath(new URL('../../', import.meta.url));
const script = join(root, 'scripts/samples/attachments.ts');
const VIETNAMESE = /[ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ]/i;

const declared = readRecords(root, collections.initiatives).flatMap((record) => {
  const data = record.raw as { attachments?: { file: string }[] };
  return (data.attachments ?? []).map((attachment) => ({ slug: record.id, file: attachment.file }));
});

describe('samples:attachments', () => {
  let out: string;
  beforeAll(() => {
    out = mkdtempSync(join(tmpdir(), 'sample-attachments-'));
    execFileSync(process.execPath, [script, '--out', out], { stdio: 'pipe' });
  });
  afterAll(() => rmSync(out, { recursive: true, force: true }));

  it('reproduces every attachment declared by a sample entry', () => {
    expect(declared.length).toBeGreaterThan(0);
    for (const { slug, file } of declared) {
      expect(existsSync(join(out, slug, file)), `${slug}/${file}`).toBe(true);
    }
  });

  it.each(declared.map(({ slug, file }) => [`${slug}/${file}`, slug, file]))(
    '%s is a genuine file of its type',
    async (_name, slug, file) => {
      const generated = readFileSync(join(out, slug, file));
      const committed = readFileSync(join(root, contentPaths.initiatives, slug, file));
      const type = attachmentTypeOf(file);
      if (type === 'image') {
        const [fresh, kept] = await Promise.all([
          sharp(generated).metadata(),
          sharp(committed).metadata(),
        ]);
        expect(fresh.format).toBe(file.endsWith('.png') ? 'png' : 'jpeg');
        expect(fresh.width).toBeGreaterThan(300);
        expect([kept.format, kept.width, kept.height]).toEqual([
          fresh.format,
          fresh.width,
          fresh.height,
        ]);
      } else if (type === 'pdf') {
        const text = generated.toString('latin1');
        expect(text.startsWith('%PDF-')).toBe(true);
        expect(text.trimEnd().endsWith('%%EOF')).toBe(true);
        // Vietnamese needs an embedded TrueType font; the 14 standard PDF fonts lack its letters.
        expect(text).toContain('/FontFile2');
      } else if (type === 'office') {
        const { value } = await mammoth.extractRawText({ buffer: generated });
        expect(value).toMatch(VIETNAMESE);
        expect(value.normalize('NFC')).toBe(value);
      } else {
        throw new Error(`unexpected attachment type for ${file}`);
      }
    },
  );

  it('refuses unknown arguments with a Vietnamese message', () => {
    let status = 0;
    let stderr = '';
    try {
      execFileSync(process.execPath, [script, '--bogus'], { stdio: 'pipe', encoding: 'utf8' });
    } catch (error) {
      ({ status, stderr } = error as { status: number; stderr: string });
    }
    expect(status).toBe(2);
    expect(stderr).toContain('Tham số không hợp lệ');
  });
});
