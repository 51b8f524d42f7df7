/** Splitting long replies so they fit a platform's message length: split, never dropped. */

export interface SplitOptions {
  /** Longest part, numbering included (UTF-16 code units, which never undercounts characters). */
  maxLength: number;
  /**
   * More parts than this: the last one says how much was left out. Default 8: platforms
   * rate-limit a bot that floods a group.
   */
  maxParts?: number;
}

const numbering = (i: number, n: number): string => `（${i}/${n}）`;

/**
 * Splits `text` on paragraph, then line, then character boundaries into parts of at most
 * `maxLength`; numbers the parts `（1/3）` when there is more than one.
 */
export function splitText(text: string, opts: SplitOptions): string[] {
  const { maxLength } = opts;
  if (text.length <= maxLength) return [text];
  const maxParts = Math.max(1, opts.maxParts ?? 8);
  // Room for the numbering prefix and the newline after it.
  const reserve = numbering(maxParts, maxParts).length + 1;
  const limit = Math.max(1, maxLength - reserve);
  let parts = pack(text, limit);
  if (parts.length > maxParts) {
    const kept = parts.slice(0, maxParts);
    const omitted = parts.slice(maxParts).reduce((sum, p) => sum + p.length, 0);
    const long = `……（另有约 ${omitted} 字未显示，请缩小问题范围再问）`;
    const note = long.length <= limit - 10 ? long : "……";
    const last = kept[maxParts - 1];
    kept[maxParts - 1] = last.length + note.length <= limit ? last + note : cut(last, Math.max(1, limit - note.length))[0] + note;
    parts = kept;
  }
  if (parts.length === 1) return parts;
  return parts.map((p, i) => `${numbering(i + 1, parts.length)}\n${p}`);
}

/** Greedy packing: paragraphs joined while they fit, long ones broken by lines, then hard-cut. */
function pack(text: string, limit: number): string[] {
  const pieces = text
    .split(/\n{2,}/)
    .flatMap((para) =>
      (para.length <= limit ? [para] : breakLines(para, limit)).map((p, i) => ({ p, sep: i ? "\n" : "\n\n" })),
    );
  const parts: string[] = [];
  let current = "";
  for (const { p, sep } of pieces) {
    if (!current) current = p;
    else if (current.length + sep.length + p.length <= limit) current += sep + p;
    else {
      parts.push(current);
      current = p;
    }
  }
  if (current) parts.push(current);
  return parts.length ? parts : [""];
}

function breakLines(para: string, limit: number): string[] {
  const out: string[] = [];
  let current = "";
  for (const line of para.split("\n")) {
    const pieces = line.length <= limit ? [line] : cut(line, limit);
    for (const piece of pieces) {
      if (!current) current = piece;
      else if (current.length + 1 + piece.length <= limit) current += "\n" + piece;
      else {
        out.push(current);
        current = piece;
      }
    }
  }
  if (current) out.push(current);
  return out;
}

/** Hard cut into pieces of at most `limit`, preferring a break after sentence punctuation. */
function cut(s: string, limit: number): string[] {
  const out: string[] = [];
  let rest = s;
  while (rest.length > limit) {
    let at = limit;
    const window = rest.slice(Math.floor(limit * 0.6), limit);
    const punct = Math.max(...["。", "；", "！", "？", "，", " "].map((c) => window.lastIndexOf(c)));
    if (punct >= 0) at = Math.floor(limit * 0.6) + punct + 1;
    // Never split a surrogate pair.
    const code = rest.charCodeAt(at - 1);
    if (code >= 0xd800 && code <= 0xdbff) at = at > 1 ? at - 1 : at + 1;
    out.push(rest.slice(0, at));
    rest = rest.slice(at);
  }
  if (rest) out.push(rest);
  return out;
}
