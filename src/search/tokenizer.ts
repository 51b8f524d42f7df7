import { isWordToken, normalizeText } from "./normalize.js";
import { Segmenter } from "./segmenter.js";

/**
 * An index or query term: a jieba word (a string) or a character bigram (a number, see
 * `bigramTerm`). Bigrams are most of the terms, and as numbers they cost no string per position.
 */
export type Term = string | number;

const CJK_FIRST = 0x3400;
const CJK_LAST = 0x9fff;
const CJK_SPAN = CJK_LAST - CJK_FIRST + 1;
const isCjk = (c: number) => c >= CJK_FIRST && c <= CJK_LAST;
/** Two CJK code units as one small integer, unique per pair. */
const pairTerm = (a: number, b: number) => (a - CJK_FIRST) * CJK_SPAN + (b - CJK_FIRST);

/** The term of a two-character CJK bigram ("设备"). */
export function bigramTerm(pair: string): number {
  return pairTerm(pair.charCodeAt(0), pair.charCodeAt(1));
}

/** Chinese tokenizer: jieba words (with the lexicon as a user dictionary) plus character bigrams. */
export interface Tokenizer {
  /** Index/query terms: words, then the bigrams of each CJK run, stop words removed. */
  tokens(text: string): Term[];
  /** The same for text already passed through normalizeText (saves normalising twice on hot paths). */
  tokensOfNormalized(norm: string): Term[];
  /** jieba words only, normalised. */
  words(text: string): string[];
}

/**
 * Builds a tokenizer over a jieba dictionary ("word freq tag" lines; domainDictionary() gives the
 * knowledge's); `userWords` join it, `stopWords` are dropped.
 */
export function createTokenizer(dictionary: Buffer, userWords: string[] = [], stopWords: string[] = []): Tokenizer {
  // A high frequency makes jieba keep domain terms (特种设备, 占道经营) whole.
  const lines = userWords.map((w) => `${normalizeText(w).replace(/\s+/g, "")} 50000`).join("\n");
  const segmenter = new Segmenter([dictionary.toString("utf8"), lines]);
  const stop = new Set(stopWords.map(normalizeText));
  const stopPairs = new Set([...stop].filter((w) => w.length === 2 && isCjk(w.charCodeAt(0)) && isCjk(w.charCodeAt(1))).map(bigramTerm));
  const cut = (norm: string, out: Term[] = []) => {
    for (const w of segmenter.cutForSearch(norm)) if (isWordToken(w) && !stop.has(w)) out.push(w);
    return out;
  };
  const tokensOfNormalized = (norm: string) => {
    const out = cut(norm);
    let prev = -1;
    for (let i = 0; i < norm.length; i++) {
      const c = norm.charCodeAt(i);
      if (!isCjk(c)) {
        prev = -1;
        continue;
      }
      if (prev >= 0) {
        const t = pairTerm(prev, c);
        if (!stopPairs.has(t)) out.push(t);
      }
      prev = c;
    }
    return out;
  };
  return {
    words: (text) => cut(normalizeText(text)) as string[],
    tokens(text) {
      return tokensOfNormalized(normalizeText(text));
    },
    tokensOfNormalized,
  };
}
