import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createOpenAiEmbedder } from "../../src/search/embedder.js";
import { createFusedRetriever, reciprocalRankFusion } from "../../src/search/fusion.js";
import type { Retriever } from "../../src/search/types.js";
import { buildOrLoad } from "../../src/search/vector-index.js";
import type { KnowledgeEntry } from "../../src/types.js";
import { pino } from "pino";
import { startOpenAiServer, type FakeOpenAiServer } from "../support/openai-server.js";
import { ALL_ITEMS, DUTY_DISPUTE, DUTY_REPORT, NEG_DEMOLITION, hitsOf } from "./fixtures.js";

describe("reciprocalRankFusion", () => {
  it("ranks ids found high in several lists first", () => {
    const fused = reciprocalRankFusion([
      ["a", "b", "c"],
      ["c", "a", "d"],
    ]);
    // a: 1/61 + 1/62, c: 1/63 + 1/61, b: 1/62, d: 1/63
    expect(fused.map((f) => f.id)).toEqual(["a", "c", "b", "d"]);
    expect(fused[0].score).toBeCloseTo(1 / 61 + 1 / 62, 12);
  });

  it("respects k, weights, duplicates and ties", () => {
    expect(reciprocalRankFusion([["x", "y"], ["y", "x"]]).map((f) => f.id)).toEqual(["x", "y"]);
    expect(reciprocalRankFusion([["x", "y"], ["y"]], { weights: [1, 0] }).map((f) => f.id)).toEqual(["x", "y"]);
    expect(reciprocalRankFusion([["x", "x", "y"]]).find((f) => f.id === "x")!.score).toBeCloseTo(1 / 61, 12);
    expect(reciprocalRankFusion([["x"]], { k: 0 })[0].score).toBe(1);
    expect(reciprocalRankFusion([])).toEqual([]);
  });
});

describe("createFusedRetriever", () => {
  let server: FakeOpenAiServer;
  let dir: string;
  beforeAll(async () => {
    server = await startOpenAiServer();
    dir = mkdtempSync(join(tmpdir(), "jianfu-fuse-"));
  });
  afterAll(async () => {
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const byId = new Map<string, KnowledgeEntry>(ALL_ITEMS.map((i) => [i.id, { kind: "item", item: i }]));
  // A BM25 stand-in that misses the paraphrase: only the dispute item "matches".
  const bm25: Retriever = { search: () => hitsOf(DUTY_DISPUTE, DUTY_REPORT) };

  it("adds what the vectors find to the BM25 ranking", async () => {
    const embedder = createOpenAiEmbedder({ baseURL: server.url, model: "fake-embed", timeoutMs: 2000, maxRetries: 0 });
    const entries = ALL_ITEMS.map((i) => ({ id: i.id, text: i.text }));
    const vector = await buildOrLoad({ entries, embedder, dir, hash: "h" });
    const r = createFusedRetriever(bm25, vector, embedder, (id) => byId.get(id));
    const hits = await r.search("拆除违章建筑", { limit: 4 });
    expect(hits.map((h) => h.id)).toContain(NEG_DEMOLITION.id);
    expect(hits.map((h) => h.id)).toContain(DUTY_DISPUTE.id);
    expect(hits).toHaveLength(4);
    expect(hits[0].score).toBeGreaterThanOrEqual(hits[1].score);
    for (const h of hits) expect(h.entry).toEqual(byId.get(h.id));
    const calls = embedder.stats.calls;
    await r.search("拆除违章建筑", { limit: 4 });
    expect(embedder.stats.calls).toBe(calls); // query vector cached
  });

  it("falls back to BM25 alone when the embedder fails, and logs it", async () => {
    const embedder = createOpenAiEmbedder({ baseURL: server.url, model: "fake-embed", timeoutMs: 2000, maxRetries: 0 });
    const vector = await buildOrLoad({ entries: ALL_ITEMS.map((i) => ({ id: i.id, text: i.text })), embedder, dir, hash: "h" });
    const logs: string[] = [];
    const logger = pino({ level: "warn" }, { write: (s: string) => logs.push(s) });
    server.embeddings({ status: 500 });
    const r = createFusedRetriever(bm25, vector, embedder, (id) => byId.get(id), { logger });
    const hits = await r.search("占道经营", { limit: 5 });
    expect(hits.map((h) => h.id)).toEqual([DUTY_DISPUTE.id, DUTY_REPORT.id]);
    expect(logs.join("")).toMatch(/BM25 alone/);
    server.embeddings({});
  });
});
