import type { Term } from "./tokenizer.js";
import { topByScore } from "./top-k.js";

/** One token's postings in one partition, ready to score: documents and their BM25 term weights. */
interface Postings {
  docs: Int32Array;
  /** idf · tf · (k1 + 1) / (tf + k1 · (1 − b + b · len / avgLen)), per document. */
  weights: Float64Array;
}

/**
 * A small BM25 index over pre-tokenised documents. Documents belong to a partition (list items,
 * passages…) with postings kept per partition, so a search of one kind never walks the others;
 * IDF is over the whole collection, so scores are the same whichever partitions are searched.
 * Term weights depend on the whole collection (IDF, average length), so they are computed once,
 * at the first search after the last `add`.
 */
export class Bm25Index {
  /** token → per partition, [doc, tf] pairs flattened, while documents are added. */
  private readonly postings = new Map<Term, number[][]>();
  private readonly df = new Map<Term, number>();
  private readonly lengths: number[] = [];
  private readonly ids: string[] = [];
  private totalLength = 0;
  private frozen: Map<Term, Array<Postings | undefined>> | null = null;
  private acc = new Float64Array(0);

  constructor(
    private readonly k1 = 1.2,
    private readonly b = 0.75,
  ) {}

  get size(): number {
    return this.ids.length;
  }

  add(id: string, tokens: Term[], partition = 0): void {
    this.frozen = null;
    const doc = this.ids.length;
    this.ids.push(id);
    this.lengths.push(tokens.length);
    this.totalLength += tokens.length;
    const tf = new Map<Term, number>();
    for (const t of tokens) tf.set(t, (tf.get(t) ?? 0) + 1);
    for (const [t, n] of tf) {
      let parts = this.postings.get(t);
      if (!parts) this.postings.set(t, (parts = []));
      (parts[partition] ??= []).push(doc, n);
      this.df.set(t, (this.df.get(t) ?? 0) + 1);
    }
  }

  idf(token: Term): number {
    const df = this.df.get(token) ?? 0;
    return Math.log(1 + (this.ids.length - df + 0.5) / (df + 0.5));
  }

  private freeze(): Map<Term, Array<Postings | undefined>> {
    const avg = this.totalLength / Math.max(1, this.ids.length);
    const frozen = new Map<Term, Array<Postings | undefined>>();
    for (const [token, parts] of this.postings) {
      const idf = this.idf(token);
      frozen.set(
        token,
        parts.map((list) => {
          if (!list) return undefined;
          const n = list.length / 2;
          const docs = new Int32Array(n);
          const weights = new Float64Array(n);
          for (let i = 0; i < n; i++) {
            const doc = list[2 * i];
            const tf = list[2 * i + 1];
            docs[i] = doc;
            weights[i] = (idf * tf * (this.k1 + 1)) / (tf + this.k1 * (1 - this.b + (this.b * this.lengths[doc]) / avg));
          }
          return { docs, weights };
        }),
      );
    }
    return frozen;
  }

  /** Scores documents of the given partitions (all when omitted) for weighted query tokens; [id, score] best first. */
  search(query: Map<Term, number>, limit = 10, partitions?: number[]): Array<[string, number]> {
    const postings = (this.frozen ??= this.freeze());
    // Dense accumulator plus the list of touched documents: no hashing in the inner loop.
    if (this.acc.length < this.ids.length) this.acc = new Float64Array(this.ids.length * 2);
    const acc = this.acc;
    const touched: number[] = [];
    for (const [token, weight] of query) {
      const parts = postings.get(token);
      if (!parts) continue;
      for (let p = 0; p < parts.length; p++) {
        const list = parts[p];
        if (!list || (partitions && !partitions.includes(p))) continue;
        const { docs, weights } = list;
        for (let i = 0; i < docs.length; i++) {
          const doc = docs[i];
          if (acc[doc] === 0) touched.push(doc);
          acc[doc] += weight * weights[i];
        }
      }
    }
    const out = topByScore(
      touched.map((doc): [string, number] => [this.ids[doc], acc[doc]]),
      (e) => e[1],
      limit,
    );
    for (const doc of touched) acc[doc] = 0;
    return out;
  }
}
