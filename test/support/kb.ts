import { loadKnowledgeBase } from "../../src/knowledge/load.js";
import type { KnowledgeBase } from "../../src/knowledge/knowledge-base.js";

let cached: KnowledgeBase | undefined;

/** The real knowledge base of the repository, loaded once per test file. */
export function realKb(): KnowledgeBase {
  return (cached ??= loadKnowledgeBase(new URL("../../knowledge", import.meta.url).pathname));
}
