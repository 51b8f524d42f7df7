import type { Lexicon } from "../knowledge/lexicon.js";
import { PhraseMatcher } from "../search/phrase-matcher.js";

/** Which kinds of cue words a question carries (see knowledge/lexicon/cues.yaml). */
export interface QuestionCues {
  community: boolean;
  info: boolean;
  assign: boolean;
  unlisted: boolean;
  docref: boolean;
  doubt: boolean;
  /** Short, starts like a follow-up ("那锅炉呢？"). */
  followup: boolean;
}

const KINDS = ["community", "info", "assign", "unlisted", "docref", "doubt"] as const;

/** Builds a cue detector over the lexicon's cue lists. */
export function createCueDetector(lexicon: Lexicon): (norm: string) => QuestionCues {
  const matcher = new PhraseMatcher<(typeof KINDS)[number]>();
  const singles = new Map<string, (typeof KINDS)[number]>();
  for (const kind of KINDS) {
    for (const w of lexicon.cues[kind] ?? []) {
      if (w.length === 1) singles.set(w, kind);
      else matcher.add(w, kind);
    }
  }
  const followWords = lexicon.cues.followup ?? [];
  return (norm) => {
    const compact = norm.replace(/\s+/g, "");
    const found = new Set(matcher.match(compact).map((m) => m.value));
    for (const ch of compact) {
      const kind = singles.get(ch);
      if (kind) found.add(kind);
    }
    const short = compact.replace(/[?？。!！,，]/g, "").length <= 14;
    const followup = short && (followWords.some((w) => compact.startsWith(w)) || /呢[?？]?$/.test(compact));
    return {
      community: found.has("community"),
      info: found.has("info"),
      assign: found.has("assign"),
      unlisted: found.has("unlisted"),
      docref: found.has("docref"),
      doubt: found.has("doubt"),
      followup,
    };
  };
}
