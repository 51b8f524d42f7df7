/** Full-width to half-width, lower case, emoji and @ signs removed, whitespace collapsed. */
export function normalizeText(text: string): string {
  return normalizeAfterNfkc(text.normalize("NFKC"));
}

// Every \p{Extended_Pictographic} code unit falls in this class (astral emoji as surrogates); most
// texts have none of it, and this plain test is much cheaper than the Unicode-property scan.
const MAYBE_EMOJI = /[\u00a9\u00ae\u200d\u203c-\u2fff\u3030\u303d\u3297\u3299\ud800-\udfff\ufe0f]/;
const EMOJI = /[\p{Extended_Pictographic}\u{FE0F}\u{200D}]/gu;

/** normalizeText for a text already in NFKC (saves the second pass when a caller did it). */
export function normalizeAfterNfkc(nfkc: string): string {
  let t = nfkc.toLowerCase();
  // Only the sign: Chinese has no space after a mention ("@我们，让社区…"), so the name's end is unknown.
  if (t.includes("@")) t = t.replace(/@/g, " ");
  if (MAYBE_EMOJI.test(t)) t = t.replace(EMOJI, " ");
  return t.replace(/\s+/g, " ").trim();
}

/** True for a token worth indexing: has a CJK character, a letter or a digit. */
export function isWordToken(token: string): boolean {
  // A code-unit scan: this runs on every word of every query, where two regex tests cost more.
  for (let i = 0; i < token.length; i++) {
    const c = token.charCodeAt(i);
    if ((c >= 0x3400 && c <= 0x9fff) || (c >= 0x30 && c <= 0x39) || ((c | 0x20) >= 0x61 && (c | 0x20) <= 0x7a)) return true;
  }
  return false;
}
