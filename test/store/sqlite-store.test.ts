import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { openSqliteStore, type SqliteStore } from "../../src/store/sqlite-store.js";
import { flagInput, tempDir } from "./helpers.js";

describe("SQLite store: flags", () => {
  let store: SqliteStore;
  let clock: Date;
  beforeEach(() => {
    clock = new Date("2026-11-21T10:00:00Z");
    store = openSqliteStore(":memory:", { now: () => clock });
  });
  afterEach(() => store.close());

  it("stores every flag field and returns Dates and parsed JSON", () => {
    const opinion = { flagged: true, category: "negative", reason: "二次确认" };
    const f = store.addFlag(
      flagInput({ messageId: "m-1", reporterId: "r9", reporterName: "李四", reporterConsent: true, llmOpinion: opinion }),
    );
    expect(f.id).toBe(1);
    const got = store.getFlag(f.id)!;
    expect(got.time).toBeInstanceOf(Date);
    expect(got.time.toISOString()).toBe("2026-11-20T02:00:00.000Z");
    expect(got).toMatchObject({
      channel: "wechat",
      groupId: "g1",
      groupName: "城关街道社区工作群",
      senderId: "u1",
      senderName: "街道安监办 王某",
      category: "negative",
      citations: ["gansu/negative/7"],
      confidence: 0.93,
      reporterId: "r9",
      reporterName: "李四",
      reporterConsent: true,
      llmOpinion: opinion,
      messageId: "m-1",
      status: "new",
      statusBy: null,
      statusAt: null,
      statusNote: null,
      digestId: null,
    });
  });

  it("missing optional fields come back as null, consent as false", () => {
    const f = store.addFlag({
      time: new Date("2026-11-20T02:00:00Z"),
      channel: "console",
      text: "请各社区下载某APP，每户不少于2人",
      category: "burden",
      citations: [],
      confidence: 0.6,
      reason: "下载任务",
    });
    expect(f).toMatchObject({ groupId: null, senderName: null, reporterId: null, reporterConsent: false, llmOpinion: null, messageId: null });
  });

  it("the same platform message is stored once; addFlag returns the existing flag", () => {
    const first = store.addFlag(flagInput({ messageId: "dup", text: "第一次" }));
    const again = store.addFlag(flagInput({ messageId: "dup", text: "第二次" }));
    expect(again.id).toBe(first.id);
    expect(again.text).toBe("第一次");
    // Same id on another channel is another message; no id means no dedupe.
    const other = store.addFlag(flagInput({ messageId: "dup", channel: "dingtalk" }));
    expect(other.id).not.toBe(first.id);
    store.addFlag(flagInput());
    store.addFlag(flagInput());
    expect(store.listFlags()).toHaveLength(4);
  });

  it("rejects an invalid category or confidence before touching the table", () => {
    expect(() => store.addFlag(flagInput({ confidence: 1.5 }))).toThrow(/confidence/);
    expect(() => store.addFlag(flagInput({ category: "other" as never }))).toThrow(/category/);
    expect(() => store.addFlag(flagInput({ time: new Date("nope") }))).toThrow(/Date/);
    expect(store.listFlags()).toHaveLength(0);
  });

  it("changes status with who, when and a note", () => {
    const f = store.addFlag(flagInput());
    const confirmed = store.setFlagStatus(f.id, "confirmed", "dingtalk:sup1")!;
    expect(confirmed.status).toBe("confirmed");
    expect(confirmed.statusBy).toBe("dingtalk:sup1");
    expect(confirmed.statusAt?.toISOString()).toBe("2026-11-21T10:00:00.000Z");
    expect(confirmed.statusNote).toBeNull();
    clock = new Date("2026-11-22T08:00:00Z");
    const dismissed = store.setFlagStatus(f.id, "dismissed", "sup2", "街道自己检查，社区只通知")!;
    expect(dismissed).toMatchObject({ status: "dismissed", statusBy: "sup2", statusNote: "街道自己检查，社区只通知" });
    expect(dismissed.statusAt?.toISOString()).toBe("2026-11-22T08:00:00.000Z");
    expect(store.setFlagStatus(999, "confirmed", "x")).toBeUndefined();
    expect(() => store.setFlagStatus(f.id, "bogus" as never, "x")).toThrow(/status/);
  });

  it("lists by status, time window, group and limit, oldest first", () => {
    const t = (h: number) => new Date(Date.UTC(2026, 10, 20, h));
    const a = store.addFlag(flagInput({ time: t(5), groupId: "g1" }));
    const b = store.addFlag(flagInput({ time: t(1), groupId: "g2" }));
    const c = store.addFlag(flagInput({ time: t(3), groupId: "g1" }));
    store.setFlagStatus(c.id, "dismissed", "s");
    expect(store.listFlags().map((f) => f.id)).toEqual([b.id, c.id, a.id]);
    expect(store.listFlags({ status: "new" }).map((f) => f.id)).toEqual([b.id, a.id]);
    expect(store.listFlags({ status: ["dismissed", "confirmed"] }).map((f) => f.id)).toEqual([c.id]);
    expect(store.listFlags({ status: [] })).toEqual([]);
    expect(store.listFlags({ since: t(3) }).map((f) => f.id)).toEqual([c.id, a.id]);
    expect(store.listFlags({ since: t(1), until: t(5) }).map((f) => f.id)).toEqual([b.id, c.id]);
    expect(store.listFlags({ groupIds: ["g1"] }).map((f) => f.id)).toEqual([c.id, a.id]);
    expect(store.listFlags({ groupIds: [] })).toEqual([]);
    expect(store.listFlags({ limit: 2 }).map((f) => f.id)).toEqual([b.id, c.id]);
  });

  it("markDigestSent records the digest and hides its flags from the unsent query", () => {
    const ids = [1, 2, 3].map((i) => store.addFlag(flagInput({ messageId: `m${i}` })).id);
    expect(store.listFlags({ unsent: true })).toHaveLength(3);
    const digestId = store.markDigestSent(ids.slice(0, 2), "dingtalk:sup1", new Date("2026-11-21T10:00:00Z"));
    expect(digestId).toBeGreaterThan(0);
    expect(store.listFlags({ unsent: true }).map((f) => f.id)).toEqual([ids[2]]);
    expect(store.getFlag(ids[0]!)!.digestId).toBe(digestId);
    expect(store.listDigests()).toEqual([{ id: digestId, target: "dingtalk:sup1", sentAt: new Date("2026-11-21T10:00:00Z"), flagCount: 2 }]);
    // A flag keeps the first digest it went out in.
    const second = store.markDigestSent(ids, "wechat:room", new Date("2026-11-22T10:00:00Z"));
    expect(store.getFlag(ids[0]!)!.digestId).toBe(digestId);
    expect(store.getFlag(ids[2]!)!.digestId).toBe(second);
    expect(store.listFlags({ unsent: true })).toEqual([]);
  });

  it("purgeBefore deletes old flags and answers, keeps newer ones", () => {
    const old = store.addFlag(flagInput({ time: new Date("2026-01-01T00:00:00Z"), messageId: "old" }));
    const recent = store.addFlag(flagInput({ time: new Date("2026-11-01T00:00:00Z"), messageId: "new" }));
    store.markDigestSent([old.id], "t", new Date("2026-01-02T00:00:00Z"));
    const base = { channel: "console", question: "燃气检查是社区的事吗", verdict: "negative", citations: ["gansu/negative/7"], composer: "offline" };
    store.logAnswer({ ...base, time: new Date("2026-01-01T00:00:00Z") });
    const keep = store.logAnswer({ ...base, time: new Date("2026-11-01T00:00:00Z") });
    expect(store.purgeBefore(new Date("2026-06-01T00:00:00Z"))).toBe(1);
    expect(store.listFlags().map((f) => f.id)).toEqual([recent.id]);
    expect(store.listAnswers().map((a) => a.id)).toEqual([keep]);
    expect(store.listDigests()).toEqual([]);
    // The purged message may be stored again: its dedupe row is gone.
    expect(store.addFlag(flagInput({ time: new Date("2026-01-01T00:00:00Z"), messageId: "old" })).id).not.toBe(old.id);
  });
});

describe("SQLite store: answer log", () => {
  it("logs answers with citations and keeps every piece of feedback (a second one does not overwrite the first)", () => {
    const store = openSqliteStore(":memory:", { now: () => new Date("2026-11-21T12:00:00Z") });
    const id = store.logAnswer({
      time: new Date("2026-11-21T11:00:00Z"),
      channel: "dingtalk",
      groupId: "g1",
      senderId: "u7",
      question: "社区要负责电梯安全检查吗？",
      verdict: "negative",
      citations: ["gansu/negative/7", "gansu/duty/17"],
      composer: "offline",
    });
    expect(store.addAnswerFeedback(id, "答得对", "u7")).toBe(true);
    expect(store.addAnswerFeedback(id, "补充：还应引用第17项", "u7")).toBe(true);
    expect(store.addAnswerFeedback(id + 100, "x")).toBe(false);
    const [log] = store.listAnswers();
    expect(log).toEqual({
      id,
      time: new Date("2026-11-21T11:00:00Z"),
      channel: "dingtalk",
      groupId: "g1",
      senderId: "u7",
      question: "社区要负责电梯安全检查吗？",
      verdict: "negative",
      citations: ["gansu/negative/7", "gansu/duty/17"],
      composer: "offline",
      feedback: [
        { text: "答得对", senderId: "u7", at: new Date("2026-11-21T12:00:00Z") },
        { text: "补充：还应引用第17项", senderId: "u7", at: new Date("2026-11-21T12:00:00Z") },
      ],
    });
    store.close();
  });
});

describe("SQLite store: a real file", () => {
  let tmp: ReturnType<typeof tempDir>;
  beforeEach(() => (tmp = tempDir()));
  afterEach(() => tmp.cleanup());

  it("creates the parent directory, uses WAL, and keeps data across reopen", () => {
    const path = join(tmp.dir, "nested", "deeper", "jianfu.db");
    const a = openSqliteStore(path);
    const f = a.addFlag(flagInput({ messageId: "persist" }));
    a.close();
    const b = openSqliteStore(path);
    expect(b.getFlag(f.id)?.text).toBe(f.text);
    expect(b.path).toBe(path);
    b.close();
  });
});
