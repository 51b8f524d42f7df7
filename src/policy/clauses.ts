import { nfkc, normalizeAfterNfkc, normalizeText } from "../search/normalize.js";

/** @所有人 and the like: removed before normalising (normalizeText drops an @mention up to the next space). */
const AT_ALL = /[@＠](?:所有人|全体成员|全体|all|everyone)/gi;

/** True when the raw message @-mentions everyone. */
export function mentionsAll(text: string): boolean {
  return new RegExp(AT_ALL.source, "i").test(text);
}

/** normalizeText for screening: @所有人 kept from swallowing the text after it. */
export function screenNormalize(text: string): string {
  return normalizeAfterNfkc(nfkc(text).replace(AT_ALL, " "));
}

/** One clause of a message: a sentence, a numbered point, or a line. */
export interface Clause {
  /** Normalised text without the numbering and the final punctuation. */
  text: string;
  /** 0-based position in the message. */
  index: number;
  /** Ended with a question mark. */
  question: boolean;
  /** Began with a point number (1. 2、 ① （一）…). */
  numbered: boolean;
}

// Point numbers at the start of a piece: 1. 2、 3) ① （一） 一、 第三，
const POINT = /^(?:\d{1,2}\s*[.、．)）:：]|[①-⑳]|[（(][一二三四五六七八九十\d]{1,3}[)）]|[一二三四五六七八九十]{1,3}\s*[、.．]|第[一二三四五六七八九十\d]{1,3}[条点项][，,、:：]?)\s*/;
// Where a point number starts inside a line: after space or a sentence mark.
const INLINE_POINT = /(?<=[\s：:，,])(?=(?:\d{1,2}[.、．](?!\d)|[①-⑳]|[（(][一二三四五六七八九十]{1,3}[)）]))|(?<=[\s：:])(?=[一二三四五六七八九十]{1,2}、)/g;

/**
 * Splits a message into clauses on 。；;！!？? and newlines, and before numbered points, so a task
 * buried in point 3 of a long notice is judged on its own.
 */
export function splitClauses(text: string): Clause[] {
  const out: Clause[] = [];
  // Keep newlines (normalizeText would collapse them): split lines first, then normalise each.
  // Circled numbers first: NFKC would turn ② into a bare 2.
  const circled = text.replace(/[①-⑳]/g, (c) => `\n(${c.charCodeAt(0) - 0x2460 + 1})`);
  const lines = nfkc(circled).replace(AT_ALL, " ").split(/\r?\n+/);
  for (const line of lines) {
    const pieces = line.replace(INLINE_POINT, "\n").split("\n");
    for (const piece of pieces) {
      for (const m of piece.matchAll(/[^。；;！!？?]+[。；;！!？?]*/g)) {
        let raw = m[0].trim();
        if (!raw) continue;
        const question = /[？?]\s*$/.test(raw);
        let numbered = false;
        const p = POINT.exec(raw);
        if (p && p[0].length < raw.length) {
          numbered = true;
          raw = raw.slice(p[0].length);
        }
        const norm = normalizeText(raw).replace(/[。；;！!？?\s]+$/, "");
        if (norm) out.push({ text: norm, index: out.length, question, numbered });
      }
    }
  }
  return out;
}
