/** Full-width to half-width, lower case, emoji and @ signs removed, whitespace collapsed. */
export function normalizeText(text: string): string {
  return text
    .normalize("NFKC")
    .toLowerCase()
    // Only the sign: Chinese has no space after a mention ("@我们，让社区…"), so the name's end is unknown.
    .replace(/@/g, " ")
    .replace(/[\p{Extended_Pictographic}\u{FE0F}\u{200D}]/gu, " ")
    .replace(/\s+/g, " ")
    .trim();
}

const CJK = /[\u3400-\u9fff]/;

/** True for a token worth indexing: has a CJK character, a letter or a digit. */
export function isWordToken(token: string): boolean {
  return CJK.test(token) || /[a-z0-9]/i.test(token);
}

/** Character bigrams of each CJK run (single characters for runs of one). */
export function cjkBigrams(text: string): string[] {
  const out: string[] = [];
  for (const run of text.match(/[\u3400-\u9fff]+/g) ?? []) {
    if (run.length === 1) continue;
    for (let i = 0; i + 1 < run.length; i++) out.push(run.slice(i, i + 2));
  }
  return out;
}
