import { chmodSync, mkdtempSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { readConfig } from "../../src/config.js";
import { createEngine } from "../../src/engine.js";
import { createLogger, secretsOf } from "../../src/logger.js";
import { openSqliteStore } from "../../src/store/sqlite-store.js";
import { startOpenAiServer, type FakeOpenAiServer } from "../support/openai-server.js";
import { captureLogs } from "../support/log-capture.js";
import { createTestBot, type TestBot } from "./support/harness.js";
import { TestChannel } from "./support/test-channel.js";

const dirs: string[] = [];
let openai: FakeOpenAiServer | undefined;
afterEach(async () => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  await openai?.close();
  openai = undefined;
});
const tempDir = () => {
  const d = mkdtempSync(join(tmpdir(), "jianfu-security-"));
  dirs.push(d);
  return d;
};

async function say(bot: TestBot, text: string, org: { id: string; home: boolean }, senderId = "boss"): Promise<string> {
  const m = bot.channel.message(text, { groupId: undefined, senderId, org });
  await bot.channel.deliver(m);
  return bot.channel.repliesTo(m.messageId)[0] ?? "";
}

describe("supervisors", () => {
  it("a user of another organisation with a supervisor's user id is not a supervisor", async () => {
    const bot = await createTestBot({ SUPERVISORS: "test:boss" });
    expect(await say(bot, "汇总", { id: "ding-other", home: false })).toContain("仅供督导使用");
    expect(await say(bot, "汇总", { id: "ding-ours", home: true })).toContain("没有待处理");
  });

  it("an entry naming an organisation matches that organisation only", async () => {
    const bot = await createTestBot({ SUPERVISORS: "dingtalk:ding-partner/boss" }, { channel: new TestChannel("dingtalk") });
    const dingtalk = (text: string, org: { id: string; home: boolean }) => {
      const m = bot.channel.message(text, { groupId: undefined, senderId: "boss", org });
      return bot.channel.deliver(m).then(() => bot.channel.repliesTo(m.messageId)[0] ?? "");
    };
    expect(await dingtalk("汇总", { id: "ding-partner", home: false })).toContain("没有待处理");
    expect(await dingtalk("汇总", { id: "ding-ours", home: true })).toContain("仅供督导使用");
  });
});

describe("database files", () => {
  it("are 0600 in a 0700 directory, and a file left readable by others is narrowed", () => {
    const root = tempDir();
    const path = join(root, "data", "jianfu.db");
    const store = openSqliteStore(path);
    store.addAnswerFeedback(1, "x"); // a write, so the WAL files exist
    store.logAnswer({ time: new Date(), channel: "t", question: "q", verdict: "info", citations: [], composer: "offline" });
    const mode = (p: string) => statSync(p).mode & 0o777;
    expect(mode(join(root, "data"))).toBe(0o700);
    for (const file of [path, `${path}-wal`, `${path}-shm`]) expect(mode(file)).toBe(0o600);
    store.close();

    const old = join(root, "old.db");
    writeFileSync(old, "");
    chmodSync(old, 0o644);
    openSqliteStore(old).close();
    expect(mode(old)).toBe(0o600);
  });
});

describe("logs", () => {
  it("an endpoint that echoes the API key never gets it into the logs", async () => {
    openai = await startOpenAiServer();
    openai.reply({ status: 401, echoKey: true });
    const key = "sk-live-2f8a0c9d4e6b1a7f3c5e9d2b";
    const config = readConfig({ OPENAI_BASE_URL: openai.url, OPENAI_MODEL: "m", OPENAI_API_KEY: key, LLM_MAX_RETRIES: "2", DATA_DIR: tempDir() });
    let text = "";
    const logger = createLogger("debug", secretsOf(config), { write: (line: string) => (text += line) });
    const engine = await createEngine({ config, logger });
    const answer = await engine.ask("社区要负责电梯安全检查吗？");
    expect(answer.composer).toBe("offline");
    expect(openai.chatRequests().length).toBeGreaterThan(0);
    expect(text).toContain("LLM answer not used");
    expect(text).not.toContain(key);
    expect(text).toContain("[已隐藏]");
  });

  it("message text stays out of logs above debug", async () => {
    const logs = captureLogs("info");
    const bot = await createTestBot({ REMIND_IN_GROUP: "true" }, { logger: logs.logger, notify: true });
    const texts = ["各社区请于周五前完成燃气检查", "@减负助手 燃气检查归社区吗", "核查 请各社区完成电梯检查并上报", "@减负助手 第999项"];
    for (const t of texts) await bot.channel.deliver(bot.channel.message(t, { mentionsBot: t.startsWith("@") }));
    await bot.channel.deliver(bot.channel.message("核查 请各社区完成锅炉检查并上报", { groupId: undefined }));
    bot.engine.askError = new Error("index broken");
    await bot.channel.deliver(bot.channel.message("@减负助手 锅炉归社区吗", { mentionsBot: true }));
    expect(logs.lines().length).toBeGreaterThan(3);
    for (const t of [...texts, "请各社区完成锅炉检查并上报", "锅炉归社区吗"]) {
      for (const piece of t.replace(/^@减负助手 |^核查 /, "").match(/.{6}/gu) ?? []) expect(logs.text()).not.toContain(piece);
    }
  });
});
