/**
 * The `limit` highest-scoring of `entries`, best first; equal scores keep their input order, so
 * the result is exactly a stable sort's first `limit`. Only entries at or above the limit-th
 * score are sorted with the comparator (the cut comes from a native numeric sort), which is
 * what makes it cheap when few of many are wanted.
 */
export function topByScore<T>(entries: T[], score: (e: T) => number, limit: number): T[] {
  const n = entries.length;
  let kept: T[] = entries;
  if (n > limit) {
    const values = new Float64Array(n);
    for (let i = 0; i < n; i++) values[i] = score(entries[i]);
    values.sort();
    const cut = limit > 0 ? values[n - limit] : Infinity;
    kept = [];
    for (let i = 0; i < n; i++) if (score(entries[i]) >= cut) kept.push(entries[i]);
  } else {
    kept = entries.slice();
  }
  kept.sort((a, b) => score(b) - score(a));
  if (kept.length > limit) kept.length = limit;
  return kept;
}
