/**
 * The four `lodash/fp` functions decap-cms-lib-util uses (its Link-header parsing, on every paged
 * GitHub request, and its Git LFS pointer and .gitattributes parsing), always curried, data last,
 * on arrays. `lodash/fp` itself loads the whole of lodash a second time beside the per-method
 * modules the rest of Decap imports (about 30 KB gzip).
 */
type Step = (value: never) => unknown;
type Collection<T> = readonly T[] | null | undefined;

function values<T>(collection: Collection<T>): T[] {
  if (collection == null) return [];
  if (typeof collection === 'string' || Array.isArray(collection)) return Array.from(collection);
  return Object.values(collection);
}

/** `map(fn)(collection)`: like lodash/fp, the iteratee gets the value only. */
export function map<T, R>(fn: (value: T) => R): (collection: Collection<T>) => R[] {
  return (collection) => values(collection).map((value) => fn(value));
}

export function filter<T>(fn: (value: T) => unknown): (collection: Collection<T>) => T[] {
  return (collection) => values(collection).filter((value) => fn(value));
}

/** Left-to-right composition; lodash flattens its arguments, so `flow([f, g])` is `flow(f, g)`. */
export function flow(...steps: (Step | readonly Step[])[]): (value: unknown) => unknown {
  const all = steps.flat();
  return (value) => all.reduce((result, step) => step(result as never), value);
}

export function fromPairs<T>(pairs: Collection<readonly [PropertyKey, T]>): Record<string, T> {
  const result: Record<string, T> = {};
  for (const pair of values(pairs)) {
    if (pair == null) continue;
    result[String(pair[0])] = pair[1];
  }
  return result;
}
