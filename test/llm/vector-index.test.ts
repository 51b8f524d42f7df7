import { mkdtempSync, rmSync, existsSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createOpenAiEmbedder } from "../../src/search/embedder.js";
import { buildOrLoad } from "../../src/search/vector-index.js";
import { startOpenAiServer, type FakeOpenAiServer } from "../support/openai-server.js";
import { ALL_ITEMS, NEG_CITY, NEG_DEMOLITION, PASSAGE } from "./fixtures.js";

let server: FakeOpenAiServer;
let dir: string;
beforeAll(async () => {
  server = await startOpenAiServer();
  dir = mkdtempSync(join(tmpdir(), "jianfu-vec-"));
});
afterAll(async () => {
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});

const passage = PASSAGE.kind === "passage" ? PASSAGE.passage : undefined!;
const entries = [...ALL_ITEMS.map((i) => ({ id: i.id, text: i.text })), { id: passage.id, text: passage.text }];
const embedder = (model = "fake-embed", batchSize = 2) => createOpenAiEmbedder({ baseURL: server.url, model, batchSize, timeoutMs: 2000, maxRetries: 0 });

describe("vector index", () => {
  it("is built, saved, reloaded without embedding, and rebuilt when the hash or model changes", async () => {
    const e1 = embedder();
    const built = await buildOrLoad({ entries, embedder: e1, dir, hash: "h1" });
    expect(built.rebuilt).toBe(true);
    expect(built.size).toBe(entries.length);
    expect(e1.stats.calls).toBe(3); // 5 texts in batches of 2
    expect(existsSync(join(dir, "vectors.hnsw"))).toBe(true);
    const sidecar = JSON.parse(readFileSync(join(dir, "vectors.json"), "utf8"));
    expect(sidecar).toMatchObject({ model: "fake-embed", dimensions: 64, hash: "h1", ids: entries.map((e) => e.id) });

    const top = await built.search("拆除违章建筑和违法搭建", 2);
    expect(top[0].id).toBe(NEG_DEMOLITION.id);
    expect(top[0].score).toBeGreaterThan(top[1].score);

    const e2 = embedder();
    const before = server.embeddingRequests().length;
    const loaded = await buildOrLoad({ entries, embedder: e2, dir, hash: "h1" });
    expect(loaded.rebuilt).toBe(false);
    expect(e2.stats.calls).toBe(0);
    expect(server.embeddingRequests().length).toBe(before);
    const again = await loaded.search("拆除违章建筑和违法搭建", 2);
    expect(again.map((h) => h.id)).toEqual(top.map((h) => h.id));

    const e3 = embedder();
    const changed = entries.map((e) => (e.id === NEG_CITY.id ? { ...e, text: "占道经营管理。" } : e));
    const rebuilt = await buildOrLoad({ entries: changed, embedder: e3, dir, hash: "h2" });
    expect(rebuilt.rebuilt).toBe(true);
    expect(e3.stats.texts).toBe(entries.length);
    expect(JSON.parse(readFileSync(join(dir, "vectors.json"), "utf8")).hash).toBe("h2");

    const e4 = embedder("other-embed");
    expect((await buildOrLoad({ entries: changed, embedder: e4, dir, hash: "h2" })).rebuilt).toBe(true);
  });

  it("searches by vector and clamps k", async () => {
    const idx = await buildOrLoad({ entries: entries.slice(0, 2), embedder: embedder(), dir, hash: "small", name: "small" });
    const [v] = await embedder().embed([entries[1].text]);
    const hits = await idx.search(v, 10);
    expect(hits).toHaveLength(2);
    expect(hits[0].id).toBe(entries[1].id);
    expect(hits[0].score).toBeCloseTo(1, 5);
  });

  it("handles an empty knowledge base", async () => {
    const idx = await buildOrLoad({ entries: [], embedder: embedder(), dir, hash: "empty", name: "empty" });
    expect(await idx.search("任何", 5)).toEqual([]);
  });
});
