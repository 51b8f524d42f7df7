/** A small BM25 index over pre-tokenised documents. Scores accumulate over postings, so cost grows with the query's matches, not the collection. */
export class Bm25Index {
  private readonly postings = new Map<string, Array<[doc: number, tf: number]>>();
  private readonly lengths: number[] = [];
  private readonly ids: string[] = [];
  private totalLength = 0;

  constructor(
    private readonly k1 = 1.2,
    private readonly b = 0.75,
  ) {}

  get size(): number {
    return this.ids.length;
  }

  add(id: string, tokens: string[]): void {
    const doc = this.ids.length;
    this.ids.push(id);
    this.lengths.push(tokens.length);
    this.totalLength += tokens.length;
    const tf = new Map<string, number>();
    for (const t of tokens) tf.set(t, (tf.get(t) ?? 0) + 1);
    for (const [t, n] of tf) {
      let list = this.postings.get(t);
      if (!list) this.postings.set(t, (list = []));
      list.push([doc, n]);
    }
  }

  idf(token: string): number {
    const df = this.postings.get(token)?.length ?? 0;
    return Math.log(1 + (this.ids.length - df + 0.5) / (df + 0.5));
  }

  /** Scores documents for weighted query tokens; returns [id, score] best first. */
  search(query: Map<string, number>, limit = 10, filter?: (id: string) => boolean): Array<[string, number]> {
    const avg = this.totalLength / Math.max(1, this.ids.length);
    const scores = new Map<number, number>();
    for (const [token, weight] of query) {
      const list = this.postings.get(token);
      if (!list) continue;
      const idf = this.idf(token) * weight;
      for (const [doc, tf] of list) {
        const norm = tf + this.k1 * (1 - this.b + (this.b * this.lengths[doc]) / avg);
        scores.set(doc, (scores.get(doc) ?? 0) + (idf * tf * (this.k1 + 1)) / norm);
      }
    }
    const out: Array<[string, number]> = [];
    for (const [doc, s] of scores) if (!filter || filter(this.ids[doc])) out.push([this.ids[doc], s]);
    out.sort((a, b) => b[1] - a[1]);
    return out.slice(0, limit);
  }
}
