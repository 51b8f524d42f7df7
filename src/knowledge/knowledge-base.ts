import type { KnowledgeEntry, ListDef, ListItem, Passage, SourceDoc } from "../types.js";
import type { Gazetteer } from "../policy/places.js";
import type { Scope } from "../policy/scope.js";
import type { Grounds } from "./grounds.js";
import type { Lexicon } from "./lexicon.js";

/** The loaded, validated knowledge base. */
export interface KnowledgeBase {
  lists: ListDef[];
  items: ListItem[];
  docs: SourceDoc[];
  passages: Passage[];
  lexicon: Lexicon;
  /** Place names, for regions (knowledge/places.yaml). */
  places: Gazetteer;
  /** The passages that forbid each burden (knowledge/grounds.yaml). */
  grounds: Grounds;
  /** Content hash of everything loaded: indexes rebuild when it changes. */
  hash: string;
  /** An item or passage by id (gansu/negative/7, doc/guandu-2022-61#p3); undefined if unknown. */
  get(id: string): KnowledgeEntry | undefined;
  item(id: string): ListItem | undefined;
  list(id: string): ListDef | undefined;
  doc(slug: string): SourceDoc | undefined;
  /** The items of every list that cover a concept, in list order. */
  covering(concept: string): ListItem[];
  /** An item's everyday words: those of the concepts it covers. */
  itemWords(id: string): string[];
  /** What binds a place given as Chinese place names ("云南省昆明市西山区"); cached per place. */
  scope(region: string): Scope;
}
