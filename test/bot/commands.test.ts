import { describe, expect, it } from "vitest";
import { createTestBot, type TestBot } from "./support/harness.js";

/** Sends a private message to the bot and returns its replies. */
async function say(bot: TestBot, text: string, over: Record<string, unknown> = {}): Promise<string[]> {
  const m = bot.channel.message(text, { groupId: undefined, groupName: undefined, ...over });
  await bot.channel.deliver(m);
  return bot.channel.repliesTo(m.messageId);
}

describe("commands", () => {
  it("帮助 lists the commands; supervisors also see theirs", async () => {
    const bot = await createTestBot();
    const [help] = await say(bot, "帮助");
    expect(help).toContain("搜 关键词");
    expect(help).not.toContain("督导可用");
    const [bossHelp] = await say(bot, "帮助", { senderId: "boss" });
    expect(bossHelp).toContain("误报 12 原因");
  });

  it("搜 finds items with their ids; an empty query gets guidance", async () => {
    const bot = await createTestBot();
    const [hits] = await say(bot, "搜 锅炉");
    expect(hits).toContain("负面清单第7类");
    expect(hits).toContain("gansu/negative/7");
    expect((await say(bot, "搜"))[0]).toContain("关键词");
    expect((await say(bot, "搜 不存在的词语"))[0]).toContain("没有找到");
  });

  it("清单 shows a whole list; 第N项 uses the last list shown, else the negative list", async () => {
    const bot = await createTestBot();
    expect((await say(bot, "第7项"))[0]).toContain("特种设备安全检查");
    const [duty] = await say(bot, "清单 履职");
    expect(duty).toContain("甘肃省社区组织依法履行职责主要事项清单");
    expect(duty).toContain("4. 调解民间纠纷。");
    expect((await say(bot, "第4项"))[0]).toContain("调解民间纠纷");
    expect((await say(bot, "负面第7项"))[0]).toContain("列入原因：非责任主体");
    expect((await say(bot, "gansu/duty/4"))[0]).toContain("（gansu/duty/4）");
    expect((await say(bot, "第999项"))[0]).toContain("没有第 999 项");
    expect((await say(bot, "清单"))[0]).toContain("证明清单");
    expect((await say(bot, "清单 证明"))[0]).toContain("亲属关系证明");
  });

  it("questions go to the engine; a short follow-up carries the previous question", async () => {
    const bot = await createTestBot({ FOLLOWUP_SECONDS: "120" });
    const [answer] = await say(bot, "街道让我们查商铺燃气，这是社区的事吗？");
    expect(answer).toContain("负面清单");
    await say(bot, "那锅炉呢？");
    expect(bot.engine.asked[1]).toEqual({ question: "那锅炉呢？", opts: { history: ["街道让我们查商铺燃气，这是社区的事吗？"], region: undefined } });
    // Someone else's follow-up has no context.
    await say(bot, "那锅炉呢？", { senderId: "u2" });
    expect(bot.engine.asked[2]!.opts?.history).toEqual([]);
    // After FOLLOWUP_SECONDS the context is gone.
    await bot.clock.advance(121_000);
    await say(bot, "那电梯呢？");
    expect(bot.engine.asked[3]!.opts?.history).toEqual([]);
    // Answers are logged.
    expect(bot.store.listAnswers()).toHaveLength(4);
  });

  it("in a group, only @-mentions are answered", async () => {
    const bot = await createTestBot();
    const plain = bot.channel.message("燃气检查归社区吗？");
    await bot.channel.deliver(plain);
    expect(bot.channel.repliesTo(plain.messageId)).toEqual([]);
    const at = bot.channel.message("@减负助手 燃气检查归社区吗？", { mentionsBot: true });
    await bot.channel.deliver(at);
    expect(bot.channel.repliesTo(at.messageId)[0]).toContain("负面清单");
    expect(bot.engine.asked.map((a) => a.question)).toEqual(["燃气检查归社区吗？"]);
  });

  it("核查 screens a pasted notice and stores it with the forwarder as reporter", async () => {
    const bot = await createTestBot();
    const [reply] = await say(bot, "核查\n来源：XX街道工作群 / 发送人：王某\n各社区：请于周五前完成辖区商铺燃气安全检查。", {
      senderId: "u7",
      senderName: "李四",
    });
    expect(reply).toContain("疑似负面清单事项");
    expect(reply).toContain("负面清单第7类");
    const [flag] = bot.store.listFlags();
    expect(flag).toMatchObject({
      groupId: null,
      groupName: "XX街道工作群",
      senderName: "王某",
      senderId: null,
      text: "各社区：请于周五前完成辖区商铺燃气安全检查。",
      reporterId: "u7",
      reporterName: "李四",
      reporterConsent: false,
    });
    expect(reply).toContain(`第 ${flag!.id} 号`);
    expect(bot.engine.screened.at(-1)!.opts).toEqual({ sender: "王某", group: "XX街道工作群" });

    const [clean] = await say(bot, "核查 本周六社区开展义诊活动，欢迎居民参加");
    expect(clean).toContain("未发现");
    expect(bot.store.listFlags()).toHaveLength(1);
    expect((await say(bot, "核查"))[0]).toContain("粘贴");

    const [named] = await say(bot, "核查 同意署名\n各社区请于周五前完成电梯检查", { senderId: "u8", senderName: "赵六" });
    expect(named).toContain("会注明由您转发");
    expect(bot.store.listFlags().find((f) => f.reporterId === "u8")).toMatchObject({ reporterConsent: true });
  });

  it("汇总, 确认 and 误报 are for supervisors only", async () => {
    const bot = await createTestBot();
    await bot.channel.deliver(bot.channel.message("各社区请于周五前完成燃气检查", { senderName: "王某" }));
    const [flag] = bot.store.listFlags();

    for (const cmd of ["汇总", `确认 ${flag!.id}`, `误报 ${flag!.id}`]) {
      expect((await say(bot, cmd))[0]).toContain("仅供督导使用");
    }
    expect(bot.store.getFlag(flag!.id)!.status).toBe("new");

    const [digest] = await say(bot, "汇总", { senderId: "boss" });
    expect(digest).toContain("各社区请于周五前完成燃气检查");
    expect(digest).toContain(`${flag!.id}`);
    // On demand does not count as sent: the schedule still sends it.
    expect(bot.store.listFlags({ unsent: true })).toHaveLength(1);

    expect((await say(bot, `确认 ${flag!.id}`, { senderId: "boss" }))[0]).toContain("已确认");
    expect(bot.store.getFlag(flag!.id)).toMatchObject({ status: "confirmed", statusBy: "test:boss" });
    expect((await say(bot, `误报 ${flag!.id} 街道自己查`, { senderId: "boss" }))[0]).toContain("街道自己查");
    expect(bot.store.getFlag(flag!.id)).toMatchObject({ status: "dismissed", statusNote: "街道自己查" });
    expect((await say(bot, "汇总", { senderId: "boss" }))[0]).toContain("没有待处理");
    expect((await say(bot, "确认 999", { senderId: "boss" }))[0]).toContain("没有找到第 999 号");
  });

  it("a supervisor configured for one channel sees only that channel's flags", async () => {
    const bot = await createTestBot({ SUPERVISORS: "dingtalk:boss" });
    expect((await say(bot, "汇总", { senderId: "boss" }))[0]).toContain("仅供督导使用");
    const wide = await createTestBot({ SUPERVISORS: "boss" });
    expect((await say(wide, "汇总", { senderId: "boss" }))[0]).toContain("没有待处理");
  });
});

describe("汇总 in a group", () => {
  it("goes to the supervisor privately, with a short note in the group", async () => {
    const bot = await createTestBot();
    await bot.channel.deliver(bot.channel.message("各社区请于周五前完成燃气检查", { senderName: "王某" }));
    const ask = bot.channel.message("@减负助手 汇总", { mentionsBot: true, senderId: "boss" });
    await bot.channel.deliver(ask);
    expect(bot.channel.repliesTo(ask.messageId)).toEqual(["共 1 条待处理的标记，汇总已私信发给您。"]);
    const dm = bot.channel.sent.find((s) => s.to.kind === "user");
    expect(dm?.to).toEqual({ kind: "user", id: "boss" });
    expect(dm?.out.text).toContain("王某");

    bot.channel.failSends = 1;
    const again = bot.channel.message("@减负助手 汇总", { mentionsBot: true, senderId: "boss" });
    await bot.channel.deliver(again);
    expect(bot.channel.repliesTo(again.messageId)[0]).toContain("请私聊我");
  });
  it("反馈 is stored on the asker's last answer; without a recent answer it says so", async () => {
    const bot = await createTestBot({ FOLLOWUP_SECONDS: "120" });
    expect((await say(bot, "反馈 说得不对"))[0]).toContain("没有找到您最近的提问");
    await say(bot, "街道让我们查商铺燃气，这是社区的事吗？");
    expect((await say(bot, "反馈 其实应该引用第17项"))[0]).toContain("反馈已记录");
    const [logged] = bot.store.listAnswers();
    expect(logged.feedback.map((f) => f.text)).toEqual(["反馈：其实应该引用第17项"]);
    // Another member's feedback does not land on this answer.
    expect((await say(bot, "答错了", { senderId: "someone-else" }))[0]).toContain("没有找到");
  });

  it("a second 反馈 no longer overwrites the first: every one is kept; an empty 反馈 is asked for content", async () => {
    const bot = await createTestBot({ FOLLOWUP_SECONDS: "120" });
    await say(bot, "街道让我们查商铺燃气，这是社区的事吗？");
    expect((await say(bot, "反馈"))[0]).toContain("请在“反馈”后面写上您的意见");
    expect((await say(bot, "反馈："))[0]).toContain("请在“反馈”后面写上您的意见");
    await say(bot, "反馈 其实应该引用第17项");
    await say(bot, "有用");
    const [logged] = bot.store.listAnswers();
    expect(logged.feedback.map((f) => [f.text, f.senderId])).toEqual([
      ["反馈：其实应该引用第17项", "u1"],
      ["有用", "u1"],
    ]);
  });
});
