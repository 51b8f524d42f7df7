/** Full-width to half-width, lower case, emoji and @ signs removed, whitespace collapsed. */
export function normalizeText(text: string): string {
  return normalizeAfterNfkc(nfkc(text));
}

/** Code units NFKC leaves as they are: ASCII, CJK ideographs, CJK brackets and stops, curly quotes, dashes. */
function nfkcStable(c: number): boolean {
  return (
    (c >= 0x20 && c <= 0x7e) || c === 0x0a || c === 0x0d || c === 0x09 ||
    (c >= 0x4e00 && c <= 0x9fff) || (c >= 0x3400 && c <= 0x4dbf) ||
    (c >= 0x3001 && c <= 0x3003) || (c >= 0x3008 && c <= 0x3011) || (c >= 0x3014 && c <= 0x301b) ||
    c === 0x2014 || c === 0x2018 || c === 0x2019 || c === 0x201c || c === 0x201d || c === 0x00b7
  );
}

/**
 * text.normalize("NFKC"), without the call for the usual chat text: ASCII, ideographs and CJK
 * punctuation stay, full-width forms map to ASCII and the ideographic space to a space, as NFKC
 * maps them; any other character takes the full normalisation.
 */
export function nfkc(text: string): string {
  let out = "";
  let from = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (nfkcStable(c)) continue;
    let mapped: string;
    if (c >= 0xff01 && c <= 0xff5e) mapped = String.fromCharCode(c - 0xfee0);
    else if (c === 0x3000) mapped = " ";
    else return text.normalize("NFKC");
    out += text.slice(from, i) + mapped;
    from = i + 1;
  }
  return from === 0 ? text : out + text.slice(from);
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

/** Whitespace and quotation marks that may sit inside a phrase ("综合保险”推广任务"). */
const GAPS = /[\s“”"‘’「」『』]+/g;

/** A normalised text as phrases are matched in it: without whitespace and quotation marks. */
export function compactText(norm: string): string {
  return norm.replace(GAPS, "");
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
