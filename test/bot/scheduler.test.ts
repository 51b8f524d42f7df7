import { afterEach, describe, expect, it } from "vitest";
import { Outbox } from "../../bot/outbox.js";
import { Scheduler } from "../../bot/scheduler.js";
import { digestTargets, parseDigestTarget } from "../../bot/digest-targets.js";
import { readConfig } from "../../src/config.js";
import { silentLogger } from "../../src/logger.js";
import { openSqliteStore, type SqliteStore } from "../../src/store/sqlite-store.js";
import { FakeClock } from "./support/fake-clock.js";
import { realKb } from "./support/fake-engine.js";
import { TestChannel } from "./support/test-channel.js";

let store: SqliteStore;
let scheduler: Scheduler | undefined;
afterEach(() => {
  scheduler?.stop();
  store?.close();
});

function make(env: Record<string, string>, channels: TestChannel[]) {
  const clock = new FakeClock(new Date("2025-03-03T08:00:00Z"));
  store = openSqliteStore(":memory:", { now: () => clock.now() });
  const outbox = new Outbox({ store, clock, logger: silentLogger, attempts: 1 });
  scheduler = new Scheduler({
    config: readConfig(env),
    store,
    kb: realKb(),
    channels: new Map(channels.map((c) => [c.name, c])),
    outbox,
    clock,
    logger: silentLogger,
  });
  return { clock, scheduler };
}

function flag(time: Date, channel = "test") {
  return store.addFlag({
    time,
    channel,
    groupId: "g1",
    groupName: "幸福社区工作群",
    senderName: "王某",
    text: "请各社区完成燃气检查",
    category: "negative",
    citations: ["gansu/negative/7"],
    confidence: 0.9,
    reason: "特种设备安全检查",
  });
}

describe("digest targets", () => {
  it("parses DIGEST_TARGETS entries", () => {
    expect(parseDigestTarget("dingtalk:group:cidXXX==")).toEqual({
      channel: "dingtalk",
      target: { kind: "group", id: "cidXXX==" },
      label: "dingtalk:group:cidXXX==",
    });
    expect(parseDigestTarget("wechat:room:123@chatroom").target).toEqual({ kind: "group", id: "123@chatroom" });
    expect(parseDigestTarget("console:user:张三").target).toEqual({ kind: "user", id: "张三" });
    expect(() => parseDigestTarget("张三")).toThrow(/DIGEST_TARGETS/);
  });

  it("falls back to each supervisor's private chat on the running channels", () => {
    const config = readConfig({ SUPERVISORS: "dingtalk:d1,wechat:w1,both" });
    expect(digestTargets(config, ["dingtalk", "console"]).map((t) => t.label)).toEqual([
      "dingtalk:user:d1",
      "dingtalk:user:both",
      "console:user:both",
    ]);
    const explicit = readConfig({ DIGEST_TARGETS: "dingtalk:group:c1,wechat:room:r1", SUPERVISORS: "x" });
    expect(digestTargets(explicit, ["dingtalk"]).map((t) => t.label)).toEqual(["dingtalk:group:c1"]);
  });
});

describe("scheduler", () => {
  it("schedules the digest at DIGEST_CRON in DIGEST_TIMEZONE (default 18:00 Asia/Shanghai)", () => {
    const { scheduler } = make({}, [new TestChannel()]);
    expect(scheduler.nextDigestAt()).toBeNull();
    scheduler.start();
    const next = scheduler.nextDigestAt()!;
    // 18:00 in Shanghai is 10:00 UTC.
    expect(next.getUTCHours()).toBe(10);
    expect(next.getUTCMinutes()).toBe(0);
    scheduler.stop();
    expect(scheduler.nextDigestAt()).toBeNull();
  });

  it("purges flags older than FLAG_RETENTION_DAYS at start", () => {
    const { clock, scheduler } = make({ FLAG_RETENTION_DAYS: "30" }, [new TestChannel()]);
    const old = flag(new Date(clock.now().getTime() - 31 * 86_400_000));
    const recent = flag(new Date(clock.now().getTime() - 29 * 86_400_000));
    scheduler.start();
    expect(store.getFlag(old.id)).toBeUndefined();
    expect(store.getFlag(recent.id)).toBeDefined();
  });

  it("sends to DIGEST_TARGETS, leaves out dismissed flags, and sends nothing when there is nothing new", async () => {
    const ch = new TestChannel("test");
    const { clock, scheduler } = make({ DIGEST_TARGETS: "test:group:sup-group" }, [ch]);
    const a = flag(clock.now());
    const b = flag(clock.now());
    store.setFlagStatus(b.id, "dismissed", "test:boss");
    const run = await scheduler.runDigest();
    expect(run).toMatchObject({ flags: 1, sent: true, delivered: ["test:group:sup-group"] });
    expect(ch.sent.map((s) => s.to)).toEqual([{ kind: "group", id: "sup-group" }]);
    expect(store.getFlag(a.id)!.digestId).not.toBeNull();
    expect(await scheduler.runDigest()).toMatchObject({ flags: 0, sent: false });
    expect(ch.sent).toHaveLength(1);
  });

  it("with no recipient at all, keeps the flags for later", async () => {
    const { clock, scheduler } = make({ SUPERVISORS: "" }, [new TestChannel()]);
    flag(clock.now());
    expect(await scheduler.runDigest()).toMatchObject({ flags: 1, sent: false });
    expect(store.listFlags({ unsent: true })).toHaveLength(1);
  });
});
