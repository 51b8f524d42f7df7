import { Converter } from "opencc-js";
import type { Lexicon } from "../knowledge/lexicon.js";
import { PhraseMatcher } from "../search/phrase-matcher.js";

/*
 * What a message goes through before it is read: traditional characters become simplified ones
 * (社區要負責電梯安全檢查嗎), and the lexicon's common misspellings are corrected (燃汽 → 燃气).
 * Answering and screening read the same prepared text.
 */

type Convert = (text: string) => string;
let toSimplified: { convert: Convert; traditional: Set<number> } | undefined;

/** The converter and the set of characters it changes, built once, when first needed. */
function simplifier() {
  if (!toSimplified) {
    const tw = Converter({ from: "tw", to: "cn" });
    const hk = Converter({ from: "hk", to: "cn" });
    const traditional = new Set<number>();
    for (let c = 0x3400; c <= 0x9fff; c++) {
      const ch = String.fromCharCode(c);
      if (tw(ch) !== ch || hk(ch) !== ch) traditional.add(c);
    }
    toSimplified = { convert: (t) => hk(tw(t)), traditional };
  }
  return toSimplified;
}

/** True when the text holds a character that only traditional writing uses. */
export function hasTraditional(text: string): boolean {
  const { traditional } = simplifier();
  for (let i = 0; i < text.length; i++) if (traditional.has(text.charCodeAt(i))) return true;
  return false;
}

/** Builds the preparation for one lexicon. */
export function createPreparer(lexicon: Lexicon): (text: string) => string {
  const typos = new PhraseMatcher<string>();
  for (const [wrong, right] of lexicon.typos) typos.add(wrong, right);
  return (text) => {
    let t = hasTraditional(text) ? simplifier().convert(text) : text;
    if (typos.test(t.replace(/\s+/g, ""))) for (const [wrong, right] of lexicon.typos) if (t.includes(wrong)) t = t.split(wrong).join(right);
    return t;
  };
}
