import type { KnowledgeBase } from "../knowledge/knowledge-base.js";
import { isCertificateConcept } from "../policy/concepts.js";
import { defineRule, note } from "../policy/rules.js";
import type { Scope } from "../policy/scope.js";
import type { QueryAnalysis } from "../search/knowledge-retriever.js";
import type { SearchHit } from "../search/types.js";
import type { ListDef, ListItem, Passage } from "../types.js";

/*
 * Certificates a committee is asked to issue. A certificate on a list of ones it must not issue
 * is refused; one on a list of ones it may issue is its duty; where the place's may-issue list is
 * closed (天津, 张家口, 云南: nothing else may be asked of the committee), any other certificate
 * is refused by that list. Elsewhere a paper on no list is a task on no list.
 */

/** A list of certificates (may issue, or must not issue). */
export function isCertificateItem(item: ListItem): boolean {
  return item.list === "certificate" || item.list === "no-certificate";
}

/** How a paper asked of the committee is judged here. */
export interface PaperReading {
  verdict: "duty" | "negative";
  items: ListItem[];
  passages: Passage[];
}

const onMayIssueList = defineRule("paper.on-may-issue-list", "要开的证明在本地可以出具的证明清单上，是社区的职责", (hit: SearchHit | undefined) =>
  hit && hit.entry.kind === "item" && hit.entry.item.list === "certificate" ? { span: hit.entry.item.text, detail: hit.id } : null,
);

const offClosedList = defineRule(
  "paper.off-closed-list",
  "本地可以出具的证明清单是封闭的，清单外的证明不得要求社区出具",
  (closed: ListDef | undefined, asked: boolean) => (closed && asked ? { span: closed.closure ?? closed.name, detail: closed.id } : null),
);

/** The passage of a closed list's document that closes it, else the document's first passage. */
function closurePassage(kb: KnowledgeBase, list: ListDef): Passage | undefined {
  const doc = kb.doc(list.source);
  return doc?.passages.find((p) => list.closure && p.text.includes(list.closure)) ?? doc?.passages[0];
}

/**
 * Reads a question about a paper asked of the committee against the place's certificate lists.
 * `items` are the retrieved items in the order the preferences put them; `asked` says a paper is
 * asked for. Null when the place's lists say nothing special: the general item path decides.
 */
export function readPaper(kb: KnowledgeBase, scope: Scope, items: SearchHit[], a: QueryAnalysis, asked: boolean, strong: number): PaperReading | null {
  // The certificate the question names: a certificate item whose words it writes, or the first
  // item, a certificate matched strongly ("…在小区住这段时间表现咋样的证明" and 应征入伍).
  const certificate = (h: SearchHit) => h.entry.kind === "item" && isCertificateItem(h.entry.item);
  // (Not when the question names a certificate no item here covers: 收入证明 is no 困难证明.)
  const namesOther = [...a.conceptHits.keys()].some((c) => isCertificateConcept(kb, c));
  const first = !namesOther && items[0] && certificate(items[0]) && items[0].score >= strong ? items[0] : undefined;
  const named = items.find((h) => certificate(h) && a.taskHits.has(h.id)) ?? first;
  if (onMayIssueList.holds(named)) {
    note("item.match", { span: (a.taskHits.get(named!.id) ?? []).join("、"), weight: Math.round(named!.score), detail: named!.id });
    return { verdict: "duty", items: [asItem(named!)], passages: [] };
  }
  const closed = scope.closedCertificateLists[0];
  if (!offClosedList.holds(closed, asked)) return null;
  const refused = named && asItem(named).list === "no-certificate" ? [asItem(named)] : [];
  const passage = closurePassage(kb, closed);
  return { verdict: "negative", items: [...refused, ...closed.items.slice(0, 1)], passages: passage ? [passage] : [] };
}

function asItem(h: SearchHit): ListItem {
  if (h.entry.kind !== "item") throw new Error(`not an item: ${h.id}`);
  return h.entry.item;
}
