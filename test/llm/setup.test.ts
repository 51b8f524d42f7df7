import { mkdtempSync, rmSync, existsSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readConfig } from "../../src/config.js";
import type { KnowledgeBase } from "../../src/knowledge/knowledge-base.js";
import { silentLogger } from "../../src/logger.js";
import { setupLlm } from "../../src/llm/setup.js";
import type { Retriever } from "../../src/search/types.js";
import type { KnowledgeEntry } from "../../src/types.js";
import { startOpenAiServer, type FakeOpenAiServer } from "../support/openai-server.js";
import { ALL_ITEMS, DUTY_DISPUTE, NEG_DEMOLITION, PASSAGE, hitsOf } from "./fixtures.js";

let server: FakeOpenAiServer;
let dir: string;
beforeAll(async () => {
  server = await startOpenAiServer();
  dir = mkdtempSync(join(tmpdir(), "jianfu-setup-"));
});
afterAll(async () => {
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});

const entries = new Map<string, KnowledgeEntry>([...ALL_ITEMS.map((i) => [i.id, { kind: "item", item: i }] as const), [PASSAGE.kind === "passage" ? PASSAGE.passage.id : "", PASSAGE]]);
const kb = {
  items: ALL_ITEMS,
  passages: PASSAGE.kind === "passage" ? [PASSAGE.passage] : [],
  hash: "kb-1",
  get: (id: string) => entries.get(id),
} as unknown as KnowledgeBase;
const bm25: Retriever = { search: () => hitsOf(DUTY_DISPUTE) };

describe("setupLlm", () => {
  it("stays offline without configuration", async () => {
    const s = await setupLlm({ config: readConfig({ DATA_DIR: dir }), logger: silentLogger, kb });
    expect(s.llm).toBeNull();
    expect(s.vector).toBeNull();
    expect(s.fuse(bm25, () => true)).toBe(bm25);
  });

  it("builds the vector index under DATA_DIR and fuses it with BM25", async () => {
    const config = readConfig({ DATA_DIR: dir, OPENAI_BASE_URL: server.url, OPENAI_MODEL: "fake-chat", OPENAI_EMBEDDING_MODEL: "fake-embed" });
    const s = await setupLlm({ config, logger: silentLogger, kb });
    expect(s.llm?.model).toBe("fake-chat");
    expect(s.vector?.size).toBe(ALL_ITEMS.length + 1);
    expect(existsSync(join(dir, "vectors", "vectors.json"))).toBe(true);
    const hits = await s.fuse(bm25, () => true).search("拆除违章建筑", { limit: 3 });
    expect(hits.map((h) => h.id)).toContain(NEG_DEMOLITION.id);
    // Entries of another place never come back, from either ranking.
    const here = await s.fuse(bm25, (id) => id !== NEG_DEMOLITION.id).search("拆除违章建筑", { limit: 3 });
    expect(here.map((h) => h.id)).not.toContain(NEG_DEMOLITION.id);
  });

  it("falls back to BM25 when the embedding endpoint is down", async () => {
    server.embeddings({ status: 503 });
    const config = readConfig({ DATA_DIR: join(dir, "other"), OPENAI_BASE_URL: server.url, OPENAI_MODEL: "fake-chat", OPENAI_EMBEDDING_MODEL: "fake-embed", LLM_MAX_RETRIES: "0" });
    const s = await setupLlm({ config, logger: silentLogger, kb });
    server.embeddings({});
    expect(s.llm).not.toBeNull();
    expect(s.vector).toBeNull();
    expect(s.fuse(bm25, () => true)).toBe(bm25);
  });
});
