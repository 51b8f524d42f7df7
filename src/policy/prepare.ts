import { createRequire } from "node:module";
import { cachedText, cacheKey } from "../knowledge/disk-cache.js";
import type { Lexicon } from "../knowledge/lexicon.js";
import { PhraseMatcher } from "../search/phrase-matcher.js";

/*
 * What a message goes through before it is read: traditional characters become simplified ones
 * (社區要負責電梯安全檢查嗎), and the lexicon's common misspellings are corrected (燃汽 → 燃气).
 * Answering and screening read the same prepared text.
 */

type Convert = (text: string) => string;

/** OpenCC's conversion to simplified (Taiwan and Hong Kong forms); its dictionaries load on first use. */
let converter: Convert | undefined;
function toSimplified(): Convert {
  if (!converter) {
    const { Converter } = createRequire(import.meta.url)("opencc-js/t2cn") as typeof import("opencc-js");
    const tw = Converter({ from: "tw", to: "cn" });
    const hk = Converter({ from: "hk", to: "cn" });
    converter = (t) => hk(tw(t));
  }
  return converter;
}

/** The characters conversion changes; derived once and cached, so simplified text never loads OpenCC. */
let traditional: Set<number> | undefined;
function traditionalChars(): Set<number> {
  traditional ??= new Set(
    [
      ...cachedText(`traditional-${cacheKey("opencc-t2cn-1")}.txt`, () => {
        const convert = toSimplified();
        let out = "";
        for (let c = 0x3400; c <= 0x9fff; c++) if (convert(String.fromCharCode(c)) !== String.fromCharCode(c)) out += String.fromCharCode(c);
        return out;
      }),
    ].map((ch) => ch.charCodeAt(0)),
  );
  return traditional;
}

/** True when the text holds a character that only traditional writing uses. */
export function hasTraditional(text: string): boolean {
  const set = traditionalChars();
  for (let i = 0; i < text.length; i++) if (set.has(text.charCodeAt(i))) return true;
  return false;
}

/** Builds the preparation for one lexicon. */
export function createPreparer(lexicon: Lexicon): (text: string) => string {
  const typos = new PhraseMatcher<string>();
  for (const [wrong, right] of lexicon.typos) typos.add(wrong, right);
  return (text) => {
    let t = hasTraditional(text) ? toSimplified()(text) : text;
    if (typos.test(t.replace(/\s+/g, ""))) for (const [wrong, right] of lexicon.typos) if (t.includes(wrong)) t = t.split(wrong).join(right);
    return t;
  };
}
