import type { KnowledgeBase } from "../knowledge/knowledge-base.js";
import type { KnowledgeRetriever } from "../search/knowledge-retriever.js";
import type { AskResult } from "../types.js";
import { createDecider, type Decision } from "./decide.js";
import { followupPoint } from "./followups.js";
import { composeOffline } from "./offline-composer.js";

export interface OfflineAnswer {
  result: AskResult;
  decision: Decision;
}

/** The conversation so far: the last question that was about something, and what was decided. */
interface Context {
  query: string;
  decision: Decision;
}

/**
 * The offline question answerer: decision from retrieval and the lexicon, text from templates.
 * `history` is what the same person asked just before, oldest first: each turn is taken as in a
 * chat, so a follow-up about the previous answer (为什么？怎么回复街道？) keeps its verdict and
 * citations, and one naming another task (那电梯呢？) is about that task.
 */
export function createOfflineAsker(kb: KnowledgeBase, retriever: KnowledgeRetriever) {
  const decide = createDecider(kb, retriever);

  function turn(question: string, context: Context | undefined): Decision {
    const point = context && context.decision.verdict !== "out_of_scope" ? followupPoint(question) : undefined;
    // A follow-up that names a task of its own is a question about that task.
    if (point && context && retriever.analyze(question).taskHits.size === 0) return { ...context.decision, followup: point, query: context.query };
    return decide(question, context?.query);
  }

  return (question: string, history: readonly string[] = []): OfflineAnswer => {
    let context: Context | undefined;
    for (const earlier of history) {
      const d = turn(earlier, context);
      // Small talk between turns ("好的，谢谢") leaves the topic as it was.
      if (d.verdict !== "out_of_scope" || !context) context = { query: d.query, decision: d };
    }
    const decision = turn(question, context);
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
