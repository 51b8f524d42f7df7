import { copyFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import Database from "better-sqlite3";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { JianfuError } from "../../src/errors.js";
import { migrate, MIGRATIONS, SCHEMA_VERSION, schemaVersion } from "../../src/store/migrations.js";
import { openSqliteStore } from "../../src/store/sqlite-store.js";
import { StoreError } from "../../src/store/store-error.js";
import { flagInput, tempDir } from "./helpers.js";

const fixture = (name: string) => join(import.meta.dirname, "..", "fixtures", "store", name);

describe("migrations", () => {
  let tmp: ReturnType<typeof tempDir>;
  beforeEach(() => (tmp = tempDir()));
  afterEach(() => tmp.cleanup());

  it("migrate an empty file to the latest version, in WAL mode, with all tables", () => {
    const path = join(tmp.dir, "empty.db");
    writeFileSync(path, ""); // a zero-byte file is an empty SQLite database
    openSqliteStore(path).close();
    const db = new Database(path, { readonly: true });
    expect(schemaVersion(db)).toBe(SCHEMA_VERSION);
    expect(db.pragma("journal_mode", { simple: true })).toBe("wal");
    const tables = (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all() as { name: string }[])
      .map((r) => r.name)
      .filter((n) => !n.startsWith("sqlite_"));
    expect(tables).toEqual([
      "answer_feedback",
      "answers",
      "chat_regions",
      "digest_messages",
      "digest_parts",
      "digests",
      "flag_recipients",
      "flags",
      "meta",
      "reply_jobs",
      "seen_messages",
    ]);
    db.close();
  });

  it("re-opening is idempotent: nothing applied twice, data intact", () => {
    const path = join(tmp.dir, "again.db");
    const s1 = openSqliteStore(path);
    s1.addFlag(flagInput());
    s1.close();
    const db = new Database(path);
    expect(migrate(db)).toEqual([]);
    expect(schemaVersion(db)).toBe(SCHEMA_VERSION);
    db.close();
    const s2 = openSqliteStore(path);
    expect(s2.listFlags()).toHaveLength(1);
    s2.close();
  });

  it("applies only pending steps, in order, and rolls back a failing step", () => {
    const db = new Database(":memory:");
    const steps = [
      { version: 1, description: "a", sql: "CREATE TABLE a (x)" },
      { version: 2, description: "b", sql: "CREATE TABLE b (x)" },
    ];
    expect(migrate(db, steps.slice(0, 1))).toEqual([1]);
    expect(migrate(db, steps)).toEqual([2]);
    const broken = [...steps, { version: 3, description: "c", sql: "CREATE TABLE c (x); CREATE TABLE a (y)" }];
    expect(() => migrate(db, broken)).toThrow(/already exists/);
    expect(schemaVersion(db)).toBe(2);
    expect(db.prepare("SELECT count(*) AS n FROM sqlite_master WHERE name = 'c'").get()).toEqual({ n: 0 });
    db.close();
  });

  it("migration versions are numbered 1, 2, 3… without gaps", () => {
    expect(MIGRATIONS.map((m) => m.version)).toEqual(MIGRATIONS.map((_, i) => i + 1));
  });
});

describe("opening a bad file", () => {
  let tmp: ReturnType<typeof tempDir>;
  beforeEach(() => (tmp = tempDir()));
  afterEach(() => tmp.cleanup());

  for (const name of ["corrupt.db", "bad-header.db"]) {
    it(`${name} → StoreError in Chinese naming the path`, () => {
      const path = join(tmp.dir, name);
      copyFileSync(fixture(name), path);
      let caught: unknown;
      try {
        openSqliteStore(path);
      } catch (err) {
        caught = err;
      }
      expect(caught).toBeInstanceOf(StoreError);
      expect(caught).toBeInstanceOf(JianfuError);
      const msg = (caught as StoreError).message;
      expect(msg).toContain(path);
      expect(msg).toMatch(/已损坏|不是 SQLite/);
      expect((caught as StoreError).path).toBe(path);
    });
  }

  it("a database from a newer version is refused, not downgraded", () => {
    const path = join(tmp.dir, "newer.db");
    const db = new Database(path);
    db.pragma(`user_version = ${SCHEMA_VERSION + 5}`);
    db.close();
    expect(() => openSqliteStore(path)).toThrow(StoreError);
    expect(() => openSqliteStore(path)).toThrow(new RegExp(`${SCHEMA_VERSION + 5}.*升级`));
  });

  it("a foreign SQLite database with a clashing table is refused with the path", () => {
    const path = join(tmp.dir, "foreign.db");
    const db = new Database(path);
    db.exec("CREATE TABLE flags (colour TEXT)");
    db.close();
    expect(() => openSqliteStore(path)).toThrow(StoreError);
    expect(() => openSqliteStore(path)).toThrow(path);
  });

  it("a directory where the file should be → StoreError naming the path", () => {
    expect(() => openSqliteStore(tmp.dir)).toThrow(StoreError);
    expect(() => openSqliteStore(tmp.dir)).toThrow(tmp.dir);
  });
});

describe("migration 2 on a version-1 database", () => {
  it("keeps feedback, treats flags already sent as sent to every recipient, and leaves new columns empty", () => {
    const tmp = tempDir();
    const path = join(tmp.dir, "v1.db");
    const db = new Database(path);
    migrate(db, MIGRATIONS.slice(0, 1));
    db.exec(`
      INSERT INTO digests (target, sent_at, flag_count) VALUES ('dingtalk:user:boss', 1, 1);
      INSERT INTO flags (time, channel, text, category, citations, confidence, reason, digest_id, created_at)
        VALUES (1, 'wechat', '已发送的', 'negative', '[]', 0.9, 'r', 1, 1), (2, 'wechat', '未发送的', 'burden', '[]', 0.8, 'r', NULL, 2);
      INSERT INTO answers (time, channel, question, verdict, citations, composer, feedback, feedback_at)
        VALUES (1, 'wechat', '问', 'duty', '[]', 'offline', '答得对', 5);
    `);
    db.close();
    const store = openSqliteStore(path);
    try {
      expect(store.listAnswers()[0]!.feedback).toEqual([{ text: "答得对", at: new Date(5), senderId: null }]);
      expect(store.listFlags({ notSentTo: "wechat:user:new-supervisor" }).map((f) => f.text)).toEqual(["未发送的"]);
      expect(store.listFlags().map((f) => [f.trace, f.kbVersion])).toEqual([
        [[], null],
        [[], null],
      ]);
    } finally {
      store.close();
      tmp.cleanup();
    }
  });
});

describe("migration 3 on a version-2 database", () => {
  it("keeps flags, answers and queued replies, and adds per-chat regions that outlive a reopen", () => {
    const tmp = tempDir();
    const path = join(tmp.dir, "v2.db");
    const db = new Database(path);
    migrate(db, MIGRATIONS.slice(0, 2));
    db.exec(`
      INSERT INTO flags (time, channel, text, category, citations, confidence, reason, trace, kb_version, created_at)
        VALUES (1, 'wechat', '各社区请查燃气', 'negative', '["gansu/negative/7"]', 0.9, 'r', '[{"rule":"item.match","span":"查燃气"}]', 'abc', 1);
      INSERT INTO answers (time, channel, question, verdict, citations, composer) VALUES (1, 'wechat', '问', 'duty', '[]', 'offline');
      INSERT INTO reply_jobs (channel, message_id, lane, payload, created_at, updated_at) VALUES ('wechat', 'm1', 'wechat:g:g1', '{}', 1, 1);
    `);
    db.close();
    const store = openSqliteStore(path, { now: () => new Date(7) });
    try {
      expect(schemaVersion(store.db)).toBe(3);
      expect(store.listFlags().map((f) => [f.text, f.citations, f.trace, f.kbVersion])).toEqual([
        ["各社区请查燃气", ["gansu/negative/7"], [{ rule: "item.match", span: "查燃气" }], "abc"],
      ]);
      expect(store.listAnswers()).toHaveLength(1);
      expect(store.countJobs("queued")).toBe(1);
      expect(store.chatRegion("wechat", "group:g1")).toBeUndefined();
      store.setChatRegion({ channel: "wechat", chat: "group:g1", region: "云南省昆明市西山区", setBy: "wechat:boss" });
    } finally {
      store.close();
    }
    const again = openSqliteStore(path);
    try {
      expect(again.chatRegion("wechat", "group:g1")).toEqual({
        channel: "wechat",
        chat: "group:g1",
        region: "云南省昆明市西山区",
        setBy: "wechat:boss",
        setAt: new Date(7),
      });
      // Per channel: the same group id on another platform is another chat.
      expect(again.chatRegion("dingtalk", "group:g1")).toBeUndefined();
      again.setChatRegion({ channel: "wechat", chat: "group:g1", region: "甘肃省" });
      expect(again.chatRegion("wechat", "group:g1")).toMatchObject({ region: "甘肃省", setBy: null });
      expect(again.clearChatRegion("wechat", "group:g1")).toBe(true);
      expect(again.clearChatRegion("wechat", "group:g1")).toBe(false);
      expect(again.chatRegion("wechat", "group:g1")).toBeUndefined();
    } finally {
      again.close();
      tmp.cleanup();
    }
  });
});
