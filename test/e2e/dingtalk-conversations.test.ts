import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { dingtalkHarness } from "./harness.js";
import { DEMOLITION, GAS_CONVERSATION, inOrder, WHY_PUSH, YUNNAN_REGION } from "./conversations.js";
import { PUSH } from "./support.js";

/** Conversations of several turns through the real dingtalk-stream client against the gateway on 127.0.0.1. */
const harness = dingtalkHarness();
let seq = 0;
const startApp = () => harness.start();

const WORKER = {};
const BOSS = { senderStaffId: "boss01", senderNick: "督导李", senderId: "$:LWCP_v1:$boss" };

/** One turn: a message to the bot (in the group unless `private`); resolves with the markdown of its reply. */
async function turn(text: string, who: object = WORKER, where: "group" | "private" = "group"): Promise<string> {
  const fixture = where === "group" ? "group-at-message" : "private-message";
  const base = JSON.parse(readFileSync(new URL(`../fixtures/dingtalk/${fixture}.json`, import.meta.url), "utf8"));
  const before = harness.gateway.webhookPosts.length;
  harness.gateway.pushRobotMessage({ ...base, ...who, msgId: `conv-${++seq}`, sessionWebhook: harness.gateway.webhookUrl(), text: { content: ` ${text}` } });
  await harness.gateway.waitFor(() => harness.gateway.webhookPosts.length > before);
  return harness.gateway.webhookPosts.slice(before).map((p) => p.body.markdown?.text ?? p.body.text?.content).join("\n");
}

describe("dingtalk conversations", () => {
  it("(a) a worker's question, then 为什么？, how to reply, 详细 and the cited passage", async () => {
    await startApp();
    for (const t of GAS_CONVERSATION) inOrder(await turn(t.say), ["@manager4521", ...t.expect]);
  });

  it("(b) a supervisor's 地区 makes the group's questions cite what binds 云南, and 地区 shows where it comes from", async () => {
    const app = await startApp();
    expect(await turn("地区")).toContain("本群地区：甘肃省（来自默认 REGION）");
    expect(await turn(`地区 ${YUNNAN_REGION}`, BOSS)).toContain(`已将本群地区设为：${YUNNAN_REGION}`);
    const answer = await turn(DEMOLITION);
    inOrder(answer, ["不属于社区职责", "全国原则上取消的事项第2项", "national/cancelled/2"]);
    expect(answer).not.toContain("gansu/");
    inOrder(await turn("地区"), [`本群地区：${YUNNAN_REGION}（来自本群设置`, "全国原则上取消的事项"]);
    expect(app.store.chatRegion("dingtalk", "group:cidPzKzDDLHqkOYVzT3qfVqaw==")).toMatchObject({ region: YUNNAN_REGION, setBy: "dingtalk:boss01" });
    // The supervisor's private chat keeps its own (default) region.
    expect(await turn("地区", BOSS, "private")).toContain("本聊天地区：甘肃省");
  });

  it("(c) a push @-ing the bot is flagged; the supervisor's 为什么 N names the order, the task and the item, privately", async () => {
    const app = await startApp();
    expect(await turn(PUSH)).toContain("核查结果");
    const [flag] = app.store.listFlags();
    expect(flag).toMatchObject({ groupId: null, reporterId: "manager4521" });
    // Stored as an anonymous forward: its explanation is not for the group.
    expect(await turn(`为什么 ${flag!.id}`, BOSS)).toContain("请私聊我");
    inOrder(await turn(`为什么 ${flag!.id}`, BOSS, "private"), WHY_PUSH);
    expect(await turn(`为什么 ${flag!.id}`, WORKER, "private")).toContain("仅供督导使用");
    expect(await turn("为什么 99", BOSS, "private")).toContain("没有第 99 条标记");
  });
});
