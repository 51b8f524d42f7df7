import { readFileSync } from "node:fs";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createApp, type App } from "../../bot/app.js";
import { createDingtalkChannel } from "../../bot/channels/dingtalk.js";
import { readConfig } from "../../src/config.js";
import { APOLOGY, ConfigError } from "../../src/errors.js";
import { silentLogger } from "../../src/logger.js";
import type { SqliteStore } from "../../src/store/sqlite-store.js";
import { startFakeDingtalkGateway, type FakeDingtalkGateway } from "../support/dingtalk-gateway.js";
import { PUSH, QUESTION, tempDir, until } from "./support.js";

/** DingTalk under faults: the real dingtalk-stream client against the fake gateway on 127.0.0.1. */
let gateway: FakeDingtalkGateway;
let apps: App[] = [];
let tmp: ReturnType<typeof tempDir>;

beforeEach(async () => {
  gateway = await startFakeDingtalkGateway();
  tmp = tempDir();
});

afterEach(async () => {
  for (const app of apps) await app.stop();
  apps = [];
  await gateway.close();
  tmp.cleanup();
});

function config(env: Record<string, string> = {}) {
  return readConfig({
    HEALTH_PORT: "0",
    DATABASE_PATH: `${tmp.dir}/jianfu.db`,
    DINGTALK_CLIENT_ID: "dingclientid",
    DINGTALK_CLIENT_SECRET: "secret",
    DINGTALK_GATEWAY_URL: gateway.gatewayUrl,
    DINGTALK_API_BASE: gateway.base,
    DIGEST_TARGETS: "dingtalk:group:cidSupervisors==",
    ...env,
  });
}

/** The app, with a channel whose HTTP timeout is short (the probe's 11 s webhook, scaled down). */
async function startApp(opts: { timeoutMs?: number; env?: Record<string, string> } = {}): Promise<App> {
  const c = config(opts.env);
  const channel = createDingtalkChannel({
    clientId: "dingclientid",
    clientSecret: "secret",
    gatewayUrl: gateway.gatewayUrl,
    apiBase: gateway.base,
    botName: c.BOT_NAME,
    logger: silentLogger,
    backoff: { initialMs: 10, maxMs: 50 },
    retryBackoff: { initialMs: 5, maxMs: 20 },
    timeoutMs: opts.timeoutMs,
  });
  const app = await createApp({ config: c, logger: silentLogger, channels: [channel], outbox: { attempts: 3, baseDelayMs: 10 } });
  apps.push(app);
  await app.start();
  return app;
}

function robotMessage(overrides: Record<string, unknown> = {}) {
  const base = JSON.parse(readFileSync(new URL("../fixtures/dingtalk/group-at-message.json", import.meta.url), "utf8"));
  return { ...base, sessionWebhook: gateway.webhookUrl(), ...overrides };
}
const ask = (msgId: string, text = QUESTION) => robotMessage({ msgId, text: { content: ` ${text}` } });
const push = (msgId: string, text = PUSH, extra: Record<string, unknown> = {}) =>
  robotMessage({ msgId, isInAtList: false, text: { content: text }, ...extra });
const repliesText = () => gateway.accepted.map((p) => JSON.stringify(p.body));

describe("at-least-once in", () => {
  it("a push is acked only after its flag is committed: unacked while the database cannot write, then stored and acked", async () => {
    const app = await startApp();
    const store = app.store as SqliteStore;
    store.db.pragma("query_only = ON");
    const frame = gateway.pushRobotMessage(push("held-1"));
    await until(() => app.router.held === 1);
    expect(gateway.acks.map((a) => a.headers.messageId)).not.toContain(frame);
    expect(app.health()).toMatchObject({ ok: false, store: { writable: false } });
    store.db.pragma("query_only = OFF");
    await gateway.waitFor(() => gateway.acks.some((a) => a.headers.messageId === frame));
    expect(store.listFlags().map((f) => f.messageId)).toEqual(["held-1"]);
  });

  it("a redelivery after a restart is answered once", async () => {
    const first = await startApp();
    gateway.pushRobotMessage(ask("again-1"));
    await gateway.waitFor(() => gateway.accepted.length === 1);
    await first.stop();
    apps = [];

    await startApp();
    const redelivered = gateway.pushRobotMessage(ask("again-1"));
    gateway.pushRobotMessage(ask("next-1", "帮助"));
    await gateway.waitFor(() => gateway.accepted.length === 2 && gateway.acks.some((a) => a.headers.messageId === redelivered));
    expect(repliesText()[1]).toContain("您好，我是减负助手");
  });

  it("a redelivery after 10,001 other messages is answered once", async () => {
    const app = await startApp();
    gateway.pushRobotMessage(ask("early-1"));
    await gateway.waitFor(() => gateway.accepted.length === 1);
    for (let i = 0; i < 10_001; i++) gateway.pushRobotMessage(push(`chat-${i}`, `大家好，今天的会议改到下午三点（${i}）`));
    await gateway.waitFor(() => gateway.acks.length >= 10_002);
    gateway.pushRobotMessage(ask("early-1"));
    gateway.pushRobotMessage(ask("late-1", "帮助"));
    await gateway.waitFor(() => gateway.accepted.length === 2);
    await until(() => gateway.acks.length === 10_004);
    expect(repliesText()[1]).toContain("您好，我是减负助手");
    await until(() => app.store.countJobs("done") === 2);
    expect(gateway.accepted).toHaveLength(2);
  });

  it("a frame without a topic is acked (not redelivered forever) and skipped", async () => {
    await startApp();
    gateway.broadcast(JSON.stringify({ specVersion: "1.0", type: "CALLBACK", headers: { messageId: "no-topic-1" }, data: "{}" }));
    await gateway.waitFor(() => gateway.acks.some((a) => a.headers.messageId === "no-topic-1"));
    gateway.pushRobotMessage(ask("after-1", "帮助"));
    await gateway.waitFor(() => gateway.accepted.length === 1);
  });

  it("a bad createAt falls back to the time received; the flag is stored, not lost", async () => {
    const app = await startApp();
    const before = Date.now();
    gateway.pushRobotMessage(push("bad-time-1", PUSH, { createAt: "not a time" }));
    gateway.pushRobotMessage(push("bad-time-2", PUSH, { createAt: 1e20 }));
    await until(() => app.store.listFlags().length === 2);
    for (const f of app.store.listFlags()) expect(f.time.getTime()).toBeGreaterThanOrEqual(before);
  });
});

describe("exactly-once out", () => {
  it("a webhook that answers after the timeout gives the user the answer once and no apology", async () => {
    await startApp({ timeoutMs: 300 });
    gateway.webhookDelayMs = 800;
    gateway.pushRobotMessage(ask("slow-1"));
    await gateway.waitFor(() => gateway.accepted.length === 1);
    gateway.webhookDelayMs = 0;
    gateway.pushRobotMessage(ask("fast-1", "帮助"));
    await gateway.waitFor(() => gateway.accepted.length === 2);
    await new Promise((r) => setTimeout(r, 500));
    expect(gateway.webhookPosts).toHaveLength(2);
    expect(gateway.groupSends).toHaveLength(0);
    expect(repliesText().join()).not.toContain(APOLOGY);
  });

  it("a digest API that answers after the timeout gives the supervisor one copy", async () => {
    const app = await startApp({ timeoutMs: 300 });
    gateway.pushRobotMessage(push("digest-1"));
    await until(() => app.store.listFlags().length === 1);
    gateway.sendDelayMs = 800;
    expect(await app.scheduler.runDigest()).toMatchObject({ delivered: ["dingtalk:group:cidSupervisors=="] });
    gateway.sendDelayMs = 0;
    expect(await app.scheduler.runDigest()).toMatchObject({ flags: 0 });
    expect(gateway.groupSends).toHaveLength(1);
  });
});

describe("platform faults", () => {
  it("429 and transient 4xx on the first gateway call are retried, honouring Retry-After", async () => {
    gateway.openAnswers.push({ status: 429, body: { code: "Throttling" }, headers: { "retry-after": "0" } }, { status: 408, body: {} });
    const app = await startApp();
    await until(() => app.health().channels[0]!.connected);
    expect(gateway.opens).toHaveLength(3);
    gateway.pushRobotMessage(ask("after-429", "帮助"));
    await gateway.waitFor(() => gateway.accepted.length === 1);
  });

  it("a credential error stops the start with a clear message instead of leaving the channel dead", async () => {
    gateway.clientSecret = "rotated";
    await expect(startApp()).rejects.toThrow(ConfigError);
    await expect(startApp()).rejects.toThrow(/DINGTALK_CLIENT_SECRET/);
  });

  it("DingTalk's throttling errcode in a 200 body is retried and the reply goes out once", async () => {
    await startApp();
    gateway.webhookErrcodes.push(130101);
    gateway.pushRobotMessage(ask("throttled-1", "帮助"));
    await gateway.waitFor(() => gateway.accepted.length === 1);
    expect(gateway.webhookPosts).toHaveLength(2);
  });

  it("the OpenAPI answering 429 with Retry-After is tried again after the time asked, and the digest goes out once", async () => {
    const app = await startApp();
    gateway.pushRobotMessage(push("throttled-digest"));
    await until(() => app.store.listFlags().length === 1);
    gateway.sendAnswers.push({ status: 429, body: { code: "Forbidden.AccessDenied.QpsLimitForApi" }, headers: { "retry-after": "1" } });
    const started = Date.now();
    expect(await app.scheduler.runDigest()).toMatchObject({ delivered: ["dingtalk:group:cidSupervisors=="] });
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
    expect(gateway.groupSends).toHaveLength(2);
    expect(gateway.accepted).toHaveLength(1);
  });

  it("health reports a lost DingTalk connection", async () => {
    const app = await startApp();
    gateway.failOpens = 1_000;
    gateway.dropSockets();
    await until(() => !app.health().ok);
    expect(app.health()).toMatchObject({ ok: false, channels: [{ name: "dingtalk", started: true, connected: false }] });
  });

  it("traditional characters pass through the bot: a question in 繁體 is answered, not apologised for", async () => {
    await startApp();
    gateway.pushRobotMessage(ask("trad-1", "街道讓我們查轄區商鋪的燃氣，這是社區的事嗎？"));
    gateway.pushRobotMessage(ask("trad-2", "幫助"));
    await gateway.waitFor(() => gateway.accepted.length === 2);
    expect(repliesText().join()).not.toContain(APOLOGY);
  });
});
