import type { KnowledgeBase } from "../knowledge/knowledge-base.js";
import { compactText } from "../search/normalize.js";
import { PhraseMatcher } from "../search/phrase-matcher.js";
import { taskWordsOf } from "./gate.js";
import { PHOTO_ACT_WORDS } from "../policy/burden-context.js";
import { hasCue, type ScreenCues } from "../policy/cues.js";
import { alt, ORDER_WORDS } from "../policy/vocabulary.js";

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
 * Builds the prefilter from what a flag needs. A clause is matched to the negative list only when
 * the gate lets it through (an enforcement or develop verb, a road to sweep, or a negative-list
 * task word written in it: see gate.ts), and a burden needs its own cue (牌子, 专岗, app, 台账,
 * photos, copies, 证明, 一票否决). A message with none of these words cannot be flagged, so it
 * leaves without clause analysis; one phrase scan costs microseconds. Topics alone (电梯, 低保,
 * 商户) do not make a candidate: "3号楼电梯又坏了，已经报物业" is chat.
 */
/** An order word: a short chat line with one is no chat. */
const ORDER = new RegExp(alt(ORDER_WORDS));

export function createPrefilter(kb: KnowledgeBase, cues: ScreenCues): Prefilter {
  const m = new PhraseMatcher<true>();
  for (const w of taskWordsOf(kb, ["negative", "no-certificate"])) m.add(w, true);
  const lists = [cues.enforce_verbs, cues.road_topics, cues.develop_verbs, cues.plaque, cues.post, cues.app, cues.ledger, cues.photo, cues.copies, cues.duplicate, cues.certificate, cues.veto, PHOTO_ACT_WORDS];
  // The matcher takes phrases of two or more characters; single-character cues (查) are looked up apart.
  const singles = new Set<number>();
  for (const list of lists) for (const w of list) if (w.length === 1) singles.add(w.charCodeAt(0));
  for (const list of lists) for (const w of list) m.add(w, true);
  const hasSingle = (text: string) => {
    for (let i = 0; i < text.length; i++) if (singles.has(text.charCodeAt(i))) return true;
    return false;
  };
  const relevant = (norm: string) => hasSingle(norm) || m.test(compactText(norm));
  return {
    relevant,
    candidate(norm) {
      if (norm.length < MIN_LENGTH) return false;
      if (norm.length < 16 && hasCue(norm, cues.chat) && !ORDER.test(norm)) return false;
      return relevant(norm);
    },
  };
}
