/**
 * Near-duplicate titles. Titles are folded (case, diacritics, đ → d) and cut
 * into syllables; two titles are near-duplicates when the Jaccard similarity of
 * their syllable sets is at least 0.75. Vietnamese titles run 10–25 syllables:
 * a retyped or lightly edited title (one two-syllable word changed out of
 * fifteen: 13/17 = 0.76; word order, accents or case changed: 1.0) stays above
 * the line, while different ideas in the same field, which share the common
 * words ("hồ sơ", "thủ tục", "trực tuyến"), stay well under it. It is only a
 * warning: the committee decides.
 *
 * Scale: prefix filtering (Chaudhuri et al., 2006). Syllables are ordered by
 * rarity; two sets with Jaccard ≥ t must share one of the first
 * n − ⌈t·n⌉ + 1 rarest syllables of each, so only those are indexed and only
 * titles sharing one are compared. 10,000 titles take milliseconds, not the
 * 50 million comparisons of every pair.
 */
import { closeSync, openSync, readSync } from 'node:fs';
import { type Problem, warning } from '../lib/problems.ts';
import { foldedTokens } from '../lib/text.ts';

export const DUPLICATE_THRESHOLD = 0.75;

export interface TitleRecord {
  slug: string;
  path: string;
  title: string;
}

interface Indexed extends TitleRecord {
  tokens: string[];
}

export interface Match {
  other: TitleRecord;
  similarity: number;
}

function prefixLength(size: number, threshold: number): number {
  return size - Math.ceil(threshold * size - 1e-9) + 1;
}

function jaccard(a: readonly string[], b: ReadonlySet<string>): number {
  let shared = 0;
  for (const token of a) if (b.has(token)) shared += 1;
  return shared / (a.length + b.size - shared);
}

export class TitleIndex {
  readonly threshold: number;
  private readonly records: Indexed[] = [];
  private readonly frequency = new Map<string, number>();
  private postings: Map<string, number[]> | undefined;
  /** Titles compared so far: the cost the index keeps far below every pair. */
  comparisons = 0;

  constructor(threshold = DUPLICATE_THRESHOLD) {
    this.threshold = threshold;
  }

  add(record: TitleRecord): void {
    const tokens = [...new Set(foldedTokens(record.title))];
    if (tokens.length === 0) return;
    for (const token of tokens) this.frequency.set(token, (this.frequency.get(token) ?? 0) + 1);
    this.records.push({ ...record, tokens });
    this.postings = undefined;
  }

  private order(tokens: readonly string[]): string[] {
    return [...tokens].sort(
      (a, b) =>
        (this.frequency.get(a) ?? 0) - (this.frequency.get(b) ?? 0) || (a < b ? -1 : a > b ? 1 : 0),
    );
  }

  private build(): Map<string, number[]> {
    const postings = new Map<string, number[]>();
    this.records.forEach((record, index) => {
      const ordered = this.order(record.tokens);
      record.tokens = ordered;
      for (const token of ordered.slice(0, prefixLength(ordered.length, this.threshold))) {
        const list = postings.get(token);
        if (list) list.push(index);
        else postings.set(token, [index]);
      }
    });
    this.postings = postings;
    return postings;
  }

  /** Titles similar to `title`, excluding the entry `slug` itself; most similar first. */
  similarTo(title: string, slug: string): Match[] {
    const postings = this.postings ?? this.build();
    const tokens = this.order([...new Set(foldedTokens(title))]);
    if (tokens.length === 0) return [];
    const own = new Set(tokens);
    const candidates = new Set<number>();
    for (const token of tokens.slice(0, prefixLength(tokens.length, this.threshold))) {
      for (const index of postings.get(token) ?? []) candidates.add(index);
    }
    const matches: Match[] = [];
    for (const index of candidates) {
      const record = this.records[index] as Indexed;
      if (record.slug === slug) continue;
      // Size filter: Jaccard ≥ t needs t·|A| ≤ |B| ≤ |A|/t.
      const size = record.tokens.length;
      if (size < this.threshold * tokens.length || size * this.threshold > tokens.length) continue;
      this.comparisons += 1;
      const similarity = jaccard(record.tokens, own);
      if (similarity >= this.threshold) {
        matches.push({
          other: { slug: record.slug, path: record.path, title: record.title },
          similarity,
        });
      }
    }
    return matches.sort(
      (a, b) => b.similarity - a.similarity || a.other.path.localeCompare(b.other.path),
    );
  }
}

export function duplicateProblems(
  title: string,
  slug: string,
  index: TitleIndex,
  line: number | undefined,
): Problem[] {
  return index
    .similarTo(title, slug)
    .slice(0, 3)
    .map((match) =>
      warning(
        'duplicates.title',
        `Tên gần trùng (${Math.round(match.similarity * 100)}%) với sáng kiến "${match.other.title}" (${match.other.path}). Kiểm tra xem có phải cùng một sáng kiến không.`,
        { field: 'title', line },
      ),
    );
}

const HEAD_BYTES = 8192;

/**
 * The title of an entry without parsing it: the `title:` line of the front
 * matter when it is a plain one-line value (what the form writes). Returns
 * undefined when unsure, and the caller reads the file properly.
 */
export function quickTitle(path: string): string | undefined {
  let text: string;
  try {
    const buffer = Buffer.alloc(HEAD_BYTES);
    const fd = openSync(path, 'r');
    let read: number;
    try {
      read = readSync(fd, buffer, 0, HEAD_BYTES, 0);
    } finally {
      closeSync(fd);
    }
    text = buffer.toString('utf8', 0, read);
  } catch {
    return undefined;
  }
  if (!text.startsWith('---')) return undefined;
  const end = text.indexOf('\n---', 3);
  const head = end === -1 ? text : text.slice(0, end);
  const match = /^title:[ \t]*(.*?)[ \t]*\r?$/m.exec(head);
  const value = match?.[1];
  if (!value || /^["'|>&!*[{%@`#]/.test(value) || /\s#/.test(value) || /: /.test(value))
    return undefined;
  return value;
}
