import { UserError } from "../../src/errors.js";
import type { ListDef, ListKind } from "../../src/types.js";
import { describeCitation, excerpt, formatItem, formatList } from "../reply-format.js";
import type { BotContext } from "./context.js";

const SEARCH_LIMIT = 5;
const LIST_NAMES = "负面、履职、协助、证明";

/** `搜 关键词`: the best matching items and passages, with their ids. */
export async function handleSearch(ctx: BotContext, query: string): Promise<void> {
  if (!query) throw new UserError("请在“搜”后面加上关键词，例如：搜 燃气");
  const { engine, followups } = ctx.deps;
  const hits = engine.search(query, SEARCH_LIMIT);
  if (hits.length === 0) {
    await ctx.replyText(`没有找到与“${query}”相关的条目。可以换个说法，或直接问我“某项工作是不是社区的事”。`);
    return;
  }
  const lines = [`与“${query}”最相关的 ${hits.length} 条：`];
  hits.forEach((hit, i) => {
    const entry = hit.entry;
    const line =
      entry.kind === "item"
        ? describeCitation(engine.kb, hit.id)
        : `${describeCitation(engine.kb, hit.id)} ${excerpt(entry.passage.text, 60)}`;
    lines.push(`${i + 1}. ${line}（${hit.id}）`);
  });
  const firstItem = hits.find((h) => h.entry.kind === "item");
  if (firstItem?.entry.kind === "item") {
    followups.rememberList(ctx.conversation, `${firstItem.entry.item.set}/${firstItem.entry.item.list}`);
  }
  await ctx.replyText(lines.join("\n"));
}

/** `清单 负面`: the whole list; `清单` alone: which lists there are. */
export async function handleList(ctx: BotContext, kind: ListKind | null): Promise<void> {
  const { kb } = ctx.deps.engine;
  if (!kind) {
    const lines = ["可查看的清单：", ...kb.lists.map((l) => `· ${l.short}：${l.name}（${l.items.length} 项）`)];
    lines.push(`发送“清单 负面”等查看全文（可选：${LIST_NAMES}）。`);
    await ctx.replyText(lines.join("\n"));
    return;
  }
  const list = listOfKind(ctx, kind);
  ctx.deps.followups.rememberList(ctx.conversation, list.id);
  await ctx.replyText(formatList(list));
}

/** An item id (list/kind/number): one item. */
export async function handleItemId(ctx: BotContext, id: string): Promise<void> {
  const { kb } = ctx.deps.engine;
  const item = kb.item(id);
  if (!item) throw new UserError(`没有编号为 ${id} 的条目。发送“清单”查看有哪些清单。`);
  ctx.deps.followups.rememberList(ctx.conversation, `${item.set}/${item.list}`);
  await ctx.replyText(formatItem(kb, item));
}

/** `第7项`: an item of the named list, else of the list last shown, else of the negative list. */
export async function handleItemNumber(ctx: BotContext, number: number, kind: ListKind | null): Promise<void> {
  const { kb } = ctx.deps.engine;
  const remembered = ctx.deps.followups.lastList(ctx.conversation);
  const list = kind ? listOfKind(ctx, kind) : (remembered && kb.list(remembered)) || listOfKind(ctx, "negative");
  const item = list.items.find((i) => i.number === number);
  if (!item) throw new UserError(`${list.short}共 ${list.items.length} 项，没有第 ${number} 项。`);
  ctx.deps.followups.rememberList(ctx.conversation, list.id);
  await ctx.replyText(formatItem(kb, item));
}

function listOfKind(ctx: BotContext, kind: ListKind): ListDef {
  const list = ctx.deps.engine.kb.lists.find((l) => l.list === kind);
  if (!list) throw new UserError(`知识库里暂时没有这张清单。可选：${LIST_NAMES}。`);
  return list;
}
