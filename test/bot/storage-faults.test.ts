import { afterEach, describe, expect, it } from "vitest";
import { createApp, type App } from "../../bot/app.js";
import { readConfig } from "../../src/config.js";
import { silentLogger } from "../../src/logger.js";
import { isStorageFault } from "../../src/store/store-error.js";
import { openSqliteStore, type SqliteStore } from "../../src/store/sqlite-store.js";
import { FakeClock, flush } from "./support/fake-clock.js";
import { FakeEngine } from "./support/fake-engine.js";
import { TestChannel } from "./support/test-channel.js";

let app: App | undefined;
afterEach(async () => {
  await app?.stop();
  app = undefined;
});

async function start() {
  const clock = new FakeClock();
  const channel = new TestChannel();
  const store = openSqliteStore(":memory:", { now: () => clock.now() });
  app = await createApp({
    config: readConfig({ HEALTH_PORT: "0", SUPERVISORS: "test:boss" }),
    logger: silentLogger,
    clock,
    engine: new FakeEngine(),
    store,
    channels: [channel],
  });
  await app.start();
  return { app, channel, clock, store };
}

/** Every write fails as on a read-only file, until writable() is called. */
function unwritable(store: SqliteStore) {
  store.db.pragma("query_only = ON");
  return () => store.db.pragma("query_only = OFF");
}

describe("storage faults", () => {
  it("with the database unwritable a push is kept and retried, health says so, and nothing is lost once it is writable", async () => {
    const { app, channel, clock, store } = await start();
    const writable = unwritable(store);
    let taken = false;
    const pushes = [1, 2, 3].map((n) => channel.message(`各社区请于周五前完成燃气检查（${n}）`, { messageId: `p${n}` }));
    const intakes = pushes.map((m) => channel.take(m).then(() => (taken = true)));
    await clock.advance(5_000);
    expect(taken).toBe(false); // not recorded, so not acked
    expect(app.health()).toMatchObject({ ok: false, store: { writable: false }, replies: { held: 3 } });

    writable();
    await clock.advance(60_000);
    await Promise.all(intakes);
    expect(store.listFlags().map((f) => f.messageId)).toEqual(["p1", "p2", "p3"]);
    expect(app.health()).toMatchObject({ ok: true, store: { writable: true }, replies: { held: 0 } });
  });

  it("a question taken in while the disk was full is answered once it is not", async () => {
    const { channel, clock, store } = await start();
    const writable = unwritable(store);
    const q = channel.message("@减负助手 燃气检查归社区吗", { mentionsBot: true });
    const intake = channel.take(q);
    await clock.advance(2_000);
    writable();
    await clock.advance(30_000);
    await (await intake).answered;
    expect(channel.repliesTo(q.messageId)).toHaveLength(1);
  });

  it("starting while the database cannot write: the bot starts, says so, and stores what came in once it can", async () => {
    const clock = new FakeClock();
    const channel = new TestChannel();
    const store = openSqliteStore(":memory:", { now: () => clock.now() });
    const writable = unwritable(store);
    app = await createApp({ config: readConfig({ HEALTH_PORT: "0" }), logger: silentLogger, clock, engine: new FakeEngine(), store, channels: [channel] });
    await app.start();
    expect(await app.catchingUp).toBeUndefined();
    expect(app.health()).toMatchObject({ ok: false, store: { writable: false } });
    const intake = channel.take(channel.message("各社区请于周五前完成燃气检查", { messageId: "at-start" }));
    await clock.advance(1_000);
    writable();
    await clock.advance(30_000);
    await intake;
    expect(store.listFlags().map((f) => f.messageId)).toEqual(["at-start"]);
  });

  it("full disk and read-only errors are storage faults to retry; a constraint or a bug is not", () => {
    expect(isStorageFault(Object.assign(new Error("database or disk is full"), { code: "SQLITE_FULL" }))).toBe(true);
    expect(isStorageFault(Object.assign(new Error("attempt to write a readonly database"), { code: "SQLITE_READONLY" }))).toBe(true);
    expect(isStorageFault(Object.assign(new Error("UNIQUE constraint failed"), { code: "SQLITE_CONSTRAINT_UNIQUE" }))).toBe(false);
    expect(isStorageFault(new TypeError("x is undefined"))).toBe(false);
  });

  it("a real SQLITE_FULL (the database at its size limit) is reported unwritable and the flag waits for space", async () => {
    const { app, channel, clock, store } = await start();
    store.db.exec("CREATE TABLE filler (x BLOB)");
    const pages = store.db.pragma("page_count", { simple: true }) as number;
    store.db.pragma(`max_page_count = ${pages + 2}`);
    expect(() => {
      for (;;) store.db.prepare("INSERT INTO filler VALUES (randomblob(4000))").run();
    }).toThrow(/full/);
    const push = channel.message(`各社区请于周五前完成燃气检查。${"附件说明".repeat(500)}`, { messageId: "full-1" });
    const intake = channel.take(push);
    await clock.advance(1_000);
    expect(store.listFlags()).toEqual([]);
    expect(app.health().store.writable).toBe(false);

    store.db.exec("DROP TABLE filler");
    store.db.pragma("max_page_count = 1073741823");
    await clock.advance(30_000);
    await intake;
    await flush();
    expect(store.listFlags().map((f) => f.messageId)).toEqual(["full-1"]);
  });
});
