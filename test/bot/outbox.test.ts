import { afterEach, describe, expect, it } from "vitest";
import { Outbox } from "../../bot/outbox.js";
import { Scheduler } from "../../bot/scheduler.js";
import { readConfig } from "../../src/config.js";
import { silentLogger } from "../../src/logger.js";
import { openSqliteStore, type SqliteStore } from "../../src/store/sqlite-store.js";
import { FakeClock } from "./support/fake-clock.js";
import { realKb } from "./support/fake-engine.js";
import { TestChannel } from "./support/test-channel.js";

let store: SqliteStore;
afterEach(() => store?.close());

function setup(failSends: number) {
  const clock = new FakeClock();
  store = openSqliteStore(":memory:", { now: () => clock.now() });
  const channel = new TestChannel("test");
  channel.failSends = failSends;
  for (const text of ["请各社区完成燃气检查", "请各社区完成电梯检查"]) {
    store.addFlag({
      time: clock.now(),
      channel: "test",
      groupId: "g1",
      groupName: "幸福社区工作群",
      senderId: "s1",
      senderName: "王某",
      text,
      category: "negative",
      citations: ["gansu/negative/7"],
      confidence: 0.9,
      reason: "特种设备安全检查",
    });
  }
  const outbox = new Outbox({ store, clock, logger: silentLogger, attempts: 4, baseDelayMs: 1_000 });
  const scheduler = new Scheduler({
    config: readConfig({ SUPERVISORS: "test:boss" }),
    store,
    kb: realKb(),
    channels: new Map([["test", channel]]),
    outbox,
    clock,
    logger: silentLogger,
  });
  return { clock, channel, scheduler };
}

/** Runs a digest while moving the fake clock, so the outbox's backoff sleeps pass. */
async function runDigest(clock: FakeClock, scheduler: Scheduler) {
  const run = scheduler.runDigest();
  let settled = false;
  void run.finally(() => (settled = true));
  while (!settled) await clock.advance(1_000);
  return run;
}

describe("outbox", () => {
  it("retries a failing send and marks the flags sent exactly once", async () => {
    const { clock, channel, scheduler } = setup(2);
    const result = await runDigest(clock, scheduler);
    expect(result).toMatchObject({ flags: 2, sent: true, delivered: ["test:user:boss"], failed: [] });
    expect(channel.sendAttempts).toBe(3);
    expect(channel.sent).toHaveLength(1);
    expect(channel.sent[0]!.to).toEqual({ kind: "user", id: "boss" });
    expect(store.listDigests()).toHaveLength(1);
    expect(store.listDigests()[0]).toMatchObject({ target: "test:user:boss", flagCount: 2 });
    expect(store.listFlags({ unsent: true })).toHaveLength(0);

    // Nothing new: the next run sends nothing.
    const again = await runDigest(clock, scheduler);
    expect(again.flags).toBe(0);
    expect(channel.sent).toHaveLength(1);
  });

  it("leaves the flags unsent when every attempt fails, and sends them next run", async () => {
    const { clock, channel, scheduler } = setup(Infinity);
    const result = await runDigest(clock, scheduler);
    expect(result).toMatchObject({ flags: 2, sent: false, failed: ["test:user:boss"] });
    expect(channel.sendAttempts).toBe(4);
    expect(store.listFlags({ unsent: true })).toHaveLength(2);
    expect(store.listDigests()).toHaveLength(0);

    channel.failSends = 0;
    const next = await runDigest(clock, scheduler);
    expect(next).toMatchObject({ flags: 2, sent: true });
    expect(store.listFlags({ unsent: true })).toHaveLength(0);
  });

  it("backs off between attempts (doubling)", async () => {
    const { clock, channel, scheduler } = setup(2);
    const run = scheduler.runDigest();
    await clock.advance(0);
    expect(channel.sendAttempts).toBe(1);
    await clock.advance(999);
    expect(channel.sendAttempts).toBe(1);
    await clock.advance(1);
    expect(channel.sendAttempts).toBe(2);
    await clock.advance(1_999);
    expect(channel.sendAttempts).toBe(2);
    await clock.advance(1);
    expect(channel.sendAttempts).toBe(3);
    await expect(run).resolves.toMatchObject({ sent: true });
  });
});
