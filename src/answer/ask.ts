import type { KnowledgeBase } from "../knowledge/knowledge-base.js";
import type { KnowledgeRetriever } from "../search/knowledge-retriever.js";
import type { AskResult } from "../types.js";
import { createDecider, type Decision } from "./decide.js";
import { patternRule } from "../policy/rules.js";
import { followupPoint } from "./followups.js";
import { composeOffline } from "./offline-composer.js";

export interface OfflineAnswer {
  result: AskResult;
  decision: Decision;
}

/** Words that say nothing of a topic, so they cannot tie a follow-up to an earlier question. */
const STOP = /^(社区|我们|你们|他们|这个|那个|刚才|之前|上面|街道|居民|怎么|什么|可以|能不能|要是|如果|还是|就是|这样|那样|说是)$/;
const referBack = patternRule("followup.refers-back", "追问指回前面某个问题（“回到刚才锅炉那个”“刚才那个婚姻的”）", /刚才|之前|前面|回到|上面说的|那个.{0,6}的/);

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

  /** The context a follow-up means: the latest, or an earlier one it names again ("回到刚才锅炉那个"). */
  function meant(question: string, contexts: Context[]): Context | undefined {
    const latest = contexts.at(-1);
    const words = retriever.tokenizer.words(question).filter((w) => w.length >= 2 && !STOP.test(w));
    const shares = (c: Context) => words.some((w) => c.query.includes(w));
    if (!latest || shares(latest)) return latest;
    const earlier = [...contexts].reverse().find(shares);
    return earlier && referBack.holds(question) ? earlier : latest;
  }

  function turn(question: string, context: Context | undefined): Decision {
    const point = context && context.decision.verdict !== "out_of_scope" ? followupPoint(question) : undefined;
    // A follow-up that names a task of its own is a question about that task.
    if (point && context && retriever.analyze(question).taskHits.size === 0) return { ...context.decision, followup: point, query: context.query };
    return decide(question, context?.query);
  }

  return (question: string, history: readonly string[] = []): OfflineAnswer => {
    const contexts: Context[] = [];
    for (const earlier of history) {
      const d = turn(earlier, meant(earlier, contexts));
      // Small talk between turns ("好的，谢谢") leaves the topic as it was.
      if (d.verdict !== "out_of_scope" || !contexts.length) contexts.push({ query: d.query, decision: d });
    }
    const decision = turn(question, meant(question, contexts));
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
