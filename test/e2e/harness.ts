import { spawn } from "node:child_process";
import { afterEach, beforeEach } from "vitest";
import type * as PUPPET from "wechaty-puppet";
import { PuppetMock, mock } from "wechaty-puppet-mock";
import { createApp, type App, type AppOptions as AppDeps } from "../../bot/app.js";
import { createWechatChannel } from "../../bot/channels/wechat.js";
import { readConfig } from "../../src/config.js";
import { silentLogger } from "../../src/logger.js";
import { startFakeDingtalkGateway, type FakeDingtalkGateway } from "../support/dingtalk-gateway.js";
import { tempDir, until } from "./support.js";

/*
 * The running bot of an end-to-end test: a fresh folder for its database, the app started over
 * the real channel, and everything stopped and removed after each test.
 */

type AppOptions = Partial<Omit<AppDeps, "config" | "logger">>;

/** Registers the per-test folder and the app's shutdown; `started` records the app to stop. */
function perTest(extra: { before?: () => Promise<void>; after?: () => Promise<void> } = {}) {
  const state: { tmp?: ReturnType<typeof tempDir>; app?: App } = {};
  beforeEach(async () => {
    state.tmp = tempDir();
    await extra.before?.();
  });
  afterEach(async () => {
    await state.app?.stop();
    state.app = undefined;
    await extra.after?.();
    state.tmp?.cleanup();
  });
  return {
    dir: () => state.tmp!.dir,
    async started(app: App): Promise<App> {
      state.app = app;
      await app.start();
      return app;
    },
  };
}

/** A fake DingTalk gateway on 127.0.0.1 per test, and the app started against it with the real dingtalk-stream client. */
export function dingtalkHarness() {
  let gateway: FakeDingtalkGateway | undefined;
  const t = perTest({
    before: async () => void (gateway = await startFakeDingtalkGateway()),
    after: async () => gateway?.close(),
  });
  return {
    get gateway(): FakeDingtalkGateway {
      return gateway!;
    },
    start(env: Record<string, string> = {}, opts: AppOptions = {}): Promise<App> {
      const config = readConfig({
        HEALTH_PORT: "0",
        DATABASE_PATH: `${t.dir()}/jianfu.db`,
        DINGTALK_CLIENT_ID: "dingclientid",
        DINGTALK_CLIENT_SECRET: "secret",
        DINGTALK_ROBOT_CODE: "dingrobot",
        DINGTALK_GATEWAY_URL: gateway!.gatewayUrl,
        DINGTALK_API_BASE: gateway!.base,
        SUPERVISORS: "dingtalk:boss01",
        ...env,
      });
      return createApp({ config, logger: silentLogger, ...opts }).then((app) => t.started(app));
    },
  };
}

/** A WeChat room through wechaty and wechaty-puppet-mock: the bot logged in, three members and a supervisor. */
export function wechatHarness() {
  const t = perTest();
  return {
    async room(opts: { topic: string; rooms?: string[] }) {
      const mocker = new mock.Mocker();
      const puppet = new PuppetMock({ mocker });
      const seen: PUPPET.payloads.Message[] = [];
      puppet.on("message", ({ messageId }) => void seen.push(mocker.messagePayload(messageId)));
      const dbPath = `${t.dir()}/jianfu.db`;
      const config = readConfig({ HEALTH_PORT: "0", DATABASE_PATH: dbPath, CHANNELS: "wechat", SUPERVISORS: "wechat:wxid_boss", WECHAT_ROOMS: (opts.rooms ?? []).join(",") });
      const channel = createWechatChannel({ puppet, rooms: config.WECHAT_ROOMS, botName: config.BOT_NAME, logger: silentLogger, minSendGapMs: 0, onScan: () => {} });
      const app = await t.started(await createApp({ config, logger: silentLogger, channels: [channel] }));
      const self = mocker.createContact({ name: "减负助手" });
      mocker.login(self);
      await until(() => channel.loggedIn);
      const zhang = mocker.createContact({ name: "张三" });
      const wang = mocker.createContact({ name: "王主任" });
      const boss = mocker.createContact({ id: "wxid_boss", name: "督导李" });
      const room = mocker.createRoom({ topic: opts.topic, memberIdList: [self.id, zhang.id, wang.id, boss.id] });
      const botSaid = () => seen.filter((m) => m.talkerId === self.id).map((m) => ({ ...m, text: m.text ?? "" }));
      return { app, mocker, self, zhang, wang, boss, room, dbPath, botSaid };
    },
  };
}

/** The console bot as a user drives it: `tsx bot/main.ts` with scripted stdin, in a fresh folder per test. */
export function consoleHarness() {
  const t = perTest();
  return {
    dir: t.dir,
    run(lines: string[], env: Record<string, string> = {}): Promise<{ code: number | null; stdout: string; stderr: string }> {
      const child = spawn(process.execPath, ["--import", "tsx", "bot/main.ts"], {
        cwd: process.cwd(),
        // Only what the bot needs: no platform credentials leak in from the developer's shell.
        env: { PATH: process.env.PATH ?? "", HOME: t.dir(), ENV_FILE: "", HEALTH_PORT: "0", DATABASE_PATH: `${t.dir()}/jianfu.db`, ...env },
        stdio: ["pipe", "pipe", "pipe"],
      });
      let stdout = "";
      let stderr = "";
      child.stdout.setEncoding("utf8").on("data", (d: string) => (stdout += d));
      child.stderr.setEncoding("utf8").on("data", (d: string) => (stderr += d));
      child.stdin.end(lines.map((l) => `${l}\n`).join(""));
      return new Promise((resolve, reject) => {
        child.once("error", reject);
        child.once("close", (code) => resolve({ code, stdout, stderr }));
      });
    },
  };
}
