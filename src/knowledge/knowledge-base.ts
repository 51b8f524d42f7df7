import type { KnowledgeEntry, ListDef, ListItem, Passage, SourceDoc } from "../types.js";
import type { Lexicon } from "./lexicon.js";

/** The loaded, validated knowledge base. */
export interface KnowledgeBase {
  lists: ListDef[];
  items: ListItem[];
  docs: SourceDoc[];
  passages: Passage[];
  lexicon: Lexicon;
  /** Content hash of everything loaded: indexes rebuild when it changes. */
  hash: string;
  /** An item or passage by id (gansu/negative/7, doc/guandu-2022-61#p3); undefined if unknown. */
  get(id: string): KnowledgeEntry | undefined;
  item(id: string): ListItem | undefined;
  list(id: string): ListDef | undefined;
  doc(slug: string): SourceDoc | undefined;
}
