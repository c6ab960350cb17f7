/**
 * The fast path of front-matter parsing. The `yaml` package builds a full
 * Document (positions, comments, every node) and costs about a quarter of a
 * millisecond per entry; js-yaml reads the same plain front matter eight
 * times faster. It is used only for the plain YAML that the CMS writes: the
 * text must hold no tag, anchor, alias, directive, comment, escape, explicit
 * key or non-empty flow collection, and js-yaml must accept it without a
 * duplicate key. Plain scalars are typed by the `yaml` package's own core
 * schema tags, so values come out exactly as the slow path gives them. In any
 * doubt the caller falls back to the full Document (tests/validate compare
 * both paths on random and mutated entries).
 */
import { FAILSAFE_SCHEMA, load, Type } from 'js-yaml';
import {
  type DocumentOptions,
  isScalar,
  type ParseOptions,
  parseDocument,
  type ScalarTag,
  type SchemaOptions,
} from 'yaml';
import type { FieldPath } from './problems.ts';

/** The options of the slow path: the fast one must type scalars exactly as it does. */
export const YAML_OPTIONS: ParseOptions & DocumentOptions & SchemaOptions = {
  schema: 'core',
  customTags: [],
  merge: false,
  uniqueKeys: true,
  strict: true,
  prettyErrors: true,
  version: '1.2',
};

const reference = parseDocument('', YAML_OPTIONS);
const scalarTags = reference.schema.tags.filter(
  (tag): tag is ScalarTag => tag.default === true && 'test' in tag && tag.test instanceof RegExp,
);
const resolveOptions = reference.options;

class Bail extends Error {}

function typed(text: string): { value: unknown } | undefined {
  for (const tag of scalarTags) {
    if (!tag.test?.test(text)) continue;
    const value = tag.resolve(
      text,
      () => {
        throw new Bail();
      },
      resolveOptions,
    );
    return { value: isScalar(value) ? value.value : value };
  }
  return undefined;
}

let pending: { text: string; value: unknown } | undefined;

/** One implicit type standing for every core scalar tag (null, bool, int, float). */
const coreScalar = new Type('tag:yaml.org,2002:kho-core', {
  kind: 'scalar',
  resolve(data: unknown) {
    if (typeof data !== 'string') return false;
    const found = typed(data);
    pending = found ? { text: data, value: found.value } : undefined;
    return found !== undefined;
  },
  construct(data: string) {
    if (pending?.text !== data) throw new Bail();
    return pending.value;
  },
});

const schema = FAILSAFE_SCHEMA.extend({ implicit: [coreScalar] });

/** Control and line-separator characters, as escapes: no raw one is written in this file. */
const CONTROL = [
  '\\u0000-\\u0008',
  '\\u000b-\\u001f',
  '\\u007f-\\u009f',
  '\\u2028\\u2029\\ufeff',
].join('');
/**
 * Characters that send a text to the slow path: tags, anchors, aliases,
 * comments, escapes, explicit keys, flow collections with content, control
 * and line-separator characters, tabs and carriage returns.
 */
const UNSAFE = new RegExp(
  `[!&*#\\\\{}[\\]\\t\\r${CONTROL}]|\\?(?=[ \\n]|$)|^(?:%|---|\\.\\.\\.)`,
  'm',
);
/** An empty list or mapping written as the whole value: the only flow collections allowed. */
const EMPTY_FLOW = /(?<=(?::|^[ ]*-)[ ]+)(?:\[\]|\{\})(?=[ ]*$)/gm;

const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype', '', 'null']);
const MAX_KEY_LENGTH = 900;

interface Frame {
  start: number;
  kind: string | null;
  value: unknown;
  children: Frame[];
}

export interface FastYaml {
  data: Record<string, unknown> | unknown[];
  /** Offset of the key (or list item) at a path, as the slow path finds it; undefined when unsure. */
  offsetOf(path: FieldPath): number | undefined | 'unsure';
}

function keysAreSafe(value: unknown): boolean {
  if (Array.isArray(value)) return value.every(keysAreSafe);
  if (typeof value !== 'object' || value === null) return true;
  for (const key of Object.keys(value)) {
    if (FORBIDDEN_KEYS.has(key) || key.length > MAX_KEY_LENGTH) return false;
    if (!keysAreSafe((value as Record<string, unknown>)[key])) return false;
  }
  return true;
}

/** Parse plain YAML quickly, or return undefined when the full parser must decide. */
/** The full parser refuses a key whose ":" is more than 1024 characters from its start; js-yaml does not. */
const MAX_LINE = 1000;

function hasLongLine(source: string): boolean {
  let start = 0;
  for (let end = source.indexOf('\n'); end !== -1; end = source.indexOf('\n', start)) {
    if (end - start > MAX_LINE) return true;
    start = end + 1;
  }
  return source.length - start > MAX_LINE;
}

/**
 * Block scalars with an indentation digit, and lines of spaces only (inside a
 * block scalar they may be content or not), are read differently by the two
 * parsers (found by comparing them on generated texts): such texts take the
 * full parser.
 */
const INDENTED_BLOCK = /[|>](?:\d[+-]?|[+-]\d)[ ]*$/m;
const BLANK_WITH_SPACES = /^[ ]+$/m;
/** An empty list item ("-" alone on its line): js-yaml nests what follows differently. */
const EMPTY_ITEM = /^[ -]*-[ ]*$/m;

export function parseYamlFast(source: string): FastYaml | undefined {
  if (
    UNSAFE.test(source.replace(EMPTY_FLOW, '')) ||
    hasLongLine(source) ||
    BLANK_WITH_SPACES.test(source) ||
    EMPTY_ITEM.test(source) ||
    INDENTED_BLOCK.test(source)
  ) {
    return undefined;
  }
  const stack: Frame[] = [];
  let root: Frame | undefined;
  let data: unknown;
  try {
    data = load(source, {
      schema,
      json: false,
      listener(event, state) {
        if (event === 'open') {
          stack.push({ start: state.position, kind: null, value: undefined, children: [] });
          return;
        }
        const frame = stack.pop();
        if (!frame) throw new Bail();
        frame.kind = state.kind;
        if (
          state.kind === 'scalar' &&
          !continuesWithinIndent(source, frame.start, state.position)
        ) {
          throw new Bail();
        }
        if (state.kind === 'scalar' || state.kind === null) {
          // A scalar value is first read as a possible mapping key: that inner attempt is the same node.
          frame.children = [];
          frame.value = state.result;
        }
        const parent = stack.at(-1);
        if (parent) parent.children.push(frame);
        else root = frame;
      },
    });
  } catch {
    return undefined;
  } finally {
    pending = undefined;
  }
  if (typeof data !== 'object' || data === null || !root || stack.length > 0) return undefined;
  if (!keysAreSafe(data)) return undefined;
  const start = source.search(/\S/);
  const top = root;
  const record = data as Record<string, unknown> | unknown[];
  return {
    data: record,
    offsetOf(path) {
      let frame = top;
      let value: unknown = record;
      let found: number | undefined = start === -1 ? undefined : start;
      for (const segment of path) {
        if (frame.kind === 'mapping' && isRecord(value)) {
          if (frame.children.length !== Object.keys(value).length * 2) return 'unsure';
          let next: Frame | undefined;
          for (let index = 0; index < frame.children.length; index += 2) {
            const key = frame.children[index] as Frame;
            if (key.kind !== 'scalar') return 'unsure';
            if (String(key.value) === String(segment)) {
              found = key.start;
              next = frame.children[index + 1];
              value = value[String(key.value)];
              break;
            }
          }
          if (!next) break;
          frame = next;
        } else if (frame.kind === 'sequence' && Array.isArray(value)) {
          if (frame.children.length !== value.length) return 'unsure';
          if (typeof segment !== 'number') break;
          const item = frame.children[segment];
          if (!item) break;
          found = item.start;
          frame = item;
          value = value[segment];
        } else {
          break;
        }
      }
      return found;
    },
  };
}

const isSpace = (code: number) => code === 0x20 || code === 0x0a;

/**
 * A plain or quoted scalar written over several lines must indent every
 * further line past its key (or its list dash). js-yaml accepts some lines
 * that are not; the full parser reports them, so such scalars go there.
 */
function continuesWithinIndent(source: string, from: number, to: number): boolean {
  let start = from;
  while (start < to && isSpace(source.charCodeAt(start))) start += 1;
  let end = to;
  while (end > start && isSpace(source.charCodeAt(end - 1))) end -= 1;
  let lineFeed = source.indexOf('\n', start);
  if (lineFeed === -1 || lineFeed >= end) return true;
  const first = source.charCodeAt(start);
  // Block scalars (| and >) carry their own indentation rules, which both parsers share.
  if (first === 0x7c || first === 0x3e) return true;
  const lineStart = source.lastIndexOf('\n', start - 1) + 1;
  let position = lineStart;
  let column = 0;
  while (position < start) {
    while (position < start && source.charCodeAt(position) === 0x20) position += 1;
    column = position - lineStart;
    if (source.charCodeAt(position) === 0x2d && source.charCodeAt(position + 1) === 0x20) {
      position += 2;
      continue;
    }
    break;
  }
  while (lineFeed !== -1 && lineFeed < end) {
    let next = lineFeed + 1;
    while (source.charCodeAt(next) === 0x20) next += 1;
    const blank = next >= source.length || source.charCodeAt(next) === 0x0a;
    if (!blank && next - lineFeed - 1 <= column) return false;
    lineFeed = source.indexOf('\n', lineFeed + 1);
  }
  return true;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
