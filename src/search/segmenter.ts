/**
 * jieba's dictionary segmentation, without the HMM, in JavaScript: the same words as
 * `cutForSearch(text, false)` of @node-rs/jieba over the same dictionary lines (a test compares
 * them on every knowledge and eval text). A call into the native module cost more than the
 * segmentation itself on a clause-sized text, and screening segments every clause it retrieves for.
 *
 * The algorithm is jieba's: split the text into runs of CJK, ASCII letters, digits and `+#&._%-`;
 * in each run build the DAG of dictionary words, take the path of highest summed log frequency
 * (an unknown single character counts as frequency 1; a tie goes to the longer word), join
 * runs of single ASCII letters or digits, and in search mode put before each word of more than
 * two (three) characters its two- (three-) character pieces that are words.
 */

/** Code points jieba segments (its RE_HAN_DEFAULT): CJK ideographs, ASCII letters and digits, +#&._%-. */
function isHan(c: number): boolean {
  if (c < 0x80) return (c >= 0x30 && c <= 0x39) || ((c | 0x20) >= 0x61 && (c | 0x20) <= 0x7a) || c === 0x2b || c === 0x23 || c === 0x26 || c === 0x2e || c === 0x5f || c === 0x25 || c === 0x2d;
  return (
    (c >= 0x3400 && c <= 0x4dbf) ||
    (c >= 0x4e00 && c <= 0x9fff) ||
    (c >= 0xf900 && c <= 0xfaff) ||
    (c >= 0x20000 && c <= 0x2a6df) ||
    (c >= 0x2a700 && c <= 0x2ebef) ||
    (c >= 0x2f800 && c <= 0x2fa1f)
  );
}

const isAsciiAlnum = (c: number) => (c >= 0x30 && c <= 0x39) || ((c | 0x20) >= 0x61 && (c | 0x20) <= 0x7a);

/** Reused per call: path scores and first-word ends of the run being segmented. */
let best = new Float64Array(256);
let next = new Int32Array(256);
/** The dictionary word a path's first step is, or −1 for an unknown character. */
let firstWord = new Int32Array(256);

/**
 * A trie over UTF-16 code units in one open-addressing hash of (node, code unit) → child, kept
 * at most half full; each slot's three numbers sit together, so a probe reads one place. Node 0
 * is the root; `word[node]` is the word's index into the frequencies, or -1.
 */
export class Segmenter {
  /** Slot i: node at 3i (−1 when empty), code unit at 3i + 1, child at 3i + 2. */
  private table = new Int32Array(3 * 1024).fill(-1);
  private edges = 0;
  private word: number[] = [-1];
  private readonly freq: number[] = [];
  /** Each word's text, handed out instead of a fresh slice (the same string each time, its hash kept). */
  private readonly words: string[] = [];
  /** ln(freq) − ln(total) per word: the first step of jieba's path score, computed once. */
  private gain = new Float64Array(0);
  /** −ln(total): an unknown single character, frequency 1. */
  private unknown = 0;

  /** Loads dictionaries of "word freq tag" lines in order; a later line sets an existing word's frequency. */
  constructor(dictionaries: string[]) {
    for (const d of dictionaries) this.load(d);
  }

  private load(dict: string): void {
    for (const line of dict.split("\n")) {
      const [word, f] = line.trim().split(/\s+/);
      if (!word) continue;
      const freq = f === undefined ? 0 : Number.parseInt(f, 10);
      if (!Number.isFinite(freq)) throw new Error(`词典行的词频不是整数：${line}`);
      let node = 0;
      for (let i = 0; i < word.length; i++) node = this.child(node, word.charCodeAt(i), true);
      if (this.word[node] < 0) {
        this.word[node] = this.freq.push(freq) - 1;
        this.words.push(word);
      }
      else this.freq[this.word[node]] = freq;
    }
    const logTotal = Math.log(this.freq.reduce((s, f) => s + f, 0));
    this.gain = Float64Array.from(this.freq, (f) => Math.log(f) - logTotal);
    this.unknown = 0 - logTotal;
  }

  /** The child of `node` along code unit `c`: 0 when there is none (and `create` is false). */
  private child(node: number, c: number, create = false): number {
    const table = this.table;
    const mask = table.length / 3 - 1;
    let h = (Math.imul(node, 0x9e3779b1) ^ Math.imul(c, 0x85ebca6b)) & mask;
    for (;;) {
      const k = table[3 * h];
      if (k === node && table[3 * h + 1] === c) return table[3 * h + 2];
      if (k === -1) break;
      h = (h + 1) & mask;
    }
    if (!create) return 0;
    const n = this.word.push(-1) - 1;
    table[3 * h] = node;
    table[3 * h + 1] = c;
    table[3 * h + 2] = n;
    if (++this.edges * 2 > mask + 1) this.rehash();
    return n;
  }

  /** Doubles the hash table. */
  private rehash(): void {
    const old = this.table;
    const table = (this.table = new Int32Array(old.length * 2).fill(-1));
    const mask = table.length / 3 - 1;
    for (let i = 0; i < old.length; i += 3) {
      if (old[i] === -1) continue;
      let h = (Math.imul(old[i], 0x9e3779b1) ^ Math.imul(old[i + 1], 0x85ebca6b)) & mask;
      while (table[3 * h] !== -1) h = (h + 1) & mask;
      table.set(old.subarray(i, i + 3), 3 * h);
    }
  }

  /** True when text[from, to) is a dictionary word. */
  /** The index of the word text[from, to) is, or −1. */
  private wordAt(text: string, from: number, to: number): number {
    let node = 0;
    for (let i = from; i < to && (node = this.child(node, text.charCodeAt(i))) !== 0; i++);
    return node !== 0 ? this.word[node] : -1;
  }

  /** Pushes text[from, to) onto `out` when it is a word. */
  private pushWord(text: string, from: number, to: number, out: string[]): void {
    const w = this.wordAt(text, from, to);
    if (w >= 0) out.push(this.words[w]);
  }


  /** jieba's `cut(text, false)`. */
  cut(text: string): string[] {
    const out: string[] = [];
    let i = 0;
    while (i < text.length) {
      const han = isHan(text.codePointAt(i)!);
      let j = i;
      while (j < text.length) {
        const c = text.codePointAt(j)!;
        if (isHan(c) !== han) break;
        j += c > 0xffff ? 2 : 1;
      }
      if (han) this.cutRun(text, i, j, out);
      else for (let k = i; k < j; ) {
        // A CR LF pair is one word, as in jieba.
        const n = text.charCodeAt(k) === 13 && text.charCodeAt(k + 1) === 10 ? 2 : text.codePointAt(k)! > 0xffff ? 2 : 1;
        out.push(text.slice(k, k + n));
        k += n;
      }
      i = j;
    }
    return out;
  }

  /** jieba's `cutForSearch(text, false)`. */
  cutForSearch(text: string): string[] {
    const out: string[] = [];
    for (const word of this.cut(text)) {
      if (word.length > 2) {
        if (hasSurrogate(word)) this.gramsByCodePoint(word, out);
        else {
          const n = word.length;
          for (let k = 0; k + 2 <= n; k++) this.pushWord(word, k, k + 2, out);
          if (n > 3) for (let k = 0; k + 3 <= n; k++) this.pushWord(word, k, k + 3, out);
        }
      }
      out.push(word);
    }
    return out;
  }

  /** The two- and three-character pieces of a word with characters outside the BMP. */
  private gramsByCodePoint(word: string, out: string[]): void {
    const starts: number[] = [];
    for (let k = 0; k < word.length; k += word.codePointAt(k)! > 0xffff ? 2 : 1) starts.push(k);
    const n = starts.length;
    const end = (k: number) => (k < n ? starts[k] : word.length);
    if (n > 2) for (let k = 0; k < n - 1; k++) this.pushWord(word, starts[k], end(k + 2), out);
    if (n > 3) for (let k = 0; k < n - 2; k++) this.pushWord(word, starts[k], end(k + 3), out);
  }

  /** Segments text[from, to), one run of segmentable characters, onto `out`. */
  private cutRun(text: string, from: number, to: number, out: string[]): void {
    const len = to - from;
    if (best.length <= len) {
      best = new Float64Array(2 * len + 2);
      next = new Int32Array(2 * len + 2);
      firstWord = new Int32Array(2 * len + 2);
    }
    // best[k], next[k]: the best path's score from offset k to the end, and its first word's end.
    best[len] = 0;
    let after = len;
    for (let k = len - 1; k >= 0; k--) {
      if (k > 0 && isLowSurrogate(text.charCodeAt(from + k))) continue;
      let score = -Infinity;
      let end = -1;
      let found = -1;
      let node = 0;
      for (let e = k; e < len; e++) {
        node = this.child(node, text.charCodeAt(from + e));
        if (node === 0) break;
        const w = this.word[node];
        if (w < 0) continue;
        const s = this.gain[w] + best[e + 1];
        // `>=`: the later (longer) of equal paths wins, as in jieba.
        if (end < 0 || s >= score) {
          score = s;
          end = e + 1;
          found = w;
        }
      }
      if (end < 0) {
        score = this.unknown + best[after];
        end = after;
      }
      best[k] = score;
      next[k] = end;
      firstWord[k] = found;
      after = k;
    }
    let left = -1;
    for (let k = 0; k < len; ) {
      const e = next[k];
      if (e - k === 1 && isAsciiAlnum(text.charCodeAt(from + k))) {
        if (left < 0) left = k;
      } else {
        if (left >= 0) out.push(text.slice(from + left, from + k));
        left = -1;
        out.push(firstWord[k] >= 0 ? this.words[firstWord[k]] : text.slice(from + k, from + e));
      }
      k = e;
    }
    if (left >= 0) out.push(text.slice(from + left, to));
  }
}

const isLowSurrogate = (c: number) => c >= 0xdc00 && c <= 0xdfff;

function hasSurrogate(s: string): boolean {
  for (let i = 0; i < s.length; i++) if ((s.charCodeAt(i) & 0xf800) === 0xd800) return true;
  return false;
}
