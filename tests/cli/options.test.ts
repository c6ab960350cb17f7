/**
 * The shared command-line reader (scripts/lib/cli.ts) says node:util parseArgs errors in
 * Vietnamese: Node's English message, its `<value>` placeholder and its "-o, --out" pairing
 * must not reach the person.
 */
import { execFile } from 'node:child_process';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { describe, expect, it } from 'vitest';
import { argError, readCommandLine } from '../../scripts/lib/cli.ts';

const project = resolve(import.meta.dirname, '../..');

const OPTIONS = {
  today: { type: 'string' },
  out: { type: 'string', short: 'o' },
  help: { type: 'boolean', short: 'h' },
} as const;

/** The message for the error parseArgs really throws on `args`. */
function messageFor(args: string[]): string {
  try {
    parseArgs({ args, options: OPTIONS });
  } catch (error) {
    return argError(error);
  }
  throw new Error(`parseArgs accepted ${args.join(' ')}`);
}

/** English words Node uses in these messages. */
const ENGLISH = /value|argument|option|missing|unknown|unexpected|ambiguous|positional|take/i;

describe('argError', () => {
  it.each([
    [['--today'], 'Tùy chọn --today thiếu giá trị: viết --today GIÁ_TRỊ.'],
    // Node names it "-o, --out <value>"; the long form is what the help shows.
    [['-o'], 'Tùy chọn --out thiếu giá trị: viết --out GIÁ_TRỊ.'],
    [['--out'], 'Tùy chọn --out thiếu giá trị: viết --out GIÁ_TRỊ.'],
    [
      ['--today', '--help'],
      'Tùy chọn --today thiếu giá trị: viết --today GIÁ_TRỊ; giá trị bắt đầu bằng dấu "-" thì viết liền: --today=-GIÁ_TRỊ.',
    ],
    [['--help=1'], 'Tùy chọn --help không nhận giá trị: chỉ viết --help.'],
    [['--bogus'], 'Tùy chọn không có: --bogus.'],
    [['thua'], 'Tham số thừa: thua.'],
  ])('%j → %s', (args, expected) => {
    const message = messageFor(args);
    expect(message).toBe(expected);
    expect(message).not.toContain('<value>');
    expect(message.replace(/--?[\w-]+/g, '')).not.toMatch(ENGLISH);
  });

  it('says something Vietnamese for an error it does not know', () => {
    expect(argError(new Error('Something else'))).toBe('Tham số không hợp lệ.');
    const invalid = (message: string) =>
      argError(Object.assign(new Error(message), { code: 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE' }));
    expect(invalid("Option '--x <value>' is odd")).toBe(
      'Tùy chọn --x thiếu giá trị hoặc giá trị không hợp lệ.',
    );
    expect(invalid('Option is odd')).toBe('Có tùy chọn thiếu giá trị hoặc giá trị không hợp lệ.');
  });
});

describe('readCommandLine', () => {
  it('prints the Vietnamese message and the help, and returns 2', () => {
    const printed: string[] = [];
    const original = console.error;
    console.error = (text: string) => printed.push(text);
    try {
      expect(
        readCommandLine(() => parseArgs({ args: ['--today'], options: OPTIONS }), 'Cách dùng: x'),
      ).toBe(2);
    } finally {
      console.error = original;
    }
    expect(printed).toEqual([
      'Tùy chọn --today thiếu giá trị: viết --today GIÁ_TRỊ.\n\nCách dùng: x',
    ]);
  });

  it('a command run without a value says it in Vietnamese (npm run report -- --campaign)', async () => {
    const result = await new Promise<{ code: number; stderr: string }>((done) => {
      execFile(
        process.execPath,
        [join(project, 'scripts', 'report.ts'), '--campaign'],
        { cwd: project },
        (error, _stdout, stderr) =>
          done({ code: error ? Number((error as { code?: number }).code ?? 1) : 0, stderr }),
      );
    });
    expect(result.code).toBe(2);
    expect(result.stderr.split('\n')[0]).toBe(
      'Tùy chọn --campaign thiếu giá trị: viết --campaign GIÁ_TRỊ.',
    );
    expect(result.stderr).not.toContain('<value>');
  }, 60_000);
});
