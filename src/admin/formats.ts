import { isMap, isScalar, isSeq, type Node, parseDocument, stringify } from 'yaml';
import { parseEntryText, parseYamlSafely, withLineFeeds } from '../model/read.ts';

/**
 * Decap reads a file into data and writes data back as a whole new file: keys reordered,
 * flow lists expanded, quotes and comments dropped. These formats write *quietly*
 * instead: the text the entry was loaded from travels with its data (under ORIGINAL,
 * never written), and saving changes only the lines whose values changed; everything
 * else — order, quotes, `{ … }` lists, comments, blank lines — is the original text.
 * A new file, or a result that would not read back as the form's data, is written whole.
 */
export const ORIGINAL = '__original';

/**
 * Every key the admin carries with an entry for itself begins with this: the original text,
 * the names shown for ids (shown-names.ts). None is ever written to a file.
 */
export const CARRIED_PREFIX = '__';

/** The data without the keys the admin carries for itself. */
function withoutCarried(data: Data): Data {
  return Object.fromEntries(
    Object.entries(data).filter(([key]) => !key.startsWith(CARRIED_PREFIX)),
  );
}

/** The names under which src/admin/main.ts registers the quiet formats with Decap. */
export const QUIET_FRONT_MATTER = 'frontmatter-quiet';
export const QUIET_YAML = 'yaml-quiet';

type Data = Record<string, unknown>;

function isRecord(value: unknown): value is Data {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The form's data as YAML would hold it: no `undefined`, dates as ISO days. */
function plain(value: unknown): unknown {
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (Array.isArray(value)) return value.map(plain);
  if (isRecord(value)) {
    return Object.fromEntries(
      Object.entries(value)
        .filter(([, item]) => item !== undefined)
        .map(([key, item]) => [key, plain(item)]),
    );
  }
  return value;
}

function same(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) && Array.isArray(b)) {
    return a.length === b.length && a.every((item, index) => same(item, b[index]));
  }
  if (isRecord(a) && isRecord(b)) {
    const keys = Object.keys(a);
    return (
      keys.length === Object.keys(b).length && keys.every((key) => key in b && same(a[key], b[key]))
    );
  }
  return false;
}

/** Keys in the form's order first (as Decap sorts them), the others after, as they come. */
function ordered(data: Data, sortedKeys: readonly string[]): Data {
  const rank = (key: string) => {
    const index = sortedKeys.indexOf(key);
    return index === -1 ? sortedKeys.length : index;
  };
  const keys = Object.keys(data).sort((a, b) => rank(a) - rank(b));
  return Object.fromEntries(keys.map((key) => [key, data[key]]));
}

type Doc = ReturnType<typeof parseDocument>;

/** The node, changed in place where it can be, to hold `after`; the same node when nothing changed. */
function patchNode(
  doc: Doc,
  node: unknown,
  after: unknown,
  sortedKeys: readonly string[],
): unknown {
  const before = (node as Node | null)?.toJS?.(doc);
  if (same(before, after)) return node;
  if (isMap(node) && isRecord(after)) {
    const present = new Set<string>();
    for (const pair of [...node.items]) {
      const key = String(isScalar(pair.key) ? pair.key.value : pair.key);
      present.add(key);
      if (!(key in after)) node.items.splice(node.items.indexOf(pair), 1);
      else pair.value = patchNode(doc, pair.value, after[key], []) as typeof pair.value;
    }
    for (const [key, value] of Object.entries(after)) {
      if (present.has(key)) continue;
      const pair = doc.createPair(key, value);
      // A new key goes where the form puts it: before the first existing key the form puts later.
      const rank = sortedKeys.indexOf(key);
      const at =
        rank === -1
          ? -1
          : node.items.findIndex((item) => {
              const other = sortedKeys.indexOf(
                String(isScalar(item.key) ? item.key.value : item.key),
              );
              return other > rank;
            });
      if (at === -1) node.items.push(pair);
      else node.items.splice(at, 0, pair);
    }
    return node;
  }
  if (isSeq(node) && Array.isArray(after)) {
    const items = node.items;
    const values = items.map((item) => (item as Node | null)?.toJS?.(doc) ?? item);
    // Items kept at both ends stay as written; those between are patched one by one.
    let head = 0;
    while (head < items.length && head < after.length && same(values[head], after[head])) head++;
    let tail = 0;
    while (
      tail < items.length - head &&
      tail < after.length - head &&
      same(values[items.length - 1 - tail], after[after.length - 1 - tail])
    ) {
      tail++;
    }
    const middle = after.slice(head, after.length - tail);
    const old = items.slice(head, items.length - tail);
    const patched = middle.map((value, index) =>
      index < old.length ? patchNode(doc, old[index], value, []) : doc.createNode(value),
    );
    items.splice(head, old.length, ...(patched as typeof items));
    return node;
  }
  if (isScalar(node) && (after === null || typeof after !== 'object')) {
    node.value = after;
    return node;
  }
  return doc.createNode(after);
}

/**
 * The edit script from `from` to `to`, line by line: common ends trimmed, then the
 * longest common subsequence of what is left (a single edit leaves a few lines).
 */
function lineScript(from: string[], to: string[]): ('=' | '-' | '+')[] {
  let head = 0;
  while (head < from.length && head < to.length && from[head] === to[head]) head++;
  let tail = 0;
  while (
    tail < from.length - head &&
    tail < to.length - head &&
    from[from.length - 1 - tail] === to[to.length - 1 - tail]
  ) {
    tail++;
  }
  const a = from.slice(head, from.length - tail);
  const b = to.slice(head, to.length - tail);
  const middle: ('=' | '-' | '+')[] = [];
  if (a.length * b.length > 4_000_000) {
    middle.push(...a.map(() => '-' as const), ...b.map(() => '+' as const));
  } else {
    // lengths[i][j]: the longest common subsequence of a[i…] and b[j…].
    const lengths = Array.from({ length: a.length + 1 }, () => new Uint32Array(b.length + 1));
    for (let i = a.length - 1; i >= 0; i--) {
      for (let j = b.length - 1; j >= 0; j--) {
        const row = lengths[i] as Uint32Array;
        row[j] =
          a[i] === b[j]
            ? ((lengths[i + 1] as Uint32Array)[j + 1] as number) + 1
            : Math.max((lengths[i + 1] as Uint32Array)[j] as number, row[j + 1] as number);
      }
    }
    let i = 0;
    let j = 0;
    while (i < a.length || j < b.length) {
      if (i < a.length && j < b.length && a[i] === b[j]) {
        middle.push('=');
        i++;
        j++;
      } else if (
        j < b.length &&
        (i === a.length ||
          ((lengths[i] as Uint32Array)[j + 1] as number) >=
            ((lengths[i + 1] as Uint32Array)[j] as number))
      ) {
        middle.push('+');
        j++;
      } else {
        middle.push('-');
        i++;
      }
    }
  }
  return [...Array(head).fill('='), ...middle, ...Array(tail).fill('=')];
}

/**
 * YAML text holding `after`, written as `original` was. The library re-prints a whole
 * document in its own style (`[a]` becomes `[ a ]`), so the edit is found between its
 * print of the original and its print of the patched document, and replayed on the
 * original text: lines the edit does not touch are copied from the original as they are.
 */
export function patchYaml(original: string, after: unknown, sortedKeys: readonly string[] = []) {
  const wanted = plain(after);
  const doc = parseDocument(original);
  if (doc.errors.length > 0) return undefined;
  const printed = doc.toString({ lineWidth: 0 });
  doc.contents = patchNode(doc, doc.contents, wanted, sortedKeys) as typeof doc.contents;
  const patched = doc.toString({ lineWidth: 0 });
  const source = original.split('\n');
  const before = printed.split('\n');
  const next = patched.split('\n');
  let text = patched;
  // Line i of the library's print is line i of the original when both have as many lines.
  if (before.length === source.length) {
    const lines: string[] = [];
    let i = 0;
    let j = 0;
    for (const step of lineScript(before, next)) {
      if (step === '=') {
        lines.push(source[i++] as string);
        j++;
      } else if (step === '-') i++;
      else lines.push(next[j++] as string);
    }
    text = lines.join('\n');
  }
  for (const candidate of [text, patched]) {
    if (same(plain(parseYamlSafely(candidate, 1).data), wanted)) return candidate;
  }
  return undefined;
}

const FRONT_MATTER = /^(---\n)([\s\S]*?\n)?(---[ \t]*(?:\n|$))/;

/** Initiative-like entries: YAML front matter between `---` lines, then the Markdown body. */
export const quietFrontMatterFormat = {
  fromFile(content: string): Data {
    const text = withLineFeeds(content);
    // The one reader: the admin sees the values the validator and the site see.
    const entry = parseEntryText(text);
    const data: Data = { ...(entry.data ?? {}) };
    if (entry.body.trim() !== '') data.body = entry.body;
    if (entry.data && FRONT_MATTER.test(text)) data[ORIGINAL] = text;
    return data;
  },
  toFile(data: Data, sortedKeys: string[] = []): string {
    const { body, [ORIGINAL]: original, ...rest } = data;
    const meta = withoutCarried(rest);
    const match = typeof original === 'string' ? FRONT_MATTER.exec(original) : null;
    if (match && typeof original === 'string') {
      const [whole, open, yaml = '', close] = match;
      const rest = original.slice(whole.length);
      const text = patchYaml(yaml, meta, sortedKeys);
      const newBody = typeof body === 'string' ? body : rest.trim() === '' ? rest : '';
      if (text !== undefined) return `${open}${text}${close}${newBody}`;
    }
    const yaml = stringify(plain(ordered(meta, sortedKeys)), { lineWidth: 0 });
    return `---\n${yaml}---\n${typeof body === 'string' ? body : ''}`;
  },
};

/** A YAML file holding one object (decisions, adoptions). */
export const quietYamlFormat = {
  fromFile(content: string): Data {
    const text = withLineFeeds(content);
    const parsed = parseYamlSafely(text, 1).data;
    return isRecord(parsed) ? { ...parsed, [ORIGINAL]: text } : {};
  },
  toFile(data: Data, sortedKeys: string[] = []): string {
    const { [ORIGINAL]: original } = data;
    const rest = withoutCarried(data);
    const text = typeof original === 'string' ? patchYaml(original, rest, sortedKeys) : undefined;
    return text ?? stringify(plain(ordered(rest, sortedKeys)), { lineWidth: 0 });
  },
};

/**
 * The unit and scope-level lists are top-level YAML lists, which
 * Decap's file collections cannot address (every field needs a name, and the relation
 * widget's `list.*.field` paths need a key before the `*`). This format shows such a
 * file to Decap as `{ header, items }` and writes it back as the same list, keeping the
 * comment lines at the top of the file and, quietly, every line not edited.
 */
export const yamlListFormat = {
  fromFile(content: string): { header: string; items: unknown[] } {
    const text = withLineFeeds(content);
    const lines = text.split('\n');
    const header: string[] = [];
    for (const line of lines) {
      if (!line.startsWith('#')) break;
      header.push(line.replace(/^# ?/, ''));
    }
    // The one reader: the admin sees the values the validator and the site see.
    const parsed = parseYamlSafely(text, 1).data;
    return {
      header: header.join('\n'),
      items: Array.isArray(parsed) ? parsed : [],
      ...(Array.isArray(parsed) && { [ORIGINAL]: text }),
    };
  },
  toFile(data: { header?: string; items?: unknown[]; [ORIGINAL]?: unknown }): string {
    const original = data[ORIGINAL];
    if (typeof original === 'string') {
      const text = patchYaml(original, data.items ?? []);
      if (text !== undefined) return text;
    }
    const header = (data.header ?? '')
      .split('\n')
      .filter((line) => line.trim() !== '')
      .map((line) => `# ${line}`)
      .join('\n');
    const body = stringify(plain(data.items ?? []), { lineWidth: 0 });
    return header ? `${header}\n\n${body}` : body;
  },
};
