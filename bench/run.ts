/**
 * `npm run bench`: start-up to the first answer (compiled and through tsx), index build time, ask
 * latency (real knowledge base and scaled ×10…×1000), screening throughput against a plain
 * regular-expression floor (before the scaled knowledge bases fill the heap), the LLM path's own
 * cost, and the compiled bot under a load of DingTalk callbacks (RSS, health, what was answered).
 * Prints a report; asserts nothing (speed is measured here, never in tests).
 */
import { performance } from "node:perf_hooks";
import { createOfflineAsker } from "../src/answer/ask.js";
import { loadKnowledgeBase } from "../src/knowledge/load.js";
import { createScreener } from "../src/screen/screener.js";
import { createKnowledgeRetriever } from "../src/search/knowledge-retriever.js";
import { DEFAULT_REGION } from "../src/policy/places.js";
import { benchLlm } from "./llm.js";
import { benchLoad } from "./load.js";
import { devCases, messageMix } from "./messages.js";
import { benchScreening, printScreening } from "./screening.js";
import { fmt, percentile, rssMb, timeEach } from "./stats.js";
import { benchStartup } from "./startup.js";
import { scaleKnowledgeBase } from "./synthetic-kb.js";

const print = (line = "") => process.stdout.write(line + "\n");
const knowledgeDir = new URL("../knowledge", import.meta.url).pathname;
const questions = devCases()
  .filter((c) => c.kind === "ask")
  .map((c) => c.text);
const repeat = (xs: string[], n: number) => Array.from({ length: n }, (_, i) => xs[i % xs.length]);

function benchAsk(factor: number, n: number) {
  const base = loadKnowledgeBase(knowledgeDir);
  const kb = scaleKnowledgeBase(base, factor);
  const t0 = performance.now();
  const retriever = createKnowledgeRetriever(kb, kb.scope(DEFAULT_REGION));
  const ask = createOfflineAsker(kb, retriever);
  const buildMs = performance.now() - t0;
  const inputs = repeat(questions, n);
  // Warm-up: one pass over the distinct questions (as screening warms up on its mix), timed apart.
  const cold = timeEach(questions, (q) => ask(q));
  const { sorted, totalMs } = timeEach(inputs, (q) => ask(q));
  return {
    factor, items: kb.items.length, buildMs, n, p50: percentile(sorted, 50), p99: percentile(sorted, 99), mean: totalMs / n, rss: rssMb(),
    coldP50: percentile(cold.sorted, 50), coldMax: cold.sorted[cold.sorted.length - 1],
  };
}

print("# Jianfu bench");
print(`node ${process.version}, ${new Date().toISOString()}`);
print();

print("## Start-up to the first answer");
await benchStartup(print);
print();

print("## Ask (offline), real knowledge base");
const real = benchAsk(1, 10_000);
print(`items ${real.items}, index build ${fmt(real.buildMs)}`);
print(`first pass over the ${questions.length} questions (cold JIT): median ${fmt(real.coldP50)}, slowest ${fmt(real.coldMax)}`);
print(`then ${real.n} questions: p50 ${fmt(real.p50)}, p99 ${fmt(real.p99)}, mean ${fmt(real.mean)}, RSS ${real.rss} MB`);
print();

print("## Screening, 100,000 messages (85 % chat, 12 % notices, 3 % pushes)");
const kb = loadKnowledgeBase(knowledgeDir);
const screener = createScreener(kb, createKnowledgeRetriever(kb, kb.scope(DEFAULT_REGION)));
const mix = messageMix(100_000);
printScreening(benchScreening(kb, screener, mix), print);
print(`RSS ${rssMb()} MB`);
print();

print("## Ask, knowledge base scaled with synthetic items");
print("| scale | items | index build | p50 | p99 | RSS |");
print("|---|---|---|---|---|---|");
for (const [factor, n] of [[1, 2000], [10, 2000], [100, 2000], [1000, 1000]] as const) {
  const r = benchAsk(factor, n);
  print(`| ×${factor} | ${r.items} | ${fmt(r.buildMs)} | ${fmt(r.p50)} | ${fmt(r.p99)} | ${r.rss} MB |`);
}
print();

print("## LLM path, its own work (no model calls)");
await benchLlm({ screen: (t) => screener.screen(t), messages: mix.slice(0, 10_000), band: [0.35, 0.75], print });
print();

const loadSeconds = Number(process.env.BENCH_LOAD_SECONDS ?? 30);
print(`## The compiled bot under load (DingTalk, ${loadSeconds} s)`);
await benchLoad(print, 500, loadSeconds);
