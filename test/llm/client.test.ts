import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { createLlm } from "../../src/llm/client.js";
import { LlmError } from "../../src/errors.js";
import { silentLogger } from "../../src/logger.js";
import { fakeEmbedding, startOpenAiServer, type FakeOpenAiServer } from "../support/openai-server.js";
import { testLlm } from "./helpers.js";

let server: FakeOpenAiServer;
beforeAll(async () => {
  server = await startOpenAiServer();
});
afterAll(() => server.close());

describe("createLlm", () => {
  it("is null when no endpoint or model is configured", () => {
    const base = { OPENAI_API_KEY: undefined, OPENAI_EMBEDDING_MODEL: undefined, LLM_TIMEOUT_MS: 1000, LLM_MAX_RETRIES: 0, LLM_CONCURRENCY: 1 };
    expect(createLlm({ ...base, OPENAI_BASE_URL: undefined, OPENAI_MODEL: undefined }, silentLogger)).toBeNull();
    expect(createLlm({ ...base, OPENAI_BASE_URL: server.url, OPENAI_MODEL: undefined }, silentLogger)).toBeNull();
  });

  it("chats with a placeholder key and counts calls", async () => {
    server.reply({ content: "你好" });
    const llm = testLlm(server.url);
    expect(await llm.chat([["user", "hi"]])).toBe("你好");
    expect(llm.stats.chatCalls).toBe(1);
    const last = server.chatRequests().at(-1)!;
    expect(last.body.model).toBe("fake-chat");
    expect(last.headers.authorization).toMatch(/^Bearer \S+/);
  });

  it("asks for JSON mode and validates the object", async () => {
    server.reply({ content: '好的：```json\n{"a": 1}\n```' });
    const llm = testLlm(server.url);
    expect(await llm.chatJson([["user", "json please"]], z.object({ a: z.number() }))).toEqual({ a: 1 });
    expect(server.chatRequests().at(-1)!.body.response_format).toEqual({ type: "json_object" });
  });

  it("drops JSON mode when the server refuses it", async () => {
    server.reply((body) => (body.response_format ? { status: 400 } : { content: '{"a": 2}' }));
    const llm = testLlm(server.url);
    expect(await llm.chatJson([["user", "json"]], z.object({ a: z.number() }))).toEqual({ a: 2 });
    expect(await llm.chatJson([["user", "json"]], z.object({ a: z.number() }))).toEqual({ a: 2 });
    expect(server.chatRequests().slice(-1)[0].body.response_format).toBeUndefined();
  });

  it("streams deltas over SSE", async () => {
    server.reply({ content: "社区不承担燃气安全检查。" });
    const llm = testLlm(server.url);
    const parts: string[] = [];
    for await (const d of llm.stream([["user", "hi"]])) parts.push(d);
    expect(parts.length).toBeGreaterThan(1);
    expect(parts.join("")).toBe("社区不承担燃气安全检查。");
    expect(server.chatRequests().at(-1)!.body.stream).toBe(true);
  });

  it("turns 500, garbage and a hung server into LlmError", async () => {
    const llm = testLlm(server.url);
    server.reply({ status: 500 });
    await expect(llm.chat([["user", "x"]])).rejects.toBeInstanceOf(LlmError);
    server.reply({ garbage: true });
    await expect(llm.chat([["user", "x"]])).rejects.toBeInstanceOf(LlmError);
    server.reply({ delayMs: 60_000, content: "late" });
    await expect(llm.chat([["user", "x"]])).rejects.toThrow(/timed out/);
    expect(llm.stats.timeouts).toBe(1);
  });

  it("retries a 500 and then succeeds", async () => {
    const llm = testLlm(server.url, { LLM_MAX_RETRIES: 1, LLM_TIMEOUT_MS: 10_000 });
    server.reply({ content: "ok" });
    server.replyOnce({ status: 500 });
    const before = server.chatRequests().length;
    expect(await llm.chat([["user", "x"]])).toBe("ok");
    expect(server.chatRequests().length - before).toBe(2);
  });

  it("embeds through the same endpoint", async () => {
    const llm = testLlm(server.url);
    const [v] = await llm.embed(["燃气安全检查"]);
    expect(v).toHaveLength(64);
    expect(v[0]).toBeCloseTo(fakeEmbedding("燃气安全检查")[0], 5);
    expect(llm.stats.embedCalls).toBe(1);
  });
});
