import { describe, expect, it } from "vitest";
import { flagRecord, recordFlag, type Flagged } from "../../src/store/flag-record.js";
import { openSqliteStore } from "../../src/store/sqlite-store.js";

const result: Flagged = {
  flagged: true,
  category: "negative",
  citations: ["gansu/negative/7"],
  confidence: 0.9,
  reason: "要求社区开展燃气安全检查",
  trace: [
    { rule: "directive.deadline", span: "周五前" },
    { rule: "task.defined-by-check", span: "燃气", detail: "business-safety-inspection" },
    { rule: "item.match", span: "燃气", weight: 32, detail: "gansu/negative/7" },
  ],
};
const message = {
  channel: "wechat",
  messageId: "m1",
  groupId: "g1",
  groupName: "幸福社区工作群",
  senderId: "u1",
  senderName: "王某",
  time: new Date("2026-11-21T01:00:00Z"),
};

describe("one way to record a flag", () => {
  it("a flag is stored with its trace and the version of the knowledge base that judged it", () => {
    const store = openSqliteStore(":memory:");
    const flag = recordFlag(store, { message, text: "各社区周五前完成燃气检查" }, result, "kb-6413c179");
    expect(store.getFlag(flag.id)).toMatchObject({ trace: result.trace, kbVersion: "kb-6413c179", senderName: "王某", groupId: "g1" });
    const untraced = recordFlag(store, { message: { ...message, messageId: "m2" }, text: "x" }, { ...result, trace: undefined }, "kb-1");
    expect(store.getFlag(untraced.id)!.trace).toEqual([]);
    store.close();
  });

  it("a forwarded notice keeps the forwarder as reporter and the named group and sender, never as the sender", () => {
    const input = flagRecord({ message, text: "t", forward: { group: "街道群", sender: "李主任" } }, result, "kb");
    expect(input).toMatchObject({ groupId: null, groupName: "街道群", senderId: null, senderName: "李主任", reporterId: "u1", reporterName: "王某", reporterConsent: false });
    expect(flagRecord({ message, text: "t", forward: {} }, result, "kb")).toMatchObject({ senderId: null, senderName: null, groupName: null });
  });
});
