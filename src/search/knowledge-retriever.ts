import type { KnowledgeBase } from "../knowledge/knowledge-base.js";
import type { KnowledgeEntry } from "../types.js";
import { Bm25Index, type ResolvedQuery } from "./bm25.js";
import { normalizeText } from "./normalize.js";
import { PhraseMatcher } from "./phrase-matcher.js";
import { createTokenizer, type Term, type Tokenizer } from "./tokenizer.js";
import { topByScore } from "./top-k.js";
import type { Retriever, SearchHit } from "./types.js";

/** What the retriever saw in a query: expansions and the task words found in it. */
export interface QueryAnalysis {
  norm: string;
  /** Canonical terms added by synonyms (煤气罐 → 燃气). */
  expansions: string[];
  /** Knowledge id → task words of that id found in the query. */
  taskHits: Map<string, string[]>;
  /** Knowledge id → task words reached only through a synonym's canonical term. */
  expandedHits: Map<string, string[]>;
  /** Task word reached through synonyms → how many different everyday words led to it (1–3). */
  expandedSupport: Map<string, number>;
  /** Slugs of documents the query names (官渡 → guandu-2022-61). */
  docs: string[];
  /** Query terms the index knows, with their weights (1 written, EXPANSION_WEIGHT reached through a synonym). */
  terms: ResolvedQuery;
}

export interface KnowledgeRetriever extends Retriever {
  search(query: string, opts?: { limit?: number; kinds?: Array<"item" | "passage"> }): SearchHit[];
  analyze(query: string): QueryAnalysis;
  /** Scores with an analysis already made (avoids tokenising twice). */
  searchAnalyzed(a: QueryAnalysis, opts?: { limit?: number; kinds?: Array<"item" | "passage"> }): SearchHit[];
  tokenizer: Tokenizer;
}

/** Index partitions: items and passages are searched apart when only one kind is wanted. */
const PARTITION = { item: 0, passage: 1 } as const;

/** Weight of a synonym's canonical term against the words actually written. */
const EXPANSION_WEIGHT = 0.6;
/** Bonus per character of a task word found verbatim in the query. */
const TASK_WORD_BONUS = 2.5;
/** Passages of a document the query names score this much higher. */
const NAMED_DOC_FACTOR = 1.6;

function itemDocText(kb: KnowledgeBase, e: KnowledgeEntry): string {
  if (e.kind === "passage") return e.passage.text;
  const it = e.item;
  const words = kb.lexicon.taskWords.get(it.id) ?? [];
  return [it.type, it.text, it.list === "no-certificate" ? "证明 出具证明" : "", ...words].filter(Boolean).join(" ");
}

/** BM25 over list items and document passages, with lexicon expansion and task-word bonuses. */
export function createKnowledgeRetriever(kb: KnowledgeBase, tokenizer?: Tokenizer): KnowledgeRetriever {
  const tok = tokenizer ?? createTokenizer(kb.lexicon.terms, kb.lexicon.cues.stop ?? []);
  const index = new Bm25Index();
  const entries = new Map<string, KnowledgeEntry>();
  for (const item of kb.items) entries.set(item.id, { kind: "item", item });
  for (const doc of kb.docs) for (const passage of doc.passages) entries.set(passage.id, { kind: "passage", passage, doc });
  for (const [id, e] of entries) index.add(id, tok.tokens(itemDocText(kb, e)), PARTITION[e.kind]);

  const synonyms = new PhraseMatcher<string[]>();
  for (const [variant, canon] of kb.lexicon.synonyms) synonyms.add(variant, canon);
  const docAliases = new PhraseMatcher<string>();
  for (const d of kb.docs) for (const alias of d.aliases) docAliases.add(alias, d.slug);
  const taskWords = new PhraseMatcher<string>();
  for (const [id, words] of kb.lexicon.taskWords) for (const w of words) taskWords.add(w, id);

  // Canonical terms are few: tokenise each once.
  const expansionCache = new Map<string, Term[]>();
  const expansionTokens = (term: string) => {
    let t = expansionCache.get(term);
    if (!t) expansionCache.set(term, (t = tok.tokens(term)));
    return t;
  };

  /**
   * Adds the task-word bonus to the scores of the items whose words the query holds: written words
   * (weight 1) count fully; words reached through synonyms count by weight and by how many
   * different everyday words led to them, and only when not also written.
   */
  function addBonus(scores: Map<string, number>, a: QueryAnalysis, hits: Map<string, string[]>, weight: number): void {
    for (const [id, words] of hits) {
      if (entries.get(id)?.kind !== "item") continue;
      let bonus = 0;
      for (const w of words) {
        if (weight < 1 && a.taskHits.get(id)?.includes(w)) continue;
        const support = weight < 1 ? (a.expandedSupport.get(w) ?? 1) : 1;
        bonus += TASK_WORD_BONUS * weight * support * Math.min(w.length, 6);
      }
      scores.set(id, (scores.get(id) ?? 0) + bonus);
    }
  }

  function analyze(query: string): QueryAnalysis {
    const norm = normalizeText(query);
    const compact = norm.replace(/\s+/g, "");
    const variantMatches = synonyms.match(compact);
    const expansions = [...new Set(variantMatches.flatMap((m) => m.value))];
    // How many different everyday words pointed at each canonical term: more words, more evidence.
    const support = new Map<string, Set<string>>();
    for (const m of variantMatches) for (const c of m.value) (support.get(c) ?? support.set(c, new Set()).get(c)!).add(m.phrase);
    const terms = index.resolver();
    for (const t of tok.tokensOfNormalized(norm)) terms.add(t, 1);
    for (const e of expansions) for (const t of expansionTokens(e)) terms.add(t, EXPANSION_WEIGHT);
    // Task words written in the question count fully; those reached only through a synonym count as expansions.
    const taskHits = new Map<string, string[]>();
    const expandedHits = new Map<string, string[]>();
    const collect = (text: string, into: Map<string, string[]>) => {
      for (const m of taskWords.match(text)) {
        const list = into.get(m.value) ?? [];
        if (!list.includes(m.phrase)) list.push(m.phrase);
        into.set(m.value, list);
      }
    };
    collect(compact, taskHits);
    // A task word reached through a synonym counts once per different everyday word behind it (up
    // to three), so 漏水 + 动手 + 说和 weigh more than one of them.
    const expandedSupport = new Map<string, number>();
    for (const e of expansions) {
      const n = Math.min(support.get(e)?.size ?? 1, 3);
      for (const m of taskWords.match(e)) expandedSupport.set(m.phrase, Math.max(n, expandedSupport.get(m.phrase) ?? 0));
      collect(e, expandedHits);
    }
    const docs = [...new Set(docAliases.match(compact).map((m) => m.value))];
    return { norm, expansions, taskHits, expandedHits, expandedSupport, terms: terms.query, docs };
  }

  function searchAnalyzed(a: QueryAnalysis, opts: { limit?: number; kinds?: Array<"item" | "passage"> } = {}): SearchHit[] {
    const kinds = opts.kinds ?? ["item", "passage"];
    const limit = opts.limit ?? 10;
    const parts = kinds.map((k) => PARTITION[k]);
    const scores = new Map(index.searchResolved(a.terms, Math.max(limit * 3, 30), parts));
    if (kinds.includes("passage") && a.docs.length) {
      // The named document's passages compete even if other documents share the words.
      for (const [id, score] of index.searchResolved(a.terms, index.size, [PARTITION.passage])) {
        const e = entries.get(id)!;
        if (e.kind === "passage" && a.docs.includes(e.passage.slug)) scores.set(id, score * NAMED_DOC_FACTOR);
      }
    }
    if (kinds.includes("item")) {
      addBonus(scores, a, a.taskHits, 1);
      addBonus(scores, a, a.expandedHits, EXPANSION_WEIGHT);
    }
    return topByScore([...scores], (e) => e[1], limit).map(([id, score]) => ({ id, score, entry: entries.get(id)! }));
  }

  return {
    tokenizer: tok,
    analyze,
    searchAnalyzed,
    search: (query, opts) => searchAnalyzed(analyze(query), opts),
  };
}
