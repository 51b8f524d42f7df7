import type { KnowledgeBase } from "../knowledge/knowledge-base.js";
import { compactText } from "../search/normalize.js";
import { PhraseMatcher } from "../search/phrase-matcher.js";
import { hasCue, type ScreenCues } from "../policy/cues.js";

/**
 * The task words of the items of `lists`, and the everyday words the synonym table says mean one
 * of them (多少棵 for 树木数量).
 */
export function taskWordsOf(kb: KnowledgeBase, lists: string[]): string[] {
  const words = new Set(kb.items.filter((i) => lists.includes(i.list)).flatMap((i) => kb.itemWords(i.id)));
  for (const [variant, canon] of kb.lexicon.synonyms) if (canon.some((c) => words.has(c))) words.add(variant);
  return [...words];
}

/**
 * A cheap necessary condition for a clause to match the negative list, checked before any
 * retrieval. matchNegative accepts a clause only when it has an enforcement verb, a develop verb
 * (招商), road sweeping, or a negative-list task word (or an everyday word the synonym table gives
 * for one) written in it; a clause with none of them is skipped without segmentation or BM25, and
 * the result is the same.
 */
export function createNegativeGate(kb: KnowledgeBase, cues: ScreenCues): (text: string) => boolean {
  const words = new PhraseMatcher<true>();
  for (const w of taskWordsOf(kb, ["negative"])) words.add(w, true);
  // Sweeping a public road (roadCleaning in negative-match) needs no enforcement verb.
  const sweeps = (text: string) => hasCue(text, cues.road_topics) && hasCue(text, cues.clean_verbs);
  return (text) => hasCue(text, cues.enforce_verbs) || sweeps(text) || hasCue(text, cues.develop_verbs) || words.test(compactText(text));
}
