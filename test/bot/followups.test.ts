import { describe, expect, it } from "vitest";
import { FollowupMemory } from "../../bot/followups.js";
import { FakeClock } from "./support/fake-clock.js";

const alice = { channel: "wechat", groupId: "room1", senderId: "alice" };

describe("follow-ups", () => {
  it("keeps the recent questions per user and group until FOLLOWUP_SECONDS pass", async () => {
    const clock = new FakeClock();
    const memory = new FollowupMemory(300, clock);
    memory.rememberQuestion(alice, "查燃气是社区的事吗");
    expect(memory.history(alice)).toEqual(["查燃气是社区的事吗"]);
    expect(memory.history({ ...alice, senderId: "bob" })).toEqual([]);
    expect(memory.history({ ...alice, groupId: "room2" })).toEqual([]);
    expect(memory.history({ ...alice, channel: "dingtalk" })).toEqual([]);
    await clock.advance(299_000);
    expect(memory.history(alice)).toEqual(["查燃气是社区的事吗"]);
    await clock.advance(2_000);
    expect(memory.history(alice)).toEqual([]);
  });

  it("each question refreshes the window, and only the last four are kept, oldest first", async () => {
    const clock = new FakeClock();
    const memory = new FollowupMemory(60, clock);
    memory.rememberQuestion(alice, "查燃气是社区的事吗");
    await clock.advance(50_000);
    memory.rememberQuestion(alice, "那锅炉呢？");
    await clock.advance(50_000);
    expect(memory.history(alice)).toEqual(["查燃气是社区的事吗", "那锅炉呢？"]);
    for (const q of ["为什么？", "依据是什么", "那我们怎么回复街道？"]) memory.rememberQuestion(alice, q);
    expect(memory.history(alice)).toEqual(["那锅炉呢？", "为什么？", "依据是什么", "那我们怎么回复街道？"]);
  });

  it("remembers nothing when FOLLOWUP_SECONDS is 0", () => {
    const memory = new FollowupMemory(0, new FakeClock());
    memory.rememberQuestion(alice, "查燃气是社区的事吗");
    expect(memory.history(alice)).toEqual([]);
  });
});
