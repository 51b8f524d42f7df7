import { createRequire } from "node:module";
import { cachedText, cacheKey } from "../knowledge/disk-cache.js";

/*
 * jieba's dictionary holds 350,000 words and takes a quarter of a second to load. A word can only
 * matter to retrieval if it occurs in the knowledge (a query word that no entry holds scores
 * nothing), so the segmenter gets the dictionary's words whose every character pair occurs in the
 * knowledge's text, with their frequencies: some 7,000 words, cached per knowledge text.
 */

const FORMAT = "jieba-domain-1";

/** jieba's full dictionary ("word freq tag" lines), loaded only when a domain dictionary is derived. */
function fullDictionary(): Buffer {
  return (createRequire(import.meta.url)("@node-rs/jieba/dict.js") as { dict: Buffer }).dict;
}

/** The lines of `dict` whose words could occur in `corpus` (each character pair of the word does). */
export function domainLines(dict: string, corpus: string): string {
  const pairs = new Set<string>();
  for (let i = 0; i + 1 < corpus.length; i++) pairs.add(corpus.slice(i, i + 2));
  const chars = new Set(corpus);
  const occurs = (w: string) => {
    if (w.length === 1) return chars.has(w);
    for (let i = 0; i + 1 < w.length; i++) if (!pairs.has(w.slice(i, i + 2))) return false;
    return true;
  };
  return dict
    .split("\n")
    .filter((line) => {
      const word = line.slice(0, line.indexOf(" "));
      return word !== "" && occurs(word);
    })
    .join("\n");
}

/** The segmentation dictionary for a body of knowledge text (normalised as it is tokenised). */
export function domainDictionary(corpus: string): Buffer {
  return Buffer.from(cachedText(`dict-${cacheKey(FORMAT, corpus)}.txt`, () => domainLines(fullDictionary().toString("utf8"), corpus)), "utf8");
}
