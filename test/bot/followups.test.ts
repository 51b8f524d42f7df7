import { describe, expect, it } from "vitest";
import { FollowupMemory, looksLikeFollowup } from "../../bot/followups.js";
import { FakeClock } from "./support/fake-clock.js";

const alice = { channel: "wechat", groupId: "room1", senderId: "alice" };

describe("follow-ups", () => {
  it("recognises short follow-ups only", () => {
    expect(looksLikeFollowup("那锅炉呢？")).toBe(true);
    expect(looksLikeFollowup("锅炉呢")).toBe(true);
    expect(looksLikeFollowup("还有电梯检查吗")).toBe(true);
    expect(looksLikeFollowup("街道让我们查辖区商铺的燃气，这是社区的事吗？")).toBe(false);
    expect(looksLikeFollowup("拆违归社区吗")).toBe(false);
  });

  it("keeps the last question per user and group until FOLLOWUP_SECONDS pass", async () => {
    const clock = new FakeClock();
    const memory = new FollowupMemory(300, clock);
    memory.rememberQuestion(alice, "查燃气是社区的事吗", false);
    expect(memory.lastQuestion(alice)).toBe("查燃气是社区的事吗");
    expect(memory.lastQuestion({ ...alice, senderId: "bob" })).toBeUndefined();
    expect(memory.lastQuestion({ ...alice, groupId: "room2" })).toBeUndefined();
    expect(memory.lastQuestion({ ...alice, channel: "dingtalk" })).toBeUndefined();
    await clock.advance(299_000);
    expect(memory.lastQuestion(alice)).toBe("查燃气是社区的事吗");
    await clock.advance(2_000);
    expect(memory.lastQuestion(alice)).toBeUndefined();
  });

  it("a follow-up keeps the original question as context and refreshes it", async () => {
    const clock = new FakeClock();
    const memory = new FollowupMemory(60, clock);
    memory.rememberQuestion(alice, "查燃气是社区的事吗", false);
    await clock.advance(50_000);
    memory.rememberQuestion(alice, "那锅炉呢？", true);
    await clock.advance(50_000);
    expect(memory.lastQuestion(alice)).toBe("查燃气是社区的事吗");
    memory.rememberQuestion(alice, "拆违归社区吗", false);
    expect(memory.lastQuestion(alice)).toBe("拆违归社区吗");
  });

  it("remembers nothing when FOLLOWUP_SECONDS is 0", () => {
    const memory = new FollowupMemory(0, new FakeClock());
    memory.rememberQuestion(alice, "查燃气是社区的事吗", false);
    expect(memory.lastQuestion(alice)).toBeUndefined();
  });
});
