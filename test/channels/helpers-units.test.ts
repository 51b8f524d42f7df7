import { describe, expect, it } from "vitest";
import { createDeduper } from "../../bot/channels/dedupe.js";
import { parseRobotMessage, toIncoming, webhookBody } from "../../bot/channels/dingtalk-message.js";
import { backoffDelay } from "../../bot/channels/reconnect.js";
import { createSendQueue } from "../../bot/channels/send-queue.js";
import { splitText } from "../../bot/channels/split.js";
import { fixture } from "./helpers.js";

describe("splitText", () => {
  it("keeps a short text whole and unnumbered", () => {
    expect(splitText("短消息", { maxLength: 100 })).toEqual(["短消息"]);
  });

  it("splits on paragraphs, numbers the parts, keeps every character and the limit", () => {
    const paras = Array.from({ length: 12 }, (_, i) => `第${i + 1}段：${"字".repeat(30)}`);
    const text = paras.join("\n\n");
    const parts = splitText(text, { maxLength: 120 });
    expect(parts.length).toBeGreaterThan(1);
    parts.forEach((p, i) => {
      expect(p.length).toBeLessThanOrEqual(120);
      expect(p.startsWith(`（${i + 1}/${parts.length}）\n`)).toBe(true);
    });
    const rejoined = parts.map((p) => p.replace(/^（\d+\/\d+）\n/, "")).join("\n\n");
    expect(rejoined).toBe(text);
  });

  it("breaks a paragraph without blank lines by lines, and a long line by sentences", () => {
    const line = "这是一句很长的话，".repeat(40);
    const parts = splitText(`${line}\n${line}`, { maxLength: 100 });
    expect(parts.every((p) => p.length <= 100)).toBe(true);
    expect(parts.map((p) => p.replace(/^（\d+\/\d+）\n/, "")).join("").replace(/\n/g, "")).toBe(line + line);
  });

  it("never cuts an emoji in half", () => {
    const parts = splitText("😀".repeat(100), { maxLength: 31 });
    expect(parts.join("")).not.toMatch(/[\ud800-\udbff](?![\udc00-\udfff])/);
  });

  it("trims beyond maxParts with a note instead of flooding the group", () => {
    const parts = splitText("段落内容\n\n".repeat(200), { maxLength: 50, maxParts: 3 });
    expect(parts).toHaveLength(3);
    expect(parts[2]).toMatch(/未显示/);
    expect(parts.every((p) => p.length <= 50)).toBe(true);
  });
});

describe("createDeduper", () => {
  it("remembers ids for the TTL, then forgets them", () => {
    let t = 0;
    const d = createDeduper({ ttlMs: 100, now: () => t });
    expect(d.seen("a")).toBe(false);
    expect(d.seen("a")).toBe(true);
    t = 150;
    expect(d.seen("a")).toBe(false);
  });

  it("stays within maxSize", () => {
    const d = createDeduper({ maxSize: 10 });
    for (let i = 0; i < 100; i++) d.seen(String(i));
    expect(d.size).toBeLessThanOrEqual(10);
    expect(d.seen("99")).toBe(true);
  });
});

describe("backoffDelay", () => {
  it("grows exponentially up to the cap, with the jitter inside its share", () => {
    const opts = { initialMs: 100, maxMs: 1000, jitter: 0.5 };
    expect([0, 1, 2, 3, 4, 10].map((a) => backoffDelay(a, { ...opts, random: () => 1 }))).toEqual([100, 200, 400, 800, 1000, 1000]);
    expect(backoffDelay(3, { ...opts, random: () => 0 })).toBe(400);
  });
});

describe("createSendQueue", () => {
  it("runs sends to one target in order, and a failure does not block the next", async () => {
    const q = createSendQueue(0);
    const order: string[] = [];
    const a = q.run("room", async () => {
      await new Promise((r) => setTimeout(r, 20));
      order.push("a");
    });
    const b = q.run("room", async () => {
      order.push("b");
      throw new Error("fail");
    });
    const c = q.run("room", async () => void order.push("c"));
    await Promise.allSettled([a, b, c]);
    expect(order).toEqual(["a", "b", "c"]);
    await expect(b).rejects.toThrow("fail");
  });

  it("keeps the minimum gap between sends to the same target, not across targets", async () => {
    let t = 0;
    const waits: number[] = [];
    const q = createSendQueue(
      1000,
      () => t,
      async (ms) => {
        waits.push(ms);
        t += ms;
      },
    );
    const sent: [string, number][] = [];
    await Promise.all(["a", "a", "b", "a"].map((target) => q.run(target, async () => void sent.push([target, t]))));
    expect(sent).toEqual([
      ["a", 0],
      ["b", 0],
      ["a", 1000],
      ["a", 2000],
    ]);
    expect(waits).toEqual([1000, 1000]);
  });
});

describe("dingtalk robot messages", () => {
  it("rejects payloads that are not usable robot messages", () => {
    expect(parseRobotMessage(fixture("dingtalk/malformed-not-json.txt"))).toEqual({ error: "data is not JSON" });
    expect(parseRobotMessage(fixture("dingtalk/malformed-missing-fields.json"))).toEqual({ error: "missing msgId" });
    const noText = parseRobotMessage(fixture("dingtalk/malformed-missing-text.json"));
    expect("error" in noText).toBe(false);
    expect(toIncoming(noText as never, "减负助手")).toBeUndefined();
  });

  it("removes a typed-out @bot and keeps the rest", () => {
    const m = { ...JSON.parse(fixture("dingtalk/group-at-message.json")), text: { content: " @减负助手 第7项" } };
    expect(toIncoming(m, "减负助手")?.text).toBe("第7项");
    const wide = { ...m, text: { content: " ＠减负助手\u2005第七项" } };
    expect(toIncoming(wide, "减负助手")?.text).toBe("第七项");
  });

  it("writes the @ into a text reply as DingTalk requires", () => {
    expect(webhookBody({ text: "好的" }, ["u1"])).toEqual({
      msgtype: "text",
      text: { content: "@u1 好的" },
      at: { atUserIds: ["u1"], isAtAll: false },
    });
  });
});
