import type { KnowledgeBase } from "../src/knowledge/knowledge-base.js";
import type { Flag } from "../src/store/store.js";
import type { AskResult, ListDef, ListItem, OutgoingMessage, ScreenResult } from "../src/types.js";
import type { Channel } from "./channels/channel.js";
import { splitText } from "./channels/split.js";

/** Plain text → an OutgoingMessage with a markdown twin (line breaks kept, first line bold if asked). */
export function toOutgoing(text: string, opts: { title?: string; boldFirstLine?: boolean } = {}): OutgoingMessage {
  const lines = text.split("\n");
  const md = lines
    .map((line, i) => (i === 0 && opts.boldFirstLine && line.trim() ? `**${escapeMarkdown(line)}**` : escapeMarkdown(line)))
    // DingTalk markdown joins single newlines: a hard break is two spaces before it.
    .join("  \n");
  return { text, markdown: md, title: opts.title ?? titleOf(text) };
}

/** Room left for what the platform adds to a reply (the @name prefix). */
const MENTION_MARGIN = 100;

/** Splits a reply to the channel's length limit; markdown parts for markdown channels. */
export function fitToChannel(out: OutgoingMessage, channel: Pick<Channel, "maxLength" | "markdown">): OutgoingMessage[] {
  const source = channel.markdown && out.markdown ? out.markdown : out.text;
  const maxLength = Math.max(MENTION_MARGIN, channel.maxLength - MENTION_MARGIN);
  const parts = splitText(source, { maxLength });
  if (parts.length === 1 && parts[0] === source) return [out];
  return parts.map((part) =>
    channel.markdown && out.markdown
      ? { ...out, text: part, markdown: part }
      : { ...out, text: part, markdown: undefined },
  );
}

/** An engine answer as a reply: the answer text as written, the verdict line in bold. */
export function formatAnswer(result: AskResult): OutgoingMessage {
  return toOutgoing(result.answer, { boldFirstLine: true, title: "减负助手答复" });
}

/** "负面清单第7类：……" / "履职清单第17项：……" for an item or "《文件名》" for a passage. */
export function describeCitation(kb: KnowledgeBase, id: string): string {
  const entry = kb.get(id);
  if (!entry) return id;
  if (entry.kind === "item") return `${entry.item.listShort}第${entry.item.number}${itemUnit(entry.item)}：${entry.item.text}`;
  return `《${entry.doc.title}》`;
}

/** Items of a negative list are categories (第7类); others are items (第3项). */
export function itemUnit(of: Pick<ListItem, "list" | "type"> | ListDef): "类" | "项" {
  const typed = "items" in of ? of.items.some((i) => i.type) : Boolean(of.type);
  return of.list === "negative" && typed ? "类" : "项";
}

/** One item in full: list, number, text, basis or type and reason, source, id. */
export function formatItem(kb: KnowledgeBase, item: ListItem): string {
  const lines = [`${item.listName}`, `第${item.number}${itemUnit(item)}：${item.text}`];
  if (item.type) lines.push(`工作类型：${item.type}`);
  if (item.reason) lines.push(`列入原因：${item.reason}`);
  if (item.basis) lines.push(`工作依据：${item.basis}`);
  const doc = kb.doc(item.source);
  lines.push(`来源：${doc ? `《${doc.title}》` : item.source}（${item.id}）`);
  return lines.join("\n");
}

/** A whole list: its name, notes and every item, one line each (and how to open one, unless `hint` is false). */
export function formatList(list: ListDef, hint = true): string {
  const lines = [`${list.name}（共 ${list.items.length} ${itemUnit(list)}）`];
  for (const note of list.notes) lines.push(`注：${note}`);
  lines.push("");
  for (const item of list.items) lines.push(`${item.number}. ${item.type ? `【${item.type}】` : ""}${item.text}`);
  if (hint) lines.push("", `发送“第N${itemUnit(list)}”查看某一项的依据或原因。`);
  return lines.join("\n");
}

export const CATEGORY_NAMES = { negative: "负面清单事项", burden: "增加基层负担的做法" } as const;

/** The reply to `核查`: the verdict on a forwarded notice and, when flagged, the record number. */
export function formatCheckResult(kb: KnowledgeBase, result: ScreenResult, flag?: Flag): string {
  if (!result.flagged || !result.category) {
    return [
      "核查结果：未发现向社区摊派不应承担事项的情况。",
      result.reason ? `说明：${result.reason}` : "",
      "如仍有疑问，可以直接问我“某项工作是不是社区的事”。",
    ]
      .filter(Boolean)
      .join("\n");
  }
  const lines = [`核查结果：疑似${CATEGORY_NAMES[result.category]}（把握 ${percent(result.confidence)}）`];
  if (result.citations.length) {
    lines.push("对应条目：");
    for (const id of result.citations.slice(0, 3)) lines.push(`- ${describeCitation(kb, id)}`);
  }
  if (result.reason) lines.push(`理由：${result.reason}`);
  if (flag) {
    const who = flag.reporterConsent ? "按您的意愿，汇总中会注明由您转发" : "您的身份不会出现在汇总里（如愿署名，可在核查时写“同意署名”）";
    lines.push(`已记录为第 ${flag.id} 号，督导会在汇总中看到；${who}。`);
  }
  return lines.join("\n");
}

/** The polite in-group reminder (REMIND_IN_GROUP) quoting the matched item. */
export function formatReminder(kb: KnowledgeBase, result: ScreenResult): string {
  const first = result.citations[0];
  const basis = first ? `\n依据：${describeCitation(kb, first)}` : "";
  const what = result.category ? CATEGORY_NAMES[result.category] : "不应由社区承担的事项";
  return `温馨提示：上面这条消息布置的工作可能属于${what}，请发布部门核实后再安排。${basis}`;
}

/** What a supervisor is told at once about a new flag (the console prints it). */
export function formatFlagNotice(kb: KnowledgeBase, flag: Flag): string {
  const where = [flag.groupName ?? flag.groupId, flag.senderName ?? flag.senderId].filter(Boolean).join(" · ");
  const lines = [
    `【督导提示】新标记 #${flag.id}：${CATEGORY_NAMES[flag.category]}（把握 ${percent(flag.confidence)}）`,
    `${where || "来源未知"}：${excerpt(flag.text, 80)}`,
  ];
  if (flag.citations[0]) lines.push(`对应：${describeCitation(kb, flag.citations[0])}`);
  if (flag.reason) lines.push(`理由：${flag.reason}`);
  lines.push(`回复“确认 ${flag.id}”或“误报 ${flag.id} 原因”处理。`);
  return lines.join("\n");
}

/** Shortens text to n characters with an ellipsis, on one line. */
export function excerpt(text: string, n: number): string {
  const one = text.replace(/\s+/g, " ").trim();
  const chars = [...one];
  return chars.length <= n ? one : `${chars.slice(0, n).join("")}…`;
}

function percent(x: number): string {
  return `${Math.round(Math.max(0, Math.min(1, x)) * 100)}%`;
}

function titleOf(text: string): string {
  return excerpt(text.split("\n")[0] ?? "减负助手", 20) || "减负助手";
}

/** Keeps a leading # or > from turning a plain line into a heading or a quote. */
function escapeMarkdown(line: string): string {
  return line.replace(/^(\s*)#/, "$1＃").replace(/^(\s*)>/, "$1＞");
}
