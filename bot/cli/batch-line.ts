import type { Engine } from "../../src/engine.js";
import { JianfuError, UserError } from "../../src/errors.js";
import { traceJson } from "../../src/policy/explain.js";
import { mentionOf } from "../mention.js";

type Json = Record<string, unknown>;

/** One batch input line → one output object (CONTRACT.md). Never throws: errors become {id, error}. */
export async function processBatchLine(engine: Engine, line: string, lineNo: number, opts: { llm: boolean; maxLength: number; explain?: boolean; botName?: string }): Promise<Json> {
  let input: unknown;
  try {
    input = JSON.parse(line);
  } catch {
    return { id: null, error: `第 ${lineNo} 行不是合法的 JSON` };
  }
  if (!input || typeof input !== "object" || Array.isArray(input)) return { id: null, error: `第 ${lineNo} 行应为 JSON 对象` };
  const c = input as Json;
  const id = c.id ?? null;
  if (c.kind !== "ask" && c.kind !== "screen") return { id, error: `未知的 kind：${JSON.stringify(c.kind ?? null)}（应为 ask 或 screen）` };
  if (typeof c.text !== "string" || !c.text.trim()) return { id, error: "缺少 text（应为非空字符串）" };
  if (c.text.length > opts.maxLength) return { id, error: `text 过长：${c.text.length} 字，上限 ${opts.maxLength} 字` };
  if (c.region !== undefined && typeof c.region !== "string") return { id, error: "region 应为地名字符串，如“云南省昆明市西山区”" };
  if (c.history !== undefined && !(Array.isArray(c.history) && c.history.every((h) => typeof h === "string"))) {
    return { id, error: "history 应为字符串数组：之前问过的话，按先后排列" };
  }
  const history = (c.history as string[] | undefined)?.filter((h) => h.trim()) ?? [];
  const region = typeof c.region === "string" && c.region.trim() ? c.region : undefined;
  try {
    if (c.kind === "ask") {
      // A question typed as in a group ("@减负助手 …") is about what follows the bot's name, as in the channels.
      const question = opts.botName ? c.text.replace(mentionOf(opts.botName, "[\\s\\u2005]*"), "").trim() || c.text : c.text;
      const r = await engine.ask(question, { llm: opts.llm, region, history });
      return { id, verdict: r.verdict, citations: r.citations, answer: r.answer, ...(opts.explain ? { trace: traceJson(r.trace) } : {}) };
    }
    const s = await engine.screen(c.text, {
      sender: typeof c.sender === "string" ? c.sender : undefined,
      group: typeof c.group === "string" ? c.group : undefined,
      region,
      llm: opts.llm,
    });
    return { id, flagged: s.flagged, category: s.category, citations: s.citations, confidence: s.confidence, reason: s.reason, ...(opts.explain ? { trace: traceJson(s.trace) } : {}) };
  } catch (err) {
    const msg = err instanceof UserError ? err.userMessage : err instanceof JianfuError ? err.message : `内部错误：${(err as Error).message}`;
    return { id, error: msg };
  }
}
