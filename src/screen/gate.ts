import type { KnowledgeBase } from "../knowledge/knowledge-base.js";
import { PhraseMatcher } from "../search/phrase-matcher.js";
import { hasCue, type ScreenCues } from "../policy/cues.js";

/**
 * A cheap necessary condition for a clause to match the negative list, checked before any
 * retrieval. matchNegative accepts a clause only when it has an enforcement verb, a develop verb
 * (招商), road sweeping, or a negative-list task word written in it; a clause with none of them is skipped
 * without jieba or BM25, and the result is the same.
 */
export function createNegativeGate(kb: KnowledgeBase, cues: ScreenCues): (text: string) => boolean {
  const words = new PhraseMatcher<true>();
  for (const item of kb.items) if (item.list === "negative") for (const w of kb.itemWords(item.id)) words.add(w, true);
  // Sweeping a public road (roadCleaning in negative-match) needs no enforcement verb.
  const sweeps = (text: string) => hasCue(text, cues.road_topics) && hasCue(text, cues.clean_verbs);
  return (text) => hasCue(text, cues.enforce_verbs) || sweeps(text) || hasCue(text, cues.develop_verbs) || words.test(text.replace(/\s+/g, ""));
}
