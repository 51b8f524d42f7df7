import type { ListItem, Verdict } from "../types.js";

/** The verdict line's wording. */
export const VERDICT_LABEL: Record<Verdict, string> = {
  duty: "属于社区职责 · 履职清单",
  assist: "社区依法协助政府的工作 · 协助清单",
  negative: "不属于社区职责 · 负面清单",
  unlisted: "不在清单上 · 需先经准入审批",
  info: "政策问答",
  out_of_scope: "与社区工作无关",
};

/** 《清单名》第N项 (with the type for the negative list). */
export function itemTitle(item: ListItem): string {
  const type = item.type ? `（${item.type}）` : "";
  return `《${item.listName}》第${item.number}项${type}`;
}

/** One line for a citation list. */
export function citationLabel(item: ListItem): string {
  return `${item.listShort}第${item.number}项${item.type ? `·${item.type}` : ""}`;
}
