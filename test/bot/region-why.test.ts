import { describe, expect, it } from "vitest";
// The rules register as the real engine loads them; the scripted engine does not.
import "../../src/screen/screener.js";
import { createTestBot, type TestBot } from "./support/harness.js";

/** Says something to the bot (in group g1, @-mentioning it, unless overridden) and returns its replies. */
async function say(bot: TestBot, text: string, over: Record<string, unknown> = {}): Promise<string> {
  const m = bot.channel.message(text, { mentionsBot: true, ...over });
  await bot.channel.deliver(m);
  return bot.channel.repliesTo(m.messageId).join("\n");
}

const boss = { senderId: "boss", senderName: "督导李" };

describe("地区", () => {
  it("a supervisor sets the group's region; answers, screening and lookups there use it", async () => {
    const bot = await createTestBot();
    expect(await say(bot, "地区")).toContain("本群地区：甘肃省（来自默认 REGION）");

    const set = await say(bot, "地区 昆明西山区", boss);
    expect(set).toContain("已将本群地区设为：云南省昆明市西山区");
    expect(set).toContain("全国原则上取消的事项");
    expect(bot.store.chatRegion("test", "group:g1")).toMatchObject({ region: "云南省昆明市西山区", setBy: "test:boss" });

    const shown = await say(bot, "地区");
    expect(shown).toContain("本群地区：云南省昆明市西山区（来自本群设置");
    expect(shown).toContain("云南省可出具的证明清单");
    expect(shown).not.toContain("甘肃省");

    await say(bot, "街道让我们查燃气，这是社区的事吗？");
    expect(bot.engine.asked.at(-1)!.opts?.region).toBe("云南省昆明市西山区");
    await bot.channel.deliver(bot.channel.message("各社区请于周五前完成燃气检查", { senderName: "王某" }));
    expect(bot.engine.screened.at(-1)!.opts?.region).toBe("云南省昆明市西山区");
    // Another group, and a private chat, keep the default (the engine's own REGION).
    await say(bot, "燃气归社区吗？", { groupId: "g2" });
    expect(bot.engine.asked.at(-1)!.opts?.region).toBeUndefined();
    await say(bot, "燃气归社区吗？", { groupId: undefined });
    expect(bot.engine.asked.at(-1)!.opts?.region).toBeUndefined();
  });

  it("the stored setting outranks GROUP_REGIONS, which outranks REGION; 地区 清除 goes back", async () => {
    const bot = await createTestBot({ GROUP_REGIONS: "g1=湖南省长沙市", REGION: "天津市" });
    expect(await say(bot, "地区")).toContain("本群地区：湖南省长沙市（来自配置 GROUP_REGIONS）");
    expect(await say(bot, "地区", { groupId: "g2" })).toContain("本群地区：天津市（来自默认 REGION）");
    await say(bot, "地区：云南省昆明市西山区", boss);
    expect(await say(bot, "地区")).toContain("云南省昆明市西山区（来自本群设置");
    expect(await say(bot, "地区 清除", boss)).toContain("已清除本群的地区设置，现在按配置 GROUP_REGIONS：湖南省长沙市");
    expect(bot.store.chatRegion("test", "group:g1")).toBeUndefined();
  });

  it("refuses an unknown place, and a setting from anyone but a supervisor; a private chat has its own", async () => {
    const bot = await createTestBot();
    expect(await say(bot, "地区 火星", boss)).toContain("不认得“火星”这个地名。请按 省/市/区 的形式写");
    expect(await say(bot, "地区 云南省昆明市西山区")).toContain("抱歉，设置地区仅供督导使用");
    expect(bot.store.chatRegion("test", "group:g1")).toBeUndefined();

    expect(await say(bot, "地区 天津市", { ...boss, groupId: undefined })).toContain("已将本聊天地区设为：天津市");
    expect(bot.store.chatRegion("test", "user:boss")).toMatchObject({ region: "天津市" });
    expect(await say(bot, "地区")).toContain("本群地区：甘肃省");
    await say(bot, "燃气归社区吗？", { ...boss, groupId: undefined });
    expect(bot.engine.asked.at(-1)!.opts?.region).toBe("天津市");
  });
});

describe("为什么 N", () => {
  const trace = [
    { rule: "directive.request", span: "请" },
    { rule: "addressee.named", span: "各社区", weight: 0.15 },
    { rule: "task.defined-by-check", span: "各社区请于周五前完成电梯检查", detail: "special-equipment-inspection" },
    { rule: "item.match", span: "各社区请于周五前完成电梯检查", weight: 50, detail: "gansu/negative/7" },
  ];

  function addFlag(bot: TestBot, over: Record<string, unknown> = {}) {
    return bot.store.addFlag({
      time: bot.clock.now(),
      channel: "test",
      groupId: "g1",
      groupName: "幸福社区工作群",
      senderId: "w1",
      senderName: "王某",
      text: "各社区请于周五前完成电梯检查",
      category: "negative",
      citations: ["gansu/negative/7"],
      confidence: 0.9,
      reason: "要求社区做特种设备安全检查",
      trace,
      kbVersion: bot.engine.kb.hash,
      ...over,
    });
  }

  it("names the order, the task and the item; says when the knowledge changed since", async () => {
    const bot = await createTestBot();
    const flag = addFlag(bot);
    const why = await say(bot, `为什么 ${flag.id}`, boss);
    expect(why).toContain(`第 ${flag.id} 号标记（负面清单事项）为什么被标记`);
    expect(why).toContain("原文：“各社区请于周五前完成电梯检查”");
    expect(why).toMatch(/怎么派的：.*要求“请”/);
    expect(why).toContain("事项：电梯、锅炉等特种设备安全检查，属甘肃省负面清单第7类（生产安全类）");
    expect(why).not.toContain("知识库已经更新");

    const old = addFlag(bot, { kbVersion: "0123456789abcdef", messageId: "m-old" });
    expect(await say(bot, `为什么${old.id}`, boss)).toContain("标记之后知识库已经更新（标记时版本 0123456789abcdef");

    // A rule removed since is skipped; the rest still explain the flag.
    const renamed = addFlag(bot, { trace: [{ rule: "directive.gone", span: "请" }, ...trace], messageId: "m-renamed" });
    expect(await say(bot, `为什么 ${renamed.id}`, boss)).toContain("事项：电梯、锅炉等特种设备安全检查");
  });

  it("a flag without a trace gives its stored reason; unknown numbers, other groups and non-supervisors are refused", async () => {
    const bot = await createTestBot();
    const bare = addFlag(bot, { trace: [], kbVersion: null });
    const why = await say(bot, `为什么 ${bare.id}`, boss);
    expect(why).toContain("标记时记下的理由：要求社区做特种设备安全检查");
    expect(why).toContain("没有逐条的规则记录");
    expect(await say(bot, "为什么 99", boss)).toContain("没有第 99 条标记");
    expect(await say(bot, `为什么 ${bare.id}`)).toContain("仅供督导使用");
    const elsewhere = addFlag(bot, { groupId: "g9", messageId: "m-g9" });
    expect(await say(bot, `为什么 ${elsewhere.id}`, boss)).toContain("不是本群的消息，请私聊我");
    expect(await say(bot, `为什么 ${elsewhere.id}`, { ...boss, groupId: undefined })).toContain("事项：");
    // 为什么？ without a number stays a follow-up question for the engine.
    await say(bot, "为什么？");
    expect(bot.engine.asked.map((a) => a.question)).toEqual(["为什么？"]);
  });
});
