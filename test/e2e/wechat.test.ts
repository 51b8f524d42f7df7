import { describe, expect, it } from "vitest";
import { wechatHarness } from "./harness.js";
import { openSqliteStore } from "../../src/store/sqlite-store.js";
import { PUSH, QUESTION, until } from "./support.js";

/** WeChat end to end: wechaty + wechaty-puppet-mock → the real channel, engine, SQLite file, router. */
const harness = wechatHarness();
const setUp = () => harness.room({ topic: "东岗街道社区工作群", rooms: ["东岗街道社区工作群"] });

describe("wechat end to end", () => {
  it("a member @-mentions the bot in a room and gets a cited answer @-ing them", async () => {
    const { app, self, zhang, room, botSaid } = await setUp();
    zhang.say(`@减负助手\u2005${QUESTION}`, [self]).to(room);
    await until(() => botSaid().length > 0);

    const expected = await app.engine.ask(QUESTION);
    expect(expected.citations.length).toBeGreaterThan(0);
    const [reply] = botSaid();
    expect(reply).toMatchObject({ roomId: room.id });
    expect(reply!.text.startsWith("@张三")).toBe(true);
    expect(reply!.text).toContain(expected.answer.split("\n")[0]!);
    expect(reply!.text).toContain(expected.citations[0]!);
  });

  it("a push in the room becomes a flag in the SQLite file; supervisor's 汇总 gets the digest, others are refused", async () => {
    const { self, zhang, wang, boss, room, dbPath, botSaid } = await setUp();
    wang.say(PUSH).to(room);
    const reader = openSqliteStore(dbPath);
    try {
      await until(() => reader.listFlags().length > 0);
      const [flag] = reader.listFlags();
      expect(flag).toMatchObject({ channel: "wechat", groupId: room.id, groupName: "东岗街道社区工作群", senderName: "王主任", text: PUSH });
      expect(flag!.citations.length).toBeGreaterThan(0);
      // By default the group sees nothing of the flag.
      expect(botSaid()).toEqual([]);

      zhang.say("@减负助手\u2005汇总", [self]).to(room);
      await until(() => botSaid().length === 1);
      expect(botSaid()[0]!.text).toContain("仅供督导使用");

      boss.say("汇总").to(self);
      await until(() => botSaid().length === 2);
      const digest = botSaid()[1]!;
      expect(digest.listenerId).toBe(boss.id);
      expect(digest.text).toContain("督导汇总");
      expect(digest.text).toContain("王主任");
      expect(digest.text).toContain(`${flag!.id}`);

      boss.say(`确认 ${flag!.id}`).to(self);
      await until(() => botSaid().length === 3);
      expect(reader.getFlag(flag!.id)!.status).toBe("confirmed");
    } finally {
      reader.close();
    }
  });

  it("the scheduled digest goes to the supervisor's private chat and marks the flags sent", async () => {
    const { app, wang, boss, room, botSaid } = await setUp();
    wang.say(PUSH).to(room);
    await until(() => app.store.listFlags().length > 0);
    const run = await app.scheduler.runDigest();
    expect(run).toMatchObject({ flags: 1, sent: true, delivered: ["wechat:user:wxid_boss"] });
    expect(botSaid().map((m) => m.listenerId)).toEqual([boss.id]);
    expect(app.store.listFlags({ unsent: true })).toEqual([]);
  });
});
