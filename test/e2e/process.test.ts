import { execFileSync, spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { openSqliteStore } from "../../src/store/sqlite-store.js";
import { freePort } from "../bot/support/free-port.js";
import { startFakeDingtalkGateway, type FakeDingtalkGateway } from "../support/dingtalk-gateway.js";
import { PUSH, QUESTION, spawnBot, tempDir, until, type BotProcess } from "./support.js";

/**
 * The bot as a process, the way production runs it: `npm run build`, then `node dist/bot/main.js`,
 * against the fake DingTalk on 127.0.0.1: signals, kill -9, piped console input.
 */
let tmp: ReturnType<typeof tempDir>;
let gateway: FakeDingtalkGateway | undefined;
let running: BotProcess[] = [];

beforeAll(() => {
  execFileSync("npm", ["run", "--silent", "build"], { cwd: process.cwd(), stdio: "ignore" });
}, 180_000);

beforeEach(() => {
  tmp = tempDir();
});

afterEach(async () => {
  for (const bot of running) bot.child.kill("SIGKILL");
  running = [];
  await gateway?.close();
  gateway = undefined;
  tmp.cleanup();
});

function bot(env: Record<string, string>, opts: { source?: boolean } = {}): BotProcess {
  const b = spawnBot({ DATABASE_PATH: `${tmp.dir}/jianfu.db`, ...env }, opts);
  running.push(b);
  return b;
}

async function dingtalkEnv(extra: Record<string, string> = {}): Promise<Record<string, string>> {
  gateway ??= await startFakeDingtalkGateway();
  return {
    DINGTALK_CLIENT_ID: "dingclientid",
    DINGTALK_CLIENT_SECRET: "secret",
    DINGTALK_GATEWAY_URL: gateway.gatewayUrl,
    DINGTALK_API_BASE: gateway.base,
    LOG_LEVEL: "info",
    ...extra,
  };
}

function robotMessage(overrides: Record<string, unknown>) {
  const base = JSON.parse(readFileSync(new URL("../fixtures/dingtalk/group-at-message.json", import.meta.url), "utf8"));
  return { ...base, sessionWebhook: gateway!.webhookUrl(), ...overrides };
}

const lines = (n: number, make: (i: number) => string) => Array.from({ length: n }, (_, i) => `${make(i)}\n`).join("");

describe("the compiled bot", () => {
  it("node dist/bot/main.js answers piped questions, 25 of them without waiting for a rate limit, and exits", async () => {
    const b = bot({});
    b.child.stdin.end(lines(25, (i) => `张三: @减负助手 拆违归社区吗？（${i}）`));
    expect(await b.exited).toEqual({ code: 0, signal: null });
    expect(b.stdout().match(/【减负助手】@张三 /g)).toHaveLength(25);
  }, 60_000);

  it("console message ids are unique across runs: a second run stores its own flag and the supervisor sees the new one", async () => {
    const first = bot({ SUPERVISORS: "console:督导" });
    first.child.stdin.end(`王主任: ${PUSH}\n`);
    await first.exited;
    const second = bot({ SUPERVISORS: "console:督导" });
    second.child.stdin.end("赵科长: 各社区请于周五前完成辖区电梯安全检查并上报台账。\n/as 督导\n/private 汇总\n");
    await second.exited;
    const store = openSqliteStore(`${tmp.dir}/jianfu.db`);
    try {
      expect(store.listFlags().map((f) => f.senderName)).toEqual(["王主任", "赵科长"]);
    } finally {
      store.close();
    }
    expect(second.stdout()).toMatch(/【私聊 → 督导】[\s\S]*赵科长/);
  }, 60_000);

  it("SIGTERM stops it cleanly; a second signal during the shutdown exits at once and says what is left", async () => {
    const env = await dingtalkEnv({ SHUTDOWN_SECONDS: "30" });
    const b = bot(env);
    await until(() => gateway!.openSockets === 1);
    gateway!.webhookDelayMs = 20_000;
    gateway!.pushRobotMessage(robotMessage({ msgId: "slow-1", text: { content: ` ${QUESTION}` } }));
    await gateway!.waitFor(() => gateway!.webhookPosts.length === 1);
    b.child.kill("SIGTERM");
    await until(() => b.stderr().includes("正在停止"));
    b.child.kill("SIGTERM");
    expect(await b.exited).toEqual({ code: 143, signal: null });
    expect(b.stderr()).toContain("停止过程中再次收到信号，立即退出");
  }, 60_000);

  it("a single SIGTERM ends the process with 0 and closes the DingTalk connection", async () => {
    const port = await freePort();
    const b = bot(await dingtalkEnv({ HEALTH_PORT: String(port) }));
    await until(() => gateway!.openSockets === 1);
    expect((await fetch(`http://127.0.0.1:${port}/healthz`)).status).toBe(200);
    b.child.kill("SIGTERM");
    expect(await b.exited).toEqual({ code: 0, signal: null });
    await until(() => gateway!.openSockets === 0);
  }, 60_000);

  it("a credential error exits non-zero with a clear message", async () => {
    const env = await dingtalkEnv();
    gateway!.clientSecret = "rotated";
    const b = bot(env);
    expect((await b.exited).code).toBe(1);
    expect(b.stderr()).toContain("钉钉拒绝了应用凭证");
    expect(b.stderr()).toContain("DINGTALK_CLIENT_SECRET");
  }, 60_000);

  it("kill -9 loses no acked push: every push acked before the kill has its flag, and the rest come in after the restart", async () => {
    const env = await dingtalkEnv();
    const first = bot(env);
    await until(() => gateway!.openSockets === 1);
    const frames = new Map<string, string>();
    const now = Date.now();
    const pushOne = (i: number) =>
      frames.set(gateway!.pushRobotMessage(robotMessage({ msgId: `k-${i}`, createAt: now, isInAtList: false, text: { content: `${PUSH}（${i}）` } })), `k-${i}`);
    for (let i = 0; i < 300; i++) pushOne(i);
    await gateway!.waitFor(() => gateway!.acks.length >= 50);
    first.child.kill("SIGKILL");
    await first.exited;
    const acked = new Set(gateway!.acks.map((a) => frames.get(a.headers.messageId)).filter(Boolean));
    const store = openSqliteStore(`${tmp.dir}/jianfu.db`);
    const stored = new Set(store.listFlags().map((f) => f.messageId));
    store.close();
    for (const id of acked) expect(stored.has(id!)).toBe(true);

    // DingTalk delivers again what was not acked (and, to be sure, everything): each is stored once.
    const second = bot(env);
    await until(() => gateway!.openSockets === 1);
    const acksBefore = gateway!.acks.length;
    for (let i = 0; i < 300; i++) pushOne(i);
    await gateway!.waitFor(() => gateway!.acks.length >= acksBefore + 300);
    second.child.kill("SIGTERM");
    await second.exited;
    const after = openSqliteStore(`${tmp.dir}/jianfu.db`);
    try {
      expect(after.listFlags().map((f) => f.messageId).sort()).toEqual(Array.from({ length: 300 }, (_, i) => `k-${i}`).sort());
    } finally {
      after.close();
    }
  }, 90_000);
});

describe("what the compiled bot loads", () => {
  const loaded = async (env: Record<string, string>, stdin = "") => {
    const trace = `${tmp.dir}/imports.txt`;
    const b = spawnBot({ DATABASE_PATH: `${tmp.dir}/jianfu.db`, TRACE_IMPORTS: trace, ...env }, { args: ["--import", "./test/support/trace-imports.mjs", "dist/bot/main.js"] });
    running.push(b);
    return { b, trace };
  };
  /** Package names ("@langchain/core" as "@langchain") of the modules loaded. */
  const libraries = (trace: string) =>
    new Set(readFileSync(trace, "utf8").match(/node_modules\/(@?[^/]+)\//g)?.map((m) => m.slice(13, -1)) ?? []);

  it("wechaty, dingtalk-stream and the LLM libraries are loaded only when configured", async () => {
    const { b, trace } = await loaded({});
    b.child.stdin.end(`@减负助手 ${QUESTION}\n`);
    expect((await b.exited).code).toBe(0);
    const offline = libraries(trace);
    expect(offline.has("better-sqlite3")).toBe(true);
    for (const lib of ["wechaty", "dingtalk-stream", "@langchain", "openai", "hnswlib-node"]) expect(offline.has(lib)).toBe(false);

    const { b: withDingtalk, trace: trace2 } = await loaded(await dingtalkEnv());
    await until(() => gateway!.openSockets === 1);
    withDingtalk.child.kill("SIGTERM");
    await withDingtalk.exited;
    const online = libraries(trace2);
    expect(online.has("dingtalk-stream")).toBe(true);
    expect(online.has("wechaty")).toBe(false);
  }, 60_000);
});

describe("npm start", () => {
  it("SIGTERM to npm no longer leaves the bot orphaned and connected", async () => {
    const env = await dingtalkEnv();
    const npm = spawn("npm", ["start"], {
      cwd: process.cwd(),
      env: { PATH: process.env.PATH ?? "", HOME: tmp.dir, ENV_FILE: "", HEALTH_PORT: "0", DATABASE_PATH: `${tmp.dir}/jianfu.db`, ...env },
      stdio: "ignore",
    });
    await until(() => gateway!.openSockets === 1);
    npm.kill("SIGTERM");
    await until(() => gateway!.openSockets === 0);
  }, 60_000);
});
