import type { KnowledgeBase } from "../knowledge/knowledge-base.js";
import { CONCEPT } from "../policy/concepts.js";
import { conceptAncestors, type Scope } from "../policy/scope.js";
import type { KnowledgeEntry, ListItem } from "../types.js";
import { Bm25Index, type ResolvedQuery } from "./bm25.js";
import { compactText, normalizeText } from "./normalize.js";
import { PhraseMatcher } from "./phrase-matcher.js";
import { domainDictionary } from "./dictionary.js";
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
  /** Everyday words of the synonym table written in the query (煤气罐, 违建). */
  variants: string[];
  /** Concept → its everyday words written in the query. */
  conceptHits: Map<string, string[]>;
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
  /** The place whose lists this retriever searches. */
  scope: Scope;
}

/** Index partitions: items and passages are searched apart when only one kind is wanted. */
const PARTITION = { item: 0, passage: 1 } as const;

/** Weight of a synonym's canonical term against the words actually written. */
const EXPANSION_WEIGHT = 0.6;
/** Bonus per character of a task word found verbatim in the query. */
const TASK_WORD_BONUS = 2.5;
/** Passages of a document the query names score this much higher. */
const NAMED_DOC_FACTOR = 1.6;
/** Passages of another place's document, not named in the query, score this much lower. */
const OTHER_PLACE_FACTOR = 0.75;

/** An item's indexed text: its type and text, and its everyday words (for certificates, what they are). */
function itemDocText(kb: KnowledgeBase, it: ListItem): string {
  return [it.type, it.text, it.list === "no-certificate" ? "证明 出具证明" : "", ...kb.itemWords(it.id)].filter(Boolean).join(" ");
}

/** A general item standing for only part of what it names here: the labels and words of those concepts. */
function partialDocText(kb: KnowledgeBase, concepts: string[]): string {
  return concepts.flatMap((c) => [kb.lexicon.concepts.get(c)!.label, ...kb.lexicon.concepts.get(c)!.words]).join(" ");
}

/** What a certificate's text says it proves: 转学证明 → 转学证明, 转学 (notes in brackets dropped). */
function certificateNames(text: string): string[] {
  const name = text.replace(/[（(][^）)]*[）)]/g, "").trim();
  const fact = name.replace(/(的)?(情况)?(证明|反馈)(材料)?$/, "").replace(/^(为|给)[^，,]{0,12}?(出具|开具)/, "");
  return [...new Set([name, fact].filter((n) => n.length >= 2))];
}

/** Every text the index and query expansion tokenise, normalised: what the segmentation dictionary must cover. */
function knowledgeText(kb: KnowledgeBase): string {
  const parts: string[] = [...kb.lexicon.terms];
  for (const it of kb.items) parts.push(itemDocText(kb, it));
  for (const d of kb.docs) for (const p of d.passages) parts.push(p.text);
  for (const c of kb.lexicon.concepts.values()) parts.push(c.label, ...c.words);
  for (const [variant, canon] of kb.lexicon.synonyms) parts.push(variant, ...canon);
  return normalizeText(parts.join("\n"));
}

/** 过 or 了 between two characters: an aspect particle inside a verb phrase (参加过社区活动). */
const ASPECT = /(?<=[\u4e00-\u9fff])[过了](?=[\u4e00-\u9fff])/g;

/** One tokenizer and one token cache per knowledge base: every scope's index shares them. */
const shared = new WeakMap<KnowledgeBase, { tok: Tokenizer; tokens: Map<string, Term[]> }>();

function sharedTokens(kb: KnowledgeBase) {
  let s = shared.get(kb);
  if (!s) shared.set(kb, (s = { tok: createTokenizer(domainDictionary(knowledgeText(kb)), kb.lexicon.terms, kb.lexicon.cues.stop ?? []), tokens: new Map() }));
  const { tok, tokens } = s;
  return {
    tok,
    tokensOf(key: string, text: string): Term[] {
      let t = tokens.get(key);
      if (!t) tokens.set(key, (t = tok.tokens(text)));
      return t;
    },
  };
}

/**
 * BM25 over the list items that bind a place (its scope) and every document's passages, with
 * lexicon expansion and task-word bonuses. A concept's words count for every item covering it or
 * a concept it is part of.
 */
export function createKnowledgeRetriever(kb: KnowledgeBase, scope: Scope): KnowledgeRetriever {
  const { tok, tokensOf } = sharedTokens(kb);
  const index = new Bm25Index();
  const entries = new Map<string, KnowledgeEntry>();
  for (const item of scope.items) {
    // "…应出具的其他证明" names no certificate a question could be about.
    if (item.covers.length > 0 && item.covers.every((c) => c === CONCEPT.otherCertificates)) continue;
    entries.set(item.id, { kind: "item", item });
    const effective = scope.effective(item);
    const partial = effective.length < item.covers.length;
    const key = partial ? `${item.id}@${effective.join(",")}` : item.id;
    index.add(item.id, tokensOf(key, partial ? partialDocText(kb, effective) : itemDocText(kb, item)), PARTITION.item);
  }
  for (const doc of kb.docs) {
    for (const passage of doc.passages) {
      entries.set(passage.id, { kind: "passage", passage, doc });
      index.add(passage.id, tokensOf(passage.id, passage.text), PARTITION.passage);
    }
  }

  const synonyms = new PhraseMatcher<string[]>();
  for (const [variant, canon] of kb.lexicon.synonyms) synonyms.add(variant, canon);
  const docAliases = new PhraseMatcher<string>();
  for (const d of kb.docs) for (const alias of d.aliases) docAliases.add(alias, d.slug);
  // A concept's words name every item that stands for it here, or for a concept it is part of.
  const taskWords = new PhraseMatcher<string>();
  for (const c of kb.lexicon.concepts.values()) for (const w of c.words) taskWords.add(w, c.id);
  const itemsOf = new Map<string, string[]>();
  for (const c of kb.lexicon.concepts.keys()) {
    const ids = conceptAncestors(kb, c).flatMap((a) => kb.covering(a).filter((it) => entries.has(it.id) && scope.effective(it).includes(a)).map((it) => it.id));
    if (ids.length) itemsOf.set(c, [...new Set(ids)]);
  }
  // A certificate no concept covers yet (an imported 转学证明) is named by what it proves.
  for (const item of scope.items) {
    if (item.covers.length > 0 || !entries.has(item.id) || (item.list !== "certificate" && item.list !== "no-certificate")) continue;
    const key = `item:${item.id}`;
    for (const name of certificateNames(item.text)) taskWords.add(name, key);
    itemsOf.set(key, [item.id]);
  }

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
    // "生活困难的证明" is a 生活困难证明: task words are matched without that 的.
    const compact = compactText(norm).replace(/的(?=(情况)?证明)/g, "");
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
    const collect = (matches: Array<{ phrase: string; value: string }>, into: Map<string, string[]>) => {
      for (const m of matches) {
        for (const id of itemsOf.get(m.value) ?? []) {
          const list = into.get(id) ?? [];
          if (!list.includes(m.phrase)) list.push(m.phrase);
          into.set(id, list);
        }
      }
    };
    // "参加过社区活动", "当了志愿者" say 参加社区活动, 当志愿者: task words also match without the aspect particle.
    const plain = compact.replace(ASPECT, "");
    const readings = plain === compact ? [taskWords.match(compact)] : [taskWords.match(compact), taskWords.match(plain)];
    for (const r of readings) collect(r, taskHits);
    const conceptHits = new Map<string, string[]>();
    for (const r of readings) {
      for (const m of r) {
        if (m.value.startsWith("item:")) continue;
        const words = conceptHits.get(m.value) ?? conceptHits.set(m.value, []).get(m.value)!;
        if (!words.includes(m.phrase)) words.push(m.phrase);
      }
    }
    // A task word reached through a synonym counts once per different everyday word behind it (up
    // to three), so 漏水 + 动手 + 说和 weigh more than one of them.
    const expandedSupport = new Map<string, number>();
    for (const e of expansions) {
      const n = Math.min(support.get(e)?.size ?? 1, 3);
      const matches = taskWords.match(e);
      for (const m of matches) expandedSupport.set(m.phrase, Math.max(n, expandedSupport.get(m.phrase) ?? 0));
      collect(matches, expandedHits);
    }
    const docs = [...new Set(docAliases.match(compact).map((m) => m.value))];
    const variants = [...new Set(variantMatches.map((m) => m.phrase))];
    return { norm, expansions, variants, taskHits, conceptHits, expandedHits, expandedSupport, terms: terms.query, docs };
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
    if (kinds.includes("passage")) {
      for (const [id, score] of scores) {
        const e = entries.get(id)!;
        if (e.kind === "passage" && !a.docs.includes(e.doc.slug) && !scope.relatesToDoc(e.doc)) scores.set(id, score * OTHER_PLACE_FACTOR);
      }
    }
    if (kinds.includes("item")) {
      addBonus(scores, a, a.taskHits, 1);
      addBonus(scores, a, a.expandedHits, EXPANSION_WEIGHT);
    }
    return topByScore([...scores], (e) => e[1], limit).map(([id, score]) => ({ id, score, entry: entries.get(id)! }));
  }

  return {
    scope,
    tokenizer: tok,
    analyze,
    searchAnalyzed,
    search: (query, opts) => searchAnalyzed(analyze(query), opts),
  };
}
