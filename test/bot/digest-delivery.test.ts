import { afterEach, describe, expect, it } from "vitest";
import { createApp, type App } from "../../bot/app.js";
import { SendError } from "../../bot/channels/send-error.js";
import { Outbox } from "../../bot/outbox.js";
import { Scheduler } from "../../bot/scheduler.js";
import { readConfig } from "../../src/config.js";
import { silentLogger } from "../../src/logger.js";
import { pendingQuery } from "../../src/store/flag-query.js";
import { openSqliteStore, type SqliteStore } from "../../src/store/sqlite-store.js";
import { flagInput } from "../store/helpers.js";
import { FakeClock } from "./support/fake-clock.js";
import { FakeEngine, realKb } from "./support/fake-engine.js";
import { TestChannel } from "./support/test-channel.js";

let store: SqliteStore | undefined;
let app: App | undefined;
afterEach(async () => {
  await app?.stop();
  app = undefined;
  store?.close();
  store = undefined;
});

function scheduler(env: Record<string, string>, channel: TestChannel) {
  const clock = new FakeClock(new Date("2026-11-21T08:00:00Z"));
  store = openSqliteStore(":memory:", { now: () => clock.now() });
  const outbox = new Outbox({ store, clock, logger: silentLogger, attempts: 1 });
  const s = new Scheduler({ config: readConfig(env), store, kb: realKb(), channels: new Map([[channel.name, channel]]), outbox, clock, logger: silentLogger });
  return { scheduler: s, store, clock };
}

const copiesTo = (channel: TestChannel, id: string) => channel.sent.filter((s) => "id" in s.to && s.to.id === id).length;

describe("digest delivery, per recipient and per part", () => {
  it("a failing recipient never makes a healthy one receive the digest twice", async () => {
    const channel = new TestChannel();
    const { scheduler: s, store } = scheduler({ DIGEST_TARGETS: "test:user:a,test:user:b" }, channel);
    store.addFlag(flagInput({ messageId: "1" }));
    channel.unreachable.add("b");
    expect(await s.runDigest()).toMatchObject({ delivered: ["test:user:a"], failed: ["test:user:b"], sent: false });
    expect(await s.runDigest()).toMatchObject({ delivered: [], failed: ["test:user:b"] });
    channel.unreachable.delete("b");
    expect(await s.runDigest()).toMatchObject({ delivered: ["test:user:b"], failed: [] });
    expect([copiesTo(channel, "a"), copiesTo(channel, "b")]).toEqual([1, 1]);
    expect(await s.runDigest()).toMatchObject({ flags: 0, delivered: [], failed: [] });
    expect(store.countFlags(pendingQuery({ recipient: "test:user:b" }))).toBe(0);
  });

  it("a digest resumed after a failed part sends only the parts not yet sent", async () => {
    const channel = new TestChannel("test", 300);
    const { scheduler: s, store } = scheduler({ DIGEST_TARGETS: "test:user:a" }, channel);
    for (let n = 1; n <= 6; n++) store.addFlag(flagInput({ messageId: String(n) }));
    let sends = 0;
    channel.beforeSend = () => {
      if (++sends === 2) throw new SendError("平台繁忙", "rejected", 503);
    };
    expect(await s.runDigest()).toMatchObject({ failed: ["test:user:a"] });
    const partsBefore = channel.sent.length;
    expect(partsBefore).toBe(1);
    expect(await s.runDigest()).toMatchObject({ delivered: ["test:user:a"] });
    const parts = channel.sent.map((p) => p.out.text);
    expect(new Set(parts).size).toBe(parts.length);
    expect(parts[0]).toMatch(/^（1\/(\d+)）/);
    expect(parts.at(-1)).toMatch(new RegExp(`^（${parts.length}/${parts.length}）`));
  });

  it("a digest part that timed out (outcome unknown) is not retried: the supervisor gets one copy", async () => {
    const channel = new TestChannel();
    const { scheduler: s, store } = scheduler({ DIGEST_TARGETS: "test:group:sup" }, channel);
    store.addFlag(flagInput({ messageId: "1" }));
    let attempts = 0;
    channel.beforeSend = () => {
      attempts += 1;
      throw new SendError("钉钉接口超时，结果未知", "unknown");
    };
    expect(await s.runDigest()).toMatchObject({ delivered: ["test:group:sup"], flags: 1 });
    expect(await s.runDigest()).toMatchObject({ flags: 0 });
    expect(attempts).toBe(1);
  });

  it("a digest of 200,000 pending flags is one capped message that says how many were left out", async () => {
    const channel = new TestChannel("test", 100_000);
    const { scheduler: s, store } = scheduler({ DIGEST_TARGETS: "test:group:sup" }, channel);
    const insert = store.db.prepare(
      "INSERT INTO flags (time, channel, group_id, group_name, sender_name, text, category, citations, confidence, reason, created_at) VALUES (?, 'test', ?, ?, ?, '请各社区完成燃气检查', 'negative', '[\"gansu/negative/7\"]', 0.9, '特种设备', 0)",
    );
    store.db.transaction(() => {
      for (let i = 0; i < 200_000; i++) insert.run(1_763_600_000_000 + i, `g${i % 300}`, `第${i % 300}社区群`, `发送人${i % 1000}`);
    })();
    const run = await s.runDigest();
    expect(run).toMatchObject({ flags: 200_000, delivered: ["test:group:sup"] });
    expect(channel.sent).toHaveLength(1);
    expect(channel.sent[0]!.out.text).toContain("共标记 200000 条");
    expect(channel.sent[0]!.out.text).toContain("另有 199970 条未列出");
    expect(store.countFlags(pendingQuery())).toBe(0);
  });
});

describe("digest at start-up", () => {
  it("a digest missed while the bot was down is sent at start-up", async () => {
    const clock = new FakeClock(new Date("2026-11-22T02:00:00Z")); // 10:00 in Shanghai
    const channel = new TestChannel();
    store = openSqliteStore(":memory:", { now: () => clock.now() });
    store.addFlag(flagInput({ time: new Date("2026-11-21T03:00:00Z"), messageId: "1" }));
    store.setMeta("digest.checked_at", String(new Date("2026-11-21T04:00:00Z").getTime())); // before 18:00 yesterday
    app = await createApp({ config: readConfig({ HEALTH_PORT: "0", SUPERVISORS: "test:boss" }), logger: silentLogger, clock, engine: new FakeEngine(), store, channels: [channel] });
    await app.start();
    expect(await app.catchingUp).toMatchObject({ delivered: ["test:user:boss"], flags: 1 });
    expect(copiesTo(channel, "boss")).toBe(1);
    await app.stop();
    app = undefined;
    store = undefined;
  });

  it("nothing is sent at start-up when no digest time passed", async () => {
    const clock = new FakeClock(new Date("2026-11-21T06:00:00Z")); // 14:00 in Shanghai
    const channel = new TestChannel();
    store = openSqliteStore(":memory:", { now: () => clock.now() });
    store.addFlag(flagInput({ time: new Date("2026-11-21T03:00:00Z"), messageId: "1" }));
    app = await createApp({ config: readConfig({ HEALTH_PORT: "0", SUPERVISORS: "test:boss" }), logger: silentLogger, clock, engine: new FakeEngine(), store, channels: [channel] });
    await app.start();
    expect(await app.catchingUp).toBeUndefined();
    expect(channel.sent).toEqual([]);
    await app.stop();
    app = undefined;
    store = undefined;
  });
});

describe("health under a backlog", () => {
  it("/healthz counts 200,000 pending flags with one query instead of loading them", async () => {
    const clock = new FakeClock();
    store = openSqliteStore(":memory:", { now: () => clock.now() });
    const insert = store.db.prepare(
      "INSERT INTO flags (time, channel, text, category, citations, confidence, reason, created_at) VALUES (?, 'test', '请完成燃气检查', 'negative', '[]', 0.9, 'r', 0)",
    );
    store.db.transaction(() => {
      for (let i = 0; i < 200_000; i++) insert.run(clock.now().getTime() - i);
    })();
    let loaded = 0;
    const listFlags = store.listFlags.bind(store);
    store.listFlags = (q) => {
      loaded += 1;
      return listFlags(q);
    };
    app = await createApp({ config: readConfig({ HEALTH_PORT: "0" }), logger: silentLogger, clock, engine: new FakeEngine(), store, channels: [new TestChannel()] });
    await app.start();
    expect(app.health()).toMatchObject({ ok: true, flags: { pending: 200_000 } });
    expect(loaded).toBe(0);
    await app.stop();
    app = undefined;
    store = undefined;
  });
});
