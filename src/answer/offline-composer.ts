import type { KnowledgeBase } from "../knowledge/knowledge-base.js";
import type { ListItem, Passage } from "../types.js";
import type { Decision } from "./decide.js";
import { composeFollowup } from "./followup-replies.js";
import { itemHeader, itemLabel, listLabel, VERDICT_LABEL } from "../knowledge/labels.js";
import { bestSentences, docName, footer, handledBy, quoteOf, shortName } from "./reply-parts.js";

/*
 * The reply as a colleague would write it on a phone: the verdict and the item first, in at most
 * five short lines, then "回复“详细”看依据和原文" and the ids in a compact footer. The header
 * always says what the verdict says, and whose list it quotes.
 */

/** True when the place's own duty or assist lists are in the knowledge (else only national rules bind it here). */
function hasOwnTaskLists(kb: KnowledgeBase, place: string): boolean {
  return kb.scope(place).lists.some((l) => l.list === "duty" || l.list === "assist");
}

/** The verdict line for a decision. */
export function headerOf(d: Decision): string {
  const first = d.items[0];
  if (d.sides) return `【要看具体做什么 · ${d.sides.map((i) => i.listShort).join("与")}】`;
  if (d.verdict === "negative" && d.passages.length && first?.list === "certificate") return `【社区不应出具 · ${d.place}只开清单内的证明】`;
  if (first && (d.verdict === "duty" || d.verdict === "assist" || d.verdict === "negative")) return `【${itemHeader(first)}】`;
  return `【${VERDICT_LABEL[d.verdict]}】`;
}

/** What the community may do instead, in one line. */
export function alternativesLine(kb: KnowledgeBase, alternatives: ListItem[]): string | undefined {
  if (!alternatives.length) return undefined;
  return `社区可以做：${alternatives.map((a) => `${shortName(a, kb)}（${itemLabel(a)}）`).join("；")}。`;
}

function itemLines(kb: KnowledgeBase, d: Decision): string[] {
  const first = d.items[0];
  if (d.sides) {
    const [a, b] = d.sides;
    const alt = d.verdict === "negative" ? alternativesLine(kb, d.alternatives) : undefined;
    return [`一方面，${itemLabel(a)}：“${quoteOf(a, d.query)}”`, `另一方面，${itemLabel(b)}：“${quoteOf(b, d.query)}”`, sideAdvice(a, b), ...(alt ? [alt] : [])];
  }
  const lines = [`${itemLabel(first)}：“${quoteOf(first, d.query)}”`];
  if (d.verdict === "negative" && first.list === "certificate") {
    // Refused by a closed may-issue list: what it allows, and where the resident should go.
    const closed = kb.list(`${first.set}/${first.list}`)!;
    const refused = d.items.find((i) => i.list === "no-certificate");
    lines[0] = `${listLabel(closed)}只有 ${closed.items.length} 项：${closed.items.map((i) => i.text.replace(/^(为|根据)[^，,]*?(出具|开具)/, "")).join("；")}。`;
    if (refused) lines.push(`这份证明也在${itemLabel(refused)}里。`);
    lines.push(`清单外的证明不得要求社区出具，请居民到${handledBy(kb, d) ?? "出具该证明的主管部门"}办理。`);
    return lines;
  }
  if (first.list === "no-certificate") {
    lines.push(`社区不予出具，请居民到${handledBy(kb, d) ?? "出具该证明的主管部门"}办理。`);
  } else if (d.verdict === "negative") {
    lines.push(`社区不是责任主体，应由${handledBy(kb, d) ?? "相关部门及其执法机构"}办理；付费购买、叫“协助”也不能交给社区。`);
  } else if (first.list === "certificate") {
    lines.push("这是社区可以开的证明，核实情况后据实出具。");
  } else if (d.verdict === "assist") {
    lines.push("由主管部门牵头负责，社区配合；部门应提供必要的经费和工作条件。");
  } else if (first.basis) {
    lines.push(`这是社区依法履行的职责。依据：${first.basis.split(/[;；]/)[0]}。`);
  }
  const alt = alternativesLine(kb, d.alternatives);
  if (alt) lines.push(alt);
  else if (d.items[1]) lines.push(`相关：${itemLabel(d.items[1])}“${quoteOf(d.items[1], d.query)}”`);
  return lines;
}

function sideAdvice(a: ListItem, b: ListItem): string {
  const neg = [a, b].find((i) => i.verdict === "negative");
  const own = [a, b].find((i) => i.verdict !== "negative");
  if (neg && own) return `社区做${itemLabel(own)}的部分；检查、执法、处罚等属于${itemLabel(neg)}的部分，应由主管部门办理。`;
  return "两项都是社区可以承担的工作，按各自的依据开展。";
}

function passageLine(kb: KnowledgeBase, p: Passage, query: string, place: string): string {
  // Another province's document informs; it does not bind here.
  const elsewhere = !kb.scope(place).relatesToDoc(kb.doc(p.slug)!);
  return `${elsewhere ? "（外省参考）" : ""}${docName(kb, p.slug)}：“${bestSentences(p, query, 90)}”`;
}

/** Small talk: one friendly line. */
function smallTalkLine(d: Decision): string {
  if (/谢|辛苦/.test(d.query)) return "不客气！有派活拿不准的，随时@我问。";
  if (/你是谁|你叫|干嘛的|能干什么|会什么|能做什么/.test(d.query)) return "我是减负助手：可以问我某项工作是不是社区的事，也可以把通知发给我“核查”。发“帮助”看用法。";
  return "您好！可以问我某项工作是不是社区的事，或发“帮助”看用法。";
}

/** "您是想问……吗？" for a message that names nothing clearly. */
function guessLines(kb: KnowledgeBase, guesses: ListItem[]): string[] {
  const topics = guesses.map((g) => kb.lexicon.concepts.get(g.covers[0])?.label ?? g.type ?? g.text.slice(0, 16));
  return [`没太明白您问的是哪件事。您是想问：${[...new Set(topics)].map((t) => `“${t}”`).join("、")}是不是社区的事吗？`, "可以把事情说具体些，或发“帮助”看用法。"];
}

/** Writes the reply for a decision. */
export function composeOffline(kb: KnowledgeBase, d: Decision): string {
  if (d.smallTalk) return smallTalkLine(d);
  if (d.followup) return composeFollowup(kb, d);
  const head = headerOf(d);
  let body: string[];
  switch (d.verdict) {
    case "out_of_scope":
      body = d.guesses?.length ? guessLines(kb, d.guesses) : ["这个问题和社区工作清单、减负政策没有关系。可以问我某项工作是不是社区的事，或发“帮助”看用法。"];
      return [head, ...body].join("\n");
    case "info":
      body = [];
      if (d.list) {
        // "清单 …" shows the lists binding the asker's place; another place's list is read item by item.
        const binds = kb.scope(d.place).lists.some((l) => l.id === d.list!.id);
        const how = binds ? `发“清单 ${d.list.short.replace(/清单$/, "")}”看全文` : `发“${d.list.items[0]!.id}”看第1项`;
        body.push(`${listLabel(d.list)}《${d.list.name}》共 ${d.list.items.length} 项，${how}。`);
      }
      if (d.items[0]) body.push(`${itemLabel(d.items[0])}：“${quoteOf(d.items[0], d.query)}”`);
      for (const p of d.passages.slice(0, 2)) body.push(passageLine(kb, p, d.query, d.place));
      if (!body.length) body.push("资料里没有找到直接回答这个问题的内容。");
      break;
    case "unlisted":
      body = [
        ...(d.burden && kb.grounds.get(d.burden) ? [`减负规定：${kb.grounds.get(d.burden)!.rule}。`] : []),
        hasOwnTaskLists(kb, d.place)
          ? `这件事不在${d.place}社区的清单上。按准入制度，清单以外的事项须由部门申请、经审批纳入后才能交给社区，并随事配套经费；未经批准，社区可以婉拒。`
          : `知识库里没有${d.place}的社区履职、协助清单，无法核对这件事在不在当地清单上；全国性规定也没有把它列为不该由社区承担的事。按准入制度，清单以外的事项须经审批才能交给社区，请以当地公布的清单为准。`,
        ...d.passages.slice(0, 1).map((p) => passageLine(kb, p, "准入 清单以外 审批 批准 申请", d.place)),
      ];
      break;
    default:
      body = itemLines(kb, d);
  }
  return [head, ...body.slice(0, 4), ...footer(d.citations)].join("\n");
}
