/**
 * Text from submitted files reaches the terminal only as text: a control character in a title
 * or a unit name is written out, never sent to the terminal as a command.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { terminalText } from '../../src/core/terminal.ts';
import { type Fixture, initiativeData, makeFixture } from '../support/fixtures.ts';
import { cmsBranch, makeRepo } from '../support/git-fixture.ts';

const project = resolve(import.meta.dirname, '../..');
/** Clear the screen, paint "Hợp lệ" green, set the window's title, then reverse what follows. */
const HOSTILE = '\u001b[2J\u001b[32mHợp lệ\u001b[0m \u001b]0;pwned\u0007\u202eabc\rxyz';
const SHOWN = '\\x1B[2J\\x1B[32mHợp lệ\\x1B[0m \\x1B]0;pwned\\x07\\u202Eabc\\x0Dxyz';
/** Any byte a terminal acts on, as printed. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is looked for.
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

let fixture: Fixture | undefined;
afterEach(() => fixture?.cleanup());

function run(script: string, args: string[], cwd: string) {
  return spawnSync(process.execPath, [join(project, script), ...args], { cwd, encoding: 'utf8' });
}

describe('what a command prints', () => {
  it('writes out control and bidi characters, and keeps Vietnamese, tabs and line feeds', () => {
    expect(terminalText(HOSTILE)).toBe(SHOWN);
    expect(terminalText('Sáng kiến\tđạt\n')).toBe('Sáng kiến\tđạt\n');
    expect(terminalText('\u0085\u009b\u2066x\u2069')).toBe('\\x85\\x9B\\u2066x\\u2069');
  });

  it('validate: a unit name quoted in a message', () => {
    fixture = makeFixture({ initiatives: 1 });
    fixture.initiative('don-vi-la', initiativeData({ unit: `xa-la${HOSTILE}` }));
    const result = run('scripts/validate.ts', [], fixture.root);
    expect(result.status).toBe(1);
    expect(result.stdout).not.toMatch(CONTROL);
    expect(result.stdout).toContain(`xa-la${SHOWN}`);
  });

  it('review: a pending entry’s title in the list', () => {
    const root = makeRepo(project, {}, true);
    const sample = readFileSync(
      join(
        project,
        'content/initiatives/nhac-han-tu-dong-tren-he-thong-mot-cua-dien-tu-cho-ho-so-dat-dai/index.md',
      ),
      'utf8',
    );
    const title = `Tin nhắn hẹn trả kết quả ${HOSTILE}`;
    cmsBranch(
      root,
      'tieu-de-la',
      { 'index.md': sample.replace(/^title: .*$/m, `title: ${JSON.stringify(title)}`) },
      'pending_review',
    );
    const result = run('scripts/review.ts', ['--repo', root], root);
    expect(result.stdout + result.stderr).not.toMatch(CONTROL);
    expect(result.stdout).toContain(`Tin nhắn hẹn trả kết quả ${SHOWN}`);
  });
});
