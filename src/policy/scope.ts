import type { KnowledgeBase } from "../knowledge/knowledge-base.js";
import type { ListDef, ListItem, SourceDoc } from "../types.js";
import { related } from "./concepts.js";
import { contains, placeLabel } from "./places.js";

/**
 * What binds one place: the national lists, its province's and its city's (not another
 * province's). Where a more specific list covers what a general one names (Gansu's 拆迁拆违 item
 * and 民发〔2015〕136号's 拆迁拆违), the specific item decides and the general one is cited after
 * it as support; the general item keeps standing for what no specific list covers (经济创收).
 */
export interface Scope {
  /** The place, province first (["云南省", "昆明市", "西山区"]); [] for national. */
  path: string[];
  /** 云南省昆明市西山区; 全国. */
  label: string;
  /** The lists that bind the place, most specific first. */
  lists: ListDef[];
  /** Items that take part in judgements here: bound and not wholly covered by a more specific list. */
  items: ListItem[];
  binds(item: ListItem): boolean;
  /** How specific an item's list is: 0 national, 1 province, 2 city, 3 county. */
  level(item: ListItem): number;
  /** The concepts an active item stands for here (its own, less what more specific lists cover). */
  effective(item: ListItem): string[];
  /** General items an item makes redundant here, cited after it. */
  support(item: ListItem): ListItem[];
  /** The most specific active item covering a concept or a concept it is part of, optionally of one list kind or verdict. */
  itemFor(concept: string, accept?: (item: ListItem) => boolean): ListItem | undefined;
  /** True for a national document, or one of a place in the same province. */
  relatesToDoc(doc: SourceDoc): boolean;
  /** Closed lists of certificates a committee may issue here (nothing else may be asked). */
  closedCertificateLists: ListDef[];
}

/** The region of a document that collects several places' material (sources.yaml). */
export const MANY_PLACES = "多地";

/** The concept and every wider one it is part of, nearest first. */
export function conceptAncestors(kb: KnowledgeBase, concept: string): string[] {
  const out: string[] = [];
  for (let c: string | undefined = concept; c && !out.includes(c); c = kb.lexicon.concepts.get(c)?.broader) out.push(c);
  return out;
}


/** Builds the scope of a place; `path` from the gazetteer. */
export function createScope(kb: KnowledgeBase, path: string[]): Scope {
  const regionPath = new Map<string, string[]>();
  const pathOf = (region: string) => {
    let p = regionPath.get(region);
    if (!p) regionPath.set(region, (p = kb.places.parse(region)));
    return p;
  };
  const lists = kb.lists.filter((l) => contains(pathOf(l.region), path)).sort((a, b) => pathOf(b.region).length - pathOf(a.region).length);
  const bound = new Set(lists.map((l) => l.id));
  const level = (item: ListItem) => pathOf(item.region).length;
  const binds = (item: ListItem) => bound.has(`${item.set}/${item.list}`);
  const boundItems = lists.flatMap((l) => l.items);

  // A general item's concept is shadowed where a more specific item of the same verdict covers a related concept.
  const effective = new Map<string, string[]>();
  const support = new Map<string, ListItem[]>();
  // Bound items by the concepts they cover, so shadowing looks only at items that could relate.
  const coveringHere = new Map<string, ListItem[]>();
  for (const it of boundItems) for (const d of it.covers) (coveringHere.get(d) ?? coveringHere.set(d, []).get(d)!).push(it);
  const covered = [...coveringHere.keys()];
  const relatedCovered = new Map<string, string[]>();
  const relatedTo = (c: string) => relatedCovered.get(c) ?? relatedCovered.set(c, covered.filter((d) => related(kb, c, d))).get(c)!;
  const order = new Map(boundItems.map((it, i) => [it, i]));
  const deepest = Math.max(0, ...lists.map((l) => pathOf(l.region).length));
  for (const g of boundItems) {
    const shadows = (c: string) =>
      level(g) >= deepest
        ? []
        : [...new Set(relatedTo(c).flatMap((d) => coveringHere.get(d)!))].filter((s) => level(s) > level(g) && s.verdict === g.verdict).sort((a, b) => order.get(a)! - order.get(b)!);
    const kept = g.covers.filter((c) => shadows(c).length === 0);
    effective.set(g.id, kept);
    if (kept.length === 0 && g.covers.length > 0) {
      for (const s of new Set(g.covers.flatMap(shadows))) (support.get(s.id) ?? support.set(s.id, []).get(s.id)!).push(g);
    }
  }
  const items = boundItems.filter((it) => it.covers.length === 0 || effective.get(it.id)!.length > 0);
  const active = new Set(items.map((it) => it.id));

  return {
    path,
    label: placeLabel(path),
    lists,
    items,
    binds,
    level,
    effective: (item) => effective.get(item.id) ?? item.covers,
    support: (item) => support.get(item.id) ?? [],
    itemFor(concept, accept = () => true) {
      for (const c of conceptAncestors(kb, concept)) {
        const found = kb.covering(c).filter((it) => active.has(it.id) && effective.get(it.id)!.includes(c) && accept(it));
        if (found.length) return found.sort((a, b) => level(b) - level(a))[0];
      }
      return undefined;
    },
    relatesToDoc: (doc) => {
      if (doc.region === MANY_PLACES) return false;
      const p = pathOf(doc.region);
      return p.length === 0 || p[0] === path[0];
    },
    closedCertificateLists: lists.filter((l) => l.list === "certificate" && l.closure),
  };
}
