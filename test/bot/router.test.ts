import { describe, expect, it } from "vitest";
import { compose, defaultSteps, errorStep } from "../../bot/router.js";
import type { Step } from "../../bot/commands/context.js";
import { APOLOGY, UserError } from "../../src/errors.js";
import { createTestBot } from "./support/harness.js";

describe("router: errors", () => {
  it("a step that throws → the user gets the apology and the bot goes on", async () => {
    let fail = true;
    const flaky: Step = async (_ctx, next) => {
      if (fail) throw new Error("boom");
      await next();
    };
    const [first, ...rest] = defaultSteps;
    const bot = await createTestBot({}, { steps: [first!, flaky, ...rest] });
    const m1 = bot.channel.message("@减负助手 燃气检查归社区吗", { mentionsBot: true });
    await bot.channel.deliver(m1);
    expect(bot.channel.repliesTo(m1.messageId)).toEqual([APOLOGY]);

    fail = false;
    const m2 = bot.channel.message("@减负助手 燃气检查归社区吗", { mentionsBot: true });
    await bot.channel.deliver(m2);
    expect(bot.channel.repliesTo(m2.messageId)[0]).toContain("负面清单");
  });

  it("the engine failing on a question → apology; a UserError → its own message", async () => {
    const bot = await createTestBot();
    bot.engine.askError = new Error("index broken");
    const m1 = bot.channel.message("燃气检查归社区吗", { groupId: undefined });
    await bot.channel.deliver(m1);
    expect(bot.channel.repliesTo(m1.messageId)).toEqual([APOLOGY]);

    bot.engine.askError = new UserError("问题太长了，请精简后再问。");
    const m2 = bot.channel.message("燃气检查归社区吗", { groupId: undefined });
    await bot.channel.deliver(m2);
    expect(bot.channel.repliesTo(m2.messageId)).toEqual(["问题太长了，请精简后再问。"]);
  });

  it("a failure on a message not meant for the bot is logged, not answered", async () => {
    const bot = await createTestBot();
    bot.engine.screenError = new Error("screen broken");
    const m = bot.channel.message("各社区请于周五前完成燃气检查");
    await bot.channel.deliver(m);
    expect(bot.channel.sent).toEqual([]);
    // A failed screening does not keep an addressed question from being answered.
    const q = bot.channel.message("@减负助手 燃气检查归社区吗", { mentionsBot: true });
    await bot.channel.deliver(q);
    expect(bot.channel.repliesTo(q.messageId)[0]).toContain("负面清单");
  });

  it("compose refuses next() twice", async () => {
    const twice: Step = async (_ctx, next) => {
      await next();
      await next();
    };
    const bot = await createTestBot({}, { steps: [errorStep, twice] });
    const m = bot.channel.message("你好", { mentionsBot: true });
    await bot.channel.deliver(m);
    expect(bot.channel.repliesTo(m.messageId)).toEqual([APOLOGY]);
    expect(typeof compose([])).toBe("function");
  });
});

describe("router: screening", () => {
  it("stores a flag for a push in a group, silently by default", async () => {
    const bot = await createTestBot();
    const m = bot.channel.message("各社区请于周五前完成辖区商铺燃气检查", { senderId: "w1", senderName: "王某" });
    await bot.channel.deliver(m);
    const flags = bot.store.listFlags();
    expect(flags).toHaveLength(1);
    expect(flags[0]).toMatchObject({
      channel: "test",
      groupId: "g1",
      groupName: "幸福社区工作群",
      senderName: "王某",
      messageId: m.messageId,
      category: "negative",
      citations: ["gansu/negative/7"],
    });
    expect(bot.channel.sent).toEqual([]);
    expect(bot.engine.screened[0]!.opts).toEqual({ sender: "王某", group: "幸福社区工作群" });
  });

  it("the same message delivered twice is stored once", async () => {
    const bot = await createTestBot();
    const m = bot.channel.message("各社区请于周五前完成燃气检查");
    await bot.channel.deliver(m);
    await bot.channel.deliver(m);
    expect(bot.store.listFlags()).toHaveLength(1);
  });

  it("REMIND_IN_GROUP=true → a polite reminder quoting the item", async () => {
    const bot = await createTestBot({ REMIND_IN_GROUP: "true" });
    const m = bot.channel.message("各社区请于周五前完成燃气检查");
    await bot.channel.deliver(m);
    const [reminder] = bot.channel.repliesTo(m.messageId);
    expect(reminder).toContain("温馨提示");
    expect(reminder).toContain("负面清单第7类");
  });

  it("the flag is stored before the supervisor notice, and a failed notice loses nothing", async () => {
    const bot = await createTestBot({}, { notify: true });
    bot.channel.failSends = 1;
    const m = bot.channel.message("各社区请于周五前完成燃气检查");
    await bot.channel.deliver(m);
    expect(bot.store.listFlags()).toHaveLength(1);
    const m2 = bot.channel.message("各社区请于周五前完成电梯检查");
    await bot.channel.deliver(m2);
    expect(bot.channel.sent.map((s) => s.out.text)).toEqual(["notice #2"]);
  });

  it("commands other than questions and 核查 are not screened", async () => {
    const bot = await createTestBot();
    await bot.channel.deliver(bot.channel.message("@减负助手 清单 负面", { mentionsBot: true }));
    await bot.channel.deliver(bot.channel.message("搜 燃气", { groupId: undefined }));
    expect(bot.engine.screened).toHaveLength(0);
    expect(bot.store.listFlags()).toHaveLength(0);
  });

  it("a question @ the bot is never stored as the asker's push: a notice pasted to the bot is an anonymous 核查, whatever the wording", async () => {
    const bot = await createTestBot();
    const inGroup = bot.channel.message("@减负助手 各社区请于周五前完成燃气检查", { mentionsBot: true, senderId: "w1", senderName: "王某" });
    await bot.channel.deliver(inGroup);
    const pasted = bot.channel.message("请各社区完成电梯检查并上报", { groupId: undefined, senderId: "w2", senderName: "赵某" });
    await bot.channel.deliver(pasted);
    const flags = bot.store.listFlags();
    expect(flags.map((f) => [f.senderId, f.senderName, f.reporterId, f.reporterConsent])).toEqual([
      [null, null, "w1", false],
      [null, null, "w2", false],
    ]);
    expect(bot.channel.repliesTo(inGroup.messageId)[0]).toContain(`已记录为第 ${flags[0]!.id} 号`);
    expect(bot.channel.repliesTo(pasted.messageId)[0]).toContain("核查结果");
    // The same words not addressed to the bot are the sender's own push.
    await bot.channel.deliver(bot.channel.message("各社区请于周五前完成锅炉检查", { senderId: "w3", senderName: "钱某" }));
    expect(bot.store.listFlags().at(-1)).toMatchObject({ senderId: "w3", senderName: "钱某", reporterId: null });
  });
});

describe("router: replies", () => {
  it("splits long replies to the channel's limit and rate-limits them per group", async () => {
    const bot = await createTestBot({ REPLIES_PER_MINUTE: "2" });
    (bot.channel as { maxLength: number }).maxLength = 200; // parts of at most 100: room is kept for the @name
    const m = bot.channel.message("@减负助手 清单 负面", { mentionsBot: true });
    const done = bot.channel.deliver(m);
    await bot.clock.advance(0);
    const first = bot.channel.repliesTo(m.messageId);
    expect(first).toHaveLength(2);
    await bot.clock.advance(60_000 * 10);
    await done;
    const all = bot.channel.repliesTo(m.messageId);
    expect(all.length).toBeGreaterThan(2);
    for (const part of all) expect(part.length).toBeLessThanOrEqual(100);
    expect(all[0]).toMatch(/^（1\/\d+）/);
  });
});

describe("router: 核查 when screening fails", () => {
  it("the forwarder gets the apology, not silence", async () => {
    const bot = await createTestBot();
    bot.engine.screenError = new Error("screen broken");
    const m = bot.channel.message("核查 各社区请于周五前完成燃气检查", { groupId: undefined });
    await bot.channel.deliver(m);
    expect(bot.channel.repliesTo(m.messageId)).toEqual([APOLOGY]);
  });
});
