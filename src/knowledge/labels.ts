import type { ListDef, ListItem, Verdict } from "../types.js";

/** The verdict line's wording, for every verdict. */
export const VERDICT_LABEL: Record<Verdict, string> = {
  duty: "属于社区职责 · 履职清单",
  assist: "社区依法协助政府的工作 · 协助清单",
  negative: "不属于社区职责 · 负面清单",
  unlisted: "不在清单上 · 需先经准入审批",
  info: "政策问答",
  out_of_scope: "与社区工作无关",
};

/** Whose list: 甘肃省负面清单, 全国不应出具的证明清单, 天津市可出具的证明清单. */
export function listLabel(list: Pick<ListDef, "region" | "short">): string {
  return `${list.region}${list.short}`;
}

/** Items of a negative list are categories (第7类); others are items (第3项). */
function unit(item: ListItem): string {
  return item.list === "negative" && item.type ? "类" : "项";
}

/** 甘肃省负面清单第7类（生产安全类）. */
export function itemLabel(item: ListItem): string {
  return `${item.region}${item.listShort}第${item.number}${unit(item)}${item.type ? `（${item.type}）` : ""}`;
}

/** 《清单名》第N项（类型）: the full title, for the detailed view. */
export function itemTitle(item: ListItem): string {
  const type = item.type ? `（${item.type}）` : "";
  return `《${item.listName}》第${item.number}${unit(item)}${type}`;
}

/** One short line for a citation list: 负面清单第7类·生产安全类. */
export function citationLabel(item: ListItem): string {
  return `${item.listShort}第${item.number}${unit(item)}${item.type ? `·${item.type}` : ""}`;
}

/** The verdict line for an item's verdict, naming whose list it quotes. */
export function itemHeader(item: ListItem): string {
  if (item.list === "no-certificate") return `社区不应出具 · ${listLabel({ region: item.region, short: item.listShort })}`;
  if (item.list === "certificate") return `社区可以出具 · ${listLabel({ region: item.region, short: item.listShort })}`;
  if (item.list === "cancelled") return `不属于社区职责 · 全国规定原则上一律取消`;
  const [what] = VERDICT_LABEL[item.verdict].split(" · ");
  return `${what} · ${listLabel({ region: item.region, short: item.listShort })}`;
}
