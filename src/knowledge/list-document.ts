import { KnowledgeError } from "../errors.js";
import type { ListKind } from "../types.js";

/**
 * A list document in the format of shared/sources/regions/: header lines (标题, 发文机关, 日期,
 * 文号, 来源URL, 完整性 …), then sections under `=== … ===` headings holding numbered items.
 */
export interface ListDocument {
  header: Record<string, string>;
  sections: DocumentSection[];
}

export interface DocumentSection {
  heading: string;
  /** 1-based line of the heading in the file. */
  line: number;
  /** What the heading says the section lists, or null when it names no list kind. */
  kind: ListKind | null;
  items: Array<{ number: number; text: string; line: number }>;
  /** The section's other lines (rules, notes), trimmed. */
  notes: string[];
}

const HEADING = /^===\s*(.+?)\s*===\s*$/;
const HEADER_LINE = /^([\u4e00-\u9fa5A-Za-z]{2,8})\s*[:：]\s*(.*)$/;
/** "1. 居民在社区居住证明；" — a numbered item; "5.–8. 【未获取】" is not one. */
const ITEM = /^(\d{1,3})\s*[.、．]\s*(?![–\-—~～]\s*\d)(.+)$/;
/** Text the collector marked as not obtained or cut off: never an item. */
const MISSING = /未获取|截断|……【|【此处/;
/** Sections that give only counts or categories, not items. */
const NOT_ITEMS = /仅类别|仅数量|仅示例|编号未知|未获取/;

/** What kind of list a heading names, by the words such headings use. */
export function kindOfHeading(heading: string): ListKind | null {
  const h = heading.replace(/\s+/g, "");
  const certificate = /证明|印章|盖章/.test(h);
  const refusing = /不应|不得|不再|不予|取消|禁入|负面|不能|禁止/.test(h);
  if (certificate) return refusing ? "no-certificate" : /可|日常|保留|出具|开具|由.{0,6}出具/.test(h) ? "certificate" : null;
  if (/原则上(一律)?取消/.test(h)) return "cancelled";
  if (refusing || /减负工作事项|八个不得/.test(h)) return "negative";
  if (/协助/.test(h)) return "assist";
  if (/履行职责|履职|自治事项|职责清单|职责事项/.test(h)) return "duty";
  return null;
}

/** Parses a list document; throws KnowledgeError naming the line when it cannot. */
export function parseListDocument(text: string, name = "文件"): ListDocument {
  const lines = text.replace(/^\uFEFF/, "").split(/\r?\n/);
  const header: Record<string, string> = {};
  const sections: DocumentSection[] = [];
  let current: DocumentSection | undefined;
  let lastKey: string | undefined;
  lines.forEach((raw, i) => {
    const line = raw.trim();
    const n = i + 1;
    const heading = HEADING.exec(line);
    if (heading) {
      current = { heading: heading[1], line: n, kind: kindOfHeading(heading[1]), items: [], notes: [] };
      sections.push(current);
      return;
    }
    if (!line) return;
    if (!current) {
      const h = HEADER_LINE.exec(line);
      if (h && !/^[-•]/.test(line)) {
        lastKey = h[1];
        header[lastKey] = h[2].trim();
      } else if (lastKey) {
        header[lastKey] = [header[lastKey], line.replace(/^[-•]\s*/, "")].filter(Boolean).join("；");
      } else {
        throw new KnowledgeError(`${name} 第 ${n} 行：文件应以“标题: …”等文件头开始，这一行不是文件头：${line.slice(0, 30)}`);
      }
      return;
    }
    const item = ITEM.exec(line);
    if (item && !MISSING.test(item[2]) && !NOT_ITEMS.test(current.heading)) {
      current.items.push({ number: Number(item[1]), text: cleanItem(item[2]), line: n });
    } else {
      current.notes.push(line);
    }
  });
  if (!header["标题"]) throw new KnowledgeError(`${name} 第 1 行：缺少文件头“标题: …”`);
  return { header, sections };
}

/** Throws naming the line when a section's items are not numbered 1, 2, 3 … in order. */
export function checkNumbering(section: DocumentSection, name = "文件"): void {
  section.items.forEach((it, i) => {
    if (it.number !== i + 1) throw new KnowledgeError(`${name} 第 ${it.line} 行：条目编号应为 ${i + 1}，实际是 ${it.number}`);
  });
}

/** An item's text without the list's trailing punctuation. */
function cleanItem(text: string): string {
  return text.trim().replace(/[；;。，,]+$/, "");
}

/** The sentence of a section or document that closes a may-issue list (nothing else may be asked), if any. */
export function closureOf(doc: ListDocument, section: DocumentSection): string | undefined {
  const closing = /(清单|范围)(之外|以外)[^。；]*不得[^。；]*证明|只(开具|出具|保留)[^。；]{0,12}证明|不得要求[^。；]{0,20}出具|不再出具/;
  for (const s of doc.sections) if (closing.test(s.heading) && s !== section) return s.heading.replace(/[（(][^）)]*[）)]?$/, "").replace(/^[一二三四五六七八九十]+、/, "");
  const lines = [...section.notes, ...doc.sections.flatMap((s) => s.notes)];
  for (const line of lines) {
    const m = closing.exec(line);
    if (!m) continue;
    // The sentence holding the match, without a label before a colon (规则: …).
    const sentences = line.replace(/^[^：:]{1,6}[：:]\s*/, "").split(/(?<=[。；])/);
    return sentences.find((s) => closing.test(s))?.trim() ?? line;
  }
  return undefined;
}
