import type { KnowledgeEntry } from "../types.js";

/** One retrieval result. */
export interface SearchHit {
  id: string;
  score: number;
  entry: KnowledgeEntry;
}

/** Ranks knowledge entries for a query. BM25, vectors, or their fusion. */
export interface Retriever {
  search(query: string, opts?: { limit?: number; kinds?: Array<"item" | "passage"> }): SearchHit[] | Promise<SearchHit[]>;
}

/** Turns texts into vectors (an embedding endpoint, or a test double at the HTTP edge). */
export interface Embedder {
  readonly model: string;
  readonly dimensions?: number;
  embed(texts: string[]): Promise<number[][]>;
}
