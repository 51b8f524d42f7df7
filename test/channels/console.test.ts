import { PassThrough, Readable } from "node:stream";
import { describe, expect, it } from "vitest";
import { createConsoleChannel } from "../../bot/channels/console.js";
import { parseConsoleLine, stripMention } from "../../bot/channels/console-line.js";
import { silentLogger } from "../../src/logger.js";
import { recorder } from "./helpers.js";

function run(lines: string[], onMessage?: Parameters<typeof recorder>[0]) {
  const output = new PassThrough();
  let printed = "";
  output.on("data", (chunk) => (printed += chunk));
  const channel = createConsoleChannel({
    input: Readable.from([lines.join("\n") + "\n"]),
    output,
    botName: "减负助手",
    logger: silentLogger,
  });
  const rec = recorder(onMessage);
  return { channel, rec, printed: () => printed };
}

describe("console channel", () => {
  it("handles scripted lines in order, prints replies as the group sees them and ends with the input", async () => {
    const { channel, rec, printed } = run(
      [
        "张三: 各社区周五前完成商铺燃气检查",
        "@减负助手 拆违归社区吗",
        "/as 李四",
        "李四：那锅炉呢？",
        "@减负助手 第7项",
        "/private 核查 街道让社区开证明",
        "",
      ],
      async (ctx) => {
        // A slow first answer must not let later lines overtake it.
        if (ctx.message.messageId === "console-2") await new Promise((r) => setTimeout(r, 30));
        if (ctx.message.mentionsBot) await ctx.reply({ text: `答：${ctx.message.text}` });
      },
    );
    await channel.start(rec.handler);
    await channel.done;

    expect(rec.calls.map(({ message: m }) => [m.senderName, m.text, m.mentionsBot, m.groupId ?? "私聊"])).toEqual([
      ["张三", "各社区周五前完成商铺燃气检查", false, "console"],
      ["社区工作者", "拆违归社区吗", true, "console"],
      ["李四", "那锅炉呢？", false, "console"],
      ["李四", "第7项", true, "console"],
      ["李四", "核查 街道让社区开证明", true, "私聊"],
    ]);
    expect(rec.calls[0].message).toMatchObject({ channel: "console", senderId: "张三", groupName: "控制台群" });
    expect(printed().split("\n").filter(Boolean)).toEqual([
      "【减负助手】@社区工作者 答：拆违归社区吗",
      "（现在以「李四」的身份发言）",
      "【减负助手】@李四 答：第7项",
      "【私聊 → 李四】答：核查 街道让社区开证明",
    ]);
  });

  it("prints /help in Chinese and proactive sends with their target", async () => {
    const { channel, rec, printed } = run(["/help", "/nonsense"]);
    await channel.start(rec.handler);
    await channel.done;
    await channel.send({ kind: "user", id: "王督导" }, { text: "今日汇总" });
    await channel.send({ kind: "group", id: "console" }, { text: "提醒" });
    expect(printed()).toContain("/as 李四");
    expect(printed()).toContain("未知命令");
    expect(printed()).toContain("【私聊 → 王督导】今日汇总");
    expect(printed()).toContain("【群 → 控制台群】提醒");
    expect(rec.calls).toHaveLength(0);
    await channel.stop();
  });

  it("does not stop on a failing handler", async () => {
    const { channel, printed } = run(["一", "二"]);
    const seen: string[] = [];
    await channel.start(async (ctx) => {
      seen.push(ctx.message.text);
      throw new Error("boom");
    });
    await channel.done;
    expect(seen).toEqual(["一", "二"]);
    expect(printed()).toContain("处理出错");
  });
});

describe("console line parsing", () => {
  it.each([
    ["张三: 文本", { kind: "say", speaker: "张三", text: "文本", private: false }],
    ["张三：文本", { kind: "say", speaker: "张三", text: "文本", private: false }],
    ["通知：明天开会", { kind: "say", text: "通知：明天开会", private: false }],
    ["核查：街道要求…", { kind: "say", text: "核查：街道要求…", private: false }],
    ["见 https://example.org", { kind: "say", text: "见 https://example.org", private: false }],
    ["/as 王五", { kind: "as", name: "王五" }],
    ["/as", { kind: "unknown", command: "/as" }],
    ["/私聊 张三: 问", { kind: "say", speaker: "张三", text: "问", private: true }],
    ["   ", { kind: "empty" }],
  ])("%s", (line, expected) => {
    expect(parseConsoleLine(line)).toEqual(expected);
  });
});

describe("console mentions", () => {
  it("takes @ and a full-width ＠ of the bot as a mention, and nothing else", () => {
    expect(stripMention("@减负助手 第7项", "减负助手")).toEqual({ text: "第7项", mentioned: true });
    expect(stripMention("＠减负助手 第七项", "减负助手")).toEqual({ text: "第七项", mentioned: true });
    expect(stripMention("＠张三 收到", "减负助手")).toEqual({ text: "＠张三 收到", mentioned: false });
  });
});
