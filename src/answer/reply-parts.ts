import type { KnowledgeBase } from "../knowledge/knowledge-base.js";
import { conceptAncestors } from "../policy/scope.js";
import type { ListItem, Passage } from "../types.js";
import type { Decision } from "./decide.js";

/** What replies say before the footer, when there is more to show. */
export const DETAIL_HINT = "回复“详细”看依据和原文。";

/** Character bigrams of the query, for picking the clauses that speak of it. */
function grams(query: string): Set<string> {
  const out = new Set<string>();
  for (let i = 0; i + 1 < query.length; i++) out.add(query.slice(i, i + 2));
  return out;
}

/**
 * The most relevant clauses of a long text for the query (best clause with its neighbours, up to
 * `maxChars`), so long items and paragraphs are quoted short.
 */
export function bestClauses(text: string, query: string, maxChars: number): string {
  if (text.length <= maxChars) return text;
  const clauses = text.split(/(?<=[。；;！!？?，,、])/).filter((c) => c.trim());
  const g = grams(query);
  const score = (c: string) => {
    let n = 0;
    for (let i = 0; i + 1 < c.length; i++) if (g.has(c.slice(i, i + 2))) n++;
    return n / Math.sqrt(c.length + 8);
  };
  let best = 0;
  clauses.forEach((c, i) => {
    if (score(c) > score(clauses[best])) best = i;
  });
  let from = best;
  let to = best + 1;
  // Grow around the best clause while it fits: the fact plus its context.
  for (;;) {
    const left = from > 0 ? clauses[from - 1].length : Infinity;
    const right = to < clauses.length ? clauses[to].length : Infinity;
    const len = clauses.slice(from, to).join("").length;
    if (Math.min(left, right) === Infinity || len + Math.min(left, right) > maxChars) break;
    if (right <= left) to++;
    else from--;
  }
  return `${from > 0 ? "……" : ""}${clauses.slice(from, to).join("").trim().replace(/[，,、]$/, "")}${to < clauses.length ? "……" : ""}`;
}

/** A passage quoted short. */
export function bestSentences(passage: Passage, query: string, maxChars = 160): string {
  return bestClauses(passage.text, query, maxChars);
}

/** An item's text quoted short: the part that speaks of the question. */
export function quoteOf(item: ListItem, query: string): string {
  return bestClauses(item.text.replace(/[。；;]$/, ""), query, 60);
}

/** An item in a few words: what its first concept is called, else its text. */
export function shortName(item: ListItem, kb?: KnowledgeBase): string {
  const label = kb?.lexicon.concepts.get(item.covers[0])?.label;
  return label ?? (item.text.length > 24 ? `${item.text.slice(0, 24)}…` : item.text.replace(/[。；;]$/, ""));
}

/** 《文件名》（文号）. */
export function docName(kb: KnowledgeBase, slug: string): string {
  const d = kb.doc(slug);
  return d ? `《${d.title.replace(/（[^）]*附[^）]*）$/, "")}》${d.number ? `（${d.number}）` : ""}` : slug;
}

/** The footer: the hint to ask for more, then the ids cited. */
export function footer(citations: string[]): string[] {
  return citations.length ? [DETAIL_HINT, `引用：${citations.join(" · ")}`] : [];
}

/** Who usually handles what the question names (the concepts' handled_by), else the first item's. */
export function handledBy(kb: KnowledgeBase, d: Decision): string | undefined {
  const first = d.items[0];
  const concepts = d.concepts.length ? d.concepts : (first?.covers ?? []);
  for (const c of concepts) {
    for (const a of conceptAncestors(kb, c)) {
      const h = kb.lexicon.concepts.get(a)?.handledBy;
      if (h) return h;
    }
  }
  return undefined;
}
