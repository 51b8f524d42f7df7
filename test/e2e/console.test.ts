import { spawn } from "node:child_process";
import { writeFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { openSqliteStore } from "../../src/store/sqlite-store.js";
import { freePort } from "../bot/support/free-port.js";
import { consoleHarness } from "./harness.js";
import { PUSH, QUESTION, until } from "./support.js";

/** The console as a user drives it: `tsx bot/main.ts` with a scripted stdin, nothing configured. */
const bot = consoleHarness();
const runBot = bot.run;

describe("console end to end", () => {
  it("answers a question with citations, flags a push for the supervisor, and exits when input ends", async () => {
    const { code, stdout, stderr } = await runBot(
      [`王主任: ${PUSH}`, `@减负助手 ${QUESTION}`, "/as 督导李", "/private 汇总"],
      { SUPERVISORS: "console:督导李" },
    );
    expect(stderr).not.toMatch(/"level":(50|60)/);
    expect(code).toBe(0);

    // The flag, as the supervisor is notified.
    expect(stdout).toMatch(/【私聊 → 督导李】【督导提示】新标记 #1/);
    // The answer, at the asker, with numbered citations of knowledge ids.
    expect(stdout).toContain("【减负助手】@社区工作者 ");
    expect(stdout).toMatch(/引用：(gansu|national|doc)\//);
    // The supervisor's digest on demand.
    expect(stdout).toMatch(/【私聊 → 督导李】[\s\S]*督导汇总[\s\S]*王主任/);

    const store = openSqliteStore(`${bot.dir()}/jianfu.db`);
    try {
      expect(store.listFlags()).toMatchObject([{ channel: "console", senderName: "王主任", text: PUSH }]);
      expect(store.listAnswers()).toHaveLength(1);
    } finally {
      store.close();
    }
  });

  it("serves /healthz while running and stops cleanly on SIGTERM", async () => {
    const port = await freePort();
    const child = spawn(process.execPath, ["--import", "tsx", "bot/main.ts"], {
      cwd: process.cwd(),
      env: { PATH: process.env.PATH ?? "", HOME: bot.dir(), ENV_FILE: "", HEALTH_PORT: String(port), DATABASE_PATH: `${bot.dir()}/jianfu.db` },
      stdio: ["pipe", "pipe", "pipe"],
    });
    let stdout = "";
    child.stdout.setEncoding("utf8").on("data", (d: string) => (stdout += d));
    const closed = new Promise<number | null>((resolve) => child.once("close", (code) => resolve(code)));
    // Input stays open: the bot runs until it is told to stop.
    child.stdin.write("/help\n");
    await until(() => stdout.includes("用法："));
    const res = await fetch(`http://127.0.0.1:${port}/healthz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ ok: true, channels: [{ name: "console", started: true }], flags: { pending: 0 } });
    child.kill("SIGTERM");
    expect(await closed).toBe(0);
    await expect(fetch(`http://127.0.0.1:${port}/healthz`)).rejects.toThrow();
  });

  it("a configuration error prints its Chinese message and exits 1", async () => {
    const { code, stderr } = await runBot([], { CHANNELS: "telegram" });
    expect(code).toBe(1);
    expect(stderr).toContain("CHANNELS：含未知渠道 telegram");
  });

  it("reads ENV_FILE, with the environment winning over the file", async () => {
    writeFileSync(`${bot.dir()}/bot.env`, "CHANNELS=telegram\nDIGEST_CRON=bad\n");
    const fromFile = await runBot([], { ENV_FILE: `${bot.dir()}/bot.env`, CHANNELS: "console" });
    expect(fromFile.code).toBe(1);
    expect(fromFile.stderr).toContain("DIGEST_CRON");
    expect(fromFile.stderr).not.toContain("telegram");
  });
});
