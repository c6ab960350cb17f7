import { truncateSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { validate } from '../../src/validator/index.ts';
import {
  bodyOf,
  EXE,
  type Fixture,
  initiativeData,
  JPEG,
  makeFixture,
  PDF,
  PNG,
  problemsOf,
  ZIP,
} from '../support/fixtures.ts';

let fixture: Fixture | undefined;
afterEach(() => fixture?.cleanup());

const MB = 1024 * 1024;

async function check(
  files: Record<string, Buffer>,
  listed: string[],
  sizes: Record<string, number> = {},
) {
  fixture = makeFixture();
  const attachments = listed.map((file) => ({ file, title: `Tệp ${file}` }));
  const path = fixture.initiative('dinh-kem', initiativeData({ attachments }), bodyOf(), files);
  for (const [name, size] of Object.entries(sizes)) {
    truncateSync(fixture.path(`content/initiatives/dinh-kem/${name}`), size);
  }
  return problemsOf(await validate({ root: fixture.root }), path);
}

describe('attachments rule', () => {
  it('accepts declared files of allowed types whose bytes match', async () => {
    const problems = await check(
      { 'so-do.png': PNG, 'anh.jpg': JPEG, 'bao-cao.pdf': PDF, 'mau.docx': ZIP },
      ['so-do.png', 'anh.jpg', 'bao-cao.pdf', 'mau.docx'],
    );
    expect(problems).toEqual([]);
  });

  it('reports a declared file that is missing', async () => {
    const problems = await check({}, ['so-do.png']);
    expect(problems).toEqual([
      expect.objectContaining({
        code: 'attachments.missing',
        field: 'attachments[0].file',
        line: expect.any(Number),
      }),
    ]);
  });

  it('reports a file whose bytes do not match its extension (renamed program, JPEG named .png)', async () => {
    const problems = await check({ 'so-do.png': EXE, 'anh.png': JPEG }, ['so-do.png', 'anh.png']);
    expect(problems.map((p) => [p.code, p.field])).toEqual([
      ['attachments.type-mismatch', 'attachments[0].file'],
      ['attachments.type-mismatch', 'attachments[1].file'],
    ]);
  });

  it('checks the WebP signature beyond RIFF', async () => {
    const avi = Buffer.from('RIFF\x00\x00\x00\x00AVI LIST', 'latin1');
    const webp = Buffer.from('RIFF\x00\x00\x00\x00WEBPVP8 ', 'latin1');
    expect((await check({ 'a.webp': avi }, ['a.webp'])).map((p) => p.code)).toEqual([
      'attachments.type-mismatch',
    ]);
    fixture?.cleanup();
    expect(await check({ 'a.webp': webp }, ['a.webp'])).toEqual([]);
  });

  it('enforces per-type and per-entry size limits', async () => {
    const big = await check({ 'anh.png': PNG }, ['anh.png'], { 'anh.png': 5 * MB + 1 });
    expect(big.map((p) => p.code)).toEqual(['attachments.too-large']);
    fixture?.cleanup();
    const ok = await check({ 'anh.png': PNG }, ['anh.png'], { 'anh.png': 5 * MB });
    expect(ok).toEqual([]);
    fixture?.cleanup();
    const total = await check(
      { 'a.pdf': PDF, 'b.pdf': PDF, 'c.pdf': PDF },
      ['a.pdf', 'b.pdf', 'c.pdf'],
      { 'a.pdf': 9 * MB, 'b.pdf': 9 * MB, 'c.pdf': 9 * MB },
    );
    expect(total.map((p) => p.code)).toEqual(['attachments.total-too-large']);
  });

  it('refuses video files with "video phải là đường liên kết"', async () => {
    const problems = await check({ 'clip.mp4': Buffer.from('....ftypmp42') }, ['clip.mp4']);
    expect(problems.filter((p) => p.code === 'attachments.video')).toEqual([
      expect.objectContaining({ message: expect.stringContaining('video phải là đường liên kết') }),
    ]);
    fixture?.cleanup();
    const stray = await check({ 'quay-phim.mov': Buffer.from('x') }, []);
    expect(stray.map((p) => p.code)).toEqual(['attachments.video']);
  });

  it('warns about undeclared files and refuses dangerous ones', async () => {
    const problems = await check(
      {
        'ghi-chu.txt': Buffer.from('x'),
        'trang.html': Buffer.from('<script>'),
        'index.mdx': Buffer.from('x'),
      },
      [],
    );
    expect(problems.map((p) => [p.code, p.severity])).toEqual([
      ['attachments.unlisted', 'warning'],
      ['safety.entry-extension', 'error'],
      ['safety.file-type', 'error'],
    ]);
  });
});
