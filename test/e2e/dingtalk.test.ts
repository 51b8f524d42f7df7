import { readFileSync } from "node:fs";
import { beforeEach, describe, expect, it } from "vitest";
import type { App } from "../../bot/app.js";
import type { FakeDingtalkGateway } from "../support/dingtalk-gateway.js";
import { dingtalkHarness } from "./harness.js";
import { PUSH, QUESTION, until } from "./support.js";

/**
 * DingTalk end to end: the real dingtalk-stream client, created from the configuration by the
 * app, against the fake gateway on 127.0.0.1 (stream, sessionWebhook, OpenAPI).
 */
const harness = dingtalkHarness();
let gateway: FakeDingtalkGateway;
beforeEach(() => void (gateway = harness.gateway));

async function startApp(env: Record<string, string> = {}): Promise<App> {
  const app = await harness.start({ DIGEST_TARGETS: "dingtalk:group:cidSupervisors==,dingtalk:user:boss01", ...env }, { outbox: { attempts: 3, baseDelayMs: 10 } });
  expect(app.channels.map((c) => c.name)).toEqual(["dingtalk"]);
  expect(app.health().channels).toEqual([{ name: "dingtalk", started: true, connected: true }]);
  return app;
}

function robotMessage(name: string, overrides: Record<string, unknown> = {}) {
  const base = JSON.parse(readFileSync(new URL(`../fixtures/dingtalk/${name}.json`, import.meta.url), "utf8"));
  return { ...base, sessionWebhook: gateway.webhookUrl(), ...overrides };
}

describe("dingtalk end to end", () => {
  it("callback → ack with the same messageId → markdown reply @-ing the sender with a cited answer", async () => {
    const app = await startApp();
    const frameId = gateway.pushRobotMessage(robotMessage("group-at-message", { text: { content: ` ${QUESTION}` } }));
    await gateway.waitFor(() => gateway.webhookPosts.length === 1);

    expect(gateway.acks.map((a) => a.headers.messageId)).toContain(frameId);
    const expected = await app.engine.ask(QUESTION);
    const { body } = gateway.webhookPosts[0]!;
    expect(body.msgtype).toBe("markdown");
    expect(body.at.atUserIds).toEqual(["manager4521"]);
    expect(body.markdown.text).toContain("@manager4521");
    expect(body.markdown.text).toContain(expected.answer.split("\n")[0]!);
    expect(body.markdown.text).toContain(expected.citations[0]!);
    expect(app.store.listFlags()).toEqual([]);
  });

  it("核查 in a private chat → flag; the scheduled digest goes through the OpenAPI with one token", async () => {
    const app = await startApp();
    const content = `核查\n来源：东岗街道安监群 / 发送人：王主任\n${PUSH}`;
    gateway.pushRobotMessage(robotMessage("private-message", { text: { content } }));
    await gateway.waitFor(() => gateway.webhookPosts.length === 1);
    const reply = gateway.webhookPosts[0]!.body;
    expect(JSON.stringify(reply)).toContain("核查结果");

    const [flag] = app.store.listFlags();
    expect(flag).toMatchObject({ groupName: "东岗街道安监群", senderName: "王主任", reporterName: "李四", reporterConsent: false });
    expect(reply.markdown.text).toContain(`第 ${flag!.id} 号`);

    const run = await app.scheduler.runDigest();
    expect(run).toMatchObject({ flags: 1, sent: true, failed: [] });
    expect(gateway.tokenRequests).toHaveLength(1);
    expect(gateway.groupSends).toHaveLength(1);
    expect(gateway.userSends).toHaveLength(1);
    const group = gateway.groupSends[0]!.body;
    expect(group).toMatchObject({ robotCode: "dingrobot", openConversationId: "cidSupervisors==", msgKey: "sampleMarkdown" });
    const param = JSON.parse(group.msgParam);
    expect(param.text).toContain("王主任");
    // The forwarder is kept out of the digest.
    expect(param.text).not.toContain("李四");
    expect(gateway.userSends[0]!.body.userIds).toEqual(["boss01"]);
    expect(app.store.listFlags({ unsent: true })).toEqual([]);
  });

  it("a webhook answering 500 is retried and the reply arrives; a push @-ing the bot is flagged as an anonymous 核查 and answered", async () => {
    const app = await startApp();
    gateway.failWebhooks = 2;
    gateway.pushRobotMessage(robotMessage("group-at-message", { msgId: "push-1", text: { content: ` ${PUSH}` } }));
    await gateway.waitFor(() => gateway.webhookPosts.length === 3);
    expect(gateway.webhookPosts[0]!.body).toEqual(gateway.webhookPosts[2]!.body);
    expect(gateway.accepted).toHaveLength(1);
    expect(app.store.listFlags()).toHaveLength(1);
    expect(app.store.listFlags()[0]).toMatchObject({ channel: "dingtalk", senderId: null, reporterId: "manager4521", messageId: "push-1" });
  });

  it("when the OpenAPI refuses every attempt, the flags stay unsent and go out on the next run", async () => {
    const app = await startApp();
    gateway.pushRobotMessage(robotMessage("group-at-message", { msgId: "push-2", text: { content: ` ${PUSH}` } }));
    await until(() => app.store.listFlags().length === 1);

    gateway.clientSecret = "rotated";
    const failed = await app.scheduler.runDigest();
    expect(failed).toMatchObject({ flags: 1, sent: false });
    expect(app.store.listFlags({ unsent: true })).toHaveLength(1);

    gateway.clientSecret = "secret";
    const retried = await app.scheduler.runDigest();
    expect(retried).toMatchObject({ flags: 1, sent: true });
    expect(gateway.groupSends.length).toBeGreaterThanOrEqual(1);
    expect(app.store.listFlags({ unsent: true })).toEqual([]);
  });

  it("the same message delivered twice gets one reply and one flag; after the socket drops, the next message is answered", async () => {
    const app = await startApp();
    const push = robotMessage("group-at-message", { msgId: "dup-1", text: { content: ` ${PUSH}` } });
    gateway.pushRobotMessage(push);
    gateway.pushRobotMessage(push);
    const other = robotMessage("group-at-message", { msgId: "q-1", text: { content: " 帮助" } });
    gateway.pushRobotMessage(other);
    await gateway.waitFor(() => gateway.acks.length === 3 && gateway.webhookPosts.length >= 2);
    expect(app.store.listFlags()).toHaveLength(1);
    // One answer to the push, one help text, in whichever order they finished.
    const helps = gateway.webhookPosts.filter((p) => p.body.markdown.text.includes("您好，我是减负助手"));
    expect([helps.length, gateway.webhookPosts.length]).toEqual([1, 2]);

    const connections = gateway.connections;
    gateway.dropSockets();
    await gateway.waitFor(() => gateway.connections > connections && gateway.openSockets === 1);
    gateway.pushRobotMessage(robotMessage("group-at-message", { msgId: "q-2", text: { content: ` ${QUESTION}` } }));
    await gateway.waitFor(() => gateway.webhookPosts.length === 3);
    expect(gateway.webhookPosts[2]!.body.markdown.text).toContain("引用");
    expect(gateway.webhookPosts).toHaveLength(3);
  });
});
