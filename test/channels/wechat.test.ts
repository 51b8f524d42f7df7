import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { PuppetMock, mock } from "wechaty-puppet-mock";
import type * as PUPPET from "wechaty-puppet";
import { createWechatChannel, type WechatChannel } from "../../bot/channels/wechat.js";
import { silentLogger } from "../../src/logger.js";
import { fixture, pause, recorder, until } from "./helpers.js";

let mocker: mock.Mocker;
let channel: WechatChannel | undefined;
/** Every message the puppet saw, the bot's own included. */
let seen: PUPPET.payloads.Message[];

beforeEach(() => {
  mocker = new mock.Mocker();
  seen = [];
});

afterEach(async () => {
  await channel?.stop();
  channel = undefined;
});

async function setUp(rooms: string[], onMessage?: Parameters<typeof recorder>[0]) {
  const puppet = new PuppetMock({ mocker });
  puppet.on("message", ({ messageId }) => void seen.push(mocker.messagePayload(messageId)));
  const rec = recorder(onMessage);
  channel = createWechatChannel({ puppet, rooms, botName: "减负助手", logger: silentLogger, minSendGapMs: 0, onScan: () => {} });
  await channel.start(rec.handler);
  const self = mocker.createContact({ name: "减负助手" });
  mocker.login(self);
  await until(() => channel!.loggedIn);
  const zhang = mocker.createContact({ name: "张三" });
  const li = mocker.createContact({ name: "李四" });
  const room = mocker.createRoom({ id: "dg@chatroom", topic: "东岗街道社区工作群", memberIdList: [self.id, zhang.id, li.id] });
  const other = mocker.createRoom({ topic: "家长群", memberIdList: [self.id, zhang.id] });
  return { rec, self, zhang, li, room, other };
}

describe("wechat channel", () => {
  it("hands over a room message that @-mentions the bot and replies in the room @-ing the asker", async () => {
    const { rec, self, zhang, room } = await setUp(["东岗街道社区工作群"], (ctx) => ctx.reply({ text: "不属于社区职责" }));
    zhang.say("@减负助手\u2005拆违归社区吗？", [self]).to(room);
    await until(() => seen.some((m) => m.talkerId === self.id));

    expect(rec.calls).toHaveLength(1);
    expect(rec.calls[0].message).toMatchObject({
      channel: "wechat",
      groupId: room.id,
      groupName: "东岗街道社区工作群",
      senderId: zhang.id,
      senderName: "张三",
      text: "拆违归社区吗？",
      mentionsBot: true,
    });
    const reply = seen.find((m) => m.talkerId === self.id)!;
    expect(reply).toMatchObject({ roomId: room.id });
    expect(reply.text).toBe("@张三 不属于社区职责");
  });

  it("passes every allowed room message on, without a mention, and ignores the bot's own", async () => {
    const { rec, self, zhang, li, room } = await setUp([], (ctx) =>
      ctx.message.senderName === "李四" ? ctx.reply({ text: "好的" }) : Promise.resolve(),
    );
    zhang.say("各社区周五前完成商铺燃气检查").to(room);
    li.say("收到").to(room);
    await until(() => seen.some((m) => m.talkerId === self.id));
    // The bot's reply went through the puppet as a message; a later message shows it was skipped.
    zhang.say("谢谢").to(room);
    await until(() => rec.calls.length >= 3);
    await pause(50);
    expect(rec.calls.map((c) => [c.message.senderName, c.message.text, c.message.mentionsBot])).toEqual([
      ["张三", "各社区周五前完成商铺燃气检查", false],
      ["李四", "收到", false],
      ["张三", "谢谢", false],
    ]);
  });

  it("ignores rooms outside the allowlist but not private chats", async () => {
    const { rec, self, zhang, room, other } = await setUp(["东岗街道社区工作群"]);
    zhang.say("家长会改到周六").to(other);
    zhang.say("私下问一句").to(self);
    zhang.say("群里问一句").to(room);
    await until(() => rec.calls.length >= 2);
    await pause(50);
    expect(rec.calls.map((c) => [c.message.groupId, c.message.text, c.message.mentionsBot])).toEqual([
      [undefined, "私下问一句", true],
      [room.id, "群里问一句", false],
    ]);
  });

  it("allows a room by id as well as by topic", async () => {
    const { rec, zhang, room, other } = await setUp(["dg@chatroom"]);
    zhang.say("家长会改到周六").to(other);
    zhang.say("群里问一句").to(room);
    await until(() => rec.calls.length >= 1);
    await pause(50);
    expect(rec.calls.map((c) => c.message.groupName)).toEqual(["东岗街道社区工作群"]);
  });

  it("replies privately in a private chat", async () => {
    const { rec, self, zhang } = await setUp([], (ctx) => ctx.reply({ text: "私聊回复" }));
    zhang.say("核查 街道让社区开具居住证明").to(self);
    await until(() => seen.some((m) => m.talkerId === self.id));
    expect(rec.calls[0].message.groupId).toBeUndefined();
    expect(seen.find((m) => m.talkerId === self.id)).toMatchObject({ listenerId: zhang.id, text: "私聊回复" });
  });

  it("treats a typed-out @ of the bot as a mention (wechat4u-shaped payload)", async () => {
    const { rec, zhang, room } = await setUp([]);
    const { payload } = JSON.parse(fixture("wechat/room-text-typed-mention.json"));
    const msg = mocker.MessageMock.create({ ...payload, id: `${payload.id}-1`, talkerId: zhang.id, roomId: room.id });
    mocker.puppet.emit("message", { messageId: msg.id });
    await until(() => rec.calls.length === 1);
    expect(rec.calls[0].message).toMatchObject({
      mentionsBot: true,
      text: "街道通知要求各社区明天上报辖区内所有商铺的消防检查结果，这个归社区吗？",
    });
  });

  it("treats a typed-out full-width ＠ of the bot as a mention", async () => {
    const { rec, zhang, room } = await setUp([]);
    const { payload } = JSON.parse(fixture("wechat/room-text-typed-mention.json"));
    const text = "＠减负助手\u2005负面清单第七项";
    const msg = mocker.MessageMock.create({ ...payload, id: `${payload.id}-2`, text, talkerId: zhang.id, roomId: room.id });
    mocker.puppet.emit("message", { messageId: msg.id });
    zhang.say("＠张三 不是叫机器人").to(room);
    await until(() => rec.calls.length === 2);
    expect(rec.calls.map((c) => [c.message.text, c.message.mentionsBot])).toEqual([
      ["负面清单第七项", true],
      ["＠张三 不是叫机器人", false],
    ]);
  });

  it("sends proactively to a room and to a contact", async () => {
    const { self, zhang, room } = await setUp([]);
    await channel!.send({ kind: "group", id: room.id }, { text: "今日汇总：3 条" });
    await channel!.send({ kind: "user", id: zhang.id }, { text: "请查看汇总" });
    const mine = seen.filter((m) => m.talkerId === self.id);
    expect(mine.map((m) => [m.roomId ?? m.listenerId, m.text])).toEqual([
      [room.id, "今日汇总：3 条"],
      [zhang.id, "请查看汇总"],
    ]);
    await expect(channel!.send({ kind: "group", id: "missing@chatroom" }, { text: "x" })).rejects.toThrow(/未找到微信群/);
  });
});
