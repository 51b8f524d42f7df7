import type { FlagInput } from "./store.js";

/** Rejects a flag the table would refuse, with a message naming the field. */
export function validateFlagInput(input: FlagInput): void {
  if (input.category !== "negative" && input.category !== "burden") {
    throw new TypeError(`flag category must be negative or burden, got ${String(input.category)}`);
  }
  if (!(input.confidence >= 0 && input.confidence <= 1)) {
    throw new TypeError(`flag confidence must be in [0, 1], got ${String(input.confidence)}`);
  }
  if (!Array.isArray(input.citations) || input.citations.some((c) => typeof c !== "string")) {
    throw new TypeError("flag citations must be an array of strings");
  }
  if (typeof input.text !== "string" || typeof input.channel !== "string" || !input.channel) {
    throw new TypeError("flag needs text and channel");
  }
}
