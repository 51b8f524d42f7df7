import type { KnowledgeBase } from "../knowledge/knowledge-base.js";
import { contains } from "../policy/places.js";
import type { Scope } from "../policy/scope.js";
import type { KnowledgeRetriever, QueryAnalysis } from "../search/knowledge-retriever.js";
import { PhraseMatcher } from "../search/phrase-matcher.js";
import type { SearchHit } from "../search/types.js";
import type { ListDef, ListItem, Passage } from "../types.js";

/** Query that finds the 准入制度 passages cited for tasks on no list. */
const ADMISSION_QUERY = "社区工作准入制度 清单以外的事项 按照准入审批程序报批 未经申请批准的工作事项一律不准进入社区 依法依规提出申请 审核 批准后纳入清单管理";

/** Asks for a fact of one item: its number or its legal basis (督促孩子上学那一条是第几条？依据是哪部法？). */
const ITEM_FACT = /第几(条|项)|哪一(条|项)|依据|哪部法|什么法/;

/** What an info answer cites: an item first when the question is about it, a list, passages. */
export interface InfoReading {
  items: ListItem[];
  list?: ListDef;
  passages: Passage[];
  citations: string[];
  confidence: number;
}

/**
 * The best 准入制度 passage of each document, best first, at most three: the place's own documents
 * and the national ones before other places'.
 */
export function admissionPassages(retriever: KnowledgeRetriever): Passage[] {
  const seen = new Set<string>();
  const mine: Passage[] = [];
  const others: Passage[] = [];
  for (const h of retriever.search(ADMISSION_QUERY, { kinds: ["passage"], limit: 40 })) {
    if (h.entry.kind !== "passage" || seen.has(h.entry.passage.slug)) continue;
    seen.add(h.entry.passage.slug);
    (retriever.scope.relatesToDoc(h.entry.doc) ? mine : others).push(h.entry.passage);
  }
  return [...mine, ...others].slice(0, 3);
}

/**
 * The list a question names, by its longest alias: a list of a place the question names, else one
 * binding the asker's place; a list from another document than the one named does not count.
 */
export function createListNamer(kb: KnowledgeBase, scope: Scope) {
  const listNames = new PhraseMatcher<ListDef>();
  for (const l of kb.lists) for (const alias of [l.name, l.short, ...l.aliases]) listNames.add(alias, l);
  return (a: QueryAnalysis): ListDef | undefined => {
    const places = kb.places.find(a.norm).map((p) => p.path);
    const here = (l: ListDef) => {
      const path = kb.places.parse(l.region);
      return places.length ? places.some((p) => contains(path, p) || contains(p, path)) : scope.lists.includes(l);
    };
    const matches = listNames
      .match(a.norm.replace(/\s+/g, ""))
      .filter((m) => (a.docs.length === 0 || a.docs.includes(m.value.source)) && here(m.value))
      .sort((x, y) => y.phrase.length - x.phrase.length || kb.places.parse(y.value.region).length - kb.places.parse(x.value.region).length);
    return matches[0]?.value;
  };
}

/** Reads a fact question: the item it is about, or the list it names, or the passages that answer it. */
export function readInfo(
  kb: KnowledgeBase,
  retriever: KnowledgeRetriever,
  a: QueryAnalysis,
  top: SearchHit | undefined,
  topScore: number,
  strong: number,
  passages: SearchHit[],
  list: ListDef | undefined,
): InfoReading {
  const ps = passages.length ? passages : retriever.searchAnalyzed(a, { kinds: ["passage"], limit: 3 });
  const floor = (ps[0]?.score ?? 0) * 0.5;
  const cited = ps
    .filter((h) => h.score >= floor)
    .slice(0, 3)
    .map((h) => (h.entry.kind === "passage" ? h.entry.passage : undefined))
    .filter((p): p is Passage => !!p);
  // A question about an item's own facts (its number, its legal basis) cites the item first.
  const itemFirst = top && top.entry.kind === "item" && (topScore > (ps[0]?.score ?? 0) || (ITEM_FACT.test(a.norm) && topScore >= strong)) ? [top.entry.item] : [];
  if (list && !itemFirst.length) {
    // The list's own document first (where it is published), then its first items.
    const source = kb.doc(list.source);
    const home = cited.find((p) => p.slug === list.source) ?? source?.passages.find((p) => p.text.includes(list.name)) ?? source?.passages[0];
    const shown = home ? [home] : cited.slice(0, 1);
    return { items: [], list, passages: shown, citations: [...shown.map((p) => p.id), ...list.items.slice(0, 2).map((i) => i.id)], confidence: 0.75 };
  }
  return {
    items: itemFirst,
    passages: cited,
    citations: [...itemFirst.map((i) => i.id), ...cited.map((p) => p.id)].slice(0, 4),
    confidence: cited.length ? 0.7 : 0.4,
  };
}
