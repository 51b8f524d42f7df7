import { listLabel } from "../../src/knowledge/labels.js";
import { UserError } from "../../src/errors.js";
import type { Scope } from "../../src/policy/scope.js";
import type { ListDef, ListKind } from "../../src/types.js";
import { describeCitation, excerpt, formatItem, formatList, itemUnit } from "../reply-format.js";
import type { BotContext } from "./context.js";

const SEARCH_LIMIT = 5;
const LIST_NAMES = "负面、履职、协助、证明";

/** What a list word may also mean where its own kind has no list (负面 in 云南: the national 原则上取消). */
const KIN: Record<ListKind, ListKind[]> = {
  negative: ["negative", "cancelled"],
  cancelled: ["cancelled", "negative"],
  duty: ["duty"],
  assist: ["assist"],
  "no-certificate": ["no-certificate", "certificate"],
  certificate: ["certificate", "no-certificate"],
};
const KIND_NAMES: Record<ListKind, string> = {
  negative: "负面清单",
  cancelled: "原则上取消的事项",
  duty: "履职清单",
  assist: "协助清单",
  "no-certificate": "证明清单",
  certificate: "可出具的证明清单",
};

/** What binds the chat's region (bot/group-region.ts decided it when the message came in). */
function scopeOf(ctx: BotContext): Scope {
  return ctx.deps.engine.scope(ctx.region);
}

/** `搜 关键词` / `查 关键词`: the best matching items and passages of the chat's region, with their ids. */
export async function handleSearch(ctx: BotContext, query: string): Promise<void> {
  if (!query) throw new UserError("请在“搜”后面加上关键词，例如：搜 燃气");
  const { engine, followups } = ctx.deps;
  const hits = engine.search(query, SEARCH_LIMIT, ctx.region);
  if (hits.length === 0) {
    await ctx.replyText(`没有找到与“${query}”相关的条目。可以换个说法，或直接问我“某项工作是不是社区的事”。`);
    return;
  }
  const scope = scopeOf(ctx);
  const lines = [`与“${query}”最相关的 ${hits.length} 条：`];
  hits.forEach((hit, i) => {
    const entry = hit.entry;
    // Another province's document may still match words; it binds nobody here.
    const elsewhere = entry.kind === "passage" && !scope.relatesToDoc(entry.doc) ? `（${entry.doc.region}文件，仅供参考）` : "";
    const line =
      entry.kind === "item"
        ? describeCitation(engine.kb, hit.id)
        : `${describeCitation(engine.kb, hit.id)}${elsewhere} ${excerpt(entry.passage.text, 60)}`;
    lines.push(`${i + 1}. ${line}（${hit.id}）`);
  });
  const firstItem = hits.find((h) => h.entry.kind === "item");
  if (firstItem?.entry.kind === "item") {
    followups.rememberList(ctx.conversation, `${firstItem.entry.item.set}/${firstItem.entry.item.list}`);
  }
  await ctx.replyText(lines.join("\n"));
}

/** `清单 负面`: the lists of that kind binding the chat's region; `清单` alone: which lists bind it. */
export async function handleList(ctx: BotContext, kind: ListKind | null): Promise<void> {
  const scope = scopeOf(ctx);
  if (!kind) {
    const lines = [`${scope.label}适用的清单：`, ...scope.lists.map((l) => `· ${listLabel(l)}：${l.name}（${l.items.length} 项）`)];
    lines.push(`发送“清单 负面”等查看全文（可选：${LIST_NAMES}）。`);
    await ctx.replyText(lines.join("\n"));
    return;
  }
  const lists = listsOfKind(scope, kind);
  ctx.deps.followups.rememberList(ctx.conversation, lists[0]!.id);
  const parts = lists.map((l) => formatList(l, false));
  parts.push(`发送“第N${itemUnit(lists[0]!)}”查看某一项的依据或原因。`);
  await ctx.replyText(parts.join("\n\n"));
}

/** An item id (list/kind/number): one item; another place's item is marked as a reference. */
export async function handleItemId(ctx: BotContext, id: string): Promise<void> {
  const { kb } = ctx.deps.engine;
  const item = kb.item(id);
  if (!item) throw new UserError(`没有编号为 ${id} 的条目。发送“清单”查看有哪些清单。`);
  ctx.deps.followups.rememberList(ctx.conversation, `${item.set}/${item.list}`);
  const scope = scopeOf(ctx);
  const note = scope.binds(item) ? "" : `\n注：这是${item.region}的清单，不约束${scope.label}，仅供参考。`;
  await ctx.replyText(formatItem(kb, item) + note);
}

/**
 * `第7项`: an item of the named list (of the chat's region), else of the list last shown or
 * cited to this user, else of the region's negative list.
 */
export async function handleItemNumber(ctx: BotContext, number: number, kind: ListKind | null): Promise<void> {
  const { kb } = ctx.deps.engine;
  const remembered = ctx.deps.followups.lastList(ctx.conversation);
  const lists = kind ? listsOfKind(scopeOf(ctx), kind) : [(remembered && kb.list(remembered)) || listsOfKind(scopeOf(ctx), "negative")[0]!];
  const list = lists.find((l) => l.items.some((i) => i.number === number)) ?? lists[0]!;
  const item = list.items.find((i) => i.number === number);
  const unit = itemUnit(list);
  if (!item) throw new UserError(`${listLabel(list)}共 ${list.items.length} ${unit}，没有第 ${number} ${unit}。`);
  ctx.deps.followups.rememberList(ctx.conversation, list.id);
  await ctx.replyText(formatItem(kb, item));
}

/** The lists binding the scope that a list word names: its own kind first, then its kin. */
function listsOfKind(scope: Scope, kind: ListKind): ListDef[] {
  const lists = KIN[kind].flatMap((k) => scope.lists.filter((l) => l.list === k));
  if (lists.length === 0) {
    throw new UserError(`${scope.label}适用的清单里没有${KIND_NAMES[kind]}。发送“清单”查看这里适用的清单（可选：${LIST_NAMES}）。`);
  }
  return lists;
}
