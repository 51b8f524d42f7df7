import type { Passage } from "../types.js";

/** Shortest paragraph that becomes a passage; table cells and page chrome are shorter. */
const MIN_CHARS = 12;

/**
 * Splits a document into passages with stable anchors p1, p2, … (paragraphs of at least
 * MIN_CHARS characters, in order), so `doc/<slug>#p3` keeps meaning the same text.
 */
export function chunkDocument(slug: string, text: string): Passage[] {
  const passages: Passage[] = [];
  for (const raw of text.split(/\n/)) {
    const para = raw.replace(/\s+/g, " ").trim();
    if (para.length < MIN_CHARS) continue;
    const anchor = `p${passages.length + 1}`;
    passages.push({ id: `doc/${slug}#${anchor}`, slug, anchor, text: para });
  }
  return passages;
}
