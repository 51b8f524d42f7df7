import { normalizeText } from "./normalize.js";

/**
 * Two UTF-16 code units as one small integer: the bucket key, with no string allocated per
 * position. It stays a small integer (fast map key); the rare pairs that share a key are told
 * apart by the phrase comparison.
 */
const pairKey = (s: string, i: number) => ((s.charCodeAt(i) << 15) ^ s.charCodeAt(i + 1)) & 0x3fffffff;
/** A pair key folded to 16 bits, for the filter. */
const pairHash = (key: number) => (key ^ (key >>> 16)) & 0xffff;

/**
 * Finds which of many phrases occur in a text. Phrases are bucketed by their first two
 * characters, so a lookup costs the text's length times a bucket, not the phrase count.
 */
export class PhraseMatcher<T> {
  private readonly buckets = new Map<number, Array<{ phrase: string; value: T }>>();
  /** One bit per hashed pair key that starts some phrase: most positions are passed over on one read. */
  private readonly pairs = new Uint32Array(2048);

  add(phrase: string, value: T): void {
    const p = normalizeText(phrase).replace(/\s+/g, "");
    if (p.length < 2) return;
    const key = pairKey(p, 0);
    const h = pairHash(key);
    this.pairs[h >>> 5] |= 1 << (h & 31);
    let bucket = this.buckets.get(key);
    if (!bucket) this.buckets.set(key, (bucket = []));
    bucket.push({ phrase: p, value });
  }

  /** Every (phrase, value, position) found in the already-normalised text. */
  match(norm: string): Array<{ phrase: string; value: T; at: number }> {
    const out: Array<{ phrase: string; value: T; at: number }> = [];
    for (let i = 0; i + 1 < norm.length; i++) {
      const key = pairKey(norm, i);
      const h = pairHash(key);
      if ((this.pairs[h >>> 5] & (1 << (h & 31))) === 0) continue;
      const bucket = this.buckets.get(key);
      if (!bucket) continue;
      for (const { phrase, value } of bucket) if (norm.startsWith(phrase, i)) out.push({ phrase, value, at: i });
    }
    return out;
  }

  /** True when any phrase occurs in the already-normalised text (stops at the first). */
  test(norm: string): boolean {
    for (let i = 0; i + 1 < norm.length; i++) {
      const key = pairKey(norm, i);
      const h = pairHash(key);
      if ((this.pairs[h >>> 5] & (1 << (h & 31))) === 0) continue;
      const bucket = this.buckets.get(key);
      if (!bucket) continue;
      for (const { phrase } of bucket) if (norm.startsWith(phrase, i)) return true;
    }
    return false;
  }
}
