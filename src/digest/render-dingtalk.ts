import type { Digest } from "./digest.js";
import { commandHint, EMPTY_DIGEST_TEXT, percent, STATUS_LABELS } from "./labels.js";
import { escapeMarkdown } from "./markdown.js";
import { categorySummary, hiddenNote, itemLabel, limitEntries, periodLabel, tallyLine } from "./parts.js";
import { formatShortTime } from "./time-zone.js";

export interface ChatRenderOptions {
  /** Entries listed in the message; the rest are counted. Default 30. */
  maxEntries?: number;
}

/** The digest as DingTalk markdown (headings, bold, quotes; no tables, which DingTalk lacks). */
export function renderDingtalkMarkdown(d: Digest, opts: ChatRenderOptions = {}): string {
  const out = [`### ${escapeMarkdown(d.title)}`, `**时段**：${periodLabel(d)}`];
  if (d.total === 0) {
    out.push(`${EMPTY_DIGEST_TEXT}。`);
    return out.join("\n\n");
  }
  out.push(`共标记 **${d.total}** 条：${categorySummary(d, " · ")}`);
  out.push(`**按群**：${escapeMarkdown(tallyLine(d.byGroup, " · "))}`);
  out.push(`**按发送人**：${escapeMarkdown(tallyLine(d.bySender, " · "))}`);
  const { shown, hidden } = limitEntries(d, opts.maxEntries ?? 30);
  for (const e of shown) {
    const status = e.status === "confirmed" ? ` · ${STATUS_LABELS.confirmed}` : "";
    out.push("---");
    out.push(`**#${e.id}** · ${formatShortTime(e.time, d.timeZone)} · ${escapeMarkdown(e.group)} · ${escapeMarkdown(e.sender)}${status}`);
    out.push(`> ${escapeMarkdown(e.excerpt)}`);
    out.push(`${e.categoryLabel} · ${escapeMarkdown(itemLabel(e))} · 置信度 ${percent(e.confidence)}`);
  }
  out.push("---");
  if (hidden) out.push(hiddenNote(hidden));
  out.push(commandHint(shown[0]?.id));
  return out.join("\n\n");
}
