/**
 * A small BM25 index over pre-tokenised documents. Documents belong to a partition (list items,
 * passages…) with postings kept per partition, so a search of one kind never walks the others;
 * IDF is over the whole collection, so scores are the same whichever partitions are searched.
 */
export class Bm25Index {
  /** token → per partition, [doc, tf] pairs flattened. */
  private readonly postings = new Map<string, number[][]>();
  private readonly df = new Map<string, number>();
  private readonly lengths: number[] = [];
  private readonly ids: string[] = [];
  private totalLength = 0;
  private acc = new Float64Array(0);

  constructor(
    private readonly k1 = 1.2,
    private readonly b = 0.75,
  ) {}

  get size(): number {
    return this.ids.length;
  }

  add(id: string, tokens: string[], partition = 0): void {
    const doc = this.ids.length;
    this.ids.push(id);
    this.lengths.push(tokens.length);
    this.totalLength += tokens.length;
    const tf = new Map<string, number>();
    for (const t of tokens) tf.set(t, (tf.get(t) ?? 0) + 1);
    for (const [t, n] of tf) {
      let parts = this.postings.get(t);
      if (!parts) this.postings.set(t, (parts = []));
      (parts[partition] ??= []).push(doc, n);
      this.df.set(t, (this.df.get(t) ?? 0) + 1);
    }
  }

  idf(token: string): number {
    const df = this.df.get(token) ?? 0;
    return Math.log(1 + (this.ids.length - df + 0.5) / (df + 0.5));
  }

  /** Scores documents of the given partitions (all when omitted) for weighted query tokens; [id, score] best first. */
  search(query: Map<string, number>, limit = 10, partitions?: number[]): Array<[string, number]> {
    const avg = this.totalLength / Math.max(1, this.ids.length);
    // Dense accumulator plus the list of touched documents: no hashing in the inner loop.
    if (this.acc.length < this.ids.length) this.acc = new Float64Array(this.ids.length * 2);
    const acc = this.acc;
    const touched: number[] = [];
    for (const [token, weight] of query) {
      const parts = this.postings.get(token);
      if (!parts) continue;
      const idf = this.idf(token) * weight;
      for (let p = 0; p < parts.length; p++) {
        const list = parts[p];
        if (!list || (partitions && !partitions.includes(p))) continue;
        for (let i = 0; i < list.length; i += 2) {
          const doc = list[i];
          const tf = list[i + 1];
          const norm = tf + this.k1 * (1 - this.b + (this.b * this.lengths[doc]) / avg);
          if (acc[doc] === 0) touched.push(doc);
          acc[doc] += (idf * tf * (this.k1 + 1)) / norm;
        }
      }
    }
    const out: Array<[string, number]> = touched.map((doc) => [this.ids[doc], acc[doc]]);
    for (const doc of touched) acc[doc] = 0;
    out.sort((a, b) => b[1] - a[1]);
    return out.slice(0, limit);
  }
}
