/**
 * SITE_URL is read by the Astro config, the site build and the yearbook (its QR codes). One
 * check, in siteUrl(): anything but an absolute http(s) address is refused in Vietnamese,
 * naming SITE_URL and the value, instead of an "Invalid URL" or a "null" origin in every link.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { astroBuildCommand } from '../../scripts/build/astro-command.ts';
import { cleanEnv, projectRoot } from '../../scripts/build/build-site.ts';
import { EXIT, UsageError } from '../../src/core/exit-codes.ts';
import { UserError } from '../../src/documents/common/errors.ts';
import { publicRoot } from '../../src/documents/yearbook/index.ts';
import {
  buildSiteUrl,
  DEFAULT_SITE_URL,
  SiteUrlError,
  siteUrl,
} from '../../src/lib/deploy-config.ts';

const EXAMPLE = 'https://sangkien.tanhlinh.gov.vn';
const refusal = (value: string) =>
  `SITE_URL không phải địa chỉ hợp lệ: “${value}”. Cần địa chỉ đầy đủ, bắt đầu bằng https:// (hoặc http:// khi xem thử trên máy), ví dụ SITE_URL=${EXAMPLE}`;

const BAD = [
  'localhost:4321',
  'javascript:alert(1)',
  'sangkien.tanhlinh.gov.vn',
  'ftp://sangkien.tanhlinh.gov.vn',
  'file:///srv/kho',
  'http:sangkien.tanhlinh.gov.vn',
  'https://',
];

function run(command: string, args: string[], env: NodeJS.ProcessEnv) {
  return new Promise<{ code: number; output: string }>((done) => {
    execFile(command, args, { cwd: projectRoot, env }, (error, stdout, stderr) =>
      done({
        code: error ? Number((error as { code?: number }).code ?? 1) : 0,
        output: `${stdout}${stderr}`,
      }),
    );
  });
}

describe('siteUrl', () => {
  it.each([
    [undefined, DEFAULT_SITE_URL],
    ['', DEFAULT_SITE_URL],
    ['   ', DEFAULT_SITE_URL],
    [EXAMPLE, EXAMPLE],
    [`${EXAMPLE}/`, EXAMPLE],
    ['https://owner.github.io/kho-sang-kien/', 'https://owner.github.io/kho-sang-kien'],
    ['http://localhost:4321', 'http://localhost:4321'],
    ['http://127.0.0.1:4321/kho', 'http://127.0.0.1:4321/kho'],
    ['  HTTPS://SangKien.TanhLinh.gov.vn/a/b//  ', 'https://sangkien.tanhlinh.gov.vn/a/b'],
  ])('%j → %s', (value, expected) => {
    expect(siteUrl(value)).toBe(expected);
  });

  it.each(BAD)('refuses %j, naming SITE_URL, the value and an example', (value) => {
    let thrown: unknown;
    try {
      siteUrl(value);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(SiteUrlError);
    expect(thrown).toBeInstanceOf(UsageError);
    expect((thrown as SiteUrlError).exitCode).toBe(EXIT.usage);
    expect((thrown as Error).message).toBe(refusal(value));
    // Astro prints a config error's stack under its message: there is none to print.
    expect((thrown as Error).stack).toBe('');
  });

  it('a build, deploy or not, refuses with the same message', () => {
    for (const value of BAD) {
      expect(() => buildSiteUrl({ SITE_URL: value })).toThrow(refusal(value));
      expect(() => buildSiteUrl({ KHO_DEPLOY: '1', SITE_URL: value })).toThrow(refusal(value));
    }
    expect(buildSiteUrl({ KHO_DEPLOY: '1', SITE_URL: `${EXAMPLE}/kho/` })).toBe(`${EXAMPLE}/kho`);
  });

  it("the yearbook's QR root refuses it as a message for the person", () => {
    expect(() => publicRoot({ SITE_URL: 'localhost:4321' })).toThrow(UserError);
    expect(() => publicRoot({ SITE_URL: 'localhost:4321' })).toThrow(refusal('localhost:4321'));
    expect(publicRoot({ SITE_URL: EXAMPLE, BASE_PATH: '/kho/' })).toBe(`${EXAMPLE}/kho/`);
  });
});

describe('commands given a bad SITE_URL', () => {
  it.each(['localhost:4321', 'javascript:alert(1)', 'sangkien.tanhlinh.gov.vn'])(
    'yearbook with SITE_URL=%s stops with the message and writes nothing',
    async (value) => {
      const out = join(mkdtempSync(join(tmpdir(), 'kho-site-url-')), 'ky-yeu.docx');
      const result = await run(
        process.execPath,
        ['scripts/yearbook.ts', '2024-tanh-linh', '--format', 'docx', '--out', out],
        { ...process.env, SITE_URL: value, BASE_PATH: '' },
      );
      expect(result.code).not.toBe(0);
      expect(result.output).toBe(`Lỗi: ${refusal(value)}\n`);
      expect(existsSync(out)).toBe(false);
    },
    60_000,
  );

  it('npm run build stops before building, with the message only', async () => {
    const outDir = join(mkdtempSync(join(tmpdir(), 'kho-site-url-')), 'dist');
    const env = { ...cleanEnv(), SITE_URL: 'localhost:4321', ASTRO_TELEMETRY_DISABLED: '1' };
    const result = await run(process.execPath, ['scripts/build/site.ts', '--outDir', outDir], env);
    expect(result.code).toBe(1);
    expect(result.output).toBe(`${refusal('localhost:4321')}\n`);
    expect(existsSync(outDir)).toBe(false);
  }, 60_000);

  it('a bare astro build stops at its config with the message, without a stack trace', async () => {
    const outDir = join(mkdtempSync(join(tmpdir(), 'kho-site-url-')), 'dist');
    const [command, args] = astroBuildCommand(projectRoot, ['--outDir', outDir]);
    const env = { ...cleanEnv(), SITE_URL: 'javascript:alert(1)', ASTRO_TELEMETRY_DISABLED: '1' };
    const result = await run(command, args, env);
    expect(result.code).not.toBe(0);
    expect(result.output).toContain(refusal('javascript:alert(1)'));
    expect(result.output).not.toMatch(/Stack trace|\n\s+at /);
    expect(existsSync(join(outDir, 'index.html'))).toBe(false);
  }, 120_000);
});
