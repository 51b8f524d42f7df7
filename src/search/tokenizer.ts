import { Jieba } from "@node-rs/jieba";
import { dict } from "@node-rs/jieba/dict.js";
import { cjkBigrams, isWordToken, normalizeText } from "./normalize.js";

/** Chinese tokenizer: jieba words (with the lexicon as a user dictionary) plus character bigrams. */
export interface Tokenizer {
  /** Index/query tokens: words (prefixed "w:") and bigrams (prefixed "b:"), stop words removed. */
  tokens(text: string): string[];
  /** The same for text already passed through normalizeText (saves normalising twice on hot paths). */
  tokensOfNormalized(norm: string): string[];
  /** jieba words only, normalised. */
  words(text: string): string[];
}

/** Builds a tokenizer; `userWords` join jieba's dictionary, `stopWords` are dropped. */
export function createTokenizer(userWords: string[] = [], stopWords: string[] = []): Tokenizer {
  const jieba = Jieba.withDict(dict);
  if (userWords.length) {
    // A high frequency makes jieba keep domain terms (特种设备, 占道经营) whole.
    const lines = userWords.map((w) => `${normalizeText(w).replace(/\s+/g, "")} 50000`).join("\n");
    jieba.loadDict(Buffer.from(lines, "utf8"));
  }
  const stop = new Set(stopWords.map(normalizeText));
  const cut = (norm: string) => jieba.cutForSearch(norm, false).filter((w) => isWordToken(w) && !stop.has(w));
  const tokensOfNormalized = (norm: string) => {
    const out = cut(norm).map((w) => `w:${w}`);
    for (const b of cjkBigrams(norm)) if (!stop.has(b)) out.push(`b:${b}`);
    return out;
  };
  return {
    words: (text) => cut(normalizeText(text)),
    tokens(text) {
      return tokensOfNormalized(normalizeText(text));
    },
    tokensOfNormalized,
  };
}
