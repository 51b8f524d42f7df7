import type { z } from "zod";
import { LlmError } from "../errors.js";

/**
 * Finds the first JSON object in a model's reply: bare, inside a ```json fence, or after some
 * chatter, possibly after a <think>…</think> block. Returns undefined when there is none.
 */
export function extractJsonObject(text: string): unknown {
  const cleaned = text.replace(/<think>[\s\S]*?<\/think>/gi, "");
  const fenced = /```(?:json)?\s*([\s\S]*?)```/i.exec(cleaned);
  const candidates = fenced ? [fenced[1], cleaned] : [cleaned];
  for (const c of candidates) {
    const direct = tryParse(c.trim());
    if (isObject(direct)) return direct;
    for (let start = c.indexOf("{"); start >= 0; start = c.indexOf("{", start + 1)) {
      const end = matchingBrace(c, start);
      if (end < 0) break;
      const parsed = tryParse(c.slice(start, end + 1));
      if (isObject(parsed)) return parsed;
    }
  }
  return undefined;
}

/** Extracts a JSON object and validates it with `schema`; throws LlmError saying what was wrong. */
export function parseJsonReply<T>(text: string, schema: z.ZodType<T>): T {
  const obj = extractJsonObject(text);
  if (obj === undefined) throw new LlmError(`no JSON object in reply: ${JSON.stringify(text.slice(0, 120))}`);
  const parsed = schema.safeParse(obj);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.join(".") || "(root)"}: ${i.message}`).join("; ");
    throw new LlmError(`reply does not match the schema: ${issues}`);
  }
  return parsed.data;
}

function tryParse(s: string): unknown {
  try {
    return JSON.parse(s);
  } catch {
    return undefined;
  }
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/** Index of the brace closing the one at `start`, skipping strings; -1 if unbalanced. */
function matchingBrace(s: string, start: number): number {
  let depth = 0;
  let inString = false;
  for (let i = start; i < s.length; i++) {
    const ch = s[i];
    if (inString) {
      if (ch === "\\") i++;
      else if (ch === '"') inString = false;
    } else if (ch === '"') inString = true;
    else if (ch === "{") depth++;
    else if (ch === "}" && --depth === 0) return i;
  }
  return -1;
}
