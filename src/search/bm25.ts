import type { Term } from "./tokenizer.js";
import { TermIds } from "./term-ids.js";
import { topByScore } from "./top-k.js";

/**
 * One partition's postings, ready to score, flat: term t's documents and BM25 term weights are
 * docs and weights from start[t] to start[t + 1]. Three arrays instead of an object per term keep
 * a query's lookups few and close together in memory.
 */
interface Postings {
  start: Int32Array;
  docs: Int32Array;
  /** idf · tf · (k1 + 1) / (tf + k1 · (1 − b + b · len / avgLen)), per document. */
  weights: Float64Array;
}

/**
 * A query resolved against the index: term ids (each once) and their weights. Terms the index
 * has never seen are dropped, since they score nothing.
 */
export interface ResolvedQuery {
  ids: number[];
  weights: number[];
}

/**
 * A small BM25 index over pre-tokenised documents. Documents belong to a partition (list items,
 * passages…) with postings kept per partition, so a search of one kind never walks the others;
 * IDF is over the whole collection, so scores are the same whichever partitions are searched.
 * Terms get integer ids as they are first seen, so a search indexes arrays instead of hashing.
 * Term weights depend on the whole collection (IDF, average length), so they are computed once,
 * at the first search after the last `add`.
 */
export class Bm25Index {
  private readonly vocab = new TermIds();
  /** term id → per partition, [doc, tf] pairs flattened, while documents are added. */
  private readonly postings: number[][][] = [];
  private readonly df: number[] = [];
  private readonly lengths: number[] = [];
  private readonly ids: string[] = [];
  private totalLength = 0;
  /** Per partition postings; null after an `add`, until the next search. */
  private frozen: Postings[] | null = null;
  private acc = new Float64Array(0);
  /** The documents a search reached, in the order reached (the first `reached` entries). */
  private touched = new Int32Array(0);
  /** Per term id, the query that last used it: de-duplicates query terms without a set. */
  private seen = new Int32Array(0);
  private stamp = 0;

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
    const tf = new Map<number, number>();
    for (const t of tokens) {
      let term = this.vocab.get(t);
      if (term === undefined) {
        this.vocab.set(t, (term = this.postings.length));
        this.postings.push([]);
        this.df.push(0);
      }
      tf.set(term, (tf.get(term) ?? 0) + 1);
    }
    for (const [term, n] of tf) {
      (this.postings[term][partition] ??= []).push(doc, n);
      this.df[term]++;
    }
  }

  idf(token: Term): number {
    const term = this.vocab.get(token);
    return this.idfOf(term === undefined ? 0 : this.df[term]);
  }

  private idfOf(df: number): number {
    return Math.log(1 + (this.ids.length - df + 0.5) / (df + 0.5));
  }

  /** Builds one resolved query: the first weight given for a term wins, unknown terms are dropped. */
  resolver(): { add(term: Term, weight: number): void; query: ResolvedQuery } {
    if (this.seen.length < this.postings.length) this.seen = new Int32Array(this.postings.length * 2);
    const stamp = ++this.stamp;
    const seen = this.seen;
    const query: ResolvedQuery = { ids: [], weights: [] };
    return {
      query,
      add: (t, weight) => {
        const term = this.vocab.get(t);
        if (term === undefined || seen[term] === stamp) return;
        seen[term] = stamp;
        query.ids.push(term);
        query.weights.push(weight);
      },
    };
  }

  private freeze(): Postings[] {
    const avg = this.totalLength / Math.max(1, this.ids.length);
    const terms = this.postings.length;
    let partitions = 0;
    for (const parts of this.postings) partitions = Math.max(partitions, parts.length);
    return Array.from({ length: partitions }, (_, p) => {
      const start = new Int32Array(terms + 1);
      for (let t = 0; t < terms; t++) start[t + 1] = start[t] + (this.postings[t][p]?.length ?? 0) / 2;
      const docs = new Int32Array(start[terms]);
      const weights = new Float64Array(start[terms]);
      for (let t = 0; t < terms; t++) {
        const list = this.postings[t][p];
        if (!list) continue;
        const idf = this.idfOf(this.df[t]);
        for (let i = 0, at = start[t]; i < list.length; i += 2, at++) {
          const doc = list[i];
          const tf = list[i + 1];
          docs[at] = doc;
          weights[at] = (idf * tf * (this.k1 + 1)) / (tf + this.k1 * (1 - this.b + (this.b * this.lengths[doc]) / avg));
        }
      }
      return { start, docs, weights };
    });
  }

  /** Scores documents of the given partitions (all when omitted) for weighted query tokens; [id, score] best first. */
  search(query: Map<Term, number>, limit = 10, partitions?: number[]): Array<[string, number]> {
    const r = this.resolver();
    for (const [t, w] of query) r.add(t, w);
    return this.searchResolved(r.query, limit, partitions);
  }

  /** `search` for a query already resolved to term ids. */
  searchResolved(query: ResolvedQuery, limit = 10, partitions?: number[]): Array<[string, number]> {
    const postings = (this.frozen ??= this.freeze());
    // Dense accumulator plus the list of touched documents: no hashing in the inner loop.
    if (this.acc.length < this.ids.length) {
      this.acc = new Float64Array(this.ids.length * 2);
      this.touched = new Int32Array(this.ids.length * 2);
    }
    const { acc, touched } = this;
    let reached = 0;
    const { ids, weights: qw } = query;
    const parts = partitions ? postings.filter((_, p) => partitions.includes(p)) : postings;
    for (let q = 0; q < ids.length; q++) {
      const term = ids[q];
      const weight = qw[q];
      for (let p = 0; p < parts.length; p++) {
        const { start, docs, weights } = parts[p];
        for (let i = start[term], end = start[term + 1]; i < end; i++) {
          const doc = docs[i];
          if (acc[doc] === 0) touched[reached++] = doc;
          acc[doc] += weight * weights[i];
        }
      }
    }
    // Ties keep the order in which documents were first reached.
    const best = topByScore(touched, (doc) => acc[doc], limit, reached);
    const out = best.map((doc): [string, number] => [this.ids[doc], acc[doc]]);
    for (let i = 0; i < reached; i++) acc[touched[i]] = 0;
    return out;
  }
}

