import { foldedTokens } from '../core/text.ts';
import { type Problem, warning } from '../model/problems.ts';

export const DUPLICATE_THRESHOLD = 0.75;

export interface TitleRecord {
  slug: string;
  path: string;
  title: string;
}

interface Indexed extends TitleRecord {
  tokens: string[];
  /** Token ranks (rarest first), sorted ascending: the form every comparison uses. */
  ranks: Int32Array;
}

export interface Match {
  other: TitleRecord;
  similarity: number;
}

/** The distinct folded syllables of a title: what the index compares. */
export function titleTokens(title: string): string[] {
  return [...new Set(foldedTokens(title))];
}

function prefixLength(size: number, threshold: number): number {
  return size - Math.ceil(threshold * size - 1e-9) + 1;
}

/**
 * Size of the intersection of two ascending rank lists, or -1 as soon as it
 * can no longer reach `needed` (most candidates fail within a few steps).
 */
function overlap(a: Int32Array, b: Int32Array, needed = 0): number {
  return overlapFrom(a, 0, b, 0, needed);
}

function bitCount(value: number): number {
  let v = value - ((value >>> 1) & 0x55555555);
  v = (v & 0x33333333) + ((v >>> 2) & 0x33333333);
  return (Math.imul((v + (v >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24) as number;
}

/** `overlap` of the tails a[i…] and b[j…]. */
function overlapFrom(
  a: Int32Array,
  start: number,
  b: Int32Array,
  startB: number,
  needed: number,
): number {
  let i = start;
  let j = startB;
  let shared = 0;
  while (i < a.length && j < b.length) {
    if (shared + Math.min(a.length - i, b.length - j) < needed) return -1;
    const x = a[i] as number;
    const y = b[j] as number;
    if (x === y) {
      shared += 1;
      i += 1;
      j += 1;
    } else if (x < y) i += 1;
    else j += 1;
  }
  return shared >= needed ? shared : -1;
}

/** Smallest overlap two sets of these sizes need for a Jaccard similarity of t. */
function neededOverlap(t: number, a: number, b: number): number {
  return Math.ceil((t / (1 + t)) * (a + b) - 1e-9);
}

export class TitleIndex {
  readonly threshold: number;
  private readonly records: Indexed[] = [];
  private readonly frequency = new Map<string, number>();
  private rank: Map<string, number> | undefined;
  /** postings[rank] = [record, position, record, position, …] over each record's prefix. */
  private postings: number[][] = [];
  private seen = new Int32Array(0);
  private count = new Int32Array(0);
  private pruned = new Uint8Array(0);
  private stamp = 0;
  /** Titles verified so far: the cost the index keeps far below every pair. */
  comparisons = 0;

  constructor(threshold = DUPLICATE_THRESHOLD) {
    this.threshold = threshold;
  }

  /** `tokens`, when given, must be `titleTokens(record.title)` (worker threads compute them). */
  add(record: TitleRecord, tokens = titleTokens(record.title)): void {
    if (tokens.length === 0) return;
    for (const token of tokens) this.frequency.set(token, (this.frequency.get(token) ?? 0) + 1);
    this.records.push({ ...record, tokens, ranks: new Int32Array(0) });
    this.rank = undefined;
  }

  /** Global order: rarest syllables first, so that prefixes hold the most selective ones. */
  private build(): Map<string, number> {
    const order = [...this.frequency.keys()].sort(
      (a, b) =>
        (this.frequency.get(a) ?? 0) - (this.frequency.get(b) ?? 0) || (a < b ? -1 : a > b ? 1 : 0),
    );
    const rank = new Map(order.map((token, index) => [token, index]));
    this.postings = Array.from({ length: order.length }, () => []);
    this.records.forEach((record, index) => {
      record.ranks = Int32Array.from(
        record.tokens.map((token) => rank.get(token) as number),
      ).sort();
      const prefix = prefixLength(record.ranks.length, this.threshold);
      for (let position = 0; position < prefix; position += 1) {
        this.postings[record.ranks[position] as number]?.push(index, position);
      }
    });
    this.seen = new Int32Array(this.records.length);
    this.count = new Int32Array(this.records.length);
    this.pruned = new Uint8Array(this.records.length);
    this.stamp = 0;
    this.rank = rank;
    return rank;
  }

  /**
   * Every near-duplicate pair of the index at once (a full run): records are
   * joined in increasing size, each probing only the smaller ones already
   * indexed, whose shorter "mid-prefix" (|y| − ⌈2t/(1+t)·|y|⌉ + 1) is enough.
   * Each pair is checked once. Returns the matches of every slug.
   */
  allPairs(): Map<string, Match[]> {
    if (!this.rank) this.build();
    const t = this.threshold;
    const records = this.records;
    const sizes = Int32Array.from(records, (record) => record.ranks.length);
    const order = records.map((_, index) => index);
    order.sort((a, b) => (sizes[a] as number) - (sizes[b] as number));
    const postings: number[][] = Array.from({ length: this.postings.length }, () => []);
    const found = new Map<string, Match[]>();
    const push = (from: Indexed, to: Indexed, similarity: number) => {
      const match = { other: { slug: to.slug, path: to.path, title: to.title }, similarity };
      const list = found.get(from.slug);
      if (list) list.push(match);
      else found.set(from.slug, [match]);
    };
    const { seen, count, pruned } = this;
    // Slugs as numbers: the same-entry test runs for every candidate.
    const slugIds = new Map<string, number>();
    const slugOf = Int32Array.from(records, (record) => {
      let id = slugIds.get(record.slug);
      if (id === undefined) {
        id = slugIds.size;
        slugIds.set(record.slug, id);
      }
      return id;
    });
    const candidates = new Int32Array(records.length);
    // 64-bit signatures: syllables of x whose bit y lacks are surely missing from y.
    const low = new Int32Array(records.length);
    const high = new Int32Array(records.length);
    records.forEach((record, index) => {
      for (const rank of record.ranks) {
        const bit = Math.imul(rank, 0x9e3779b1) >>> 26;
        if (bit < 32) low[index] = (low[index] as number) | (1 << bit);
        else high[index] = (high[index] as number) | (1 << (bit - 32));
      }
    });
    // Where each candidate's last prefix match sits: verification resumes after it (PPJoin).
    const lastX = new Int32Array(records.length);
    const lastY = new Int32Array(records.length);
    let largest = 0;
    for (const size of sizes) largest = Math.max(largest, size);
    const neededBySize = new Int32Array(largest + 1);
    for (const xIndex of order) {
      const record = records[xIndex] as Indexed;
      const x = record.ranks;
      const n = x.length;
      const smallest = t * n - 1e-9;
      for (let size = 0; size <= n; size += 1) neededBySize[size] = neededOverlap(t, n, size);
      this.stamp += 1;
      const stamp = this.stamp;
      let candidateCount = 0;
      const probe = prefixLength(n, t);
      for (let i = 0; i < probe; i += 1) {
        const list = postings[x[i] as number];
        if (!list) continue;
        for (let k = 0; k < list.length; k += 2) {
          const y = list[k] as number;
          const size = sizes[y] as number;
          if (size < smallest) continue;
          if (seen[y] !== stamp) {
            seen[y] = stamp;
            count[y] = 0;
            pruned[y] = 0;
            candidates[candidateCount++] = y;
          } else if (pruned[y]) continue;
          const j = list[k + 1] as number;
          const needed = neededBySize[size] as number;
          if ((count[y] as number) + 1 + Math.min(n - i - 1, size - j - 1) < needed) {
            pruned[y] = 1;
            continue;
          }
          count[y] = (count[y] as number) + 1;
          lastX[y] = i;
          lastY[y] = j;
        }
      }
      const ownSlug = slugOf[xIndex];
      for (let c = 0; c < candidateCount; c += 1) {
        const y = candidates[c] as number;
        if (pruned[y] || slugOf[y] === ownSlug) continue;
        const size = sizes[y] as number;
        const missing =
          bitCount((low[xIndex] as number) & ~(low[y] as number)) +
          bitCount((high[xIndex] as number) & ~(high[y] as number));
        if (n - missing < (neededBySize[size] as number)) continue;
        const other = records[y] as Indexed;
        this.comparisons += 1;
        const counted = count[y] as number;
        // Every shared syllable up to the last prefix match was counted there: only the rest is merged.
        const rest = overlapFrom(
          x,
          (lastX[y] as number) + 1,
          other.ranks,
          (lastY[y] as number) + 1,
          (neededBySize[size] as number) - counted,
        );
        const shared = rest < 0 ? -1 : counted + rest;
        const similarity = shared / (n + size - shared);
        if (shared >= 0 && similarity >= t - 1e-9) {
          push(record, other, similarity);
          push(other, record, similarity);
        }
      }
      const midPrefix = n - Math.ceil(((2 * t) / (1 + t)) * n - 1e-9) + 1;
      for (let position = 0; position < midPrefix; position += 1) {
        postings[x[position] as number]?.push(xIndex, position);
      }
    }
    for (const list of found.values()) {
      list.sort((a, b) => b.similarity - a.similarity || a.other.path.localeCompare(b.other.path));
    }
    return found;
  }

  /**
   * Titles similar to `title`, excluding the entry `slug` itself; most similar
   * first. Prefix, size and positional filters (PPJoin, Xiao et al. 2008) keep
   * the candidates few; each survivor is verified exactly.
   */
  similarTo(title: string, slug: string): Match[] {
    const rank = this.rank ?? this.build();
    const tokens = [...new Set(foldedTokens(title))];
    if (tokens.length === 0) return [];
    // Syllables unknown to the index sort first (rarest) and match nothing.
    let unknown = -1;
    const x = Int32Array.from(tokens.map((token) => rank.get(token) ?? unknown--)).sort();
    const n = x.length;
    const t = this.threshold;
    this.stamp += 1;
    const stamp = this.stamp;
    const candidates: number[] = [];
    const prefix = prefixLength(n, t);
    for (let i = 0; i < prefix; i += 1) {
      const token = x[i] as number;
      if (token < 0) continue;
      const list = this.postings[token];
      if (!list) continue;
      for (let k = 0; k < list.length; k += 2) {
        const y = list[k] as number;
        const j = list[k + 1] as number;
        const size = (this.records[y] as Indexed).ranks.length;
        if (size < t * n - 1e-9 || size * t > n + 1e-9) continue;
        if (this.seen[y] !== stamp) {
          this.seen[y] = stamp;
          this.count[y] = 0;
          this.pruned[y] = 0;
          candidates.push(y);
        } else if (this.pruned[y]) continue;
        const needed = neededOverlap(t, n, size);
        if ((this.count[y] as number) + 1 + Math.min(n - i - 1, size - j - 1) < needed) {
          this.pruned[y] = 1;
          continue;
        }
        this.count[y] = (this.count[y] as number) + 1;
      }
    }
    const matches: Match[] = [];
    for (const y of candidates) {
      if (this.pruned[y]) continue;
      const record = this.records[y] as Indexed;
      if (record.slug === slug) continue;
      this.comparisons += 1;
      const shared = overlap(x, record.ranks, neededOverlap(t, n, record.ranks.length));
      const similarity = shared / (n + record.ranks.length - shared);
      if (shared >= 0 && similarity >= t - 1e-9) {
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

export function duplicateProblems(matches: readonly Match[], line: number | undefined): Problem[] {
  return matches
    .slice(0, 3)
    .map((match) =>
      warning(
        'duplicates.title',
        `Tên gần trùng (${Math.round(match.similarity * 100)}%) với sáng kiến "${match.other.title}" (${match.other.path}). Kiểm tra xem có phải cùng một sáng kiến không.`,
        { field: 'title', line },
      ),
    );
}
