import type { Digest } from "./digest.js";
import { commandHint, EMPTY_DIGEST_TEXT, percent, STATUS_LABELS } from "./labels.js";
import { categorySummary, hiddenNote, itemLabel, limitEntries, periodLabel, tallyLine } from "./parts.js";
import type { ChatRenderOptions } from "./render-dingtalk.js";
import { formatShortTime } from "./time-zone.js";

/** The digest as plain text for WeChat, which renders no markdown. */
export function renderText(d: Digest, opts: ChatRenderOptions = {}): string {
  const head = [`【${d.title}】`, `时段：${periodLabel(d)}`];
  if (d.total === 0) return [...head, `${EMPTY_DIGEST_TEXT}。`].join("\n");
  head.push(`共标记 ${d.total} 条：${categorySummary(d, "，")}`);
  head.push(`按群：${tallyLine(d.byGroup, "，")}`);
  head.push(`按发送人：${tallyLine(d.bySender, "，")}`);
  const blocks = [head.join("\n")];
  const { shown, hidden } = limitEntries(d, opts.maxEntries ?? 30);
  for (const e of shown) {
    const status = e.status === "confirmed" ? `｜${STATUS_LABELS.confirmed}` : "";
    blocks.push(
      [
        `#${e.id} ${formatShortTime(e.time, d.timeZone)}｜${e.group}｜${e.sender}${status}`,
        `“${e.excerpt}”`,
        `${e.categoryLabel}：${itemLabel(e)}，置信度 ${percent(e.confidence)}`,
      ].join("\n"),
    );
  }
  if (hidden) blocks.push(hiddenNote(hidden));
  blocks.push(commandHint(shown[0]?.id));
  return blocks.join("\n\n");
}
