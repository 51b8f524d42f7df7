import { describe, expect, it } from "vitest";
import { createTestBot, type TestBot } from "./support/harness.js";

/** Says something to the bot (in the group, @-mentioning it, unless overridden) and returns its replies. */
async function say(bot: TestBot, text: string, over: Record<string, unknown> = {}): Promise<string> {
  const m = bot.channel.message(text, { mentionsBot: true, ...over });
  await bot.channel.deliver(m);
  return bot.channel.repliesTo(m.messageId).join("\n");
}

describe("item and list lookups as workers type them", () => {
  it("Chinese numerals, 类 and a list named before the number open one item", async () => {
    const bot = await createTestBot();
    const seventh = await say(bot, "负面清单第七项");
    expect(seventh).toContain("第7类：辖区电梯、锅炉等特种设备安全检查");
    expect(seventh).toContain("列入原因：非责任主体");
    expect(await say(bot, "负面第7类")).toContain("（gansu/negative/7）");
    expect(await say(bot, "协助清单第二十项")).toContain("人口普查");
    // 第七项 alone: the list last shown to this user (the assist list now).
    expect(await say(bot, "第七项")).toContain("消防宣传教育");
    expect(await say(bot, "第十二条")).toContain("（gansu/assist/12）");
    expect(await say(bot, "负面清单第九类")).toContain("甘肃省负面清单共 7 类，没有第 9 类");
  });

  it("看看/看一下/打开 … 清单 shows the list; 查 with a separator searches in the group's region", async () => {
    const bot = await createTestBot();
    const negative = await say(bot, "看看负面清单");
    expect(negative).toContain("甘肃省不应由社区组织承担的事项指导清单(第一批)（共 7 类）");
    expect(negative).toContain("7. 【生产安全类】辖区电梯");
    expect(await say(bot, "看一下履职清单")).toContain("4. 调解民间纠纷。");
    expect(await say(bot, "打开证明清单")).toContain("亲属关系证明");
    const hits = await say(bot, "查：电梯");
    expect(hits).toContain("gansu/negative/7");
    expect(bot.engine.searched.at(-1)).toEqual({ query: "电梯", region: undefined });
    // Without a separator it is a question for the engine.
    await say(bot, "查商铺燃气归谁管");
    expect(bot.engine.asked.map((a) => a.question)).toEqual(["查商铺燃气归谁管"]);
  });

  it("a full-width ＠ in the text is a mention", async () => {
    const bot = await createTestBot();
    expect(await say(bot, "＠减负助手 第七项")).toContain("特种设备安全检查");
  });

  it("lists follow the group's region: 负面清单 in a 云南 group shows what binds there, not Gansu's", async () => {
    const bot = await createTestBot({ GROUP_REGIONS: "g1=云南省昆明市西山区" });
    const negative = await say(bot, "负面清单");
    expect(negative).toContain("原则上一律取消的社区工作事项");
    expect(negative).not.toContain("甘肃省");
    expect(await say(bot, "第二项")).toContain("拆迁拆违");
    expect(await say(bot, "履职清单")).toContain("云南省昆明市西山区适用的清单里没有履职清单");
    const lists = await say(bot, "清单");
    expect(lists).toContain("云南省昆明市西山区适用的清单：");
    expect(lists).toContain("云南省可出具的证明清单");
    expect(lists).not.toContain("甘肃省");
    expect(await say(bot, "gansu/negative/7")).toContain("这是甘肃省的清单，不约束云南省昆明市西山区，仅供参考");
    await say(bot, "查 证明");
    expect(bot.engine.searched.at(-1)).toEqual({ query: "证明", region: "云南省昆明市西山区" });
    // Another group keeps the default region.
    expect(await say(bot, "负面清单", { groupId: "g2" })).toContain("甘肃省不应由社区组织承担的事项指导清单");
  });

  it("doc/<slug>#pN opens a passage with its document; doc/<slug> the document and its first passages", async () => {
    const bot = await createTestBot();
    const passage = await say(bot, "doc/huanxian-2023#p130");
    expect(passage).toContain("《环县开展城乡社区减负专项行动的实施方案（附甘肃省三张清单）》第 130 段");
    expect(passage).toContain("“辖区电梯、锅炉等特种设备安全检查");
    const doc = await say(bot, "doc/kunming-2020-shequ-lists-partial");
    expect(doc).toContain("链接：http://www.kmgd.gov.cn/c/2022-06-28/6113479.shtml");
    expect(doc).toContain("开头几段：");
    expect(doc).toMatch(/共 \d+ 段/);
    expect(await say(bot, "doc/huanxian-2023#p9999")).toContain("没有 p9999 这一段");
    expect(await say(bot, "doc/no-such-doc")).toContain("没有编号为 doc/no-such-doc 的文件");
  });
});
