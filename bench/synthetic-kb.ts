import type { KnowledgeBase } from "../src/knowledge/knowledge-base.js";
import { createScope, type Scope } from "../src/policy/scope.js";
import type { KnowledgeEntry, ListDef, ListItem } from "../src/types.js";

/** A deterministic pseudo-random generator, so every bench run builds the same synthetic data. */
function rng(seed: number) {
  let s = seed >>> 0;
  return () => ((s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32);
}

/**
 * The real knowledge base plus (factor − 1) synthetic copies of every list: items whose text is
 * the real items' characters reshuffled, so vocabulary and lengths are realistic but content new.
 */
export function scaleKnowledgeBase(kb: KnowledgeBase, factor: number): KnowledgeBase {
  if (factor <= 1) return kb;
  const rand = rng(42);
  const chars = kb.items.map((i) => i.text).join("").replace(/[^\u4e00-\u9fff]/g, "");
  const lists: ListDef[] = [...kb.lists];
  for (let copy = 1; copy < factor; copy++) {
    for (const l of kb.lists) {
      const set = `syn${copy}`;
      const items: ListItem[] = l.items.map((it) => {
        let text = "";
        for (let k = 0; k < it.text.length; k++) text += chars[Math.floor(rand() * chars.length)];
        return { ...it, set, id: `${set}/${l.list}/${it.number}`, text };
      });
      lists.push({ ...l, set, id: `${set}/${l.list}`, items });
    }
  }
  const items = lists.flatMap((l) => l.items);
  const entries = new Map<string, KnowledgeEntry>();
  for (const item of items) entries.set(item.id, { kind: "item", item });
  for (const d of kb.docs) for (const p of d.passages) entries.set(p.id, { kind: "passage", passage: p, doc: d });
  const listById = new Map(lists.map((l) => [l.id, l]));
  const scopes = new Map<string, Scope>();
  const scaled: KnowledgeBase = {
    ...kb,
    lists,
    items,
    hash: `${kb.hash}x${factor}`,
    get: (id) => entries.get(id),
    item: (id) => {
      const e = entries.get(id);
      return e?.kind === "item" ? e.item : undefined;
    },
    list: (id) => listById.get(id),
    scope(region) {
      let s = scopes.get(region);
      if (!s) scopes.set(region, (s = createScope(scaled, kb.places.parse(region))));
      return s;
    },
  };
  return scaled;
}
