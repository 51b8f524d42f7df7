import { describe, expect, it } from "vitest";
import { parseNumber } from "../../bot/commands/numerals.js";

describe("parseNumber", () => {
  it.each([
    ["7", 7],
    ["１２", 12],
    ["七", 7],
    ["十", 10],
    ["十二", 12],
    ["二十", 20],
    ["二十三", 23],
    ["两百", 200],
    ["一百零五", 105],
    ["一百一十", 110],
    ["零", 0],
  ])("%s → %i", (text, n) => expect(parseNumber(text)).toBe(n));

  it.each(["", "七七", "十十", "百十百", "七a", "负面"])("%s is no number", (text) => {
    expect(parseNumber(text)).toBeNaN();
  });
});
