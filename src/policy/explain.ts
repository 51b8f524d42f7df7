import type { KnowledgeBase } from "../knowledge/knowledge-base.js";
import { describeRule, type RuleFiring } from "./rules.js";

/** A rule firing for the wire (batch --explain, stored flags): just the data. */
export function traceJson(trace: readonly RuleFiring[] | undefined): Array<Record<string, string | number>> {
  return (trace ?? []).map((f) => ({ rule: f.rule, span: f.span, ...(f.weight !== undefined ? { weight: f.weight } : {}), ...(f.detail ? { detail: f.detail } : {}) }));
}

/** A concept's label, or an item's short name, for a rule's detail (the id itself otherwise). */
function detailName(kb: KnowledgeBase | undefined, detail: string): string {
  const concept = kb?.lexicon.concepts.get(detail);
  if (concept) return concept.label;
  const item = kb?.item(detail);
  return item ? `${item.region}${item.listShort}第${item.number}${item.type ? "类" : "项"}（${item.id}）` : detail;
}

/** One line per rule that fired: id, what it means, and what it saw (concepts and items named when `kb` is given). */
export function explainLines(trace: readonly RuleFiring[] | undefined, kb?: KnowledgeBase): string[] {
  return (trace ?? []).map((f, i) => {
    const span = f.span && f.span !== f.detail ? `“${f.span.length > 40 ? `${f.span.slice(0, 39)}…` : f.span}”` : "";
    const saw = [span, f.weight !== undefined ? `权重 ${f.weight}` : "", f.detail ? detailName(kb, f.detail) : ""].filter(Boolean).join("，");
    return `${i + 1}. ${f.rule}：${describeRule(f.rule) ?? "（未知规则）"}${saw ? `（${saw}）` : ""}`;
  });
}

/** How an order's piece reads in a supervisor's words: 点名“各社区”，期限“周五前”. */
function orderPart(rule: string): string {
  if (rule.startsWith("addressee.")) return "点名";
  if (rule === "directive.deadline") return "期限";
  if (rule === "directive.pressure") return "施压";
  if (rule === "directive.task-verb") return "派活";
  return "要求";
}

/** What, had the message said it, would have kept it from being flagged. */
const WOULD_EXCLUDE = "如果通知写明由部门自己做、社区只负责通知或带路，或只是提问、转发政策消息，就不会标记。";

/**
 * Why a flag was raised, in three or four lines a supervisor can repeat upward: the clause, the
 * task, the order and the item, and what would have excluded it.
 */
export function whyLines(kb: KnowledgeBase, trace: readonly RuleFiring[] | undefined, clause: string): string[] {
  const by = (prefix: string) => (trace ?? []).filter((f) => f.rule.startsWith(prefix));
  const order = [...by("addressee."), ...by("directive.")]
    .filter((f) => f.span && describeRule(f.rule))
    .map((f) => `${orderPart(f.rule)}“${f.span.length > 12 ? `${f.span.slice(0, 11)}…` : f.span}”`)
    .filter((x, i, all) => all.indexOf(x) === i)
    .slice(0, 3);
  const task = by("task.")[0];
  const concept = task?.detail ? kb.lexicon.concepts.get(task.detail)?.label : undefined;
  const itemId = by("item.match").at(-1)?.detail ?? by("burden.").map((f) => f.detail).find((d) => d && kb.item(d));
  const item = itemId ? kb.item(itemId) : undefined;
  const burden = by("burden.")[0];
  const lines = [`原文：“${clause.length > 60 ? `${clause.slice(0, 59)}…` : clause}”`];
  if (order.length) lines.push(`怎么派的：${order.join("，")}`);
  if (item) lines.push(`事项：${concept ? `${concept}，` : ""}属${item.region}${item.listShort}第${item.number}${item.type ? `类（${item.type}）` : "项"}“${item.text.length > 40 ? `${item.text.slice(0, 39)}…` : item.text}”`);
  else if (burden && describeRule(burden.rule)) lines.push(`负担：${describeRule(burden.rule)}`);
  lines.push(WOULD_EXCLUDE);
  return lines;
}
