/** Up to this limit, the best are kept by insertion; above it, a sort finds the cut. */
const INSERTION_LIMIT = 64;

/**
 * The `limit` highest-scoring of the first `count` of `entries`, best first; equal scores keep
 * their input order, so the result is exactly a stable sort's first `limit`.
 */
export function topByScore<T>(entries: ArrayLike<T>, score: (e: T) => number, limit: number, count = entries.length): T[] {
  if (limit <= 0) return [];
  return limit <= INSERTION_LIMIT ? byInsertion(entries, count, score, limit) : bySort(Array.prototype.slice.call(entries, 0, count) as T[], score, limit);
}

/** Keeps the best `limit` in order as entries arrive: few comparisons when few are wanted. */
function byInsertion<T>(entries: ArrayLike<T>, count: number, score: (e: T) => number, limit: number): T[] {
  const kept: T[] = [];
  const values: number[] = [];
  for (let i = 0; i < count; i++) {
    const e = entries[i];
    const v = score(e);
    let n = kept.length;
    if (n === limit) {
      // Not better than the last kept: an equal score came later, so it stays out.
      if (!(v > values[n - 1])) continue;
      n--;
    } else {
      kept.push(e);
      values.push(v);
    }
    // Shift worse entries down; the new one goes after every one at least as good.
    let j = n;
    while (j > 0 && values[j - 1] < v) {
      kept[j] = kept[j - 1];
      values[j] = values[j - 1];
      j--;
    }
    kept[j] = e;
    values[j] = v;
  }
  return kept;
}

/**
 * Only entries at or above the limit-th score are sorted with the comparator (the cut comes from
 * a native numeric sort), which is what makes it cheap when few of many are wanted.
 */
function bySort<T>(entries: T[], score: (e: T) => number, limit: number): T[] {
  const n = entries.length;
  let kept: T[] = entries;
  if (n > limit) {
    const values = new Float64Array(n);
    for (let i = 0; i < n; i++) values[i] = score(entries[i]);
    values.sort();
    const cut = values[n - limit];
    kept = [];
    for (let i = 0; i < n; i++) if (score(entries[i]) >= cut) kept.push(entries[i]);
  } else {
    kept = entries.slice();
  }
  kept.sort((a, b) => score(b) - score(a));
  if (kept.length > limit) kept.length = limit;
  return kept;
}
