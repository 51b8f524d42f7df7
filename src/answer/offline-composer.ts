import type { KnowledgeBase } from "../knowledge/knowledge-base.js";
import type { ListDef, ListItem, Passage } from "../types.js";
import type { Decision } from "./decide.js";
import { citationLabel, itemTitle, VERDICT_LABEL } from "./labels.js";

/** The most relevant clauses of a passage for the query (best clause with its neighbours), so long paragraphs are quoted short. */
function bestSentences(passage: Passage, query: string, maxChars = 160): string {
  if (passage.text.length <= maxChars) return passage.text;
  const clauses = passage.text.split(/(?<=[。；;！!？?，,])/).filter((c) => c.trim());
  const grams = new Set<string>();
  for (let i = 0; i + 1 < query.length; i++) grams.add(query.slice(i, i + 2));
  const score = (c: string) => {
    let n = 0;
    for (let i = 0; i + 1 < c.length; i++) if (grams.has(c.slice(i, i + 2))) n++;
    return n / Math.sqrt(c.length + 8);
  };
  let best = 0;
  clauses.forEach((c, i) => {
    if (score(c) > score(clauses[best])) best = i;
  });
  let from = best;
  let to = best + 1;
  // Grow around the best clause while it fits: the fact plus its context.
  while (true) {
    const left = from > 0 ? clauses[from - 1].length : Infinity;
    const right = to < clauses.length ? clauses[to].length : Infinity;
    const len = clauses.slice(from, to).join("").length;
    if (Math.min(left, right) === Infinity || len + Math.min(left, right) > maxChars) break;
    if (right <= left) to++;
    else from--;
  }
  return `${from > 0 ? "……" : ""}${clauses.slice(from, to).join("").trim()}${to < clauses.length ? "……" : ""}`;
}

function quoteItem(item: ListItem): string {
  const lines = [`${itemTitle(item)}：`, `“${item.text}”`];
  if (item.basis) lines.push(`工作依据：${item.basis}`);
  if (item.reason) lines.push(`列入原因：${item.reason}`);
  return lines.join("\n");
}

function docName(kb: KnowledgeBase, slug: string): string {
  const d = kb.doc(slug);
  return d ? `《${d.title}》${d.number ? `（${d.number}）` : ""}` : slug;
}

function citationLines(kb: KnowledgeBase, ids: string[]): string[] {
  return ids.map((id, i) => {
    const e = kb.get(id);
    const label = !e ? id : e.kind === "item" ? citationLabel(e.item) : `${docName(kb, e.passage.slug)} 第${e.passage.anchor.slice(1)}段`;
    return `[${i + 1}] ${id} ${label}`;
  });
}

/** Writes the reply for a decision: verdict line, quoted item(s), what to do, numbered citations. */
export function composeOffline(kb: KnowledgeBase, d: Decision): string {
  const parts: string[] = [];
  const first = d.items[0];
  const certificate = first?.list === "no-certificate";
  const verdictLine = d.sides
    ? `要看具体情况 · ${d.sides.map((i) => i.listShort).join("与")}都有涉及`
    : certificate
      ? "不属于社区职责 · 社区不应出具的证明"
      : VERDICT_LABEL[d.verdict];
  parts.push(`【${verdictLine}】`);

  switch (d.verdict) {
    case "out_of_scope":
      parts.push("这个问题和社区工作清单、减负政策没有关系，我回答不了。可以问我某项工作是不是社区的事，或发“帮助”看用法。");
      return parts.join("\n");
    case "info": {
      if (d.list) parts.push(listOverview(d.list));
      if (first) parts.push(quoteItem(first));
      for (const p of d.passages.slice(0, 2)) parts.push(`${docName(kb, p.slug)}：“${bestSentences(p, d.query)}”`);
      if (!first && !d.list && d.passages.length === 0) parts.push("资料里没有找到直接回答这个问题的内容。");
      break;
    }
    case "unlisted":
      parts.push(
        "这件事不在履职、协助和负面三张清单上。按社区工作准入制度，清单以外的事项须由派出部门依规提出申请，经审核批准纳入清单后，才能交给社区，并随事配套经费和工作条件；未经批准，社区可以婉拒。",
      );
      for (const p of d.passages.slice(0, 2)) parts.push(`${docName(kb, p.slug)}：“${bestSentences(p, "准入 清单以外 审批 批准 申请")}”`);
      break;
    default: {
      if (d.sides) {
        const [a, b] = d.sides;
        parts.push(`要看具体做什么：这件事同时涉及两张清单。`);
        parts.push(`一方面，${quoteItem(a)}`);
        parts.push(`另一方面，${quoteItem(b)}`);
        parts.push(sideAdvice(a, b));
      } else {
        parts.push(quoteItem(first));
        for (const extra of d.items.slice(1)) parts.push(`相关：${itemTitle(extra)}“${extra.text}”`);
      }
      if (d.verdict === "negative") parts.push(negativeAdvice(kb, first, d.alternatives));
      else if (d.sides) break;
      else if (d.verdict === "assist") parts.push("这是社区依法协助政府的工作：由主管部门牵头负责，社区配合；部门应提供必要的经费和工作条件。");
      else if (d.verdict === "duty") parts.push("这是社区依法应当履行的职责，可以按清单开展。");
    }
  }
  parts.push("引用：", ...citationLines(kb, d.citations));
  return parts.join("\n");
}

function listOverview(list: ListDef): string {
  const head = `《${list.name}》共 ${list.items.length} 项${list.list === "negative" ? "（类）" : ""}：`;
  const rows = list.items.map((i) => `${i.number}. ${i.type ?? (i.text.length > 24 ? i.text.slice(0, 24) + "…" : i.text)}`);
  const notes = list.notes.length ? [`备注：${list.notes.join(" ")}`] : [];
  return [head, ...rows, ...notes].join("\n");
}

function sideAdvice(a: ListItem, b: ListItem): string {
  const neg = [a, b].find((i) => i.verdict === "negative");
  const own = [a, b].find((i) => i.verdict !== "negative");
  if (neg && own) {
    return `社区做清单内的部分（${own.listShort}第${own.number}项）；属于${neg.listShort}第${neg.number}项的部分（检查、执法、处罚等）应由主管部门办理，不应交给社区。`;
  }
  return "两项都在社区可以承担的清单内，按各自的依据开展。";
}

function negativeAdvice(kb: KnowledgeBase, item: ListItem, alternatives: ListItem[]): string {
  const lines: string[] = [];
  const notes = kb.list(`${item.set}/${item.list}`)?.notes ?? [];
  if (item.list === "negative") {
    lines.push("社区不具备主体资格和专业资质，应由相关部门及其执法机构办理；不论是否付费购买，均不得交由社区办理。");
  } else if (notes[0]) {
    lines.push(`${notes[0]}请当事人向出具该证明的主管部门办理，或以告知承诺等方式解决。`);
  }
  if (alternatives.length) {
    lines.push(`社区可以做的：${alternatives.map((a) => `${a.listShort}第${a.number}项“${a.text}”`).join("；")}`);
  }
  lines.push("如仍被要求承担，可把通知转给我“核查”，由督导汇总后向上反映。");
  return lines.join("\n");
}
