import { describe, expect, it } from "vitest";
import { wechatHarness } from "./harness.js";
import { DEMOLITION, GAS_CONVERSATION, inOrder, WHY_PUSH, YUNNAN_REGION } from "./conversations.js";
import { PUSH, until } from "./support.js";

/** Conversations of several turns through wechaty + wechaty-puppet-mock, the real engine and a SQLite file. */
const harness = wechatHarness();

async function setUp() {
  const { app, self, zhang, wang, boss, room, botSaid: said } = await harness.room({ topic: "西山区某街道社区工作群" });
  const botSaid = () => said().map((m) => m.text);

  /** One turn: `who` @-mentions the bot in the room; resolves with the reply once `last` shows up in it. */
  async function turn(who: typeof zhang, text: string, last: string): Promise<string> {
    const before = botSaid().length;
    who.say(`@减负助手\u2005${text}`, [self]).to(room);
    const reply = () => botSaid().slice(before).join("\n");
    await until(() => reply().includes(last));
    return reply();
  }
  return { app, wang, zhang, boss, room, turn };
}

describe("wechat conversations", () => {
  it("(a) a worker's question, then 为什么？, how to reply, 详细 and the cited passage", async () => {
    const { zhang, turn } = await setUp();
    for (const t of GAS_CONVERSATION) inOrder(await turn(zhang, t.say, t.expect.at(-1)!), ["@张三", ...t.expect]);
  });

  it("(b) a supervisor's 地区 makes the room's questions cite what binds 云南; (c) 为什么 N explains a push flagged in the room", async () => {
    const { app, wang, zhang, boss, room, turn } = await setUp();
    expect(await turn(boss, `地区 ${YUNNAN_REGION}`, "原则上取消的事项")).toContain(`已将本群地区设为：${YUNNAN_REGION}`);
    const answer = await turn(zhang, DEMOLITION, "national/cancelled/2");
    inOrder(answer, ["@张三", "不属于社区职责", "全国原则上取消的事项第2项", "national/cancelled/2"]);
    expect(answer).not.toContain("gansu/");
    inOrder(await turn(zhang, "地区", "原则上取消的事项"), [`本群地区：${YUNNAN_REGION}（来自本群设置`, "全国证明清单"]);
    expect(await turn(zhang, `地区 甘肃省`, "督导")).toContain("设置地区仅供督导使用");

    wang.say(PUSH).to(room);
    await until(() => app.store.listFlags().length === 1);
    const [flag] = app.store.listFlags();
    expect(flag).toMatchObject({ groupId: room.id, senderName: "王主任" });
    const why = await turn(boss, `为什么 ${flag!.id}`, "就不会标记");
    inOrder(why, ["@督导李", ...WHY_PUSH.filter((w) => !w.includes("甘肃省")), "如果通知写明"]);
    // Judged in 云南 now: the item is the national one, not Gansu's.
    expect(flag!.citations[0]).toBe("national/cancelled/2");
    expect(await turn(zhang, `为什么 ${flag!.id}`, "督导")).toContain("仅供督导使用");
  });
});
