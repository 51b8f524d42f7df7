import type { Term } from "./tokenizer.js";

/**
 * Term → id. Bigrams (non-negative integers below 2³¹) sit in an open-addressing hash whose
 * slots hold key and id side by side, so a lookup reads one place; words sit in a Map.
 */
export class TermIds {
  private readonly words = new Map<string, number>();
  /** Slot i: bigram at 2i (−1 when empty), id at 2i + 1; at most half full. */
  private slots = new Int32Array(2 * 1024).fill(-1);
  private bigrams = 0;

  get(t: Term): number | undefined {
    if (typeof t === "string") return this.words.get(t);
    const slots = this.slots;
    const mask = slots.length / 2 - 1;
    for (let h = hash(t) & mask; ; h = (h + 1) & mask) {
      const k = slots[2 * h];
      if (k === t) return slots[2 * h + 1];
      if (k === -1) return undefined;
    }
  }

  set(t: Term, id: number): void {
    if (typeof t === "string") {
      this.words.set(t, id);
      return;
    }
    if (this.put(this.slots, t, id) && ++this.bigrams * 2 > this.slots.length / 2) {
      const old = this.slots;
      this.slots = new Int32Array(old.length * 2).fill(-1);
      for (let i = 0; i < old.length; i += 2) if (old[i] !== -1) this.put(this.slots, old[i], old[i + 1]);
    }
  }

  /** Puts a bigram's id; true when the bigram is new. */
  private put(slots: Int32Array, t: number, id: number): boolean {
    const mask = slots.length / 2 - 1;
    let h = hash(t) & mask;
    while (slots[2 * h] !== -1 && slots[2 * h] !== t) h = (h + 1) & mask;
    const added = slots[2 * h] === -1;
    slots[2 * h] = t;
    slots[2 * h + 1] = id;
    return added;
  }
}

const hash = (t: number) => Math.imul(t, 0x9e3779b1) >>> 7;
