import type { Digest, DigestEntry } from "./digest.js";
import { EMPTY_DIGEST_TEXT, percent, STATUS_LABELS } from "./labels.js";
import { blockquote, escapeMarkdown, table } from "./markdown.js";
import { itemLabel, periodLabel } from "./parts.js";
import { formatDateTime } from "./time-zone.js";

/** A printable Markdown report for reporting upward: title, period, summary tables, evidence. */
export function renderReport(d: Digest): string {
  const out = [
    `# ${escapeMarkdown(d.title)}`,
    `- 统计时段：${periodLabel(d)}（${d.timeZone}）\n- 标记总数：${d.total} 条（已剔除误报）`,
  ];
  if (d.total === 0) {
    out.push(`${EMPTY_DIGEST_TEXT}。`);
    return out.join("\n\n") + "\n";
  }
  out.push("## 汇总");
  out.push(table(["类别", "条数"], [...d.byCategory.map((c) => [c.label, c.count]), ["合计", d.total]], ["l", "r"]));
  out.push("### 按群");
  out.push(table(["群", "条数"], d.byGroup.map((t) => [t.label, t.count]), ["l", "r"]));
  out.push("### 按发送人");
  out.push(table(["发送人", "条数"], d.bySender.map((t) => [t.label, t.count]), ["l", "r"]));
  out.push("## 明细");
  out.push(
    table(
      ["编号", "时间", "群", "发送人", "类别", "匹配条目", "置信度", "状态"],
      d.entries.map((e) => [
        `#${e.id}`,
        formatDateTime(e.time, d.timeZone),
        e.group,
        e.sender,
        e.categoryLabel,
        e.item?.id ?? "—",
        percent(e.confidence),
        STATUS_LABELS[e.status],
      ]),
      ["l", "l", "l", "l", "l", "l", "r", "l"],
    ),
  );
  out.push("## 证据");
  for (const e of d.entries) out.push(evidence(e, d.timeZone));
  return out.join("\n\n") + "\n";
}

function evidence(e: DigestEntry, timeZone: string): string {
  const facts = [
    `- 时间：${formatDateTime(e.time, timeZone)}`,
    `- 群：${escapeMarkdown(e.group)}`,
    `- 发送人：${escapeMarkdown(e.sender)}`,
    `- 匹配条目：${escapeMarkdown(itemLabel(e))}`,
    `- 判断理由：${escapeMarkdown(e.reason)}`,
    `- 置信度：${percent(e.confidence)}；状态：${STATUS_LABELS[e.status]}`,
  ];
  if (e.citations.length > 1) facts.push(`- 其他依据：${escapeMarkdown(e.citations.slice(1).join("、"))}`);
  return [`### #${e.id} ${e.categoryLabel}`, facts.join("\n"), "原文：", blockquote(e.text)].join("\n\n");
}
