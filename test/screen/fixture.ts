import { loadKnowledgeBase } from "../../src/knowledge/load.js";
import type { KnowledgeBase } from "../../src/knowledge/knowledge-base.js";
import { createKnowledgeRetriever, type KnowledgeRetriever } from "../../src/search/knowledge-retriever.js";
import { DEFAULT_REGION } from "../../src/policy/places.js";
import { readScreenCues, type ScreenCues } from "../../src/policy/cues.js";
import { createScreener, type Screener } from "../../src/screen/screener.js";

let cached: { kb: KnowledgeBase; retriever: KnowledgeRetriever; screener: Screener; cues: ScreenCues } | undefined;

/** The real knowledge base, retriever and screener, built once per test file. */
export function setup() {
  if (!cached) {
    const kb = loadKnowledgeBase(new URL("../../knowledge", import.meta.url).pathname);
    const retriever = createKnowledgeRetriever(kb, kb.scope(DEFAULT_REGION));
    cached = { kb, retriever, screener: createScreener(kb, retriever), cues: readScreenCues(kb.lexicon) };
  }
  return cached;
}
