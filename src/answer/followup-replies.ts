import type { KnowledgeBase } from "../knowledge/knowledge-base.js";
import type { ListItem } from "../types.js";
import type { Decision } from "./decide.js";
import { itemLabel, itemTitle, listLabel } from "../knowledge/labels.js";
import { alternativesLine, headerOf } from "./offline-composer.js";
import { bestSentences, docName, footer, handledBy, quoteOf, shortName } from "./reply-parts.js";

/*
 * Replies to a follow-up about the previous answer: the same verdict and citations, and the point
 * asked about — the reason, the basis, whether money or 协助 changes anything, what the community
 * may do, a reply to paste to the street, or the whole text.
 */

/** A list note that says something about `about` (付费, 主体资格 …), else the first one. */
function note(kb: KnowledgeBase, item: ListItem, about?: RegExp): string | undefined {
  const notes = kb.list(`${item.set}/${item.list}`)?.notes ?? [];
  return (about ? notes.find((n) => about.test(n)) : undefined) ?? notes[0];
}

function why(kb: KnowledgeBase, d: Decision, first: ListItem): string[] {
  if (first.list === "certificate" && d.verdict === "negative") {
    const closed = kb.list(`${first.set}/${first.list}`)!;
    return [`因为${listLabel(closed)}是封闭的：“${closed.closure}”。这份证明不在清单上，社区不得出具。`];
  }
  if (first.list === "no-certificate") return [`因为它在${itemLabel(first)}上。${note(kb, first) ?? ""}`];
  if (d.verdict === "negative") {
    const reason = first.reason ? `列入原因是“${first.reason}”：` : "";
    return [`因为${itemLabel(first)}把“${quoteOf(first, d.query)}”列为不应由社区承担的事项，${reason}${note(kb, first, /主体|资质/) ?? "责任主体是有关部门。"}`];
  }
  if (d.verdict === "duty") return [`这是法律规定的社区职责（${itemLabel(first)}）。依据：${first.basis ?? "见清单"}。`];
  return [`这是社区依法协助政府的工作（${itemLabel(first)}），主管部门负责，社区配合。依据：${first.basis ?? "见清单"}。`];
}

function basis(kb: KnowledgeBase, first: ListItem): string[] {
  const list = kb.list(`${first.set}/${first.list}`)!;
  const lines = [`依据：${itemTitle(first)}，见${docName(kb, list.source)}。`];
  if (first.basis) lines.push(`工作依据：${first.basis}`);
  if (first.reason) lines.push(`列入原因：${first.reason}`);
  const n = list.closure ?? note(kb, first);
  if (n) lines.push(`清单说明：${n}`);
  return lines;
}

function paid(kb: KnowledgeBase, d: Decision, first: ListItem): string[] {
  if (d.verdict === "negative") return [`给钱也不行。${note(kb, first, /付费/) ?? "不应由社区承担的事项，不因付费而改变。"}`];
  if (d.verdict === "assist") return ["协助事项本来就应当由部门提供必要的经费和工作条件（费随事转）；给钱不改变分工：部门牵头负责，社区配合。"];
  return ["这是社区自己的职责，有没有经费都应当做；部门另给经费也不改变它的性质。"];
}

function disguise(kb: KnowledgeBase, d: Decision, first: ListItem): string[] {
  if (d.verdict !== "negative") return [`叫不叫“协助”，它都在${itemLabel(first)}里，按清单来做。`];
  return [`叫“协助”“配合”也不行：实际让社区去做的仍是${itemLabel(first)}的事，社区不是责任主体。`, alternativesLine(kb, d.alternatives) ?? "社区能做的是发现问题及时报告有关部门。"];
}

/** Where the resident or the department should turn instead. */
function where(kb: KnowledgeBase, d: Decision, first: ListItem): string[] {
  const who = handledBy(kb, d);
  if (d.verdict !== "negative") return [`这件事社区可以办（${itemLabel(first)}），按清单开展即可。`];
  return [who ? `一般由${who}办理，请当事人直接去找他们；社区可以告诉居民去哪里办、要带什么材料。` : "请当事人向主管部门办理；社区可以帮忙指路、告知需要的材料。"];
}

/** A short, polite reply the worker can paste to the street. */
function reply(kb: KnowledgeBase, d: Decision, first: ListItem): string[] {
  const who = handledBy(kb, d);
  const alt = d.alternatives.length ? `社区可以配合做的：${d.alternatives.map((a) => `${shortName(a, kb)}（${itemLabel(a)}）`).join("；")}。` : "";
  if (d.verdict !== "negative") return [`这件事在${itemLabel(first)}里，社区可以接。回复时可以请部门说明具体要求和配套的经费、工作条件。`];
  const named = kb.lexicon.concepts.get(d.concepts[0] ?? "")?.label;
  const task = first.list === "no-certificate" || first.list === "certificate" ? "出具这份证明" : `${named ?? first.type ?? "这项工作"}`;
  return [
    "可以这样回复（复制后按实际改）：",
    `您好！您交办的${task}，属于${itemLabel(first)}，社区不具备主体资格和专业资质，不能承担${who ? `，应由${who}办理` : ""}。${alt}感谢理解和支持！`,
  ];
}

function detail(kb: KnowledgeBase, d: Decision): string[] {
  const lines: string[] = [];
  for (const item of d.items.slice(0, 2)) {
    lines.push(`${itemTitle(item)}（${item.id}）：`, `“${item.text}”`);
    if (item.basis) lines.push(`工作依据：${item.basis}`);
    if (item.reason) lines.push(`列入原因：${item.reason}`);
    const n = note(kb, item);
    if (n) lines.push(`清单说明：${n}`);
    const source = kb.doc(item.source)?.passages.find((p) => p.text.includes(item.text.slice(0, 12)));
    if (source && !d.passages.includes(source)) lines.push(`原文出处：${docName(kb, source.slug)}（${source.id}）`);
  }
  for (const p of d.passages.slice(0, 2)) lines.push(`${docName(kb, p.slug)}（${p.id}）：“${bestSentences(p, d.query, 200)}”`);
  return lines.length ? lines : ["上一个答复没有引用条目或原文。"];
}

/** Writes the reply to a follow-up (d.followup set) from the previous decision. */
export function composeFollowup(kb: KnowledgeBase, d: Decision): string {
  const first = d.items[0];
  if (d.followup === "detail") return [headerOf(d), ...detail(kb, d), `引用：${d.citations.join(" · ")}`].join("\n");
  if (!first) {
    // The previous answer was about no single item (on no list, a fact question): say what it rests on.
    const lines = d.verdict === "unlisted" ? ["因为清单上没有这件事：按准入制度，须部门申请、经审批纳入后才能交给社区，并随事配套经费和工作条件。"] : [];
    return [headerOf(d), ...lines, ...d.passages.slice(0, 1).map((p) => `${docName(kb, p.slug)}：“${bestSentences(p, d.query, 120)}”`), ...footer(d.citations)].join("\n");
  }
  const body =
    d.followup === "why"
      ? why(kb, d, first)
      : d.followup === "basis"
        ? basis(kb, first)
        : d.followup === "paid"
          ? paid(kb, d, first)
          : d.followup === "disguise"
            ? disguise(kb, d, first)
            : d.followup === "reply"
              ? reply(kb, d, first)
              : d.followup === "where"
                ? where(kb, d, first)
                : [alternativesLine(kb, d.alternatives) ?? `按${itemLabel(first)}开展；需要部门支持的，可以向街道反映。`];
  return [headerOf(d), ...body, ...footer(d.citations)].join("\n");
}
