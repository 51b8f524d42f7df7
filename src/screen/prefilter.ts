import type { KnowledgeBase } from "../knowledge/knowledge-base.js";
import { PhraseMatcher } from "../search/phrase-matcher.js";
import { hasCue, type ScreenCues } from "./cues.js";

/** Cheap test run before any retrieval: does the text name anything a flag could be about? */
export interface Prefilter {
  /** True when `norm` (screenNormalize'd) may hold a push or a burden and needs the clause analysis. */
  candidate(norm: string): boolean;
  /** True when a clause names any task word or cue (no length rule). */
  relevant(norm: string): boolean;
}

/** Shorter than this, a message is a reply or a greeting ("收到", "好的👌"). */
const MIN_LENGTH = 8;

/**
 * Builds the prefilter from the lexicon: task words of the negative and certificate lists, every
 * synonym, the inspection verbs and business targets, and the burden cues. Messages with none
 * of them leave without retrieval; one phrase scan costs microseconds.
 */
export function createPrefilter(kb: KnowledgeBase, cues: ScreenCues): Prefilter {
  const m = new PhraseMatcher<true>();
  for (const [id, words] of kb.lexicon.taskWords) {
    if (/\/(negative|no-certificate)\//.test(id)) for (const w of words) m.add(w, true);
  }
  for (const [variant, canon] of kb.lexicon.synonyms) {
    m.add(variant, true);
    for (const c of canon) m.add(c, true);
  }
  const lists = [cues.enforce_verbs, cues.business_targets, cues.street_topics, cues.clean_verbs, cues.equipment_topics, cues.develop_verbs, cues.plaque, cues.post, cues.app, cues.ledger, cues.photo, cues.copies, cues.duplicate, cues.certificate, cues.veto];
  for (const list of lists) for (const w of list) m.add(w, true);
  const relevant = (norm: string) => m.test(norm.replace(/\s+/g, ""));
  return {
    relevant,
    candidate(norm) {
      if (norm.length < MIN_LENGTH) return false;
      if (norm.length < 16 && hasCue(norm, cues.chat) && !/请|务必|要求/.test(norm)) return false;
      return relevant(norm);
    },
  };
}
