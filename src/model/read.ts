/**
 * The one reader of content: text in, `{ data, body, positions, problems }` out. The
 * validator, the site's loader, the documents, the reports and the admin all read
 * through here, so a value means the same thing at every gate: YAML 1.2 core schema
 * (dates stay strings, `0b101` and `yes` are text), no front-matter dialect but plain
 * YAML (gray-matter would run `---js`), no tags, few aliases, and bad input becomes a
 * list of problems instead of an exception. Framework-free and browser-safe; reading
 * from disk is in files.ts.
 */
import {
  type Document,
  isAlias,
  isMap,
  isNode,
  isPair,
  isScalar,
  isSeq,
  LineCounter,
  parseDocument,
  visit,
  type Node as YamlNode,
} from 'yaml';
import { lineStarts } from '../core/positions.ts';
import { error, type FieldPath, type Problem, warning } from './problems.ts';
import { parseYamlFast, YAML_OPTIONS } from './yaml-fast.ts';

export type { Problem } from './problems.ts';

/** Anchors and aliases have no use in entries; a few are tolerated, "billion laughs" is not. */
export const MAX_YAML_ALIASES = 20;

/** Keys that would reach an object's prototype if a consumer copied the data naively. */
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

export interface ParsedYaml {
  /** The plain JavaScript value, or undefined when the YAML could not be read. */
  data: unknown;
  problems: Problem[];
  /** File line of a field path (the key's line, or the nearest existing parent's). */
  lineOf(path: FieldPath): number | undefined;
  /** The parsed document, for rules that walk scalars with their positions. */
  doc: Document | undefined;
  /** File line of a character offset inside the YAML text. */
  lineOfOffset(offset: number): number;
  /** Every scalar as written in the source (keys included), with its offset: rules scan these. */
  scalars: YamlScalar[];
  /** The YAML text itself (absent when the file could not be read). */
  source?: string;
}

export interface YamlScalar {
  /** The source text of the scalar (or its value when there is no source). */
  text: string;
  offset: number;
  /** Whether the scalar is a mapping key. */
  isKey: boolean;
  /** The field it belongs to (a key: its own field), so that a rule can name it. */
  path: FieldPath;
}

/** The field path of a node from its ancestors, as the visitor gives them. */
function fieldPathOf(ancestors: readonly unknown[], node: unknown): FieldPath {
  const path: (string | number)[] = [];
  const chain = [...ancestors, node];
  for (let index = 0; index < chain.length - 1; index += 1) {
    const parent = chain[index];
    const child = chain[index + 1];
    if (isPair(parent) && isScalar(parent.key)) path.push(String(parent.key.value));
    else if (isSeq(parent)) path.push(parent.items.indexOf(child as YamlNode));
  }
  return path;
}

export interface EntryFile extends ParsedYaml {
  path: string;
  /** Front matter as an object (undefined when missing or unreadable). */
  data: Record<string, unknown> | undefined;
  /** Markdown after the closing `---`. */
  body: string;
  /** File line on which the body's first line sits. */
  bodyStartLine: number;
  /** Decoded text of the whole file (without a leading byte-order mark). */
  text: string;
  /** Whether the file started with a byte-order mark (U+FEFF). */
  hadBom: boolean;
}

/**
 * Parse YAML text safely (see parseYamlFully for the rules). Plain front
 * matter takes the fast path; the full Document, its scalars and the lines of
 * unusual paths are then built only if a rule asks for them.
 */
export function parseYamlSafely(source: string, firstLine: number): ParsedYaml {
  const fast = parseYamlFast(source);
  if (!fast) return parseYamlFully(source, firstLine);
  let full: ParsedYaml | undefined;
  const fully = () => {
    full ??= parseYamlFully(source, firstLine);
    return full;
  };
  let starts: number[] | undefined;
  const lineOfOffset = (offset: number) => {
    starts ??= lineStarts(source);
    let low = 0;
    let high = starts.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if ((starts[middle] as number) <= offset) low = middle;
      else high = middle - 1;
    }
    return low + firstLine;
  };
  return {
    data: fast.data,
    problems: [],
    source,
    lineOfOffset,
    lineOf(path) {
      const offset = fast.offsetOf(path);
      if (offset === 'unsure') return fully().lineOf(path);
      return offset === undefined ? undefined : lineOfOffset(offset);
    },
    get doc() {
      return fully().doc;
    },
    get scalars() {
      return fully().scalars;
    },
  };
}

/**
 * Parse YAML text safely: YAML 1.2 core schema (no timestamps, no merge keys),
 * no custom tags (every explicit `!tag` is an error), unique keys, a small
 * alias budget, no prototype keys. `firstLine` is the file line of the text's
 * first line (2 for front matter).
 */
export function parseYamlFully(source: string, firstLine: number): ParsedYaml {
  const problems: Problem[] = [];
  const lineCounter = new LineCounter();
  const lineOfOffset = (offset: number) => lineCounter.linePos(offset).line + firstLine - 1;
  let doc: Document;
  try {
    doc = parseDocument(source, { ...YAML_OPTIONS, lineCounter });
  } catch {
    problems.push(error('yaml.syntax', 'Không đọc được dữ liệu YAML.'));
    return {
      data: undefined,
      problems,
      lineOf: () => undefined,
      doc: undefined,
      lineOfOffset,
      scalars: [],
      source,
    };
  }
  // A badly broken file yields hundreds of errors; the first few locate the problem.
  if (doc.errors.length > 10) {
    problems.push(
      error(
        'yaml.syntax',
        `Dữ liệu YAML có ${doc.errors.length} lỗi cú pháp; dưới đây là 10 lỗi đầu.`,
        {
          line: firstLine,
        },
      ),
    );
  }
  for (const issue of doc.errors.slice(0, 10)) {
    const line = issue.linePos?.[0]?.line;
    problems.push(
      error('yaml.syntax', `Lỗi cú pháp YAML: ${yamlErrorMessage(issue.code)}`, {
        line: line === undefined ? firstLine : line + firstLine - 1,
      }),
    );
  }
  if (/^%/m.test(source)) {
    const offset = source.search(/^%/m);
    problems.push(
      error('safety.yaml-directive', 'Không được dùng chỉ thị YAML (dòng bắt đầu bằng %).', {
        line: lineOfOffset(offset),
      }),
    );
  }
  let aliases = 0;
  const scalars: YamlScalar[] = [];
  visit(doc, {
    Node(key, node, ancestors) {
      if (isScalar(node)) {
        scalars.push({
          text: node.source ?? String(node.value),
          offset: node.range?.[0] ?? 0,
          isKey: key === 'key',
          path: fieldPathOf(ancestors, node),
        });
      }
      const explicitTag = (node as { tag?: string }).tag;
      if (explicitTag && !isAlias(node)) {
        problems.push(
          error(
            'safety.yaml-tag',
            `Không được dùng thẻ YAML "${explicitTag}": dữ liệu chỉ gồm chữ, số, danh sách và bảng khóa.`,
            { line: lineOfOffset(node.range?.[0] ?? 0) },
          ),
        );
      }
      if (isAlias(node)) aliases += 1;
    },
    Pair(_key, pair) {
      if (isScalar(pair.key) && FORBIDDEN_KEYS.has(String(pair.key.value))) {
        problems.push(
          error('safety.forbidden-key', `Không được dùng khóa "${String(pair.key.value)}".`, {
            line: lineOfOffset(pair.key.range?.[0] ?? 0),
          }),
        );
      }
    },
  });
  if (aliases > MAX_YAML_ALIASES) {
    problems.push(
      error(
        'safety.yaml-alias',
        `Dùng quá nhiều bí danh YAML (${aliases}, tối đa ${MAX_YAML_ALIASES}).`,
      ),
    );
  }
  let data: unknown;
  if (doc.errors.length === 0 && aliases <= MAX_YAML_ALIASES) {
    try {
      data = doc.toJS({ maxAliasCount: 100 });
    } catch {
      problems.push(error('safety.yaml-alias', 'Dữ liệu YAML mở rộng bí danh quá lớn.'));
    }
  }
  const lineOf = (path: FieldPath) => {
    const offset = offsetOf(doc, path);
    return offset === undefined ? undefined : lineOfOffset(offset);
  };
  return { data, problems, lineOf, doc, lineOfOffset, scalars, source };
}

function yamlErrorMessage(code: string): string {
  const messages: Record<string, string> = {
    DUPLICATE_KEY: 'khóa bị lặp lại.',
    BAD_INDENT: 'thụt lề không đúng.',
    MULTIPLE_DOCS: 'có nhiều hơn một khối dữ liệu.',
    MISSING_CHAR: 'thiếu ký tự đóng (dấu ngoặc hoặc dấu nháy).',
    BLOCK_AS_IMPLICIT_KEY: 'khóa không hợp lệ.',
    TAB_AS_INDENT: 'dùng ký tự tab để thụt lề; hãy dùng dấu cách.',
    UNEXPECTED_TOKEN: 'ký tự không đúng chỗ.',
    BAD_ALIAS: 'bí danh không hợp lệ.',
    MULTILINE_IMPLICIT_KEY: 'khóa không được xuống dòng.',
  };
  return messages[code] ?? `dữ liệu không hợp lệ (${code}).`;
}

/** Character offset of the key (or item) at a field path, or of its nearest existing parent. */
function offsetOf(doc: Document, path: FieldPath): number | undefined {
  let node: unknown = doc.contents;
  let found: number | undefined = isNode(node) ? node.range?.[0] : undefined;
  for (const segment of path) {
    if (isMap(node)) {
      const pair = node.items.find(
        (item) => isPair(item) && isScalar(item.key) && String(item.key.value) === String(segment),
      );
      if (!pair) break;
      if (isNode(pair.key) && pair.key.range) found = pair.key.range[0];
      node = pair.value;
    } else if (isSeq(node) && typeof segment === 'number') {
      const item = node.items[segment];
      if (!isNode(item)) break;
      if (item.range) found = item.range[0];
      node = item;
    } else {
      break;
    }
  }
  return found;
}

const FENCE = /^---[ \t]*$/;

/**
 * Windows line endings read as plain line feeds: a file saved by Notepad means the same
 * as one saved by the CMS (the last front-matter value must not keep a `\r`). Lines are
 * unchanged, so positions stay true.
 */
export function withLineFeeds(text: string): string {
  return text.includes('\r\n') ? text.replaceAll('\r\n', '\n') : text;
}

/**
 * Split an entry into front matter and body and parse the front matter. Only
 * a bare `---` fence opens YAML front matter; every other dialect is refused
 * (gray-matter would run `---js` as JavaScript).
 */
export function parseEntryText(source: string, path = ''): EntryFile {
  // A byte-order mark (Notepad's UTF-8) is read past, with a warning, wherever the text comes from.
  const hadBom = source.charCodeAt(0) === 0xfeff;
  const parsed = splitEntry(withLineFeeds(hadBom ? source.slice(1) : source), path);
  if (hadBom) {
    parsed.problems.unshift(
      warning('unicode.bom', 'Tệp bắt đầu bằng ký tự BOM (U+FEFF); nên lưu UTF-8 không BOM.', {
        line: 1,
      }),
    );
  }
  // Assigned, not spread: a spread would evaluate the lazy `doc` and `scalars`.
  return Object.assign(parsed, { hadBom });
}

function splitEntry(text: string, path: string): Omit<EntryFile, 'hadBom'> {
  const problems: Problem[] = [];
  const noData = (bodyText: string, bodyStartLine: number) => ({
    path,
    text,
    data: undefined,
    body: bodyText,
    bodyStartLine,
    problems,
    lineOf: () => undefined,
    lineOfOffset: () => 1,
    doc: undefined,
    scalars: [],
  });
  // An old Mac file ends its lines with a lone CR and has no line feed at all: read as one line,
  // it got a quoted "language name" and every section missing. CRLF is read above as LF.
  if (text.includes('\r') && !text.includes('\n')) {
    problems.push(
      error(
        'file.line-endings',
        'Tệp xuống dòng bằng ký tự CR đơn lẻ (kiểu máy Mac cũ), nên không đọc được từng dòng; hãy lưu lại tệp với kiểu xuống dòng LF (hoặc CRLF của Windows).',
        { line: 1 },
      ),
    );
    return noData(text, 1);
  }
  const firstBreak = text.indexOf('\n');
  const firstLine = (firstBreak === -1 ? text : text.slice(0, firstBreak)).replace(/\r$/, '');
  if (!FENCE.test(firstLine)) {
    if (/^---/.test(firstLine)) {
      const language = firstLine.slice(3).trim();
      problems.push(
        error(
          'safety.front-matter-language',
          `Phần đầu khai báo ngôn ngữ "${language}": chỉ chấp nhận YAML mở bằng dòng "---" (không kèm tên ngôn ngữ).`,
          { line: 1 },
        ),
      );
    } else if (/^\+\+\+/.test(firstLine)) {
      problems.push(
        error(
          'safety.front-matter-language',
          'Phần đầu dạng TOML (+++) không được chấp nhận: chỉ dùng YAML giữa hai dòng "---".',
          { line: 1 },
        ),
      );
    } else if (/^\s*[{;]/.test(firstLine)) {
      problems.push(
        error(
          'safety.front-matter-language',
          'Phần đầu dạng JSON không được chấp nhận: chỉ dùng YAML giữa hai dòng "---".',
          { line: 1 },
        ),
      );
    } else {
      problems.push(
        error(
          'frontmatter.missing',
          'Thiếu phần thông tin đầu tệp: tệp phải bắt đầu bằng dòng "---", tiếp theo là các trường, rồi đóng bằng dòng "---".',
          { line: 1 },
        ),
      );
    }
    return noData(text, 1);
  }
  // Lines are found with indexOf, not split: the body is most of the text and needs no copy per line.
  let closing = -1;
  let closingStart = -1;
  let closingEnd = -1;
  let lineCount = 1;
  if (firstBreak !== -1) {
    let lineStart = firstBreak + 1;
    for (let index = 1; ; index += 1) {
      const end = text.indexOf('\n', lineStart);
      const lineEnd = end === -1 ? text.length : end;
      if (
        text.startsWith('---', lineStart) &&
        FENCE.test(text.slice(lineStart, lineEnd).replace(/\r$/, ''))
      ) {
        closing = index;
        closingStart = lineStart;
        closingEnd = end;
        break;
      }
      if (end === -1) {
        lineCount = index + 1;
        break;
      }
      lineStart = end + 1;
    }
  }
  if (closing === -1) {
    problems.push(
      error('frontmatter.unclosed', 'Phần thông tin đầu tệp chưa được đóng bằng dòng "---".', {
        line: 1,
      }),
    );
    return noData('', lineCount + 1);
  }
  const yamlText = text.slice(firstBreak + 1, Math.max(firstBreak + 1, closingStart - 1));
  const body = closingEnd === -1 ? '' : text.slice(closingEnd + 1);
  const bodyStartLine = closing + 2;
  const parsed = parseYamlSafely(yamlText, 2);
  problems.push(...parsed.problems);
  let data: Record<string, unknown> | undefined;
  if (parsed.data !== undefined) {
    if (isPlainRecord(parsed.data)) data = parsed.data;
    else
      problems.push(
        error(
          'frontmatter.not-mapping',
          'Phần thông tin đầu tệp phải là danh sách các trường dạng "tên: giá trị".',
          { line: 2 },
        ),
      );
  } else if (parsed.problems.length === 0) {
    problems.push(error('frontmatter.empty', 'Phần thông tin đầu tệp đang trống.', { line: 2 }));
  }
  // Assigned, not spread: a spread would evaluate the lazy `doc` and `scalars`.
  return Object.assign(parsed, { path, text, data, body, bodyStartLine, problems });
}

export function isPlainRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export interface YamlFile extends ParsedYaml {
  path: string;
  text: string;
  hadBom: boolean;
}

/** Re-exported so that callers walking YAML nodes need not import `yaml` themselves. */
export type { YamlNode };
