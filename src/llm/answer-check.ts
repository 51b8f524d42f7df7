import { z } from "zod";
import type { SearchHit } from "../search/types.js";
import type { AskResult, Verdict } from "../types.js";

const VERDICTS = ["duty", "assist", "negative", "unlisted", "info", "out_of_scope"] as const;

/** What the model must return for an answer. */
export const llmAnswerSchema = z.object({
  verdict: z.enum(VERDICTS),
  citations: z.array(z.string().trim().min(1)).max(12),
  answer: z.string().trim().min(1).max(3000),
});
export type LlmAnswer = z.infer<typeof llmAnswerSchema>;

/** Offline answers at or above this confidence keep their verdict whatever the model says. */
export const DEFAULT_OVERRIDE_BELOW = 0.7;

export type AnswerCheck = { ok: true; answer: LlmAnswer } | { ok: false; reason: string };

/**
 * Checks a parsed model answer against what retrieval returned and what the offline path
 * decided. Returns the answer to use (citations deduplicated, the item supporting a list verdict
 * first) or why it must not be used. The rules hold whatever the model was told:
 * - every citation is one of `hits` (the entries shown to the model); none is missing;
 * - duty / assist / negative cite an item of that list kind;
 * - the verdict may differ from the offline one only when offline confidence < `overrideBelow`.
 */
export function checkLlmAnswer(
  answer: LlmAnswer,
  hits: SearchHit[],
  offline: AskResult,
  overrideBelow = DEFAULT_OVERRIDE_BELOW,
): AnswerCheck {
  const byId = new Map(hits.map((h) => [h.id, h]));
  const citations = [...new Set(answer.citations)];
  const invented = citations.filter((id) => !byId.has(id));
  if (invented.length) return { ok: false, reason: `citation not retrieved: ${invented.join(", ")}` };

  const { verdict } = answer;
  if (verdict === "out_of_scope") {
    if (citations.length) return { ok: false, reason: "out_of_scope with citations" };
  } else if (citations.length === 0) {
    return { ok: false, reason: `verdict ${verdict} without citations` };
  }

  if (isListVerdict(verdict)) {
    const support = citations.find((id) => {
      const e = byId.get(id)!.entry;
      return e.kind === "item" && e.item.verdict === verdict;
    });
    if (!support) return { ok: false, reason: `verdict ${verdict} cites no ${verdict} item` };
    citations.splice(citations.indexOf(support), 1);
    citations.unshift(support);
  }

  if (verdict !== offline.verdict && offline.confidence >= overrideBelow) {
    return {
      ok: false,
      reason: `verdict ${verdict} would override offline ${offline.verdict} (confidence ${offline.confidence.toFixed(2)})`,
    };
  }
  return { ok: true, answer: { ...answer, citations } };
}

function isListVerdict(v: Verdict): v is "duty" | "assist" | "negative" {
  return v === "duty" || v === "assist" || v === "negative";
}
