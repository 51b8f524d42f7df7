import type { KnowledgeBase } from "../knowledge/knowledge-base.js";
import type { KnowledgeRetriever } from "../search/knowledge-retriever.js";
import type { AskResult } from "../types.js";
import { createDecider, type Decision } from "./decide.js";
import { composeOffline } from "./offline-composer.js";

export interface OfflineAnswer {
  result: AskResult;
  decision: Decision;
}

/** The offline question answerer: decision from retrieval and the lexicon, text from templates. */
export function createOfflineAsker(kb: KnowledgeBase, retriever: KnowledgeRetriever) {
  const decide = createDecider(kb, retriever);
  return (question: string, previous?: string): OfflineAnswer => {
    const decision = decide(question, previous);
    return {
      decision,
      result: {
        verdict: decision.verdict,
        citations: decision.citations,
        answer: composeOffline(kb, decision),
        confidence: decision.confidence,
        composer: "offline",
      },
    };
  };
}
