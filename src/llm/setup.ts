import { join } from "node:path";
import type { Config } from "../config.js";
import type { KnowledgeBase } from "../knowledge/knowledge-base.js";
import type { Logger } from "../logger.js";
import type { OpenAiEmbedder } from "../search/embedder.js";
import type { Retriever } from "../search/types.js";
import type { VectorIndex } from "../search/vector-index.js";
import type { Llm } from "./client.js";

/** What the optional model endpoints add to the engine. */
export interface LlmSetup {
  /** Null when OPENAI_BASE_URL / OPENAI_MODEL are not set: everything stays offline. */
  llm: Llm | null;
  embedder: OpenAiEmbedder | null;
  vector: VectorIndex | null;
  /** A place's BM25 fused with vectors when embeddings work (only entries `accept` lets through), else the BM25 itself. */
  fuse(bm25: Retriever, accept: (id: string) => boolean): Retriever;
}

/**
 * Wires the LLM client, the embedder and the vector index for an engine. Never throws for an
 * endpoint that is down: the vector index is then skipped (BM25 alone) and the reason logged.
 * The index lives in <DATA_DIR>/vectors and is rebuilt when the knowledge hash or model changes.
 */
export async function setupLlm(deps: { config: Config; logger: Logger; kb: KnowledgeBase }): Promise<LlmSetup> {
  const { config, logger, kb } = deps;
  // The model libraries (LangChain, openai, hnswlib) load only when an endpoint is configured.
  if (!config.OPENAI_BASE_URL) return { llm: null, embedder: null, vector: null, fuse: (bm25) => bm25 };
  const [{ createLlm }, { embedderFromConfig }, { buildOrLoad, knowledgeVectorEntries }, { createFusedRetriever }] = await Promise.all([
    import("./client.js"),
    import("../search/embedder.js"),
    import("../search/vector-index.js"),
    import("../search/fusion.js"),
  ]);
  const llm = createLlm(config, logger);
  const embedder = llm?.embedder ?? embedderFromConfig(config, logger);
  let vector: VectorIndex | null = null;
  if (embedder) {
    try {
      vector = await buildOrLoad({ entries: knowledgeVectorEntries(kb), embedder, dir: join(config.DATA_DIR, "vectors"), hash: kb.hash, logger });
    } catch (err) {
      logger.warn({ err: (err as Error).message }, "vector index unavailable; retrieval uses BM25 alone");
    }
  }
  const fuse = (bm25: Retriever, accept: (id: string) => boolean) =>
    vector ? createFusedRetriever(bm25, vector, embedder, (id) => (accept(id) ? kb.get(id) : undefined), { logger }) : bm25;
  return { llm, embedder, vector, fuse };
}
