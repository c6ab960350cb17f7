/**
 * The yearbook's first pages as images, compared with reviewed references at low resolution,
 * so that a change of layout (cover, contents, foreword, a chapter with its chart, table and
 * QR code) is seen. After a deliberate change, rewrite the references with
 * `KHO_UPDATE_REFERENCES=1 npx vitest run tests/documents/yearbook-pages.test.ts`, look at
 * every image, and commit them.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pixelmatch from 'pixelmatch';
import { PNG } from 'pngjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { yearbookDocument } from '../../src/documents/yearbook/index.ts';
import { makeContentRoot, REPO } from './support.ts';

const REFERENCES = join(REPO, 'tests', 'documents', 'yearbook-reference');
/** Cover, contents, foreword, then the first chapter and its indicators, QR code and contact. */
const PAGES = [1, 2, 3, 4, 5];
const DPI = '30';
/** Share of pixels allowed to differ: anti-aliasing of another poppler, not a moved block. */
const TOLERANCE = 0.01;
const UPDATE = process.env.KHO_UPDATE_REFERENCES === '1';

let root: string;
let cleanup: () => void;
let work: string;
const rendered = new Map<number, PNG>();

beforeAll(async () => {
  ({ root, cleanup } = makeContentRoot());
  work = mkdtempSync(join(tmpdir(), 'kho-yearbook-pages-'));
  const result = await yearbookDocument(root, '2024-tanh-linh', 'pdf', {
    siteRoot: 'https://sangkien.example.gov.vn/',
  });
  const file = join(work, 'ky-yeu.pdf');
  writeFileSync(file, result.content);
  for (const page of PAGES) {
    const prefix = join(work, `page-${page}`);
    execFileSync('pdftoppm', [
      '-r',
      DPI,
      '-png',
      '-singlefile',
      '-f',
      String(page),
      '-l',
      String(page),
      file,
      prefix,
    ]);
    rendered.set(page, PNG.sync.read(readFileSync(`${prefix}.png`)));
  }
}, 600_000);

afterAll(() => {
  cleanup?.();
  if (work) rmSync(work, { recursive: true, force: true });
});

function difference(a: PNG, b: PNG): number {
  expect([a.width, a.height]).toEqual([b.width, b.height]);
  const changed = pixelmatch(a.data, b.data, undefined, a.width, a.height, { threshold: 0.2 });
  return changed / (a.width * a.height);
}

describe('yearbook pages against the reviewed references', () => {
  it.each(PAGES)('page %i looks as reviewed', (page) => {
    const image = rendered.get(page) as PNG;
    const reference = join(REFERENCES, `page-${page}.png`);
    if (UPDATE) {
      mkdirSync(REFERENCES, { recursive: true });
      writeFileSync(reference, PNG.sync.write(image));
    }
    expect(existsSync(reference), `${reference} (KHO_UPDATE_REFERENCES=1 to create it)`).toBe(true);
    expect(difference(image, PNG.sync.read(readFileSync(reference)))).toBeLessThanOrEqual(
      TOLERANCE,
    );
  });

  it('tells pages apart: the cover is not the contents page', () => {
    const cover = rendered.get(1) as PNG;
    const contents = PNG.sync.read(readFileSync(join(REFERENCES, 'page-2.png')));
    expect(difference(cover, contents)).toBeGreaterThan(TOLERANCE * 3);
  });
});
