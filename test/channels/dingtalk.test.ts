import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createDingtalkChannel, type DingtalkChannel } from "../../bot/channels/dingtalk.js";
import { PlatformError } from "../../src/errors.js";
import { silentLogger } from "../../src/logger.js";
import { startFakeDingtalkGateway, type FakeDingtalkGateway } from "../support/dingtalk-gateway.js";
import { fixture, pause, recorder, until } from "./helpers.js";

const fast = { initialMs: 10, maxMs: 50 };

let gateway: FakeDingtalkGateway;
let channel: DingtalkChannel | undefined;

function robotMessage(name: string, overrides: Record<string, unknown> = {}) {
  return { ...JSON.parse(fixture(`dingtalk/${name}.json`)), sessionWebhook: gateway.webhookUrl(), ...overrides };
}

function makeChannel(clientSecret = "secret") {
  channel = createDingtalkChannel({
    clientId: "dingclientid",
    clientSecret,
    robotCode: "dingrobot",
    gatewayUrl: gateway.gatewayUrl,
    apiBase: gateway.base,
    botName: "减负助手",
    logger: silentLogger,
    backoff: fast,
    retryBackoff: { initialMs: 5, maxMs: 20 },
  });
  return channel;
}

beforeEach(async () => {
  gateway = await startFakeDingtalkGateway();
});

afterEach(async () => {
  await channel?.stop();
  channel = undefined;
  await gateway.close();
});

describe("dingtalk channel", () => {
  it("acks a callback with its messageId, hands over the message and replies in markdown @-ing the sender", async () => {
    const rec = recorder((ctx) => ctx.reply({ text: "不属于社区职责", markdown: "**不属于社区职责** · 负面清单" }));
    await makeChannel().start(rec.handler);
    expect(channel!.connected).toBe(true);

    const frameId = gateway.pushRobotMessage(robotMessage("group-at-message"));
    await gateway.waitFor(() => gateway.webhookPosts.length === 1 && gateway.acks.length === 1);

    expect(gateway.acks.map((a) => a.headers.messageId)).toEqual([frameId]);
    expect(gateway.acks[0].code).toBe(200);
    const m = rec.calls[0].message;
    expect(m).toMatchObject({
      channel: "dingtalk",
      messageId: "msgAwF7ZFzQrdlq2bK2y0Wc6Q==",
      groupId: "cidPzKzDDLHqkOYVzT3qfVqaw==",
      groupName: "城关区东岗街道社区工作群",
      senderId: "manager4521",
      senderName: "张三",
      text: "街道让我们查辖区商铺的燃气，这是社区的事吗？",
      mentionsBot: true,
    });
    expect(m.time.getTime()).toBe(1718009455123);
    const post = gateway.webhookPosts[0];
    expect(post.query.get("session")).toBe("s1");
    expect(post.body).toMatchObject({
      msgtype: "markdown",
      markdown: { text: "@manager4521 **不属于社区职责** · 负面清单" },
      at: { atUserIds: ["manager4521"] },
    });
    expect(post.body.markdown.title).toBeTruthy();
  });

  it("turns a private message into one without a group, replied without @", async () => {
    const rec = recorder((ctx) => ctx.reply({ text: "已记录" }));
    await makeChannel().start(rec.handler);
    gateway.pushRobotMessage(robotMessage("private-message"));
    await gateway.waitFor(() => gateway.webhookPosts.length === 1);
    expect(rec.calls[0].message).toMatchObject({ groupId: undefined, senderId: "016738452120945", mentionsBot: true });
    expect(gateway.webhookPosts[0].body).toEqual({
      msgtype: "text",
      text: { content: "已记录" },
      at: { atUserIds: [], isAtAll: false },
    });
  });

  it("handles a message delivered twice only once", async () => {
    const rec = recorder();
    await makeChannel().start(rec.handler);
    const first = gateway.pushRobotMessage(robotMessage("group-at-message"));
    const again = gateway.pushRobotMessage(robotMessage("group-at-message"));
    gateway.pushRobotMessage(robotMessage("private-message"));
    await until(() => rec.calls.some((c) => c.message.senderName === "李四"));
    await gateway.waitFor(() => gateway.acks.length === 3);

    expect(rec.calls.map((c) => c.message.senderName)).toEqual(["张三", "李四"]);
    expect(gateway.acks.map((a) => a.headers.messageId).slice(0, 2)).toEqual([first, again]);
  });

  it("reconnects after the socket drops and handles the next message", async () => {
    const rec = recorder();
    await makeChannel().start(rec.handler);
    gateway.dropSockets();
    await gateway.waitFor(() => gateway.connections === 2 && gateway.openSockets === 1);
    gateway.pushRobotMessage(robotMessage("group-at-message"));
    await until(() => rec.calls.length === 1);
    expect(gateway.opens.length).toBe(2);
  });

  it("answers the gateway's ping with the same messageId", async () => {
    await makeChannel().start(recorder().handler);
    const id = gateway.ping();
    await gateway.waitFor(() => gateway.pongs.length === 1);
    expect(gateway.pongs[0]).toMatchObject({ code: 200, headers: { messageId: id } });
  });

  it("retries a webhook that answered 500 and delivers the reply once", async () => {
    const outcomes: unknown[] = [];
    const rec = recorder(async (ctx) => {
      outcomes.push(await ctx.reply({ text: "收到" }).then(() => "ok", (e) => e));
    });
    await makeChannel().start(rec.handler);
    gateway.failWebhooks = 1;
    gateway.pushRobotMessage(robotMessage("group-at-message"));
    await until(() => outcomes.length === 1);
    expect(outcomes).toEqual(["ok"]);
    expect(gateway.webhookPosts.length).toBe(2);
    expect(gateway.webhookPosts[1].body).toEqual(gateway.webhookPosts[0].body);
  });

  it("a failing session webhook falls back to the OpenAPI and keeps the @-mention", async () => {
    const outcomes: unknown[] = [];
    await makeChannel().start(
      recorder(async (ctx) => {
        outcomes.push(await ctx.reply({ text: "不属于社区职责" }).then(() => "ok", (e) => e));
      }).handler,
    );
    gateway.failWebhooks = 100;
    gateway.pushRobotMessage(robotMessage("group-at-message"));
    await until(() => outcomes.length === 1);
    expect(outcomes).toEqual(["ok"]);
    expect(gateway.webhookPosts.length).toBe(3);
    expect(gateway.groupSends).toHaveLength(1);
    expect(gateway.groupSends[0]!.body.openConversationId).toBe("cidPzKzDDLHqkOYVzT3qfVqaw==");
    expect(JSON.parse(gateway.groupSends[0]!.body.msgParam).content).toBe("@张三 不属于社区职责");
  });

  it("when the webhook and the OpenAPI both refuse, the reply fails with a SendError carrying the status", async () => {
    const outcomes: unknown[] = [];
    await makeChannel().start(
      recorder(async (ctx) => {
        outcomes.push(await ctx.reply({ text: "收到" }).catch((e) => e));
      }).handler,
    );
    gateway.failWebhooks = 100;
    gateway.failGroupSends = 100;
    gateway.pushRobotMessage(robotMessage("group-at-message"));
    await until(() => outcomes.length === 1);
    expect(outcomes[0]).toBeInstanceOf(PlatformError);
    expect(outcomes[0]).toMatchObject({ status: 500, outcome: "rejected" });
  });

  it("sends proactively to a group and a user through the OpenAPI with one token", async () => {
    await makeChannel().start(recorder().handler);
    await channel!.send({ kind: "group", id: "cidGroup==" }, { text: "汇总", markdown: "## 汇总\n\n共 3 条", title: "今日汇总" });
    await channel!.send({ kind: "user", id: "manager4521" }, { text: "今日无新增" });

    expect(gateway.tokenRequests.length).toBe(1);
    expect(gateway.tokenRequests[0].body).toEqual({ appKey: "dingclientid", appSecret: "secret" });
    const group = gateway.groupSends[0];
    expect(group.headers["x-acs-dingtalk-access-token"]).toBe("token-1");
    expect(group.body).toMatchObject({ robotCode: "dingrobot", openConversationId: "cidGroup==", msgKey: "sampleMarkdown" });
    expect(JSON.parse(group.body.msgParam)).toEqual({ title: "今日汇总", text: "## 汇总\n\n共 3 条" });
    const user = gateway.userSends[0];
    expect(user.headers["x-acs-dingtalk-access-token"]).toBe("token-1");
    expect(user.body).toMatchObject({ robotCode: "dingrobot", userIds: ["manager4521"], msgKey: "sampleText" });
    expect(JSON.parse(user.body.msgParam)).toEqual({ content: "今日无新增" });
  });

  it("throws PlatformError with the status when the OpenAPI refuses", async () => {
    const ch = makeChannel("wrong");
    const err = await ch.send({ kind: "group", id: "cid" }, { text: "x" }).catch((e) => e);
    expect(err).toBeInstanceOf(PlatformError);
    expect(err.status).toBe(400);
  });

  it("refuses to start with credentials the gateway rejects", async () => {
    await expect(makeChannel("wrong").start(recorder().handler)).rejects.toThrow(/DINGTALK_CLIENT_SECRET/);
  });

  it("logs and skips malformed callbacks without crashing", async () => {
    const rec = recorder();
    await makeChannel().start(rec.handler);
    const ids = [
      gateway.pushRobotMessage(fixture("dingtalk/malformed-not-json.txt")),
      gateway.pushRobotMessage(robotMessage("malformed-missing-text")),
      gateway.pushRobotMessage(fixture("dingtalk/malformed-missing-fields.json")),
    ];
    gateway.broadcast("this is not a frame");
    gateway.pushRobotMessage(robotMessage("private-message"));
    await until(() => rec.calls.length === 1);
    await gateway.waitFor(() => gateway.acks.length === 4);
    expect(rec.calls[0].message.senderName).toBe("李四");
    expect(gateway.acks.map((a) => a.headers.messageId)).toEqual(expect.arrayContaining(ids));
    expect(gateway.openSockets).toBe(1);
  });

  it("backs off while the gateway fails and stops retrying after stop()", async () => {
    gateway.failOpens = 1_000;
    const ch = makeChannel();
    expect(await ch.start(recorder().handler).then(() => "started")).toBe("started");
    await gateway.waitFor(() => gateway.opens.length >= 3);
    await ch.stop();
    const hits = gateway.opens.length;
    await pause(300);
    expect(gateway.opens.length).toBe(hits);
  });

  it("closes the socket on stop and does not reconnect", async () => {
    const ch = makeChannel();
    await ch.start(recorder().handler);
    await ch.stop();
    await gateway.waitFor(() => gateway.openSockets === 0);
    await pause(300);
    expect(gateway.connections).toBe(1);
    expect(gateway.opens.length).toBe(1);
  });
});
