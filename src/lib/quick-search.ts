/**
 * The quick search: the first step of the search page on an archive too large for Pagefind's
 * full-text index to answer within the first-search budget (150 kB).
 *
 * What it searches is what a reader recognises an initiative by: title, summary, keywords,
 * unit, reform areas and fields of application (and the campaigns' titles and themes). Every
 * word is folded (no tones, no marks, `đ` → `d`), so a query typed with or without diacritics
 * finds the same pages. The full text stays one click away (Pagefind, loaded on request).
 *
 * Why this stays small at any size: for each folded word the index holds the set of documents
 * that contain it, nothing else (no positions, no counts), written either as gaps between
 * document numbers or as a bitmap, whichever is shorter. A word on every page then costs at most
 * N/8 bytes before compression (6 kB for 50,000 pages), and a query downloads one such file
 * per word, the vocabulary bucket of each word, and the few document records it shows.
 * Documents are numbered newest first; results are ranked by how many query words stand in the
 * title or keywords, then newest first.
 *
 * Files, under `tim-kiem/nhanh/` (QUICK_DIR):
 * - `thong-tin.json` — document count, chunk size, whether the full text is the first step
 *   (small archives), the filters with their values and counts;
 * - `v/<first two letters>.txt` — the words starting so, with the number of documents holding each;
 * - `t/<word>.txt` — two lines: the documents holding the word, those holding it in their title
 *   or keywords;
 * - `f/<n>.txt` — the documents of one filter value;
 * - `d/<n>.json` — DOC_CHUNK document records: path, title, unit, year, status, summary.
 */

/** Site-relative folder of the quick index. */
export const QUICK_DIR = 'tim-kiem/nhanh/';

/** Site-relative path of the documents' source, written by the site build, read and removed by the indexer. */
export const QUICK_SOURCE = 'tim-kiem/nguon-tim-nhanh.json';

/** Document records per `d/<n>.json` file: five results seldom need more than two or three. */
export const DOC_CHUNK = 16;

/**
 * Up to this many searchable pages, Pagefind's full-text index answers the first search within
 * the budget (measured: 127 kB with 16 pages, 244 kB with 1,000): it stays the first step.
 */
export const FULL_TEXT_MAX = 150;

/** The last query word also finds the words it begins (up to this many, the most frequent). */
const PREFIX_EXPANSIONS = 6;

export interface QuickDoc {
  /** Site-relative path of the page. */
  path: string;
  title: string;
  summary: string;
  keywords: string[];
  unit: string;
  year: string;
  status: string;
  /** Names searched but not shown: reform areas, fields of application. */
  terms: string[];
  /** Filter key → values, as the search page offers them (`area` → `Tài chính công`). */
  filters: Record<string, string[]>;
  /** Sorts newest first (ISO date). */
  date: string;
}

export interface QuickInfo {
  count: number;
  chunk: number;
  /** The full text (Pagefind) is the first step: the archive is small enough. */
  fullText: boolean;
  /** Filter key → [value, count, file number]. */
  filters: Record<string, [string, number, number][]>;
}

/** Record in `d/<n>.json`: path, title, unit, year, status, summary. */
export type DocRecord = [string, string, string, string, string, string];

/** Lower case, no tones or marks, `đ` as `d`: the form every word is indexed and looked up in. */
export function fold(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').replace(/[đĐ]/g, 'd').toLowerCase();
}

/** The folded words of a text. */
export function words(text: string): string[] {
  return fold(text)
    .split(/[^a-z0-9]+/)
    .filter((word) => word.length > 0);
}

/** The vocabulary bucket of a word: its first two letters. */
export function bucketOf(word: string): string {
  return word.slice(0, 2);
}

// --- Sets of documents ------------------------------------------------------------------

const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** A sorted list of document numbers, as gaps in base 36 or as a bitmap, whichever is shorter. */
export function encodeSet(ids: readonly number[], count: number): string {
  let previous = -1;
  const gaps = ids
    .map((id) => {
      const gap = id - previous;
      previous = id;
      return gap.toString(36);
    })
    .join(',');
  const bytes = new Uint8Array(Math.ceil(count / 8));
  for (const id of ids) bytes[id >> 3] = (bytes[id >> 3] ?? 0) | (1 << (id & 7));
  if (gaps.length <= Math.ceil(bytes.length / 3) * 4) return `L${gaps}`;
  let bitmap = '';
  for (let index = 0; index < bytes.length; index += 3) {
    const a = bytes[index] ?? 0;
    const b = bytes[index + 1] ?? 0;
    const c = bytes[index + 2] ?? 0;
    bitmap += `${BASE64[a >> 2]}${BASE64[((a & 3) << 4) | (b >> 4)]}${BASE64[((b & 15) << 2) | (c >> 6)]}${BASE64[c & 63]}`;
  }
  return `B${bitmap}`;
}

/** A set written by encodeSet, as a bitmap of `count` documents. */
export function decodeSet(text: string, count: number): Bits {
  const bytes = new Uint8Array(Math.ceil(count / 8));
  const body = text.slice(1);
  if (text.startsWith('B')) {
    for (let index = 0, out = 0; index < body.length; index += 4, out += 3) {
      const [a, b, c, d] = [0, 1, 2, 3].map((offset) =>
        BASE64.indexOf(body[index + offset] ?? 'A'),
      );
      const bits = ((a ?? 0) << 18) | ((b ?? 0) << 12) | ((c ?? 0) << 6) | (d ?? 0);
      if (out < bytes.length) bytes[out] = bits >> 16;
      if (out + 1 < bytes.length) bytes[out + 1] = (bits >> 8) & 255;
      if (out + 2 < bytes.length) bytes[out + 2] = bits & 255;
    }
  } else if (body.length > 0) {
    let id = -1;
    for (const gap of body.split(',')) {
      id += Number.parseInt(gap, 36);
      if (id < count) bytes[id >> 3] = (bytes[id >> 3] ?? 0) | (1 << (id & 7));
    }
  }
  return bytes;
}

type Bits = Uint8Array<ArrayBuffer>;

function and(a: Bits, b: Bits): Bits {
  return a.map((byte, index) => byte & (b[index] ?? 0));
}

function or(a: Bits, b: Bits): Bits {
  return a.map((byte, index) => byte | (b[index] ?? 0));
}

function has(set: Uint8Array, id: number): boolean {
  return ((set[id >> 3] ?? 0) & (1 << (id & 7))) !== 0;
}

// --- Building ---------------------------------------------------------------------------

/** Files of the quick index (path under QUICK_DIR → content) for documents sorted newest first. */
export function buildQuickIndex(docs: readonly QuickDoc[], fullText: boolean): Map<string, string> {
  const count = docs.length;
  const all = new Map<string, number[]>();
  const titled = new Map<string, number[]>();
  const add = (map: Map<string, number[]>, word: string, id: number) => {
    const list = map.get(word);
    if (!list) map.set(word, [id]);
    else if (list[list.length - 1] !== id) list.push(id);
  };
  const filterSets = new Map<string, Map<string, number[]>>();
  docs.forEach((doc, id) => {
    const heading = [doc.title, ...doc.keywords].join(' ');
    for (const word of new Set(words(heading))) {
      add(titled, word, id);
      add(all, word, id);
    }
    for (const word of new Set(words([doc.summary, doc.unit, ...doc.terms].join(' ')))) {
      add(all, word, id);
    }
    for (const [key, values] of Object.entries(doc.filters)) {
      let byValue = filterSets.get(key);
      if (!byValue) {
        byValue = new Map();
        filterSets.set(key, byValue);
      }
      for (const value of new Set(values)) add(byValue, value, id);
    }
  });
  const files = new Map<string, string>();
  const buckets = new Map<string, string[]>();
  for (const word of [...all.keys()].sort()) {
    const ids = all.get(word) ?? [];
    files.set(
      `t/${word}.txt`,
      `${encodeSet(ids, count)}\n${encodeSet(titled.get(word) ?? [], count)}\n`,
    );
    const bucket = bucketOf(word);
    buckets.set(bucket, [...(buckets.get(bucket) ?? []), `${word} ${ids.length}`]);
  }
  for (const [bucket, lines] of buckets) files.set(`v/${bucket}.txt`, `${lines.join('\n')}\n`);
  const filters: QuickInfo['filters'] = {};
  let fileNumber = 0;
  const collator = new Intl.Collator('vi');
  for (const [key, byValue] of filterSets) {
    filters[key] = [...byValue.keys()].sort(collator.compare).map((value) => {
      const ids = byValue.get(value) ?? [];
      fileNumber += 1;
      files.set(`f/${fileNumber}.txt`, `${encodeSet(ids, count)}\n`);
      return [value, ids.length, fileNumber];
    });
  }
  for (let start = 0; start < count; start += DOC_CHUNK) {
    const records: DocRecord[] = docs
      .slice(start, start + DOC_CHUNK)
      .map((doc) => [doc.path, doc.title, doc.unit, doc.year, doc.status, doc.summary]);
    files.set(`d/${start / DOC_CHUNK}.json`, JSON.stringify(records));
  }
  const info: QuickInfo = { count, chunk: DOC_CHUNK, fullText, filters };
  files.set('thong-tin.json', `${JSON.stringify(info)}\n`);
  return files;
}

/** Newest first, then by path: the order documents are numbered in. */
export function sortDocs(docs: QuickDoc[]): QuickDoc[] {
  return docs.sort((a, b) => b.date.localeCompare(a.date) || a.path.localeCompare(b.path));
}

// --- Searching --------------------------------------------------------------------------

export interface QuickHit {
  id: number;
  /** Query words found in the title or keywords. */
  score: number;
}

/** Reads one file of the quick index (path under QUICK_DIR); undefined when there is none. */
export type QuickFetch = (path: string) => Promise<string | undefined>;

/**
 * The quick index of one site: the search page's first step. Files are fetched once each and
 * kept, so typing on downloads only what the new words need.
 */
export class QuickIndex {
  readonly #fetch: QuickFetch;
  readonly #files = new Map<string, Promise<string | undefined>>();
  #info: Promise<QuickInfo> | undefined;

  constructor(fetchFile: QuickFetch) {
    this.#fetch = fetchFile;
  }

  file(path: string): Promise<string | undefined> {
    const known = this.#files.get(path);
    if (known) return known;
    const file = this.#fetch(path);
    this.#files.set(path, file);
    return file;
  }

  info(): Promise<QuickInfo> {
    this.#info ??= this.file('thong-tin.json').then(
      (text) => JSON.parse(text ?? '{}') as QuickInfo,
    );
    return this.#info;
  }

  async #vocabulary(bucket: string): Promise<Map<string, number>> {
    const text = (await this.file(`v/${bucket}.txt`)) ?? '';
    return new Map(
      text
        .split('\n')
        .filter(Boolean)
        .map((line) => {
          const [word = '', count = '0'] = line.split(' ');
          return [word, Number(count)] as const;
        }),
    );
  }

  /** The words of the index a query word stands for: itself, and for the last word what it begins. */
  async #expand(word: string, last: boolean): Promise<string[]> {
    const vocabulary = await this.#vocabulary(bucketOf(word));
    const found = vocabulary.has(word) ? [word] : [];
    if (!last || word.length < 2) return found;
    const longer = [...vocabulary]
      .filter(([other]) => other !== word && other.startsWith(word))
      .sort((a, b) => b[1] - a[1])
      .slice(0, PREFIX_EXPANSIONS)
      .map(([other]) => other);
    return [...found, ...longer];
  }

  /**
   * Documents holding every query word (the last one also as the beginning of a word) and every
   * chosen filter value, best first.
   */
  async search(query: string, filters: Record<string, string> = {}): Promise<QuickHit[]> {
    const info = await this.info();
    const count = info.count;
    const queryWords = [...new Set(words(query))];
    let matched: Bits | undefined;
    const titleSets: Bits[] = [];
    for (const [index, word] of queryWords.entries()) {
      const forms = await this.#expand(word, index === queryWords.length - 1);
      if (forms.length === 0) return [];
      let any = new Uint8Array(Math.ceil(count / 8));
      let title = new Uint8Array(any.length);
      for (const form of forms) {
        const [allLine = 'L', titleLine = 'L'] = ((await this.file(`t/${form}.txt`)) ?? '').split(
          '\n',
        );
        any = or(any, decodeSet(allLine, count));
        title = or(title, decodeSet(titleLine, count));
      }
      matched = matched ? and(matched, any) : any;
      titleSets.push(title);
    }
    for (const [key, value] of Object.entries(filters)) {
      const option = info.filters[key]?.find(([name]) => name === value);
      if (!option) return [];
      const set = decodeSet(((await this.file(`f/${option[2]}.txt`)) ?? 'L').trim(), count);
      matched = matched ? and(matched, set) : set;
    }
    if (!matched) return [];
    const hits: QuickHit[] = [];
    for (let id = 0; id < count; id += 1) {
      if (has(matched, id)) {
        hits.push({ id, score: titleSets.filter((set) => has(set, id)).length });
      }
    }
    return hits.sort((a, b) => b.score - a.score || a.id - b.id);
  }

  async record(id: number): Promise<DocRecord | undefined> {
    const info = await this.info();
    const text = await this.file(`d/${Math.floor(id / info.chunk)}.json`);
    if (!text) return undefined;
    return (JSON.parse(text) as DocRecord[])[id % info.chunk];
  }
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** `text` as HTML with `<mark>` around each word that begins with one of the query's words. */
export function markWords(text: string, query: string): string {
  const wanted = words(query);
  return text
    .split(/([\p{L}\p{N}\p{M}]+)/u)
    .map((part, index) => {
      const folded = index % 2 === 1 ? fold(part) : '';
      return folded && wanted.some((word) => folded.startsWith(word))
        ? `<mark>${escapeHtml(part)}</mark>`
        : escapeHtml(part);
    })
    .join('');
}
