import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { annotation, escapeData, escapeProperty } from '../../src/core/workflow-commands.ts';

/**
 * How the Actions runner reads a workflow command line (actions/runner, ActionCommand
 * TryParseV2): the command ends at the first `::` after the leading one, properties are
 * split on `,` and then on the first `=`, and only then unescaped.
 */
function runnerParse(line: string) {
  if (!line.startsWith('::')) return undefined;
  const end = line.indexOf('::', 2);
  if (end < 0) return undefined;
  const info = line.slice(2, end);
  const space = info.indexOf(' ');
  const command = space < 0 ? info : info.slice(0, space);
  const properties: Record<string, string> = {};
  if (space >= 0) {
    for (const pair of info
      .slice(space + 1)
      .split(',')
      .filter(Boolean)) {
      const equals = pair.indexOf('=');
      if (equals < 0) continue;
      properties[pair.slice(0, equals)] = pair
        .slice(equals + 1)
        .replace(/%0D/g, '\r')
        .replace(/%0A/g, '\n')
        .replace(/%3A/g, ':')
        .replace(/%2C/g, ',')
        .replace(/%25/g, '%');
    }
  }
  const data = line
    .slice(end + 2)
    .replace(/%0D/g, '\r')
    .replace(/%0A/g, '\n')
    .replace(/%25/g, '%');
  return { command, properties, data };
}

const hostile: [string, string][] = [
  ['a comma and a forged title', 'content/initiatives/a/x,title=Hợp lệ.png'],
  ['a double colon that ends the command', 'content/initiatives/a/x::warning::giả mạo.png'],
  ['a newline and a command of its own', 'content/initiatives/a/x\n::error::Lỗi giả\n.png'],
  ['CRLF and add-mask', 'content/initiatives/a/x\r\n::add-mask::bí mật'],
  ['a lone carriage return', 'content/initiatives/a/x\r::stop-commands::tat'],
  ['percent escapes already in the name', 'content/initiatives/a/100%25%0A%3A.png'],
  ['a colon and a comma', 'content/initiatives/a/giờ 10:30, sáng.pdf'],
  ['an equals sign and a line property', 'content/initiatives/a/x,line=1=2.png'],
];

describe('workflow commands', () => {
  it.each([
    ['plain', 'Tệp hợp lệ', 'Tệp hợp lệ', 'Tệp hợp lệ'],
    ['percent', '90%', '90%25', '90%25'],
    ['line breaks', 'a\r\nb\nc\rd', 'a%0D%0Ab%0Ac%0Dd', 'a%0D%0Ab%0Ac%0Dd'],
    ['colon and comma', 'a:b,c', 'a:b,c', 'a%3Ab%2Cc'],
    ['an escape written out', '%0A', '%250A', '%250A'],
  ])('%s: data %j, property %j', (_name, text, data, property) => {
    expect(escapeData(text)).toBe(data);
    expect(escapeProperty(text)).toBe(property);
  });

  it.each(hostile)('a file name with %s is one annotation, read back as it was', (_name, file) => {
    const message = `Tệp ${file} không được phép.`;
    const line = annotation('error', { file, line: 3, title: `Tệp ${file}` }, message);
    expect(line.split(/\r|\n/)).toHaveLength(1);
    expect(runnerParse(line)).toEqual({
      command: 'error',
      properties: { file, line: '3', title: `Tệp ${file}` },
      data: message,
    });
  });

  it('omits absent properties', () => {
    expect(annotation('warning', {}, 'x')).toBe('::warning::x');
    expect(annotation('error', { title: 'Phạm vi thay đổi' }, 'x')).toBe(
      '::error title=Phạm vi thay đổi::x',
    );
  });

  it('any text reads back unchanged (property test)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), fc.string({ unit: 'binary' }), (file, message) => {
        const line = annotation('error', { file: `f${file}`, title: `t${file}` }, message);
        expect(line.split(/\r|\n/)).toHaveLength(1);
        expect(runnerParse(line)).toEqual({
          command: 'error',
          properties: { file: `f${file}`, title: `t${file}` },
          data: message,
        });
      }),
    );
  });
});
