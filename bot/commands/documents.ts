import { UserError } from "../../src/errors.js";
import type { Passage, SourceDoc } from "../../src/types.js";
import { excerpt } from "../reply-format.js";
import type { BotContext } from "./context.js";

/** Passages shown when a whole document is asked for. */
const FIRST_PASSAGES = 3;
/** Shorter passages are page furniture (【字体:, 时间:…) and are skipped in the opening view. */
const MIN_PASSAGE = 12;

/** `doc/<slug>#p<N>`: that passage in full, with its document and link; `doc/<slug>`: the document and its first passages. */
export async function handleDoc(ctx: BotContext, id: string): Promise<void> {
  const { kb } = ctx.deps.engine;
  const [docId, anchor] = id.split("#");
  const slug = docId!.slice("doc/".length);
  const doc = kb.doc(slug);
  if (!doc) throw new UserError(`没有编号为 ${docId} 的文件。条目和答复里的引用（如 doc/huanxian-2023#p130）可以直接发给我查看。`);
  if (anchor !== undefined) {
    const entry = kb.get(id);
    if (entry?.kind !== "passage") {
      throw new UserError(`《${doc.title}》没有 ${anchor} 这一段（共 ${doc.passages.length} 段，编号 p1 到 p${doc.passages.length}）。`);
    }
    await ctx.replyText(formatPassage(doc, entry.passage));
    return;
  }
  await ctx.replyText(formatDoc(doc));
}

/** The source's web address, from its 来源URL header line, if it has one. */
export function sourceLink(doc: Pick<SourceDoc, "text">): string | undefined {
  return /来源URL[:：]\s*(https?:\/\/\S+)/.exec(doc.text)?.[1];
}

function formatPassage(doc: SourceDoc, passage: Passage): string {
  const lines = [`《${doc.title}》第 ${passage.anchor.replace(/^p/, "")} 段（${passage.id}）：`, `“${passage.text}”`, issued(doc)];
  const link = sourceLink(doc);
  if (link) lines.push(`链接：${link}`);
  return lines.join("\n");
}

function formatDoc(doc: SourceDoc): string {
  const lines = [`《${doc.title}》（doc/${doc.slug}）`, issued(doc), `适用地区：${doc.region}`];
  const link = sourceLink(doc);
  if (link) lines.push(`链接：${link}`);
  const opening = doc.passages.filter((p) => p.text.trim().length >= MIN_PASSAGE).slice(0, FIRST_PASSAGES);
  if (opening.length) {
    lines.push("开头几段：", ...opening.map((p) => `${p.anchor}：${excerpt(p.text, 80)}`));
  }
  lines.push(`共 ${doc.passages.length} 段，发送“doc/${doc.slug}#p段号”查看某一段全文。`);
  return lines.join("\n");
}

/** 发文：issuer，number，date (whichever are known). */
function issued(doc: SourceDoc): string {
  return `发文：${[doc.issuer, doc.number, doc.date].filter(Boolean).join("，")}`;
}
