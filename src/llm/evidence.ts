import type { SearchHit } from "../search/types.js";
import { citationLabel as itemCitation } from "../knowledge/labels.js";
import type { KnowledgeEntry } from "../types.js";


const clip = (s: string, n: number) => (s.length > n ? `${s.slice(0, n)}…` : s);

/** One line for the model: `[id] 负面清单 第7项：原文（类型：…；原因：…）`. */
export function renderEntry(id: string, entry: KnowledgeEntry, maxChars = 400): string {
  if (entry.kind === "item") {
    const it = entry.item;
    const extra = [
      it.basis && `依据：${clip(it.basis, 160)}`,
      it.type && `类型：${it.type}`,
      it.reason && `原因：${clip(it.reason, 160)}`,
    ].filter(Boolean);
    return `[${id}] ${it.listName}（${it.listShort}）第${it.number}项：${clip(it.text, maxChars)}${extra.length ? `（${extra.join("；")}）` : ""}`;
  }
  return `[${id}] 《${entry.doc.title}》${entry.doc.number ? `（${entry.doc.number}）` : ""}段落：${clip(entry.passage.text, maxChars)}`;
}

/** The numbered block of entries the model may cite, one per line. */
export function renderEvidence(hits: SearchHit[]): string {
  return hits.length ? hits.map((h) => renderEntry(h.id, h.entry)).join("\n") : "（没有检索到相关条目）";
}

/** A short citation line for the reply footer: `负面清单第7类·生产安全类（gansu/negative/7）`. */
export function citationLabel(id: string, entry: KnowledgeEntry | undefined): string {
  if (!entry) return id;
  if (entry.kind === "item") return `${itemCitation(entry.item)}（${id}）`;
  return `《${entry.doc.title}》（${id}）`;
}

/**
 * Entries to show the model: the ids the offline path cited first (resolved with `getEntry`),
 * then retrieval hits, without duplicates, at most `limit`. These are all the model may cite.
 */
export function mergeEvidence(
  firstIds: string[],
  hits: SearchHit[],
  getEntry: ((id: string) => KnowledgeEntry | undefined) | undefined,
  limit: number,
): SearchHit[] {
  const out: SearchHit[] = [];
  const seen = new Set<string>();
  const byId = new Map(hits.map((h) => [h.id, h]));
  for (const id of firstIds) {
    const entry = byId.get(id)?.entry ?? getEntry?.(id);
    if (entry && !seen.has(id)) {
      out.push({ id, score: byId.get(id)?.score ?? Infinity, entry });
      seen.add(id);
    }
  }
  for (const h of hits) {
    if (!seen.has(h.id)) {
      out.push(h);
      seen.add(h.id);
    }
  }
  return out.slice(0, limit);
}
