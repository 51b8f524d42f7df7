import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { summarizeDigest } from "../../src/llm/digest.js";
import { startOpenAiServer, type FakeOpenAiServer } from "../support/openai-server.js";
import { testLlm } from "./helpers.js";

let server: FakeOpenAiServer;
beforeAll(async () => {
  server = await startOpenAiServer();
});
afterAll(() => server.close());

const input = { period: "5月1日至5月2日", stats: "负面清单 3 条", flags: "#12 XX街道群 安监办：请各社区检查商铺燃气" };

describe("summarizeDigest", () => {
  it("returns the model's summary, sent without JSON mode", async () => {
    server.reply({ content: "<think>…</think>本期共标记 3 条，均为负面清单事项，建议优先核实 #12。" });
    expect(await summarizeDigest(testLlm(server.url), input)).toBe("本期共标记 3 条，均为负面清单事项，建议优先核实 #12。");
    const body = server.chatRequests().at(-1)!.body;
    expect(body.response_format).toBeUndefined();
    expect(JSON.stringify(body.messages)).toContain("#12 XX街道群");
  });

  it("returns null when the model fails", async () => {
    server.reply({ status: 500 });
    expect(await summarizeDigest(testLlm(server.url), input)).toBeNull();
  });
});
