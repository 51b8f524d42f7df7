import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { PuppetMock, mock } from "wechaty-puppet-mock";
import type * as PUPPET from "wechaty-puppet";
import { createApp, type App } from "../../bot/app.js";
import { createWechatChannel } from "../../bot/channels/wechat.js";
import { readConfig } from "../../src/config.js";
import { silentLogger } from "../../src/logger.js";
import { openSqliteStore } from "../../src/store/sqlite-store.js";
import { PUSH, QUESTION, tempDir, until } from "./support.js";

/** WeChat end to end: wechaty + wechaty-puppet-mock → the real channel, engine, SQLite file, router. */
let app: App | undefined;
let tmp: ReturnType<typeof tempDir>;
let seen: PUPPET.payloads.Message[];

beforeEach(() => {
  tmp = tempDir();
  seen = [];
});

afterEach(async () => {
  await app?.stop();
  app = undefined;
  tmp.cleanup();
});

async function setUp() {
  const mocker = new mock.Mocker();
  const puppet = new PuppetMock({ mocker });
  puppet.on("message", ({ messageId }) => void seen.push(mocker.messagePayload(messageId)));
  const dbPath = `${tmp.dir}/jianfu.db`;
  const config = readConfig({
    HEALTH_PORT: "0",
    DATABASE_PATH: dbPath,
    CHANNELS: "wechat",
    SUPERVISORS: "wechat:wxid_boss",
    WECHAT_ROOMS: "东岗街道社区工作群",
  });
  const channel = createWechatChannel({
    puppet,
    rooms: config.WECHAT_ROOMS,
    botName: config.BOT_NAME,
    logger: silentLogger,
    minSendGapMs: 0,
    onScan: () => {},
  });
  app = await createApp({ config, logger: silentLogger, channels: [channel] });
  await app.start();
  const self = mocker.createContact({ name: "减负助手" });
  mocker.login(self);
  await until(() => channel.loggedIn);
  const zhang = mocker.createContact({ name: "张三" });
  const wang = mocker.createContact({ name: "王主任" });
  const boss = mocker.createContact({ id: "wxid_boss", name: "督导李" });
  const room = mocker.createRoom({ topic: "东岗街道社区工作群", memberIdList: [self.id, zhang.id, wang.id, boss.id] });
  const botSaid = () => seen.filter((m) => m.talkerId === self.id).map((m) => ({ ...m, text: m.text ?? "" }));
  return { app, mocker, self, zhang, wang, boss, room, dbPath, botSaid };
}

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
