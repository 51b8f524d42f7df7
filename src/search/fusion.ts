import type { Logger } from "../logger.js";
import type { KnowledgeEntry } from "../types.js";
import type { Embedder, Retriever, SearchHit } from "./types.js";
import type { VectorIndex } from "./vector-index.js";

/** The usual RRF constant: damps the weight of the very top ranks. */
export const RRF_K = 60;

export interface FusedRank {
  id: string;
  score: number;
}

/**
 * Reciprocal rank fusion: each id scores Σ weight / (k + rank) over the lists it appears in
 * (rank from 1). Ties keep the order in which ids were first met, list by list.
 */
export function reciprocalRankFusion(lists: string[][], opts: { k?: number; weights?: number[] } = {}): FusedRank[] {
  const k = opts.k ?? RRF_K;
  const scores = new Map<string, number>();
  lists.forEach((list, li) => {
    const w = opts.weights?.[li] ?? 1;
    const seen = new Set<string>();
    list.forEach((id, i) => {
      if (seen.has(id)) return; // a duplicate in one list counts once, at its best rank
      seen.add(id);
      scores.set(id, (scores.get(id) ?? 0) + w / (k + i + 1));
    });
  });
  return [...scores].map(([id, score]) => ({ id, score })).sort((a, b) => b.score - a.score);
}

export interface FusedRetrieverOptions {
  k?: number;
  /** How deep each ranking goes before fusion, at least this or 3 × limit. */
  depth?: number;
  logger?: Logger;
  /** Query vectors kept in memory (repeated questions skip the embedding call). */
  cacheSize?: number;
}

/**
 * A Retriever fusing BM25 and vector rankings by RRF. If the embedder fails (down, slow) or
 * there is no vector index, the BM25 ranking alone is returned and the failure logged.
 */
export function createFusedRetriever(
  bm25: Retriever,
  vector: VectorIndex | null,
  embedder: Embedder | null,
  getEntry: (id: string) => KnowledgeEntry | undefined,
  opts: FusedRetrieverOptions = {},
): Retriever {
  const cache = new Map<string, number[]>();
  const cacheSize = opts.cacheSize ?? 256;

  const embedQuery = async (query: string) => {
    const hit = cache.get(query);
    if (hit) return hit;
    const [vec] = await embedder!.embed([query]);
    if (cache.size >= cacheSize) cache.delete(cache.keys().next().value!);
    cache.set(query, vec);
    return vec;
  };

  return {
    async search(query, searchOpts = {}) {
      const limit = searchOpts.limit ?? 10;
      const depth = Math.max(opts.depth ?? 30, limit * 3);
      const lexical = await bm25.search(query, { ...searchOpts, limit: depth });
      if (!vector || !embedder || vector.size === 0) return lexical.slice(0, limit);

      let semantic: string[];
      try {
        const kinds = searchOpts.kinds;
        const near = await vector.search(await embedQuery(query), depth * (kinds ? 2 : 1));
        semantic = near
          .map((h) => h.id)
          .filter((id) => {
            const e = getEntry(id);
            return e !== undefined && (!kinds || kinds.includes(e.kind));
          })
          .slice(0, depth);
      } catch (err) {
        opts.logger?.warn({ err: (err as Error).message }, "vector search failed; using BM25 alone");
        return lexical.slice(0, limit);
      }

      const byId = new Map(lexical.map((h) => [h.id, h.entry]));
      const fused: SearchHit[] = [];
      for (const { id, score } of reciprocalRankFusion([lexical.map((h) => h.id), semantic], { k: opts.k })) {
        const entry = byId.get(id) ?? getEntry(id);
        if (entry) fused.push({ id, score, entry });
        if (fused.length >= limit) break;
      }
      return fused;
    },
  };
}
