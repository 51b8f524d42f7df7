import type { Digest, DigestEntry, Tally } from "./digest.js";
import { formatDateTime } from "./time-zone.js";

/** The item id and its text in 「」, or the id alone, or "（无匹配条目）". */
export function itemLabel(e: DigestEntry): string {
  if (!e.item) return "（无匹配条目）";
  return e.item.quote ? `${e.item.id}「${e.item.quote}」` : e.item.id;
}

/** "2026-11-20 18:00 至 2026-11-21 18:00". */
export function periodLabel(d: Digest): string {
  return `${formatDateTime(d.since, d.timeZone)} 至 ${formatDateTime(d.until, d.timeZone)}`;
}

/** "负面清单事项 2 条，违规加重负担 1 条" (zero categories left out). */
export function categorySummary(d: Digest, sep: string): string {
  return d.byCategory
    .filter((c) => c.count > 0)
    .map((c) => `${c.label} ${c.count} 条`)
    .join(sep);
}

/** "甲群 3，乙群 1" for the top `max` rows, then "等 N 个". */
export function tallyLine(rows: Tally[], sep: string, max = 10): string {
  const shown = rows.slice(0, max).map((r) => `${r.label} ${r.count}`);
  if (rows.length > max) shown.push(`等共 ${rows.length} 个`);
  return shown.join(sep);
}

/** Entries to show in a chat message, and how many of the digest's flags were left out. */
export function limitEntries(d: Digest, maxEntries: number | undefined): { shown: DigestEntry[]; hidden: number } {
  const shown = d.entries.slice(0, maxEntries ?? d.entries.length);
  return { shown, hidden: Math.max(0, d.total - shown.length) };
}

export function hiddenNote(hidden: number): string {
  return `……另有 ${hidden} 条未列出，完整清单请导出（CSV 或报告）`;
}
