/**
 * The LLM path's own cost, apart from the model: building prompts and checking replies, timed
 * over many iterations with no network; and how many LLM calls screening would make per 1,000
 * messages for a given screen function and band. `npx tsx bench/llm.ts` runs it with stand-ins;
 * bench/run.ts plugs in the real screener and messages.
 */
import { readFileSync } from "node:fs";
import { pathToFileURL } from "node:url";
import { buildAnswerMessages } from "../src/answer/llm-composer.js";
import { checkLlmAnswer, llmAnswerSchema } from "../src/llm/answer-check.js";
import { parseJsonReply } from "../src/llm/json.js";
import { buildScreenMessages, inBand, parseOpinion } from "../src/screen/second-opinion.js";
import type { SearchHit } from "../src/search/types.js";
import type { AskResult, ListItem, ScreenResult } from "../src/types.js";

export type ScreenFn = (text: string) => ScreenResult | Promise<ScreenResult>;

export interface BenchLlmOptions {
  /** The offline screener whose confidences decide which messages go to the LLM. */
  screen: ScreenFn;
  /** Messages to screen (a chat export, the screen cases of an eval file …). */
  messages: string[];
  /** LLM_SCREEN_BAND. */
  band: readonly [number, number];
  /** Retrieval hits to build prompts from (default: 8 synthetic items). */
  hits?: SearchHit[];
  /** Iterations per timed step (default 2,000). */
  iterations?: number;
  /** Where the table goes (default console.log). */
  print?: (line: string) => void;
}

export interface BenchLlmResult {
  /** Microseconds per call, per step. */
  perCallMicros: Record<string, number>;
  messages: number;
  inBand: number;
  callsPer1000: number;
}

/** Times the LLM path's own work and counts second-opinion calls; prints a small table. */
export async function benchLlm(opts: BenchLlmOptions): Promise<BenchLlmResult> {
  const n = opts.iterations ?? 2000;
  const hits = opts.hits ?? syntheticHits(8);
  const ids = hits.map((h) => h.id);
  const offlineAsk: AskResult = { verdict: "negative", citations: ids.slice(0, 2), answer: "", confidence: 0.6, composer: "offline" };
  const offlineScreen: ScreenResult = { flagged: true, category: "negative", citations: ids.slice(0, 1), confidence: 0.5, reason: "" };
  const question = "街道让我们社区去拆除辖区的违章搭建，这是社区的事吗？";
  const message = "各社区：请于本周五前完成辖区违章搭建的排查和拆除，并上报台账。";
  const negId = hits.find((h) => h.entry.kind === "item" && h.entry.item.verdict === "negative")?.id ?? ids[0];
  const answerReply = JSON.stringify({ verdict: "negative", citations: [negId, ...ids.slice(1, 3)], answer: "拆除违章建筑在负面清单上，不应由社区承担。" });
  const screenReply = JSON.stringify({ flagged: true, category: "negative", citations: [negId], reason: "要求社区拆除违章建筑" });

  const perCallMicros: Record<string, number> = {
    "answer prompt build": await time(n, () => buildAnswerMessages({ question, hits, offline: offlineAsk })),
    "answer reply check": await time(n, () => checkLlmAnswer(parseJsonReply(answerReply, llmAnswerSchema), hits, offlineAsk)),
    "screen prompt build": await time(n, () => buildScreenMessages({ text: message, offline: offlineScreen, candidates: hits })),
    "screen reply check": await time(n, () => parseOpinion(screenReply, hits)),
  };

  let banded = 0;
  for (const text of opts.messages) if (inBand((await opts.screen(text)).confidence, opts.band)) banded++;
  const callsPer1000 = opts.messages.length ? Math.round((banded / opts.messages.length) * 1000) : 0;

  const print = opts.print ?? console.log;
  print("LLM path, own work (no network)      µs/call");
  for (const [step, us] of Object.entries(perCallMicros)) print(`  ${step.padEnd(34)} ${us.toFixed(1).padStart(8)}`);
  print(`Second opinions, band ${opts.band[0]}–${opts.band[1]}: ${banded} of ${opts.messages.length} messages → ${callsPer1000} LLM calls per 1,000 messages`);
  return { perCallMicros, messages: opts.messages.length, inBand: banded, callsPer1000 };
}

/** The `screen` texts of a JSONL cases file (e.g. ../shared/eval/dev.jsonl). */
export function loadScreenTexts(path: string): string[] {
  return readFileSync(path, "utf8")
    .split("\n")
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as { kind?: string; text?: string })
    .filter((c) => c.kind === "screen" && typeof c.text === "string")
    .map((c) => c.text!);
}

async function time(n: number, fn: () => unknown): Promise<number> {
  for (let i = 0; i < Math.min(50, n); i++) await fn(); // warm up
  const start = process.hrtime.bigint();
  for (let i = 0; i < n; i++) await fn();
  return Number(process.hrtime.bigint() - start) / 1000 / n;
}

function syntheticHits(count: number): SearchHit[] {
  return Array.from({ length: count }, (_, i) => {
    const list = i % 2 === 0 ? "negative" : "duty";
    const item: ListItem = {
      id: `bench/${list}/${i + 1}`,
      set: "bench",
      list,
      listName: list === "negative" ? "不应由社区组织承担的事项指导清单" : "社区组织依法履行职责主要事项清单",
      listShort: list === "negative" ? "负面清单" : "履职清单",
      number: i + 1,
      text: "鉴定违章搭建的建筑物,拆除违章建筑,对违法搭建进行罚没,组织拆除废弃的闲置厂房,认定危房等级,强制危房户搬迁等。",
      reason: list === "negative" ? "非责任主体" : undefined,
      covers: [],
      region: "甘肃省",
      basis: list === "duty" ? "《中华人民共和国城市居民委员会组织法》第三条" : undefined,
      source: "bench",
      verdict: list,
    };
    return { id: item.id, score: count - i, entry: { kind: "item", item } };
  });
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  // Stand-in screener: a pseudo-random confidence per message, to show the table's shape.
  const standIn: ScreenFn = (text) => {
    let h = 0;
    for (const ch of text) h = (h * 31 + ch.charCodeAt(0)) >>> 0;
    return { flagged: false, category: null, citations: [], confidence: (h % 1000) / 1000, reason: "" };
  };
  let messages: string[] = [];
  try {
    messages = loadScreenTexts(new URL("../../shared/eval/dev.jsonl", import.meta.url).pathname);
  } catch {
    messages = ["各社区：请于周五前完成辖区商铺燃气安全检查。", "今晚七点开会。"];
  }
  await benchLlm({ screen: standIn, messages, band: [0.35, 0.75] });
}
