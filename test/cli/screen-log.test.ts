import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PassThrough } from "node:stream";
import { describe, expect, it } from "vitest";
import { parseLogLine } from "../../bot/cli/chat-log.js";
import { runCli } from "../../bot/cli.js";
import { openSqliteStore } from "../../src/store/sqlite-store.js";

function io() {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  const chunks: Buffer[] = [];
  stdout.on("data", (c) => chunks.push(c));
  stderr.resume();
  return { stdin: new PassThrough(), stdout, stderr, out: () => Buffer.concat(chunks).toString("utf8") };
}

describe("chat log lines", () => {
  it("reads plain lines with time and sender, in the configured time zone", () => {
    const m = parseLogLine("[2024-05-01 09:30] 王某：各社区请周五前报表", "Asia/Shanghai")!;
    expect(m).toMatchObject({ sender: "王某", text: "各社区请周五前报表" });
    expect(m.time?.toISOString()).toBe("2024-05-01T01:30:00.000Z");
  });

  it("reads JSON lines and bare text, skips blank lines", () => {
    expect(parseLogLine('{"content":"收到","from":"李四","room":"一群"}')).toMatchObject({ text: "收到", sender: "李四", group: "一群" });
    expect(parseLogLine("只有一句话")).toEqual({ text: "只有一句话", sender: undefined, time: undefined });
    expect(parseLogLine("   ")).toBeUndefined();
  });
});

describe("screen-log", () => {
  it("stores the pushes of a log once, however often it is imported, and prints the digest", async () => {
    const dir = mkdtempSync(join(tmpdir(), "jianfu-log-"));
    const log = join(dir, "书记群.txt");
    writeFileSync(
      log,
      [
        "[2024-05-01 09:00] 街道安监办: 各社区：请于本周五前对辖区所有加油站、五金店的危险化学品存放开展检查，检查表盖章后报街道。",
        "[2024-05-01 09:02] 张三: 收到",
        "[2024-05-01 09:05] 李四: 今天食堂几点开饭？",
      ].join("\n"),
    );
    const env = { DATABASE_PATH: join(dir, "j.db"), DATA_DIR: dir };
    for (let i = 0; i < 2; i++) {
      const s = io();
      expect(await runCli(["screen-log", log], s, env)).toBe(0);
      expect(s.out()).toContain("共标记 1 条");
      expect(s.out()).toContain("gansu/negative/7");
    }
    const store = openSqliteStore(env.DATABASE_PATH);
    const flags = store.listFlags();
    store.close();
    expect(flags).toHaveLength(1);
    expect(flags[0]).toMatchObject({ groupName: "书记群", senderName: "街道安监办", category: "negative", channel: "import" });
  });
});

describe("answers", () => {
  it("lists logged answers with their feedback, newest first", async () => {
    const dir = mkdtempSync(join(tmpdir(), "jianfu-answers-"));
    const env = { DATABASE_PATH: join(dir, "j.db"), DATA_DIR: dir };
    const store = openSqliteStore(env.DATABASE_PATH);
    const base = { time: new Date(), channel: "wechat", question: "拆违归社区吗", verdict: "negative", citations: ["gansu/negative/2"], composer: "offline" };
    store.logAnswer(base);
    const second = store.logAnswer({ ...base, question: "调解归社区吗", verdict: "duty", citations: ["gansu/duty/4"] });
    store.addAnswerFeedback(second, "反馈：答得对");
    store.addAnswerFeedback(second, "有用");
    store.close();
    let s = io();
    expect(await runCli(["answers"], s, env)).toBe(0);
    const lines = s.out().trim().split("\n");
    expect(lines[0]).toContain("调解归社区吗");
    expect(lines[1]).toMatch(/^ {6}反馈（[\d-]+ [\d:]+）：反馈：答得对$/);
    expect(lines[2]).toMatch(/^ {6}反馈（[\d-]+ [\d:]+）：有用$/);
    expect(lines[3]).toContain("拆违归社区吗");
    s = io();
    expect(await runCli(["answers", "--feedback", "--json"], s, env)).toBe(0);
    expect(s.out().trim().split("\n").map((l) => JSON.parse(l).question)).toEqual(["调解归社区吗"]);
  });
});
