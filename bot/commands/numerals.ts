const DIGITS: Record<string, number> = { 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };
const UNITS: Record<string, number> = { 十: 10, 百: 100 };

/** Characters a Chinese item number is written with (第七项, 第二十三条, 第一百零五项). */
export const CHINESE_NUMERAL = "[零〇一二两三四五六七八九十百]";

/**
 * An item number as typed: ASCII or full-width digits, or Chinese numerals below 1000
 * (七, 十二, 二十, 一百零五). NaN when it is neither.
 */
export function parseNumber(text: string): number {
  const ascii = text.replace(/[０-９]/g, (d) => String(d.charCodeAt(0) - 0xff10));
  if (/^\d+$/.test(ascii)) return Number(ascii);
  let total = 0;
  let digit: number | undefined;
  let lastUnit = Infinity;
  for (const ch of text) {
    if (ch === "零" || ch === "〇") {
      if (digit !== undefined) return NaN;
    } else if (ch in DIGITS) {
      if (digit !== undefined) return NaN;
      digit = DIGITS[ch]!;
    } else if (ch in UNITS) {
      const unit = UNITS[ch]!;
      if (unit >= lastUnit) return NaN;
      // 十 alone, at the start, is 10.
      if (digit === undefined && total > 0) return NaN;
      total += (digit ?? 1) * unit;
      digit = undefined;
      lastUnit = unit;
    } else {
      return NaN;
    }
  }
  return text ? total + (digit ?? 0) : NaN;
}
