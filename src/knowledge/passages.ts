import type { Passage } from "../types.js";

/** Shortest paragraph that becomes a passage; table cells and page chrome are shorter. */
const MIN_CHARS = 16;
/** Page chrome and routing lines, not content. */
const CHROME = /^(抄送|联系人|联系电话|邮编|扫一扫|【打印正文】|分享到|您的位置|您当前的位置|来源\s?URL|[-•]?\s*https?:\/\/)/;

/**
 * Splits a document into passages with stable anchors p1, p2, … (paragraphs of at least
 * MIN_CHARS characters, in order), so `doc/<slug>#p3` keeps meaning the same text.
 */
export function chunkDocument(slug: string, text: string): Passage[] {
  const passages: Passage[] = [];
  for (const raw of text.split(/\n/)) {
    const para = raw.replace(/\s+/g, " ").trim();
    if (para.length < MIN_CHARS || CHROME.test(para)) continue;
    const anchor = `p${passages.length + 1}`;
    passages.push({ id: `doc/${slug}#${anchor}`, slug, anchor, text: para });
  }
  return passages;
}
